using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// Opens an ASB case for a victim (lead agency = the officer's agency, lead officer = the officer, optional partner
/// agencies) and links the victim's ASB incidents reported by the case's agencies. A stop-gap until the case core's
/// "open a case" is on this branch; the integrator can point the ASB page at the core's version.
/// </summary>
public sealed class AsbCaseOpening(AppDb db, AuditLog audit, TimeProvider clock)
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
        return CaseAccess.HasCaseWorkRole(user) && agency is not null && await db.Set<Incident>().AnyAsync(i => i.Strand == IncidentCategories.AsbStrand
            && i.ReportingAgencyId == agency && i.People.Any(ip => ip.PersonId == personId && ip.Role == IncidentRole.Victim), ct);
    }

    public async Task<Case> OpenAsync(string title, int victimPersonId, IEnumerable<int> partnerAgencyIds, AsbRecorder by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reference = await NextReferenceAsync(now.Year, ct);
        var c = new Case
        {
            Reference = reference,
            Type = AsbFeature.CaseType,
            Title = title.Trim(),
            LeadAgencyId = by.AgencyId,
            LeadOfficerUserId = by.UserId,
            OpenedUtc = now,
            OpenedByUserId = by.UserId,
            UpdatedUtc = now,
        };
        foreach (var agencyId in partnerAgencyIds.Where(a => a != by.AgencyId).Distinct())
        {
            c.Agencies.Add(new CaseAgency { AgencyId = agencyId, AddedUtc = now, AddedByUserId = by.UserId });
        }
        if (by.UserId is { } uid)
        {
            c.Members.Add(new CaseMember { UserId = uid, Role = CaseMemberRole.LeadOfficer, AddedUtc = now });
        }
        c.People.Add(new CasePerson { PersonId = victimPersonId, Role = CasePersonRole.Victim, AddedUtc = now, AddedByUserId = by.UserId });
        // Only incidents the case's agencies reported: linking another agency's incident would not show it to them
        // (CaseAccess), and the case would claim a history its team cannot read.
        var caseAgencies = c.Agencies.Select(a => a.AgencyId).Append(by.AgencyId).ToList();
        var incidentIds = await db.Set<Incident>()
            .Where(i => i.Strand == IncidentCategories.AsbStrand && caseAgencies.Contains(i.ReportingAgencyId)
                && i.People.Any(p => p.PersonId == victimPersonId && p.Role == IncidentRole.Victim))
            .Select(i => i.Id).ToListAsync(ct);
        foreach (var id in incidentIds)
        {
            c.Incidents.Add(new CaseIncident { IncidentId = id, LinkedUtc = now });
        }
        db.Set<Case>().Add(c);
        await db.SaveChangesAsync(ct);
        db.Set<CaseEvent>().Add(new CaseEvent { CaseId = c.Id, OccurredUtc = now, Kind = "Opened", Text = $"ASB case opened; {incidentIds.Count} ASB incident(s) linked", UserId = by.UserId, UserName = by.UserName });
        audit.Add(new AuditEntry(AuditActions.Create, "case", c.Id.ToString(CultureInfo.InvariantCulture), $"{c.Reference} opened for person {victimPersonId}"));
        if (!caseAgencies.Contains(await db.Set<People.Person>().Where(p => p.Id == victimPersonId).Select(p => p.CreatedByAgencyId ?? 0).FirstAsync(ct)))
        {
            await SignpostNotices.StageAsync(db, victimPersonId, by.AgencyId, $"ASB case {c.Reference} (as victim)", now, ct);
        }
        await db.SaveChangesAsync(ct);
        return c;
    }

    async Task<string> NextReferenceAsync(int year, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var counter = await db.Set<CaseReferenceCounter>().FirstOrDefaultAsync(c => c.Prefix == AsbFeature.CaseType && c.Year == year, ct);
            if (counter is null)
            {
                counter = new CaseReferenceCounter { Prefix = AsbFeature.CaseType, Year = year };
                db.Set<CaseReferenceCounter>().Add(counter);
            }
            counter.LastSequence++;
            try
            {
                await db.SaveChangesAsync(ct);
                return CaseReference.Create(AsbFeature.CaseType, year, counter.LastSequence).ToString();
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Someone else took the number (concurrency token or a new counter row): read it again.
                db.ChangeTracker.Clear();
            }
        }
    }
}
