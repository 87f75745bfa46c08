using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunitySafety.Features.Cases;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>Open an ASB case for a victim, led by the officer's agency, with optional partner agencies.</summary>
public sealed class NewAsbCaseModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, AsbCaseOpening opening)
    : AsbPageModel(db, access, audit, clock)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a title for the case")]
        [StringLength(200, ErrorMessage = "Title must be 200 characters or fewer")]
        [Display(Name = "Case title")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Enter the victim's person record number")]
        [Display(Name = "Victim's person record number")]
        public int? VictimPersonId { get; set; }

        [Display(Name = "Partner agencies")]
        public List<string> PartnerAgencyIds { get; set; } = [];
    }

    public List<SelectListItem> AgencyOptions { get; private set; } = [];

    public async Task OnGetAsync(int? victim, CancellationToken ct)
    {
        Input.VictimPersonId = victim;
        await LoadOptionsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        var agencyIds = new List<int>();
        foreach (var raw in Input.PartnerAgencyIds)
        {
            if (int.TryParse(raw, out var a) && AgencyOptions.Any(o => o.Value == raw))
            {
                agencyIds.Add(a);
            }
            else
            {
                ModelState.AddModelError("Input.PartnerAgencyIds", "Select partner agencies from the list");
            }
        }
        // Need to know (AsbCaseOpening.MayOpenForAsync): someone this user may see, or the victim of their own agency's
        // ASB incident. Any other record number, such as a guessed one, gets the same answer as a number that does not
        // exist, and the refusal is audited.
        if (Input.VictimPersonId is { } pid && !await opening.MayOpenForAsync(User, pid, ct))
        {
            AccessRefusals.Refused(HttpContext, "person", pid);
            ModelState.AddModelError("Input.VictimPersonId", "There is no person with that record number");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var c = await opening.OpenAsync(Input.Title!, Input.VictimPersonId!.Value, agencyIds, AsbFeature.Recorder(User), ct);
        TempData["Success"] = $"Case {c.Reference} opened.";
        return Redirect($"/asb/cases/{c.Id}");
    }

    async Task LoadOptionsAsync(CancellationToken ct)
    {
        var mine = User.AgencyId();
        AgencyOptions = await Db.Agencies.AsNoTracking().Where(a => a.IsActive && a.Id != mine).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
    }
}
