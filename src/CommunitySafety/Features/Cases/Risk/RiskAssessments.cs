using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Strands;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases.Risk;

/// <param name="PersonId">The person assessed, one of the case's people in the instrument's role; may be left out when there is only one.</param>
public sealed record RiskAssessmentInput(IReadOnlyDictionary<string, RiskAnswer> Answers, int? PersonId, RiskBand? OverrideBand, string? OverrideReason);

/// <summary>The saved record and the triggers that fired, or the field errors (key → message) when nothing was saved.</summary>
public sealed record RiskAssessmentOutcome(RiskAssessmentRecord? Record, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<RiskTrigger> Triggers)
{
    public bool Saved => Record is not null;
}

/// <summary>
/// Completing any strand's risk instrument on a case (the core risk page and the API share it): checks the answers,
/// scores them, applies professional judgement (raise only), records which triggers fired, keeps the case's current
/// band, and writes the timeline and audit entries.
/// Error keys: <c>Answers[id]</c>, <c>PersonId</c>, <c>OverrideBand</c>, <c>OverrideReason</c>.
/// </summary>
public sealed class RiskAssessments(AppDb db, CaseService cases, AuditLog audit, StrandCatalogue strands)
{
    /// <summary>The named instrument (latest version), or the one the case's type uses when none is named.</summary>
    public RiskInstrument? InstrumentFor(Case c, string? code) =>
        strands.RiskInstrument(string.IsNullOrWhiteSpace(code) ? strands.CaseType(c.Type)?.RiskInstrument : code.Trim());

    /// <summary>The case's people the instrument may assess (id, name), or none for an instrument about the case as a whole.</summary>
    /// <remarks>Only people the user may see (<see cref="CaseAccess.People"/>): a person another agency holds is on the case
    /// as a signpost, and is assessed by an agency that sees them.</remarks>
    public async Task<IReadOnlyList<(int Id, string Name)>> PeopleAssessedAsync(ClaimsPrincipal user, Case c, RiskInstrument instrument, CancellationToken ct)
    {
        if (instrument.Assesses is not { } role)
        {
            return [];
        }
        var visible = CaseAccess.People(db, user).Select(p => p.Id);
        var people = await db.Set<CasePerson>().AsNoTracking().Where(p => p.CaseId == c.Id && p.Role == role && visible.Contains(p.PersonId))
            .Select(p => new { p.PersonId, p.Person!.Forename, p.Person.Surname }).ToListAsync(ct);
        return people.Select(p => (p.PersonId, $"{p.Forename} {p.Surname}")).ToList();
    }

    /// <param name="c">A tracked case the user may see (its current band is updated).</param>
    public async Task<RiskAssessmentOutcome> SaveAsync(ClaimsPrincipal user, Case c, RiskInstrument instrument, RiskAssessmentInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in RiskScoring.Check(instrument, input.Answers))
        {
            errors[$"Answers[{e.QuestionId}]"] = e.Message;
        }
        foreach (var id in input.Answers.Keys.Where(k => instrument.Question(k) is null))
        {
            errors[$"Answers[{id}]"] = $"{id} is not a question of {instrument.Code} version {instrument.Version}";
        }
        var people = await PeopleAssessedAsync(user, c, instrument, ct);
        int? personId = input.PersonId;
        if (personId is { } pid && people.All(p => p.Id != pid))
        {
            errors["PersonId"] = $"Select the {instrument.Assesses?.ToString().ToLowerInvariant() ?? "person"} being assessed from those on this case";
        }
        else if (personId is null && people.Count == 1)
        {
            personId = people[0].Id;
        }
        if (errors.Count > 0)
        {
            return new(null, errors, []);
        }

        var score = RiskScoring.Score(instrument, input.Answers);
        var judged = RiskScoring.ApplyOverride(score.ComputedBand, input.OverrideBand, input.OverrideReason);
        if (!judged.Accepted)
        {
            errors[input.OverrideBand < score.ComputedBand ? "OverrideBand" : "OverrideReason"] = judged.Error!;
            return new(null, errors, []);
        }
        var triggers = RiskScoring.Triggers(instrument, score, judged.FinalBand);
        var record = new RiskAssessmentRecord
        {
            CaseId = c.Id,
            PersonId = personId,
            InstrumentCode = score.InstrumentCode,
            InstrumentVersion = score.InstrumentVersion,
            AnswersJson = RiskAnswerJson.Write(input.Answers),
            Score = score.Score,
            ComputedBand = score.ComputedBand,
            FinalBand = judged.FinalBand,
            OverrideReason = judged.IsOverridden ? judged.Reason : null,
            TriggersFired = triggers.Count == 0 ? null : string.Join(",", triggers.Select(t => t.Code)),
            AssessorUserId = user.UserId(),
            AssessorName = user.DisplayName(),
            AssessorAgencyId = user.AgencyId(),
            AssessedUtc = cases.Now,
        };
        db.Set<RiskAssessmentRecord>().Add(record);
        c.CurrentRiskBand = judged.FinalBand;
        c.UpdatedUtc = cases.Now;
        cases.Changed(user, c.Id, CaseEventKinds.RiskAssessed,
            $"{instrument.Name}: score {score.Score}, computed {score.ComputedBand}, final {judged.FinalBand}"
            + (triggers.Count == 0 ? "" : "; " + string.Join(" ", triggers.Select(t => t.Text))));
        // One save: the result, the case's band, the timeline line and both audit entries are kept or lost together.
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "risk-assessment", record.Id.ToString(CultureInfo.InvariantCulture),
            $"Case {c.Reference}: {record.InstrumentCode} v{record.InstrumentVersion} score {record.Score}, final {record.FinalBand}"));
        await db.SaveChangesAsync(ct);
        return new(record, errors, triggers);
    }
}
