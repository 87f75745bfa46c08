using System.ComponentModel.DataAnnotations;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// Changes a case's details and status (the case team, partner agencies included, is changed on <c>/cases/{id}/team</c>
/// by those who manage it, <see cref="CaseTeam"/>). The form carries the version it was read at; a save based on a
/// stale version is refused (REL-CONC-01) and the page shows the user's version and the current one side by
/// side, keeping everything they typed so nothing is lost.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class EditModel(AppDb db, CaseWorkService work) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public CaseEdit Input { get; set; } = new();

    public string Reference { get; private set; } = "";
    public CaseEdit? Theirs { get; private set; }
    public Dictionary<string, string> AgencyNames { get; private set; } = [];
    public IReadOnlyList<string> CurrentPartners { get; private set; } = [];
    public bool CanManageTeam { get; private set; }

    public sealed class CaseEdit
    {
        [Required(ErrorMessage = "Enter a short title for the case")]
        [StringLength(200, ErrorMessage = "Title must be 200 characters or fewer")]
        public string? Title { get; set; }

        [StringLength(4000, ErrorMessage = "Summary must be 4,000 characters or fewer")]
        public string? Summary { get; set; }

        [Required(ErrorMessage = "Select the case status")]
        public string? Status { get; set; }

        [StringLength(1000, ErrorMessage = "Closure reason must be 1,000 characters or fewer")]
        [Display(Name = "Closure reason")]
        public string? ClosureReason { get; set; }

        /// <summary>Partner agency ids; null leaves them as they are (only <see cref="CaseAccess.CanManageTeam"/> users may change them).</summary>
        public List<string>? Partners { get; set; }

        public static CaseEdit From(Case c, IEnumerable<int> partners) => new()
        {
            Title = c.Title,
            Summary = c.Summary,
            Status = c.Status.ToString(),
            ClosureReason = c.ClosureReason,
            Partners = partners.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList(),
        };
    }

    public IEnumerable<SelectListItem> StatusOptions =>
        Enum.GetValues<CaseStatus>().Select(s => new SelectListItem(CaseDisplay.Status(s), s.ToString(), Input.Status == s.ToString()));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var c = await CaseAccess.Cases(db, User).AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (c is null)
        {
            return NotFound();
        }
        Version = c.Version;
        Input = CaseEdit.From(c, await PartnersOf(ct));
        await LoadAsync(c, ct);
        return Page();
    }

    Task<List<int>> PartnersOf(CancellationToken ct) => db.Set<CaseAgency>().Where(a => a.CaseId == Id).Select(a => a.AgencyId).ToListAsync(ct);

    async Task LoadAsync(Case c, CancellationToken ct)
    {
        Reference = c.Reference;
        AgencyNames = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a => a.Name, ct);
        CurrentPartners = await db.Set<CaseAgency>().Where(a => a.CaseId == c.Id).Select(a => a.Agency!.Name).OrderBy(n => n).ToListAsync(ct);
        CanManageTeam = CaseAccess.CanManageTeam(User, c);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var c = await CaseAccess.Cases(db, User).FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (c is null)
        {
            return NotFound();
        }
        var result = await work.SaveDetailsAsync(User, c, Version, Input, ModelState, ct);
        if (result == CaseEditResult.Saved)
        {
            TempData["Success"] = "Case saved.";
            return Redirect($"/cases/{Id}");
        }
        if (result == CaseEditResult.Conflict)
        {
            var current = await db.Set<Case>().AsNoTracking().FirstAsync(x => x.Id == Id, ct);
            Theirs = CaseEdit.From(current, await PartnersOf(ct));
            // The form now carries the current version, so saving again (after checking) applies the user's values.
            Version = current.Version;
            ModelState.Remove(nameof(Version));
            ModelState.AddModelError(string.Empty, "Someone else saved this case while you were editing it. Your changes have not been saved yet: compare them with the current version below, then save again or go back.");
            await LoadAsync(current, ct);
            return Page();
        }
        await LoadAsync(c, ct);
        return Page();
    }
}
