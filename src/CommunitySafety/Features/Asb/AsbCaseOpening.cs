using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// Opens an ASB case for a victim through the core's <see cref="CaseService.OpenAsync"/> (lead agency = the officer's
/// agency, lead officer = the officer, optional partner agencies), with the victim's ASB incidents linked.
/// </summary>
public sealed class AsbCaseOpening(AppDb db, CaseService cases)
{
    public async Task<Case> OpenAsync(string title, int victimPersonId, IEnumerable<int> partnerAgencyIds, AsbRecorder by, CancellationToken ct)
    {
        var incidentIds = await db.Set<Incident>()
            .Where(i => i.Strand == AsbStrand.Code && i.People.Any(p => p.PersonId == victimPersonId && p.Role == IncidentRole.Victim))
            .Select(i => i.Id).ToListAsync(ct);
        return await cases.OpenAsync(new CaseActor(by.UserId, by.UserName, by.AgencyId), new CaseOpening(AsbStrand.Code, title)
        {
            Partners = partnerAgencyIds.ToList(),
            People = [(victimPersonId, CasePersonRole.Victim)],
            Incidents = incidentIds,
            TimelineText = $"ASB case opened; {incidentIds.Count} ASB incident(s) linked",
        }, ct);
    }
}
