using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

[Authorize(Policy = Policies.CaseWork)]
public sealed class OpenModel(AppDb db, CaseService cases, Strands.StrandCatalogue strands) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Select the type of case")]
        public string? Type { get; set; }

        [Required(ErrorMessage = "Enter a short title for the case")]
        [StringLength(200, ErrorMessage = "Title must be 200 characters or fewer")]
        public string? Title { get; set; }

        [StringLength(4000, ErrorMessage = "Summary must be 4,000 characters or fewer")]
        public string? Summary { get; set; }

        public List<string> Partners { get; set; } = [];
    }

    public IEnumerable<SelectListItem> TypeOptions => strands.CaseTypes.Select(t => new SelectListItem(t.Name, t.Code, Input.Type == t.Code));
    public List<SelectListItem> PartnerOptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    async Task LoadAsync(CancellationToken ct)
    {
        var mine = User.AgencyId();
        PartnerOptions = await db.Agencies.AsNoTracking().Where(a => a.IsActive && a.Id != mine).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        foreach (var o in PartnerOptions)
        {
            o.Selected = Input.Partners.Contains(o.Value);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Type is not null && !strands.IsCaseType(Input.Type))
        {
            ModelState.AddModelError("Input.Type", "Select the type of case");
        }
        var partnerIds = Input.Partners.Select(p => int.TryParse(p, out var id) ? id : -1).Distinct().ToList();
        var known = await db.Agencies.Where(a => partnerIds.Contains(a.Id) && a.IsActive).Select(a => a.Id).ToListAsync(ct);
        if (known.Count != partnerIds.Count)
        {
            ModelState.AddModelError("Input.Partners", "Select partner agencies from the list");
        }
        if (User.AgencyId() is not int lead)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var created = await cases.OpenAsync(CaseActor.Of(User), new CaseOpening(Input.Type!, Input.Title!, Input.Summary) { Partners = known }, ct);
        TempData["Success"] = $"Case {created.Reference} opened.";
        return Redirect($"/cases/{created.Id}");
    }
}
