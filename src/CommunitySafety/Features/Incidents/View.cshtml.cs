using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Incidents;

[Authorize(Policy = Policies.CaseWork)]
public sealed class ViewModel(AppDb db, AuditLog audit) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public Incident Incident { get; private set; } = null!;
    public sealed record PersonRow(int Id, string? Name, IncidentRole Role);
    public IReadOnlyList<PersonRow> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var incident = await CaseAccess.Incidents(db, User).AsNoTracking().Include(i => i.Place).Include(i => i.ReportingAgency).FirstOrDefaultAsync(i => i.Id == Id, ct);
        if (incident is null)
        {
            return NotFound();
        }
        Incident = incident;
        // A safe address (a place of a restricted case the user may not see) is withheld.
        if (incident.PlaceId is int placeId && !await CaseAccess.CanSeePlaceAsync(db, User, placeId, ct))
        {
            incident.Place = null;
        }
        var visible = CaseAccess.People(db, User).Select(p => p.Id);
        // People the user may not see are shown by role only.
        People = await db.Set<IncidentPerson>().AsNoTracking().Where(ip => ip.IncidentId == Id)
            .Select(ip => new PersonRow(ip.PersonId, visible.Contains(ip.PersonId) ? ip.Person!.Forename + " " + ip.Person.Surname : null, ip.Role)).ToListAsync(ct);
        await audit.ViewedAsync("incident", CaseService.Id(Id), ct: ct);
        return Page();
    }
}
