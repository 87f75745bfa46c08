using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Incidents;

public static class IncidentsFeature
{
    public sealed record PersonLink(int PersonId, string? Role);
    public sealed record IncidentInput(DateTime? OccurredUtc, string? CategoryCode, string? Narrative, string? AgencyReference,
        string? AddressLine1, string? Town, string? Postcode, List<PersonLink>? People);

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapPost("/incidents", async (IncidentInput input, IncidentService incidents, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var people = new List<(int, IncidentRole)>();
            foreach (var p in input.People ?? [])
            {
                if (Enum.TryParse<IncidentRole>(p.Role, ignoreCase: true, out var role))
                {
                    people.Add((p.PersonId, role));
                }
                else
                {
                    errors["people"] = ["Each person needs a role: Victim, Perpetrator, Witness or Reporter"];
                }
            }
            if (input.OccurredUtc is null)
            {
                errors["occurredUtc"] = ["Give when the incident happened (UTC)"];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var occurred = DateTime.SpecifyKind(input.OccurredUtc!.Value.ToUniversalTime(), DateTimeKind.Utc);
            var model = new NewIncident(occurred, input.CategoryCode ?? "", input.Narrative ?? "", input.AgencyReference, input.AddressLine1, input.Town, input.Postcode, people);
            var problems = await incidents.ValidateAsync(user, model, ct);
            if (problems.Count > 0)
            {
                return Results.ValidationProblem(problems.ToDictionary(p => char.ToLowerInvariant(p.Key[0]) + p.Key[1..], p => new[] { p.Value }));
            }
            var incident = await incidents.CreateAsync(user, model, ct);
            return Results.Created($"/api/incidents/{incident.Id}", new { incident.Id });
        }).RequireAuthorization(Policies.CaseWork);

        api.MapGet("/incidents/{id:int}", async (int id, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var visiblePeople = CaseAccess.People(db, user).Select(p => p.Id);
            var visiblePlaces = CaseAccess.Places(db, user).Select(p => p.Id);
            var incident = await CaseAccess.Incidents(db, user).AsNoTracking().Where(i => i.Id == id)
                .Select(i => new
                {
                    i.Id, i.OccurredUtc, i.Strand, i.CategoryCode, i.Narrative, i.AgencyReference, reportingAgency = i.ReportingAgency!.Name,
                    place = i.Place == null || !visiblePlaces.Contains(i.Place.Id) ? null : new { i.Place.Id, i.Place.Line1, i.Place.Postcode, i.Place.WardCode },
                    people = i.People.Select(p => new { personId = visiblePeople.Contains(p.PersonId) ? (int?)p.PersonId : null, role = p.Role.ToString() }).ToList(),
                }).FirstOrDefaultAsync(ct);
            if (incident is null)
            {
                return Results.NotFound();
            }
            await audit.ViewedAsync("incident", CaseService.Id(id), ct: ct);
            return Results.Ok(incident);
        }).RequireAuthorization(Policies.CaseWork);
    }
}
