using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>
/// The ASB victim risk assessment (<see cref="AsbVictimRiskInstrument.Default"/>) on one page of yes/no questions.
/// Professional judgement may raise the band with a reason, never lower it (<see cref="RiskScoring.ApplyOverride"/>).
/// </summary>
public sealed class AsbRiskAssessmentModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock) : AsbPageModel(db, access, audit, clock)
{
    public static RiskInstrument Instrument => AsbVictimRiskInstrument.Default;

    /// <summary>Question id → "yes" or "no".</summary>
    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int? VictimPersonId { get; set; }
        public string? OverrideBand { get; set; }
        public string? OverrideReason { get; set; }
    }

    public List<SelectListItem> VictimOptions { get; private set; } = [];

    public IEnumerable<SelectListItem> BandOptions =>
    [
        new("Use the computed band", "", string.IsNullOrEmpty(Input.OverrideBand)),
        .. Enum.GetValues<RiskBand>().Select(b => new SelectListItem(b.ToString(), b.ToString(), Input.OverrideBand == b.ToString())),
    ];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is null)
        {
            return NotFound();
        }
        await LoadVictimsAsync(ct);
        await Audit.ViewedAsync("case", Id(id), "ASB risk assessment form", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct, tracked: true) is not { } c)
        {
            return NotFound();
        }
        await LoadVictimsAsync(ct);
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var q in Instrument.Questions)
        {
            var a = Answers.GetValueOrDefault(q.Id);
            if (a is "yes" or "no")
            {
                answers[q.Id] = a == "yes";
            }
            else
            {
                ModelState.AddModelError("Answers[" + q.Id + "]", $"Select yes or no: {q.Text}");
            }
        }
        if (Input.VictimPersonId is { } vid && !VictimOptions.Any(o => o.Value == vid.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError("Input.VictimPersonId", "Select a victim on this case");
        }
        RiskBand? overrideBand = null;
        if (!string.IsNullOrEmpty(Input.OverrideBand))
        {
            if (Enum.TryParse<RiskBand>(Input.OverrideBand, out var b) && Enum.IsDefined(b))
            {
                overrideBand = b;
            }
            else
            {
                ModelState.AddModelError("Input.OverrideBand", "Select a band from the list");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var score = RiskScoring.Score(Instrument, answers);
        var judged = RiskScoring.ApplyOverride(score.ComputedBand, overrideBand, Input.OverrideReason);
        if (!judged.Accepted)
        {
            var field = overrideBand < score.ComputedBand ? "Input.OverrideBand" : "Input.OverrideReason";
            ModelState.AddModelError(field, judged.Error!);
            return Page();
        }
        var record = new RiskAssessmentRecord
        {
            CaseId = c.Id,
            PersonId = Input.VictimPersonId ?? (VictimOptions.Count == 1 ? int.Parse(VictimOptions[0].Value, System.Globalization.CultureInfo.InvariantCulture) : null),
            InstrumentCode = score.InstrumentCode,
            InstrumentVersion = score.InstrumentVersion,
            AnswersJson = JsonSerializer.Serialize(answers),
            Score = score.Score,
            ComputedBand = score.ComputedBand,
            FinalBand = judged.FinalBand,
            OverrideReason = judged.IsOverridden ? judged.Reason : null,
            AssessorUserId = User.UserId(),
            AssessorName = User.DisplayName(),
            AssessorAgencyId = User.AgencyId(),
            AssessedUtc = NowUtc,
        };
        Db.Set<RiskAssessmentRecord>().Add(record);
        c.CurrentRiskBand = judged.FinalBand;
        c.UpdatedUtc = NowUtc;
        AddEvent(c.Id, "RiskAssessed", $"ASB victim risk assessment: score {score.Score}, computed {score.ComputedBand}, final {judged.FinalBand}");
        await Db.SaveChangesAsync(ct);
        await Audit.WriteAsync(new AuditEntry(AuditActions.Create, "risk-assessment", Id(record.Id), $"Case {c.Reference}: {record.InstrumentCode} v{record.InstrumentVersion} score {record.Score}, final {record.FinalBand}"), ct);
        TempData["Success"] = $"Risk assessment saved: {judged.FinalBand}." +
            (AsbVictimRiskInstrument.RequiresVictimActionPlan(judged.FinalBand) ? " A victim action plan is required." : "");
        return Redirect($"/asb/cases/{c.Id}");
    }

    async Task LoadVictimsAsync(CancellationToken ct)
    {
        VictimOptions = await Db.Set<CasePerson>().AsNoTracking().Where(p => CaseAccess.People(Db, User).Any(x => x.Id == p.PersonId) && p.CaseId == Case!.Id && p.Role == CasePersonRole.Victim)
            .Select(p => new SelectListItem(p.Person!.Forename + " " + p.Person.Surname, p.PersonId.ToString()))
            .ToListAsync(ct);
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;
}
