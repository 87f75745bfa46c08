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
public sealed class EditModel(AppDb db, CaseService cases, CaseTeam team) : PageModel
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
        var result = await Apply(db, cases, team, User, c, Version, Input, ModelState, ct);
        if (result == SaveResult.Saved)
        {
            TempData["Success"] = "Case saved.";
            return Redirect($"/cases/{Id}");
        }
        if (result == SaveResult.Conflict)
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

    public enum SaveResult
    {
        Saved,
        Invalid,
        Conflict,
    }

    /// <summary>Validates and applies an edit at the given version (pages and API share it).</summary>
    internal static async Task<SaveResult> Apply(AppDb db, CaseService cases, CaseTeam team, System.Security.Claims.ClaimsPrincipal user, Case c, int version,
        CaseEdit input, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary errors, CancellationToken ct)
    {
        if (!Enum.TryParse<CaseStatus>(input.Status, out var status))
        {
            errors.AddModelError("Input.Status", "Select the case status");
        }
        if (status == CaseStatus.Closed && string.IsNullOrWhiteSpace(input.ClosureReason))
        {
            errors.AddModelError("Input.ClosureReason", "Enter the reason for closing the case");
        }
        List<int>? wanted = null;
        if (input.Partners is not null)
        {
            wanted = input.Partners.Select(p => int.TryParse(p, out var id) ? id : -1).Where(p => p != c.LeadAgencyId).Distinct().ToList();
            var existing = await db.Set<CaseAgency>().Where(a => a.CaseId == c.Id).Select(a => a.AgencyId).ToListAsync(ct);
            if (existing.Order().SequenceEqual(wanted.Order()))
            {
                wanted = null;
            }
            else if (!CaseAccess.CanManageTeam(user, c))
            {
                errors.AddModelError("Input.Partners", "Only the lead agency's managers or the case's lead officer can change the partner agencies");
            }
            else if (await db.Agencies.CountAsync(a => wanted.Contains(a.Id) && (a.IsActive || existing.Contains(a.Id)), ct) != wanted.Count)
            {
                errors.AddModelError("Input.Partners", "Select partner agencies from the list");
            }
            else if (await team.OpenActionsOfLeavingAgenciesAsync(c.Id, existing, wanted, ct) is { } leaving)
            {
                errors.AddModelError("Input.Partners", leaving);
            }
        }
        if (!errors.IsValid)
        {
            return SaveResult.Invalid;
        }

        db.Entry(c).Property(x => x.Version).OriginalValue = version;
        var before = $"title={c.Title}; status={c.Status}";
        c.Title = input.Title!.Trim();
        c.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
        if (c.Status != status)
        {
            cases.Changed(user, c.Id, CaseEventKinds.Status, status == CaseStatus.Closed
                ? $"Status changed from {CaseDisplay.Status(c.Status)} to Closed: {input.ClosureReason!.Trim()}"
                : $"Status changed from {CaseDisplay.Status(c.Status)} to {CaseDisplay.Status(status)}");
        }
        c.Status = status;
        c.ClosureReason = status == CaseStatus.Closed ? input.ClosureReason!.Trim() : null;
        c.ClosedUtc = status == CaseStatus.Closed ? c.ClosedUtc ?? cases.Now : null;
        c.UpdatedUtc = cases.Now;
        // Marked even when nothing else changed, so the version is checked and raised on every save.
        db.Entry(c).Property(x => x.UpdatedUtc).IsModified = true;
        if (wanted is not null)
        {
            await team.StagePartnersAsync(user, c, wanted, ct);
        }
        cases.Changed(user, c.Id, CaseEventKinds.Details, $"Case details saved (was {before}; now title={c.Title}; status={c.Status})");
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveResult.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Conflict;
        }
    }
}
