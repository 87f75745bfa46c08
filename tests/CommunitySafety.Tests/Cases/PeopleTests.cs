using System.Net;
using System.Net.Http.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>People: bad input, possible-match check, purpose-bound search with signposts, merge and unmerge.</summary>
public abstract class PeopleTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task AddPerson_FutureDateOfBirthAndNoNames_ShowsClearErrors()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var response = await PostAsync(dan, "/people/new", new()
        {
            ["Input.Forename"] = "", ["Input.Surname"] = "",
            ["Input.DateOfBirth.Day"] = "1", ["Input.DateOfBirth.Month"] = "1", ["Input.DateOfBirth.Year"] = "2030",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Date of birth must be in the past", html, StringComparison.Ordinal);
        Assert.Contains("Enter the person&#x27;s first name", html, StringComparison.Ordinal);
        Assert.Contains("Enter the person&#x27;s last name", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPerson_DateOfBirthBefore1900_IsRefusedOnThePageAndTheApiAndNothingIsAdded()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var before = await QueryAsync(app, d => d.Set<Person>().CountAsync());

        var response = await PostAsync(dan, "/people/new", new()
        {
            ["Input.Forename"] = "Edith", ["Input.Surname"] = "Oldfield",
            ["Input.DateOfBirth.Day"] = "31", ["Input.DateOfBirth.Month"] = "12", ["Input.DateOfBirth.Year"] = "1899",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Date of birth must be on or after 1 January 1900"], (await HtmlPage.ReadAsync(response)).Errors);

        var api = await dan.PostAsJsonAsync("/api/people", new { forename = "Edith", surname = "Oldfield", dateOfBirth = "1899-12-31" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal("Date of birth must be on or after 1 January 1900", problem.RootElement.GetProperty("errors").GetProperty("dateOfBirth")[0].GetString());
        Assert.Equal(before, await QueryAsync(app, d => d.Set<Person>().CountAsync()));
    }

    [Fact]
    public async Task AddPerson_SimilarToExisting_AsksIsThisTheSamePersonBeforeCreating()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var before = await QueryAsync(app, d => d.Set<Person>().CountAsync());
        var fields = new Dictionary<string, string>
        {
            ["Input.Forename"] = "Margret", ["Input.Surname"] = "Elison",
            ["Input.DateOfBirth.Day"] = "12", ["Input.DateOfBirth.Month"] = "3", ["Input.DateOfBirth.Year"] = "1948",
        };

        var check = await PostAsync(ellie, "/people/new", new(fields));
        var html = await check.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("Is this the same person?", html, StringComparison.Ordinal);
        Assert.Contains("Margaret Ellison", html, StringComparison.Ordinal);
        Assert.Equal(before, await QueryAsync(app, d => d.Set<Person>().CountAsync()));

        fields["ConfirmedNew"] = "true";
        var created = await PostAsync(ellie, "/people/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(before + 1, await QueryAsync(app, d => d.Set<Person>().CountAsync()));
    }

    [Fact]
    public async Task AddPerson_CommonNameWithMoreNamesakesThanTheNameSearchReturns_StillFindsTheOneBornThatDay()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var surname = TestRecords.Unique("Namesake");
        // 60 namesakes recorded first, so the name search (50 at most) returns only them, then the real one.
        for (var i = 0; i < 60; i++)
        {
            await TestRecords.CreatePersonAsync(app, configure: p => { p.Forename = "John"; p.Surname = surname; p.DateOfBirth = new DateOnly(1940 + i, 1, 15); });
        }
        var same = await TestRecords.CreatePersonAsync(app, configure: p => { p.Forename = "John"; p.Surname = surname; p.DateOfBirth = new DateOnly(1980, 4, 4); });
        var before = await QueryAsync(app, d => d.Set<Person>().CountAsync());

        var check = await PostAsync(dan, "/people/new", new()
        {
            ["Input.Forename"] = "John", ["Input.Surname"] = surname,
            ["Input.DateOfBirth.Day"] = "4", ["Input.DateOfBirth.Month"] = "4", ["Input.DateOfBirth.Year"] = "1980",
        });
        var html = await check.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("Is this the same person?", html, StringComparison.Ordinal);
        Assert.Contains("4 April 1980", html, StringComparison.Ordinal);
        Assert.Equal(before, await QueryAsync(app, d => d.Set<Person>().CountAsync()));
        var audit = await QueryAsync(app, d => d.AuditEvents.Where(e => e.Action == AuditActions.Search && e.RecordType == "person").ToListAsync());
        Assert.Contains(audit, e => e.Details!.Contains($"ids {same.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddPerson_MatchOnlyAnotherAgencyCanSee_ShowsSignpostNotDetails()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var kate = await app.SignInAsync(DemoUsers.FireCaseOfficer);

        var html = await (await PostAsync(kate, "/people/new", new()
        {
            ["Input.Forename"] = "Margaret", ["Input.Surname"] = "Ellison",
            ["Input.DateOfBirth.Day"] = "12", ["Input.DateOfBirth.Month"] = "3", ["Input.DateOfBirth.Year"] = "1948",
        })).Content.ReadAsStringAsync();

        Assert.Contains("A possible match is known to the partnership – contact Ashcombe District Council", html, StringComparison.Ordinal);
        Assert.DoesNotContain("12 March 1948", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPeople_WithoutPurpose_ShowsErrorAndRunsNoSearch()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var html = await (await dan.GetAsync("/people?Input.Name=Ellison")).Content.ReadAsStringAsync();

        Assert.Contains("Select why you are searching", html, StringComparison.Ordinal);
        Assert.DoesNotContain("people found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("person found", html, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(app, d => d.AuditEvents.CountAsync(e => e.Action == AuditActions.Search)));
    }

    [Fact]
    public async Task SearchPeople_OutsideNeedToKnow_ShowsOnlySignpostAndAuditsPurpose()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var kate = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        const string query = "/people?Input.Name=Elison&Input.Purpose=Safeguarding%20concern&Input.Details=Call%20ref%20F123";

        var outsider = await (await kate.GetAsync(query)).Content.ReadAsStringAsync();
        var insider = await (await ellie.GetAsync(query)).Content.ReadAsStringAsync();

        Assert.Contains("Known to the partnership – contact", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Margaret", outsider, StringComparison.Ordinal);
        Assert.Contains("Margaret Ellison", insider, StringComparison.Ordinal); // sound-alike spelling finds her
        var audit = await QueryAsync(app, d => d.AuditEvents.Where(e => e.Action == AuditActions.Search && e.RecordType == "person").ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal("Safeguarding concern: Call ref F123", e.Purpose));
    }

    [Fact]
    public async Task ViewPerson_OutsideNeedToKnow_IsNotFoundAndViewIsAuditedForInsider()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var kate = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        Assert.Equal(HttpStatusCode.NotFound, (await kate.GetAsync($"/people/{margaret.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kate.GetAsync($"/api/people/{margaret.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ellie.GetAsync($"/people/{margaret.Id}")).StatusCode);
        var views = await QueryAsync(app, d => d.AuditEvents.Where(e => e.Action == AuditActions.View && e.RecordType == "person").ToListAsync());
        var view = Assert.Single(views);
        Assert.Equal(DemoUsers.CouncilCaseOfficer, view.UserName);
        Assert.Equal(margaret.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), view.RecordId);
    }

    [Fact]
    public async Task RecordIncident_UnknownCategory_ShowsClearError()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var page = await PostAsync(dan, "/incidents/new", new()
        {
            ["Input.CategoryCode"] = "ASB-MADE-UP", ["Input.Narrative"] = "Noise",
            ["Input.OccurredDate.Day"] = "20", ["Input.OccurredDate.Month"] = "11", ["Input.OccurredDate.Year"] = "2026",
        });
        var api = await dan.PostAsJsonAsync("/api/incidents", new { occurredUtc = "2026-11-20T21:00:00Z", categoryCode = "ASB-MADE-UP", narrative = "Noise" });

        Assert.Contains("Select a category from the list", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("Select a category from the list", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeThenUnmerge_DuplicatePerson_MovesLinksAndPutsThemBackWithAudit()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var maggie = await PersonAsync(app, "Maggie", "Elison");
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var incident = await dan.PostAsJsonAsync("/api/incidents", new
        {
            occurredUtc = "2026-11-20T21:00:00Z", categoryCode = "ASB-PERSONAL", narrative = "Shouting at the door",
            people = new[] { new { personId = maggie.Id, role = "Victim" } },
        });
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var merge = await PostAsync(admin, "/people/merge", new() { ["SurvivorId"] = $"{margaret.Id}", ["DuplicateId"] = $"{maggie.Id}", ["Reason"] = "Same date of birth and address" });

        Assert.Equal(HttpStatusCode.Redirect, merge.StatusCode);
        Assert.Equal(margaret.Id, (await PersonAsync(app, "Maggie", "Elison")).MergedIntoId);
        Assert.True(await QueryAsync(app, d => d.Set<IncidentPerson>().AnyAsync(i => i.PersonId == margaret.Id && i.Incident!.Narrative == "Shouting at the door")));
        Assert.True(await QueryAsync(app, d => d.Set<PersonAlias>().AnyAsync(a => a.PersonId == margaret.Id && a.Surname == "Elison")));
        var combine = await QueryAsync(app, d => d.AuditEvents.Where(e => e.Action == AuditActions.Combine).ToListAsync());
        Assert.Contains(combine, e => e.RecordId == $"{margaret.Id}" && e.Details!.Contains($"person {maggie.Id} merged into {margaret.Id}", StringComparison.Ordinal));
        Assert.Contains(combine, e => e.RecordId == $"{maggie.Id}");
        // A merged record no longer comes up in search.
        Assert.DoesNotContain(maggie.Id, await QueryAsync(app, d => PeopleSearch.FindIdsAsync(d, "Maggie Elison")));

        var mergeId = await QueryAsync(app, d => d.Set<PersonMerge>().Select(m => m.Id).SingleAsync());
        var undo = await PostAsync(admin, "/people/merge?handler=Unmerge", new() { ["mergeId"] = $"{mergeId}", ["unmergeReason"] = "Different people after all" });

        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        Assert.Null((await PersonAsync(app, "Maggie", "Elison")).MergedIntoId);
        Assert.True(await QueryAsync(app, d => d.Set<IncidentPerson>().AnyAsync(i => i.PersonId == maggie.Id && i.Incident!.Narrative == "Shouting at the door")));
        Assert.False(await QueryAsync(app, d => d.Set<PersonAlias>().AnyAsync(a => a.PersonId == margaret.Id && a.Surname == "Elison")));
        Assert.Contains(await QueryAsync(app, d => d.AuditEvents.Where(e => e.Action == AuditActions.Combine).ToListAsync()),
            e => e.Details!.Contains($"merge {mergeId} undone", StringComparison.Ordinal) && e.Purpose == "Different people after all");
    }

    [Fact]
    public async Task MergePeople_NonAdministrator_IsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var response = await dan.GetAsync("/people/merge");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have permission", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class PeopleTestsOnSqlite(PostgresFixture pg) : PeopleTests(Db.Sqlite, pg);

public sealed class PeopleTestsOnPostgres(PostgresFixture pg) : PeopleTests(Db.Postgres, pg);
