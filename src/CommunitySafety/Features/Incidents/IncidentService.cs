using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Incidents;

public sealed record NewIncident(DateTime OccurredUtc, string CategoryCode, string Narrative, string? AgencyReference,
    string? AddressLine1, string? Town, string? Postcode, IReadOnlyList<(int PersonId, IncidentRole Role)> People, bool TimeKnown = true);

/// <summary>Recording an incident from any agency (pages and API share the checks).</summary>
public sealed class IncidentService(AppDb db, AuditLog audit, TimeProvider clock, Strands.StrandCatalogue strands, IHttpContextAccessor http)
{
    /// <summary>Returns field errors (key → message); empty when the incident can be recorded.</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(ClaimsPrincipal user, NewIncident input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (strands.IncidentCategory(input.CategoryCode) is null)
        {
            errors["CategoryCode"] = "Select a category from the list";
        }
        if (input.OccurredUtc > clock.GetUtcNow().UtcDateTime.AddMinutes(5))
        {
            errors["OccurredDate"] = "Date of the incident must be today or in the past";
        }
        if (string.IsNullOrWhiteSpace(input.Narrative))
        {
            errors["Narrative"] = "Enter what happened";
        }
        var ids = input.People.Select(p => p.PersonId).Distinct().ToList();
        // People can only be linked if the user may already see them (linking must not reveal a record).
        var visible = await CaseAccess.People(db, user).Where(p => ids.Contains(p.Id) && p.MergedIntoId == null).Select(p => p.Id).ToListAsync(ct);
        if (visible.Count != ids.Count)
        {
            foreach (var refused in ids.Except(visible))
            {
                AccessRefusals.Refused(http.HttpContext, "person", refused);
            }
            errors["People"] = "Enter the numbers of people you can see (find or add them under People)";
        }
        return errors;
    }

    /// <summary>
    /// Stages the audit entry for an incident a strand records with its own form (the ASB recorder), made once the
    /// incident's id is known and committed with it (ADR 0004).
    /// </summary>
    public void Recorded(Incident incident, Func<string> details) =>
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "incident", CaseService.Id(incident.Id), details()));

    public async Task<Incident> CreateAsync(ClaimsPrincipal user, NewIncident input, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var incident = new Incident
        {
            OccurredUtc = input.OccurredUtc,
            OccurredTimeKnown = input.TimeKnown,
            CategoryCode = input.CategoryCode,
            Strand = strands.IncidentCategory(input.CategoryCode)!.Strand,
            Narrative = input.Narrative.Trim(),
            AgencyReference = string.IsNullOrWhiteSpace(input.AgencyReference) ? null : input.AgencyReference.Trim(),
            ReportingAgencyId = user.AgencyId() ?? throw new InvalidOperationException("User has no agency"),
            CreatedUtc = now,
            CreatedByUserId = user.UserId(),
        };
        if (!string.IsNullOrWhiteSpace(input.AddressLine1))
        {
            var key = Place.PostcodeKeyOf(input.Postcode);
            var lineKey = Place.AddressKey(input.AddressLine1);
            // Reuse a known place with the same first line and postcode, so repeat-location counts work.
            incident.Place = await db.Set<Place>().FirstOrDefaultAsync(p => p.Line1Key == lineKey && p.PostcodeKey == key, ct);
            if (incident.Place is null)
            {
                var place = new Place { CreatedUtc = now };
                place.SetAddress(input.AddressLine1, null, input.Town, input.Postcode);
                incident.Place = place;
            }
        }
        foreach (var (personId, role) in input.People.Distinct())
        {
            incident.People.Add(new IncidentPerson { PersonId = personId, Role = role });
        }
        db.Add(incident);
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "incident", CaseService.Id(incident.Id), $"{incident.CategoryCode} at {incident.OccurredUtc:u}; people {string.Join(",", input.People.Select(p => $"{p.PersonId}:{p.Role}"))}"), user);
        foreach (var (personId, role) in input.People.Distinct())
        {
            audit.AddOnceSaved(() => new AuditEntry(AuditActions.Change, "person", CaseService.Id(personId), $"linked to incident {incident.Id} as {role}"), user);
        }
        await db.SaveChangesAsync(ct);
        return incident;
    }
}
