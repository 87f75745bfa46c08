using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Infrastructure;

/// <summary>
/// Test-data builders: each test makes the records it is about, owned by the demo user's agency it names, instead of
/// finding demo records by their titles (which change when the demo does). Records are written straight to the
/// database; what a user does through pages and the API is what the tests themselves exercise.
/// </summary>
public static class TestRecords
{
    static int _serial;

    /// <summary>A unique word for names and titles, so records made by one test never match another's.</summary>
    public static string Unique(string stem) => $"{stem}{Interlocked.Increment(ref _serial).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A person recorded by <paramref name="recordedBy"/>'s agency, with an address unless configured away.</summary>
    public static async Task<Person> CreatePersonAsync(AppFactory app, string recordedBy = DemoUsers.PoliceCaseOfficer, Action<PersonSpec>? configure = null)
    {
        var spec = new PersonSpec { Surname = Unique("Testperson") };
        configure?.Invoke(spec);
        using var scope = app.Services.CreateScope();
        var db = app.CreateDbContext(scope);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == recordedBy);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var person = new Person
        {
            DateOfBirth = spec.DateOfBirth,
            Phone = spec.Phone,
            Email = spec.Email,
            CreatedByAgencyId = user.AgencyId,
            CreatedByUserId = user.Id,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        person.SetNames(spec.Forename, spec.Surname);
        if (spec.AddressLine1 is not null)
        {
            var place = new Place { CreatedUtc = now };
            place.SetAddress(spec.AddressLine1, null, spec.Town, spec.Postcode);
            person.Addresses.Add(new PersonAddress { Place = place, FromDate = DateOnly.FromDateTime(now), CreatedUtc = now });
        }
        db.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>An open case led by <paramref name="leadBy"/>'s agency with that user as lead officer.</summary>
    public static async Task<Case> CreateCaseAsync(AppFactory app, string leadBy = DemoUsers.PoliceCaseOfficer, Action<CaseSpec>? configure = null)
    {
        var spec = new CaseSpec { Title = Unique("Test case ") };
        configure?.Invoke(spec);
        using var scope = app.Services.CreateScope();
        var db = app.CreateDbContext(scope);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == leadBy);
        var partners = new List<int>();
        foreach (var email in spec.PartnersOf)
        {
            partners.Add(await db.Users.Where(u => u.Email == email).Select(u => u.AgencyId).SingleAsync());
        }
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var reference = await scope.ServiceProvider.GetRequiredService<CaseService>().NextReferenceAsync(spec.Type, default);
        var c = new Case
        {
            Reference = reference,
            Type = spec.Type,
            Title = spec.Title,
            LeadAgencyId = user.AgencyId,
            LeadOfficerUserId = user.Id,
            OpenedUtc = now,
            OpenedByUserId = user.Id,
            UpdatedUtc = now,
        };
        c.Members.Add(new CaseMember { UserId = user.Id, Role = CaseMemberRole.LeadOfficer, AddedUtc = now });
        foreach (var agency in partners.Distinct().Where(a => a != user.AgencyId))
        {
            c.Agencies.Add(new CaseAgency { AgencyId = agency, AddedUtc = now, AddedByUserId = user.Id });
        }
        foreach (var (person, role) in spec.People)
        {
            c.People.Add(new CasePerson { PersonId = person.Id, Role = role, AddedUtc = now, AddedByUserId = user.Id });
        }
        db.Add(c);
        await db.SaveChangesAsync();
        return await db.Set<Case>().AsNoTracking().Include(x => x.Agencies).SingleAsync(x => x.Id == c.Id);
    }

    public static Task<T> QueryAsync<T>(AppFactory app, Func<AppDb, Task<T>> query)
    {
        var scope = app.Services.CreateScope();
        return Run();

        async Task<T> Run()
        {
            using (scope)
            {
                return await query(app.CreateDbContext(scope));
            }
        }
    }
}

public sealed class PersonSpec
{
    public string Forename { get; set; } = "Alex";
    public string Surname { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; } = new(1980, 5, 17);
    public string? Phone { get; set; } = "01632 960000";
    public string? Email { get; set; }
    public string? AddressLine1 { get; set; } = "1 Test Street";
    public string? Town { get; set; } = "Wyvern";
    public string? Postcode { get; set; } = "WY1 1AA";
}

public sealed class CaseSpec
{
    public string Type { get; set; } = "ASB";
    public string Title { get; set; } = "";
    /// <summary>Demo users whose agencies are partners on the case.</summary>
    public List<string> PartnersOf { get; } = [];
    public List<(Person Person, CasePersonRole Role)> People { get; } = [];
}
