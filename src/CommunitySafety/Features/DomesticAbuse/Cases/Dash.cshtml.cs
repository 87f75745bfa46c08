using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.DomesticAbuse.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.DomesticAbuse.Pages;

/// <summary>
/// The DASH risk checklist: 24 questions, yes, no or not known. Saved with questions unanswered it is a draft (not
/// scored) that can be continued here (?draft=id); complete, it is scored and judged, and red flags raise the band.
/// </summary>
public sealed class DashModel(DashService dashes, DomesticAbuseCaseSummary summary, AuditLog audit) : DomesticAbusePageModel(dashes)
{
    public const string NotKnown = "not-known";

    [BindProperty(SupportsGet = true)]
    public int? Draft { get; set; }

    /// <summary>Question id → "yes", "no" or "not-known"; blank is unanswered.</summary>
    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = new(StringComparer.Ordinal);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int? VictimPersonId { get; set; }
        public List<string> RedFlags { get; set; } = [];
        public string? OverrideBand { get; set; }
        public string? OverrideReason { get; set; }
        public string? Notes { get; set; }
        public int? Version { get; set; }
    }

    public RiskInstrument Form => Dashes.Dash;
    public List<SelectListItem> VictimOptions { get; private set; } = [];

    public IEnumerable<SelectListItem> RedFlagOptions =>
        Enum.GetValues<DashRedFlag>().Select(f => new SelectListItem(DashJudgement.Describe(f), f.ToString(), Input.RedFlags.Contains(f.ToString())));

    public IEnumerable<SelectListItem> BandOptions =>
    [
        new("Use the band the answers and red flags give", "", string.IsNullOrEmpty(Input.OverrideBand)),
        .. Enum.GetValues<RiskBand>().Select(b => new SelectListItem(b.ToString(), b.ToString(), Input.OverrideBand == b.ToString())),
    ];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, false, ct))
        {
            return NotFound();
        }
        if (Draft is { } draftId)
        {
            var draft = (await summary.LoadAsync(User, Case, ct))
                .Drafts.FirstOrDefault(d => d.Id == draftId);
            if (draft is null)
            {
                return NotFound();
            }
            foreach (var (q, a) in draft.Answers)
            {
                Answers[q] = DomesticAbuseApi.AnswerText(a);
            }
            Input = new InputModel
            {
                VictimPersonId = draft.VictimPersonId,
                RedFlags = draft.AssessorRedFlags.Select(f => f.ToString()).ToList(),
                OverrideBand = draft.AssessorBand?.ToString(),
                OverrideReason = draft.AssessorReason,
                Notes = draft.Notes,
                Version = draft.Version,
            };
            VictimOptions.ForEach(o => o.Selected = o.Value == Input.VictimPersonId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await audit.ViewedAsync("case", Id(id), Draft is null ? "DASH form" : $"DASH draft {Draft}", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, true, ct))
        {
            return NotFound();
        }
        var answers = new Dictionary<string, RiskAnswer>(StringComparer.Ordinal);
        foreach (var q in Form.Questions)
        {
            switch (Answers.GetValueOrDefault(q.Id)?.Trim())
            {
                case "yes": answers[q.Id] = RiskAnswer.Yes; break;
                case "no": answers[q.Id] = RiskAnswer.No; break;
                case NotKnown: answers[q.Id] = RiskAnswer.NotKnown; break;
                case null or "": break;
                default: ModelState.AddModelError($"Answers[{q.Id}]", $"Select yes, no or not known: {q.Text}"); break;
            }
        }
        var flags = new List<DashRedFlag>();
        foreach (var f in Input.RedFlags)
        {
            if (Enum.TryParse<DashRedFlag>(f, out var flag) && Enum.IsDefined(flag))
            {
                flags.Add(flag);
            }
            else
            {
                ModelState.AddModelError("Input.RedFlags", "Select red flags from the list");
            }
        }
        RiskBand? band = null;
        if (!string.IsNullOrEmpty(Input.OverrideBand))
        {
            if (Enum.TryParse<RiskBand>(Input.OverrideBand, out var b) && Enum.IsDefined(b))
            {
                band = b;
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
        var outcome = await Dashes.SaveAsync(User, Case, new DashInput(answers, flags, band, Input.OverrideReason, Input.VictimPersonId, Input.Notes), Draft, Input.Version, ct);
        if (!outcome.Saved)
        {
            AddErrors(outcome.Errors);
            return Page();
        }
        var r = outcome.Record!;
        TempData["Success"] = r.Status == DashStatus.Draft
            ? $"DASH saved as a draft, not scored: {outcome.Unanswered.Count} of {Form.Questions.Count} questions unanswered ({string.Join(", ", outcome.Unanswered)}). Continue it from the case page."
            : $"DASH completed: {r.YesCount} yes answers, {r.FinalBand} risk" + (r.FinalBand > r.ComputedBand ? $" (raised from {r.ComputedBand}: {r.JudgementReason})" : "") + ".";
        return Redirect($"/domestic-abuse/cases/{id}");
    }

    async Task<bool> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, tracked, ct))
        {
            return false;
        }
        var victims = await Dashes.VictimsAsync(User, Case, ct);
        VictimOptions = victims.Select(v => new SelectListItem(v.Name, Id(v.Id), Input.VictimPersonId == v.Id)).ToList();
        return true;
    }
}
