using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.People;

/// <summary>People API: the same search (purpose required), view and create as the pages.</summary>
public static class PeopleFeature
{
    public sealed record PersonInput(string? Forename, string? Surname, DateOnly? DateOfBirth, string? Gender, string? Phone, string? Email,
        string? AddressLine1, string? Town, string? Postcode, bool ConfirmNew = false);

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapGet("/people", async (string? name, string? purpose, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(purpose))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["purpose"] = ["Give a name and the purpose of the search"] });
            }
            var results = await PeopleSearch.SearchAsync(db, user, name, ct: ct);
            await audit.WriteAsync(new AuditEntry(AuditActions.Search, "person", null, $"name search (api): {name.Trim()} ({results.Count} found; ids {string.Join(",", results.Select(r => r.Id))})", Purpose: purpose.Trim()), ct);
            return Results.Ok(results.Select(r => r.CanSeeDetails
                ? (object)new { r.Id, r.Name, r.DateOfBirth, r.Postcode, r.Flags }
                : new { signpost = $"Known to the partnership – contact {r.ContactAgency}" }));
        }).RequireAuthorization(Policies.PeopleSearch);

        api.MapGet("/people/{id:int}", async (int id, AppDb db, AuditLog audit, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var caseIds = CaseAccess.VisibleCaseIds(db, user);
            var p = await CaseAccess.People(db, user).AsNoTracking().Where(x => x.Id == id)
                .Select(x => new
                {
                    x.Id, x.Forename, x.MiddleNames, x.Surname, x.DateOfBirth, x.Gender, x.Phone, x.Email, x.MergedIntoId, x.Version,
                    aliases = x.Aliases.Select(a => new { a.Forename, a.Surname }).ToList(),
                    flags = x.Flags.Where(f => f.Active).Select(f => new { f.Type, f.Reason, f.SetUtc }).ToList(),
                    cases = db.Set<CasePerson>().Where(cp => cp.PersonId == x.Id && caseIds.Contains(cp.CaseId)).Select(cp => new { cp.CaseId, cp.Case!.Reference, role = cp.Role.ToString() }).ToList(),
                }).FirstOrDefaultAsync(ct);
            if (p is null)
            {
                return Results.NotFound();
            }
            await audit.ViewedAsync("person", CaseService.Id(id), ct: ct);
            return Results.Ok(p);
        }).RequireAuthorization(Policies.CaseWork);

        api.MapPost("/people", async (PersonInput input, PersonService people, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(input.Forename) || input.Forename.Length > 100)
            {
                errors["forename"] = ["Enter the person's first name"];
            }
            if (string.IsNullOrWhiteSpace(input.Surname) || input.Surname.Length > 100)
            {
                errors["surname"] = ["Enter the person's last name"];
            }
            if (input.DateOfBirth is { } dob && dob >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            {
                errors["dateOfBirth"] = ["Date of birth must be in the past"];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var newPerson = new NewPerson(input.Forename!.Trim(), input.Surname!.Trim(), input.DateOfBirth, input.Gender, input.Phone, input.Email, input.AddressLine1, input.Town, input.Postcode);
            if (!input.ConfirmNew)
            {
                var matches = await people.FindMatchesAsync(user, newPerson, ct);
                if (matches.Count > 0)
                {
                    return Results.Conflict(new
                    {
                        title = "Possible existing records: check them, then send confirmNew=true to add a new person anyway.",
                        matches = matches.Select(m => m.CanSeeDetails ? (object)new { m.Id, m.Name, m.DateOfBirth, m.Score, m.Reasons } : new { signpost = $"Known to the partnership – contact {m.ContactAgency}" }),
                    });
                }
            }
            var person = await people.CreateAsync(user, newPerson, ct);
            return Results.Created($"/api/people/{person.Id}", new { person.Id, person.Version });
        }).RequireAuthorization(Policies.CaseWork);
    }
}
