using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.DomesticAbuse.Pages;

/// <summary>Records a DARA the police completed in their own system: the grading and the date only.</summary>
public sealed class DaraModel(DashService dashes, AuditLog audit) : DomesticAbusePageModel(dashes)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Grading { get; set; }
        public DateOnly? AssessedOn { get; set; }
        public int? VictimPersonId { get; set; }
        public string? PoliceReference { get; set; }
    }

    public List<SelectListItem> VictimOptions { get; private set; } = [];

    public IEnumerable<SelectListItem> GradingOptions =>
        Enum.GetValues<RiskBand>().Select(b => new SelectListItem(b.ToString(), b.ToString(), Input.Grading == b.ToString()));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.ViewedAsync("case", Id(id), "DARA form", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        RiskBand? grading = null;
        if (Enum.TryParse<RiskBand>(Input.Grading, out var g) && Enum.IsDefined(g))
        {
            grading = g;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (record, errors) = await Dashes.RecordDaraAsync(User, Case, new DaraInput(grading, Input.AssessedOn, Input.VictimPersonId, Input.PoliceReference), ct);
        if (record is null)
        {
            AddErrors(errors);
            return Page();
        }
        TempData["Success"] = $"DARA recorded: {record.Grading} risk.";
        return Redirect($"/domestic-abuse/cases/{id}");
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, false, ct))
        {
            return false;
        }
        VictimOptions = (await Dashes.VictimsAsync(User, Case, ct)).Select(v => new SelectListItem(v.Name, Id(v.Id), Input.VictimPersonId == v.Id)).ToList();
        return true;
    }
}
