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

    /// <summary>Body of PUT /api/people/{id}: the version read, the details, and the rows to change or add.</summary>
    public sealed record PersonUpdate(int Version, string? Forename, string? MiddleNames, string? Surname, DateOnly? DateOfBirth, string? Gender,
        string? Phone, string? Email, List<PersonEdit.AliasRow>? Aliases, List<PersonEdit.AddressRow>? Addresses, List<PersonEdit.FlagRow>? Flags);

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
            var p = await DetailAsync(db, user, id, ct);
            if (p is null)
            {
                return Results.NotFound();
            }
            await audit.ViewedAsync("person", CaseService.Id(id), ct: ct);
            return Results.Ok(p);
        }).RequireAuthorization(Policies.CaseWork);

        // Changes a person's details at the version the client read (see PersonEdit for how rows work). A stale version
        // gets 409 with the current record and nothing is saved; people outside need to know are 404.
        api.MapPut("/people/{id:int}", async (int id, PersonUpdate input, PersonEditing editing, AppDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var edit = new PersonEdit
            {
                Forename = input.Forename, MiddleNames = input.MiddleNames, Surname = input.Surname, DateOfBirth = input.DateOfBirth,
                Gender = input.Gender, Phone = input.Phone, Email = input.Email,
                Aliases = input.Aliases ?? [], Addresses = input.Addresses ?? [], Flags = input.Flags ?? [],
            };
            var result = await editing.SaveAsync(user, id, input.Version, edit, ct);
            return result.Outcome switch
            {
                PersonEditing.Outcome.NotFound => Results.NotFound(),
                PersonEditing.Outcome.Invalid => Results.ValidationProblem(result.Errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }),
                    title: "The person's details were not saved"),
                // REL-CONC-01: the 409 carries the current record (and its version) so the client can show both and retry.
                PersonEditing.Outcome.Conflict => Results.Conflict(new { title = "The person was changed by someone else; nothing was saved.", current = await DetailAsync(db, user, id, ct) }),
                _ => Results.Ok(await DetailAsync(db, user, id, ct)),
            };
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
            if (input.DateOfBirth is { } dob && DateOfBirthRule.Error(dob, Shared.UkTime.Today(clock.GetUtcNow().UtcDateTime)) is { } dobError)
            {
                errors["dateOfBirth"] = [dobError];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var newPerson = new NewPerson(input.Forename!.Trim(), input.Surname!.Trim(), input.DateOfBirth, input.Gender, input.Phone, input.Email, input.AddressLine1, input.Town, input.Postcode);
            if (!input.ConfirmNew)
            {
                var matches = await people.FindMatchesAsync(user, newPerson, "Checking before creating a record (api)", ct);
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

    /// <summary>A person as the API shows them to a user within need to know (row ids included, for changes); null otherwise.</summary>
    static async Task<object?> DetailAsync(AppDb db, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        var caseIds = CaseAccess.VisibleCaseIds(db, user);
        var places = CaseAccess.Places(db, user).Select(p => p.Id);
        return await CaseAccess.People(db, user).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id, x.Forename, x.MiddleNames, x.Surname, x.DateOfBirth, x.Gender, x.Phone, x.Email, x.MergedIntoId, x.Version,
                aliases = x.Aliases.OrderBy(a => a.Id).Select(a => new { a.Id, a.Forename, a.Surname }).ToList(),
                addresses = x.Addresses.Where(a => places.Contains(a.PlaceId)).OrderBy(a => a.Id).Select(a => new { a.Id, a.Place!.Line1, a.Place.Line2, a.Place.Town, a.Place.Postcode, from = a.FromDate, to = a.ToDate }).ToList(),
                flags = x.Flags.Where(f => f.Active).OrderBy(f => f.Id).Select(f => new { f.Id, f.Type, f.Reason, f.SetUtc, f.Automatic }).ToList(),
                cases = db.Set<CasePerson>().Where(cp => cp.PersonId == x.Id && caseIds.Contains(cp.CaseId)).Select(cp => new { cp.CaseId, cp.Case!.Reference, role = cp.Role.ToString() }).ToList(),
            }).FirstOrDefaultAsync(ct);
    }
}
