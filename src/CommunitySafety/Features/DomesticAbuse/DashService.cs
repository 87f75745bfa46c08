using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Risk;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.DomesticAbuse.Rules;
using CommunitySafety.Features.Strands;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse;

/// <summary>What a DASH form or the API sends: the answers so far (unanswered questions left out), and judgement.</summary>
public sealed record DashInput(
    IReadOnlyDictionary<string, RiskAnswer> Answers,
    IReadOnlyList<DashRedFlag> RedFlags,
    RiskBand? AssessorBand,
    string? AssessorReason,
    int? VictimPersonId,
    string? Notes);

/// <summary>The saved record (a draft when <see cref="Unanswered"/> is not empty) or the field errors when nothing was saved.</summary>
public sealed record DashOutcome(DashRecord? Record, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Unanswered, bool Conflict = false)
{
    public bool Saved => Record is not null;
}

/// <summary>A DARA grading recorded from the police system.</summary>
public sealed record DaraInput(RiskBand? Grading, DateOnly? AssessedOn, int? VictimPersonId, string? PoliceReference);

/// <summary>
/// DASH and DARA on domestic abuse cases (pages and API share it). Error keys: <c>Answers[id]</c>, <c>VictimPersonId</c>,
/// <c>OverrideBand</c>, <c>OverrideReason</c>, <c>Grading</c>, <c>AssessedOn</c>.
/// </summary>
public sealed class DashService(AppDb db, CaseService cases, AuditLog audit, StrandCatalogue strands, RiskAssessments assessments,
    IHttpContextAccessor http)
{
    public RiskInstrument Dash => strands.RiskInstrument(DashChecklist.Code) ?? DashChecklist.Default;

    public DateTime Now => cases.Now;

    /// <summary>
    /// A domestic abuse case the user may see (tracked when it will change), or null. A case that exists but is outside
    /// the user's need to know is refused and the refusal audited (<c>authz.denied</c>); the caller answers 404 either way.
    /// </summary>
    public async Task<Case?> FindCaseAsync(ClaimsPrincipal user, int id, bool tracked, CancellationToken ct)
    {
        var query = CaseAccess.Cases(db, user).Where(c => c.Id == id && c.Type == DomesticAbuseStrand.Code);
        var c = tracked ? await query.FirstOrDefaultAsync(ct) : await query.AsNoTracking().FirstOrDefaultAsync(ct);
        if (c is null && await db.Set<Case>().AnyAsync(x => x.Id == id, ct))
        {
            AccessRefusals.Refused(http.HttpContext, "case", id);
        }
        return c;
    }

    /// <summary>The case's victims the user may see (id, name): whom a DASH may assess.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> VictimsAsync(ClaimsPrincipal user, Case c, CancellationToken ct) =>
        await assessments.PeopleAssessedAsync(user, c, Dash, ct);

    /// <summary>
    /// Saves a DASH. With questions unanswered it is kept as a draft, not scored, to be completed later. With every
    /// question answered it is scored and judged (red flags and the assessor's band raise it, nothing lowers it) and
    /// kept with the core risk assessment in one transaction, with its timeline line and audit entries.
    /// </summary>
    /// <param name="c">A tracked case the user may see.</param>
    /// <param name="draftId">The draft being completed or continued, with the version the form was built from.</param>
    public async Task<DashOutcome> SaveAsync(ClaimsPrincipal user, Case c, DashInput input, int? draftId, int? version, CancellationToken ct)
    {
        var dash = Dash;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in input.Answers.Keys.Where(k => dash.Question(k) is null))
        {
            errors[$"Answers[{id}]"] = $"{id} is not a question of DASH version {dash.Version}";
        }
        foreach (var e in RiskScoring.Check(dash, input.Answers).Where(e => input.Answers.ContainsKey(e.QuestionId)))
        {
            errors[$"Answers[{e.QuestionId}]"] = e.Message;
        }
        var victims = await VictimsAsync(user, c, ct);
        var victimId = input.VictimPersonId;
        if (victimId is { } v && victims.All(p => p.Id != v))
        {
            errors["VictimPersonId"] = "Select the victim being assessed from those on this case";
        }
        else if (victimId is null && victims.Count == 1)
        {
            victimId = victims[0].Id;
        }
        else if (victimId is null && victims.Count > 1)
        {
            errors["VictimPersonId"] = "Select the victim being assessed";
        }
        if (!string.IsNullOrWhiteSpace(input.AssessorReason) && input.AssessorReason.Length > 2000)
        {
            errors["OverrideReason"] = "Reason must be 2,000 characters or fewer";
        }

        DashRecord? record = null;
        if (draftId is { } did)
        {
            record = await db.Set<DashRecord>().FirstOrDefaultAsync(d => d.Id == did && d.CaseId == c.Id, ct);
            if (record is null || record.Status != DashStatus.Draft)
            {
                errors["Draft"] = "This DASH is no longer a draft: start a new one";
            }
            else if (version is { } ver && ver != record.Version)
            {
                return new(null, new Dictionary<string, string> { ["Draft"] = "Someone else saved this draft after you opened it. Reload it and enter your changes again." }, [], Conflict: true);
            }
        }
        if (errors.Count > 0)
        {
            return new(null, errors, []);
        }

        var answers = input.Answers.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var unanswered = dash.Questions.Where(q => !answers.ContainsKey(q.Id)).Select(q => q.Id).ToList();
        DashJudged? judged = null;
        if (unanswered.Count == 0)
        {
            judged = DashJudgement.Judge(dash, answers, input.RedFlags, input.AssessorBand, input.AssessorReason);
            if (judged.Error is not null)
            {
                return new(null, new Dictionary<string, string> { [judged.ErrorField!] = judged.Error }, []);
            }
        }

        var now = Now;
        var isNew = record is null;
        record ??= new DashRecord
        {
            CaseId = c.Id,
            StartedUtc = now,
            AssessorUserId = user.UserId(),
            AssessorName = user.DisplayName(),
            AssessorAgencyId = user.AgencyId() ?? 0,
        };
        record.VictimPersonId = victimId;
        record.AnswersJson = RiskAnswerJson.Write(answers);
        record.RecordedRedFlags = DashRecord.WriteFlags(input.RedFlags);
        record.AssessorBand = input.AssessorBand;
        record.AssessorReason = string.IsNullOrWhiteSpace(input.AssessorReason) ? null : input.AssessorReason.Trim();
        record.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        record.UpdatedUtc = now;
        if (isNew)
        {
            db.Add(record);
        }

        if (judged?.Result is not { } result)
        {
            record.Status = DashStatus.Draft;
            cases.Changed(user, c.Id, CaseEventKinds.StrandStep,
                $"DASH saved as a draft: {answers.Count} of {dash.Questions.Count} questions answered; not scored until complete");
            audit.AddOnceSaved(() => new AuditEntry(isNew ? AuditActions.Create : AuditActions.Change, "da-dash", Id(record.Id),
                $"Case {c.Reference}: DASH draft, {answers.Count} of {dash.Questions.Count} answered"));
            await db.SaveChangesAsync(ct);
            return new(record, errors, unanswered);
        }

        return await db.InOneTransactionAsync(async ct =>
        {
            record.Status = DashStatus.Completed;
            record.YesCount = result.YesCount;
            record.ComputedBand = result.ComputedBand;
            record.FinalBand = result.FinalBand;
            record.RedFlags = DashRecord.WriteFlags(result.RedFlags);
            record.JudgementReason = result.Reason;
            record.CompletedUtc = now;
            audit.AddOnceSaved(() => new AuditEntry(isNew ? AuditActions.Create : AuditActions.Change, "da-dash", Id(record.Id),
                $"Case {c.Reference}: DASH completed, {result.YesCount} yes, computed {result.ComputedBand}, final {result.FinalBand}"
                + (result.RedFlags.Count == 0 ? "" : "; red flags " + string.Join(",", result.RedFlags))));
            // The core keeps the scored result (and the case's current band) like any strand's instrument; judgement has
            // already been applied here, so it is passed on as a raise with its reason.
            var core = await assessments.SaveAsync(user, c, dash, new RiskAssessmentInput(answers, victimId,
                result.FinalBand > result.ComputedBand ? result.FinalBand : null, result.Reason), ct);
            if (!core.Saved)
            {
                throw new InvalidOperationException("The core refused a DASH the strand accepted: " + string.Join("; ", core.Errors.Values));
            }
            record.RiskAssessmentId = core.Record!.Id;
            await db.SaveChangesAsync(ct);
            return new DashOutcome(record, errors, []);
        }, ct);
    }

    /// <summary>Records a DARA grading from the police system: the grading and date only.</summary>
    public async Task<(DaraRecord? Record, IReadOnlyDictionary<string, string> Errors)> RecordDaraAsync(ClaimsPrincipal user, Case c, DaraInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.Grading is not { } grading || !Enum.IsDefined(grading))
        {
            errors["Grading"] = "Select the DARA grading: standard, medium or high";
        }
        var today = DateOnly.FromDateTime(UkTime.ToUk(Now));
        if (input.AssessedOn is not { } on)
        {
            errors["AssessedOn"] = "Enter the date the DARA was completed";
        }
        else if (on > today)
        {
            errors["AssessedOn"] = "Date the DARA was completed must be today or in the past";
        }
        var victims = await VictimsAsync(user, c, ct);
        var victimId = input.VictimPersonId;
        if (victimId is { } v && victims.All(p => p.Id != v))
        {
            errors["VictimPersonId"] = "Select the victim from those on this case";
        }
        else if (victimId is null && victims.Count == 1)
        {
            victimId = victims[0].Id;
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var record = new DaraRecord
        {
            CaseId = c.Id,
            VictimPersonId = victimId,
            Grading = input.Grading!.Value,
            AssessedOn = input.AssessedOn!.Value,
            PoliceReference = string.IsNullOrWhiteSpace(input.PoliceReference) ? null : input.PoliceReference.Trim(),
            RecordedByUserId = user.UserId(),
            RecordedByName = user.DisplayName(),
            RecordedByAgencyId = user.AgencyId() ?? 0,
            RecordedUtc = Now,
        };
        db.Add(record);
        cases.Changed(user, c.Id, CaseEventKinds.StrandStep, $"DARA recorded: graded {record.Grading} on {record.AssessedOn:d MMM yyyy}");
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "da-dara", Id(record.Id), $"Case {c.Reference}: DARA {record.Grading} on {record.AssessedOn:yyyy-MM-dd}"));
        await db.SaveChangesAsync(ct);
        return (record, errors);
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
