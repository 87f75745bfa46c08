using System.ComponentModel.DataAnnotations;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Agencies;

[Authorize(Policy = Policies.Administration)]
public sealed class EditModel(AppDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the agency's name")]
        [StringLength(200, ErrorMessage = "Agency name must be 200 characters or fewer")]
        [Display(Name = "Agency name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Select the type of agency")]
        [Display(Name = "Type of agency")]
        public string? Type { get; set; }

        // An unticked checkbox posts nothing: the bound default must be false or an agency can never be made inactive.
        public bool IsActive { get; set; }
    }

    public IEnumerable<SelectListItem> TypeOptions =>
        Enum.GetValues<AgencyType>().Select(t => new SelectListItem(t.Display(), t.ToString(), Input.Type == t.ToString()));

    public IEnumerable<SelectListItem> ActiveOptions => [new SelectListItem("Active: its users can sign in and work", "true", Input.IsActive)];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null)
        {
            Input = new InputModel { IsActive = true };
            return Page();
        }
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id, ct);
        if (agency is null)
        {
            return NotFound();
        }
        Version = agency.Version;
        Input = new InputModel { Name = agency.Name, Type = agency.Type.ToString(), IsActive = agency.IsActive };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Type is not null && !Enum.TryParse<AgencyType>(Input.Type, out _))
        {
            ModelState.AddModelError("Input.Type", "Select the type of agency");
        }
        var name = Input.Name?.Trim();
        if (name is not null && await db.Agencies.AnyAsync(a => a.Name == name && a.Id != Id, ct))
        {
            ModelState.AddModelError("Input.Name", "An agency with this name already exists");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var type = Enum.Parse<AgencyType>(Input.Type!);
        Agency agency;
        if (Id is null)
        {
            agency = new Agency { CreatedUtc = clock.GetUtcNow().UtcDateTime };
            db.Agencies.Add(agency);
        }
        else
        {
            agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == Id, ct) ?? throw new BadHttpRequestException("Agency not found", 404);
            // Someone else saved since this form was opened: show their version instead of overwriting it.
            db.Entry(agency).Property(a => a.Version).OriginalValue = Version;
        }
        var before = Id is null ? null : $"{agency.Name}; {agency.Type}; active={agency.IsActive}";
        var deactivated = Id is not null && agency.IsActive && !Input.IsActive;
        agency.Name = name!;
        agency.Type = type;
        agency.IsActive = Input.IsActive;
        audit.AddOnceSaved(() => new AuditEntry(Id is null ? AuditActions.AgencyCreated : AuditActions.AgencyChanged, "agency",
            agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before is null ? $"{agency.Name}; {agency.Type}" : $"from: {before} to: {agency.Name}; {agency.Type}; active={agency.IsActive}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == Id, ct);
            ModelState.AddModelError(string.Empty,
                $"Someone else changed this agency while you were editing it. It is now: {current.Name} ({current.Type.Display()}, {(current.IsActive ? "active" : "inactive")}). Check and save again.");
            Version = current.Version;
            return Page();
        }
        if (deactivated)
        {
            // Its users lose access on their next request, not when their sessions happen to end (SEC-SESS-03).
            var now = clock.GetUtcNow().UtcDateTime;
            await db.UserSessions.Where(s => s.RevokedUtc == null && db.Users.Any(u => u.Id == s.UserId && u.AgencyId == agency.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedUtc, now).SetProperty(s => s.RevokedReason, "agency made inactive"), ct);
        }
        TempData["Success"] = $"{agency.Name} saved.";
        return Redirect("/admin/agencies");
    }
}
