using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Strands;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases.Risk;

/// <summary>
/// The one risk page every strand's instrument uses, rendered from the instrument: yes/no (and not known) questions,
/// choices and numbers, then professional judgement, which may raise the band with a reason but never lower it. Strands
/// may give it a route of their own (the ASB strand's /asb/cases/{id}/risk-assessment).
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class AssessModel(AppDb db, RiskAssessments assessments, AuditLog audit, StrandCatalogue strands) : PageModel
{
    public const string NotKnown = "not-known";

    /// <summary>Which instrument; when not given, the one the case's type uses.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Instrument { get; set; }

    /// <summary>Question id → "yes", "no", "not-known", an option's code or a number.</summary>
    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int? PersonId { get; set; }
        public string? OverrideBand { get; set; }
        public string? OverrideReason { get; set; }
    }

    public Case Case { get; private set; } = null!;
    public RiskInstrument Form { get; private set; } = null!;
    public string CasePage { get; private set; } = "";
    public List<SelectListItem> PersonOptions { get; private set; } = [];

    public IEnumerable<SelectListItem> BandOptions =>
    [
        new("Use the computed band", "", string.IsNullOrEmpty(Input.OverrideBand)),
        .. Enum.GetValues<RiskBand>().Select(b => new SelectListItem(b.ToString(), b.ToString(), Input.OverrideBand == b.ToString())),
    ];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: false, ct))
        {
            return NotFound();
        }
        await audit.ViewedAsync("case", CaseService.Id(id), $"{Form.Code} risk assessment form", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: true, ct))
        {
            return NotFound();
        }
        var answers = new Dictionary<string, RiskAnswer>(StringComparer.Ordinal);
        foreach (var q in Form.Questions)
        {
            if (Parse(q, Answers.GetValueOrDefault(q.Id)?.Trim()) is { } a)
            {
                answers[q.Id] = a;
            }
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
        var outcome = await assessments.SaveAsync(User, Case, Form, new RiskAssessmentInput(answers, Input.PersonId, overrideBand, Input.OverrideReason), ct);
        if (!outcome.Saved)
        {
            foreach (var (key, message) in outcome.Errors)
            {
                ModelState.AddModelError(key.StartsWith("Answers[", StringComparison.Ordinal) ? key : "Input." + key, message);
            }
            return Page();
        }
        TempData["Success"] = $"Risk assessment saved: {outcome.Record!.FinalBand}." + string.Concat(outcome.Triggers.Select(t => " " + t.Text));
        return Redirect(CasePage);
    }

    /// <summary>A form value as an answer; null when blank or not readable (reported as a missing answer).</summary>
    static RiskAnswer? Parse(RiskQuestion q, string? value)
    {
        if (value == NotKnown)
        {
            return RiskAnswer.NotKnown;
        }
        return q.AnswerType switch
        {
            RiskAnswerType.YesNo => value switch { "yes" => RiskAnswer.Yes, "no" => RiskAnswer.No, _ => null },
            RiskAnswerType.Choice => string.IsNullOrEmpty(value) ? null : RiskAnswer.Chose(value),
            // A number left blank is "not known" where the question allows it.
            _ => string.IsNullOrEmpty(value) ? (q.AllowsNotKnown ? RiskAnswer.NotKnown : null)
                : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? RiskAnswer.Value(n) : RiskAnswer.Value(int.MinValue),
        };
    }

    async Task<bool> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var query = CaseAccess.Cases(db, User);
        var c = tracked ? await query.FirstOrDefaultAsync(x => x.Id == id, ct) : await query.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || assessments.InstrumentFor(c, Instrument) is not { } instrument)
        {
            return false;
        }
        Case = c;
        Form = instrument;
        CasePage = strands.CasePage(c.Type, c.Id);
        var people = await assessments.PeopleAssessedAsync(User, c, instrument, ct);
        PersonOptions = people.Select(p => new SelectListItem(p.Name, p.Id.ToString(CultureInfo.InvariantCulture), Input.PersonId == p.Id)).ToList();
        return true;
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;
}
