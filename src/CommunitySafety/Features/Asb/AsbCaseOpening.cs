using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// Opens an ASB case for a victim through the core's <see cref="CaseService.OpenAsync"/> (lead agency = the officer's
/// agency, lead officer = the officer, optional partner agencies), with the victim's ASB incidents reported by the
/// case's agencies linked.
/// </summary>
public sealed class AsbCaseOpening(AppDb db, CaseService cases, TimeProvider clock)
{
    /// <summary>
    /// Whom the user may open an ASB case for: a person they may see (<see cref="CaseAccess"/>), or the victim of an ASB
    /// incident their own agency recorded (chosen from a signpost: the case is linked to them and the owning agency is
    /// told, but the user sees them only if the owning agency works the case). Any other number, guessed or not, gets the
    /// answer a number that does not exist gets.
    /// </summary>
    public async Task<bool> MayOpenForAsync(System.Security.Claims.ClaimsPrincipal user, int personId, CancellationToken ct)
    {
        if (!await db.Set<People.Person>().AnyAsync(p => p.Id == personId && p.MergedIntoId == null, ct))
        {
            return false;
        }
        if (await CaseAccess.CanSeePersonAsync(db, user, personId, ct))
        {
            return true;
        }
        var agency = CommunitySafety.Security.ClaimsPrincipalExtensions.AgencyId(user);
        return CaseAccess.HasCaseWorkRole(user) && agency is not null && await db.Set<Incident>().AnyAsync(i => i.Strand == AsbStrand.Code
            && i.ReportingAgencyId == agency && i.People.Any(ip => ip.PersonId == personId && ip.Role == IncidentRole.Victim), ct);
    }

    public async Task<Case> OpenAsync(string title, int victimPersonId, IEnumerable<int> partnerAgencyIds, AsbRecorder by, CancellationToken ct,
        IReadOnlyList<People.NewPerson>? newPerpetrators = null)
    {
        var partners = partnerAgencyIds.Where(a => a != by.AgencyId).Distinct().ToList();
        // Only incidents the case's agencies reported: linking another agency's incident would not show it to them
        // (CaseAccess), and the case would claim a history its team cannot read.
        var caseAgencies = partners.Append(by.AgencyId).ToList();
        var incidentIds = await db.Set<Incident>()
            .Where(i => i.Strand == AsbStrand.Code && caseAgencies.Contains(i.ReportingAgencyId)
                && i.People.Any(p => p.PersonId == victimPersonId && p.Role == IncidentRole.Victim))
            .Select(i => i.Id).ToListAsync(ct);
        // The perpetrators named on those incidents come with them, so a power can be recorded against them straight
        // away. Only those the case's agencies recorded: linking is not seeing (ADR 0008), and a perpetrator the team
        // cannot read would be a name on the case nobody there may open.
        var perpetrators = await db.Set<IncidentPerson>()
            .Where(ip => incidentIds.Contains(ip.IncidentId) && ip.Role == IncidentRole.Perpetrator && ip.PersonId != victimPersonId
                && ip.Person!.MergedIntoId == null && caseAgencies.Contains(ip.Person.CreatedByAgencyId ?? 0))
            .Select(ip => ip.PersonId).Distinct().ToListAsync(ct);
        var perpetratorCount = perpetrators.Count + (newPerpetrators?.Count ?? 0);
        var c = await cases.OpenAsync(new CaseActor(by.UserId, by.UserName, by.AgencyId), new CaseOpening(AsbStrand.Code, title)
        {
            Partners = partners,
            People = [(victimPersonId, CasePersonRole.Victim), .. perpetrators.Select(p => (p, CasePersonRole.Perpetrator))],
            NewPeople = [.. (newPerpetrators ?? []).Select(p => (p, CasePersonRole.Perpetrator))],
            Incidents = incidentIds,
            TimelineText = $"ASB case opened; {Count(incidentIds.Count, "ASB incident")} linked" +
                (perpetratorCount == 0 ? "" : $"; {Count(perpetratorCount, "perpetrator")} added"),
        }, ct);
        // The owning agency is told its person was linked; the notice names the case, so it follows the case's save.
        if (!caseAgencies.Contains(await db.Set<People.Person>().Where(p => p.Id == victimPersonId).Select(p => p.CreatedByAgencyId ?? 0).FirstAsync(ct)))
        {
            await SignpostNotices.StageAsync(db, victimPersonId, by.AgencyId, $"ASB case {c.Reference} (as victim)", clock.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
        }
        return c;
    }

    static string Count(int n, string thing) => n == 1 ? $"1 {thing}" : $"{n} {thing}s";
}
