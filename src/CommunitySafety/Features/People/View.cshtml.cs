using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.People;

/// <summary>A person's record (audited view): flags, addresses, and only the incidents and cases the user may see.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class ViewModel(AppDb db, AuditLog audit, TimeProvider clock, Strands.StrandCatalogue strands, PersonFlags flags) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public Person Person { get; private set; } = null!;
    public IReadOnlyList<PersonFlag> Flags { get; private set; } = [];
    public IReadOnlyList<PersonAddress> Addresses { get; private set; } = [];
    public sealed record IncidentRow(int Id, DateTime OccurredUtc, string Category, IncidentRole Role, bool TimeKnown = true);
    public IReadOnlyList<IncidentRow> Incidents { get; private set; } = [];
    public sealed record CaseRow(int Id, string Reference, string Title, CaseStatus Status, CasePersonRole Role);
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];
    public int HiddenCases { get; private set; }

    [BindProperty]
    public string? FlagType { get; set; }

    [BindProperty]
    public string? FlagReason { get; set; }

    public IEnumerable<SelectListItem> FlagOptions => PersonFlagTypes.All.Select(t => new SelectListItem(PersonFlagTypes.Display(t), t, FlagType == t));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        await audit.ViewedAsync("person", CaseService.Id(Id), ct: ct);
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var person = await CaseAccess.People(db, User).AsNoTracking().Include(p => p.Aliases).FirstOrDefaultAsync(p => p.Id == Id, ct);
        if (person is null)
        {
            return false;
        }
        Person = person;
        Flags = await db.Set<PersonFlag>().AsNoTracking().Where(f => f.PersonId == Id).OrderByDescending(f => f.Active).ThenByDescending(f => f.SetUtc).ToListAsync(ct);
        // A safe address (a place of a restricted case the user may not see) is withheld (CaseAccess.Places).
        var places = CaseAccess.Places(db, User).Select(p => p.Id);
        Addresses = await db.Set<PersonAddress>().AsNoTracking().Include(a => a.Place).Where(a => a.PersonId == Id && places.Contains(a.PlaceId)).OrderBy(a => a.ToDate != null).ThenByDescending(a => a.FromDate).ToListAsync(ct);
        var incidentIds = CaseAccess.Incidents(db, User).Select(i => i.Id);
        Incidents = (await db.Set<IncidentPerson>().AsNoTracking().Where(ip => ip.PersonId == Id && incidentIds.Contains(ip.IncidentId))
            .Select(ip => new { ip.IncidentId, ip.Incident!.OccurredUtc, ip.Incident.OccurredTimeKnown, ip.Incident.CategoryCode, ip.Role }).ToListAsync(ct))
            .Select(i => new IncidentRow(i.IncidentId, i.OccurredUtc, strands.IncidentCategoryName(i.CategoryCode), i.Role, i.OccurredTimeKnown)).OrderByDescending(i => i.OccurredUtc).ToList();
        var caseIds = CaseAccess.VisibleCaseIds(db, User);
        Cases = await db.Set<CasePerson>().AsNoTracking().Where(cp => cp.PersonId == Id && caseIds.Contains(cp.CaseId))
            .Select(cp => new CaseRow(cp.CaseId, cp.Case!.Reference, cp.Case.Title, cp.Case.Status, cp.Role)).ToListAsync(ct);
        // The number only: the user learns that other agencies hold cases (so they can ask), not what they are. A
        // restricted case is not counted: even its existence is kept to its named members.
        HiddenCases = await db.Set<CasePerson>().CountAsync(cp => cp.PersonId == Id && !caseIds.Contains(cp.CaseId) && cp.Case!.AccessLevel == CaseAccessLevel.AgencyWide, ct);
        return true;
    }

    public async Task<IActionResult> OnPostFlagAsync(CancellationToken ct)
    {
        if (!await CaseAccess.CanSeePersonAsync(db, User, Id, ct))
        {
            return NotFound();
        }
        if (!PersonFlagTypes.IsKnown(FlagType))
        {
            ModelState.AddModelError(nameof(FlagType), "Select the type of flag");
        }
        if (string.IsNullOrWhiteSpace(FlagReason))
        {
            ModelState.AddModelError(nameof(FlagReason), "Enter the reason for the flag");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        flags.Raise(Id, new NewPersonFlag(FlagType!, FlagReason!), User.UserId(), User.DisplayName());
        await TouchAsync(ct);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{PersonFlagTypes.Display(FlagType!)} flag added.";
        return Redirect($"/people/{Id}");
    }

    public async Task<IActionResult> OnPostEndFlagAsync(int flagId, CancellationToken ct)
    {
        if (!await CaseAccess.CanSeePersonAsync(db, User, Id, ct))
        {
            return NotFound();
        }
        var flag = await db.Set<PersonFlag>().FirstOrDefaultAsync(f => f.Id == flagId && f.PersonId == Id && f.Active, ct);
        if (flag is null)
        {
            return NotFound();
        }
        flags.End(flag, $"Ended by {User.DisplayName()}", User.UserId());
        await TouchAsync(ct);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{PersonFlagTypes.Display(flag.Type)} flag ended.";
        return Redirect($"/people/{Id}");
    }

    // A flag is part of the person's record: raising the version means an edit form opened before this change
    // gets the conflict page instead of saving over a record its user has not seen.
    async Task TouchAsync(CancellationToken ct)
    {
        var person = await db.Set<Person>().FirstAsync(p => p.Id == Id, ct);
        person.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        // Marked even when the time is unchanged, so the version is always raised.
        db.Entry(person).Property(p => p.UpdatedUtc).IsModified = true;
    }
}
