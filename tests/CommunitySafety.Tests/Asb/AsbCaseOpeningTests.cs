using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Tests.Asb;

/// <summary>
/// Issue 14: a case officer opens an ASB case by searching for the victim (not by typing a record number), and names
/// perpetrators while recording the incident and while opening the case, so powers can be recorded against them. The
/// app clock is 23 November 2026 09:00 UTC.
/// </summary>
public abstract class AsbCaseOpeningTests(Db db, PostgresFixture pg)
{
    static readonly DateOnly Today = new(2026, 11, 23);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_ShowsOwnPeopleToChoose_AndOtherAgenciesPeopleOnlyAsSignposts()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var surname = TestRecords.Unique("Searchwell");
        var own = await TestRecords.CreatePersonAsync(app, DemoUsers.CouncilCaseOfficer, p => { p.Forename = "Nia"; p.Surname = surname; });
        var theirs = await TestRecords.CreatePersonAsync(app, DemoUsers.PoliceCaseOfficer, p => { p.Forename = "Orla"; p.Surname = surname; });

        var page = await SearchAsync(council, surname, new() { ["Input.Title"] = "Noise from the flat above" });

        var results = page.Document.QuerySelector("#victim-results")!;
        Assert.Contains($"Nia {surname} (person {own.Id})", results.TextContent, StringComparison.Ordinal);
        // The police's person is a signpost: no name, no number, nothing to choose.
        Assert.DoesNotContain("Orla", results.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain($"person {theirs.Id}", results.TextContent, StringComparison.Ordinal);
        Assert.Contains("Known to the partnership – contact Wyvernshire Constabulary", results.TextContent, StringComparison.Ordinal);
        Assert.Equal([$"person:{own.Id}"], Choices(page));
        // What the officer typed is kept, and "Open case" opens rather than searching again.
        Assert.Equal("Noise from the flat above", page.ValueOf("Input.Title"));
        var form = page.Document.QuerySelectorAll("form").Single(f => f.QuerySelector("#search-victim") is not null);
        Assert.Equal("/asb/cases/new", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));

        var audit = await TestRecords.QueryAsync(app, d => d.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.Search && e.Purpose == "Opening an ASB case: finding the victim").ToListAsync(Ct));
        Assert.Contains(audit, e => e.Details!.Contains(surname, StringComparison.Ordinal));

        var opened = await AppFactory.PostFormAsync(council, "/asb/cases/new", new()
        {
            ["Input.Title"] = "Noise from the flat above",
            ["Input.VictimSearch"] = surname,
            ["Input.VictimChoice"] = $"person:{own.Id}",
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var caseId = CaseIdOf(opened);
        var victims = await TestRecords.QueryAsync(app, d => d.Set<CasePerson>().Where(p => p.CaseId == caseId && p.Role == CasePersonRole.Victim).Select(p => p.PersonId).ToListAsync(Ct));
        Assert.Equal([own.Id], victims);
    }

    [Fact]
    public async Task Search_VictimOfOwnIncidentHeldByAnotherAgency_CanBeChosenWithoutBeingShown()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var surname = TestRecords.Unique("Heldelsewhere");
        var victim = await TestRecords.CreatePersonAsync(app, DemoUsers.PoliceCaseOfficer, p => { p.Forename = "Tamsin"; p.Surname = surname; });
        // The council recorded an incident about the police's person (chosen from a signpost when it was recorded).
        await TestRecords.QueryAsync(app, async d =>
        {
            var councilAgency = await d.Users.Where(u => u.Email == DemoUsers.CouncilCaseOfficer).Select(u => u.AgencyId).SingleAsync(Ct);
            var incident = new Incident
            {
                Strand = AsbStrand.Code, CategoryCode = "ASB-PERSONAL", Narrative = "Abuse", ReportingAgencyId = councilAgency,
                OccurredUtc = app.Clock.GetUtcNow().UtcDateTime.AddDays(-3), CreatedUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            incident.People.Add(new IncidentPerson { PersonId = victim.Id, Role = IncidentRole.Victim });
            d.Add(incident);
            return await d.SaveChangesAsync(Ct);
        });

        var page = await SearchAsync(council, surname, new() { ["Input.Title"] = "Harassment" });

        var results = page.Document.QuerySelector("#victim-results")!.TextContent;
        Assert.Contains("The victim of your agency's incident, held by Wyvernshire Constabulary", results, StringComparison.Ordinal);
        Assert.DoesNotContain("Tamsin", results, StringComparison.Ordinal);
        // The choice is an opaque token, never the record number (a random token may hold its digits by chance).
        Assert.DoesNotContain(Choices(page), c => c == victim.Id.ToString(CultureInfo.InvariantCulture) || c == $"person:{victim.Id}");
        var token = Assert.Single(Choices(page));

        // A token altered in the browser chooses nobody.
        var tampered = await PostCaseAsync(council, new() { ["Input.Title"] = "Harassment", ["Input.VictimChoice"] = token[..^4] + "AAAA" });
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Contains("The person you chose can no longer be used: search for the victim again", (await HtmlPage.ReadAsync(tampered)).Errors);

        var opened = await PostCaseAsync(council, new() { ["Input.Title"] = "Harassment", ["Input.VictimChoice"] = token });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var caseId = CaseIdOf(opened);
        Assert.Equal([victim.Id], await TestRecords.QueryAsync(app, d => d.Set<CasePerson>().Where(p => p.CaseId == caseId).Select(p => p.PersonId).ToListAsync(Ct)));
        // The case page names her only as held by the police.
        var casePage = await (await council.GetAsync($"/asb/cases/{caseId}")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Victim held by Wyvernshire Constabulary", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Tamsin", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCase_GuessedChoiceOfSomeoneNotShared_IsRefusedAsUnknownAndAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var theirs = await TestRecords.CreatePersonAsync(app, DemoUsers.PoliceCaseOfficer);

        var response = await PostCaseAsync(council, new() { ["Input.Title"] = "Guess", ["Input.VictimChoice"] = $"person:{theirs.Id}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is no person with that record number: search for the victim by name", (await HtmlPage.ReadAsync(response)).Errors);
        Assert.False(await TestRecords.QueryAsync(app, d => d.Set<CasePerson>().AnyAsync(p => p.PersonId == theirs.Id, Ct)));
        Assert.True(await TestRecords.QueryAsync(app, d => d.AuditEvents.AnyAsync(e => e.Action == CommunitySafety.Security.AccessRefusals.Action && e.RecordId == theirs.Id.ToString(CultureInfo.InvariantCulture), Ct)));
    }

    [Fact]
    public async Task OpenCase_ErrorsAreListedInTheOrderOfTheFields()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        var fields = new Dictionary<string, string> { ["Input.Title"] = "", ["Input.PerpetratorForename"] = "Kyle" };
        AsbTestSupport.Date(fields, "Input.PerpetratorDateOfBirth", null);
        var page = await HtmlPage.ReadAsync(await PostCaseAsync(council, fields));

        Assert.Equal(
            ["Enter a title for the case", "Search for the victim by name and choose them from the results", "Enter the perpetrator's last name, or leave the perpetrator's details blank"],
            page.Errors);
    }

    [Fact]
    public async Task PerpetratorNamedWhileRecordingTheIncident_IsOnTheCaseOpenedFromTheSearch_AndCanHaveAPowerRecorded()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var victimSurname = TestRecords.Unique("Victimson");
        var perpSurname = TestRecords.Unique("Culprit");

        var fields = AsbTestSupport.IncidentForm(Today.AddDays(-2), "Ruth", victimSurname, null);
        fields["Input.PerpetratorForename"] = "Kyle";
        fields["Input.PerpetratorSurname"] = perpSurname;
        AsbTestSupport.Date(fields, "Input.PerpetratorDateOfBirth", new DateOnly(2001, 4, 9));
        var recorded = await AsbTestSupport.PostIncidentPageAsync(police, fields);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        var perpetrator = await TestRecords.QueryAsync(app, d => d.Set<Person>().AsNoTracking().SingleAsync(p => p.Surname == perpSurname, Ct));
        Assert.Equal(new DateOnly(2001, 4, 9), perpetrator.DateOfBirth);
        var roles = await TestRecords.QueryAsync(app, d => d.Set<IncidentPerson>().Where(ip => ip.PersonId == perpetrator.Id).Select(ip => ip.Role).ToListAsync(Ct));
        Assert.Equal([IncidentRole.Perpetrator], roles);
        Assert.True(await TestRecords.QueryAsync(app, d => d.AuditEvents.AnyAsync(e => e.Action == AuditActions.Create && e.RecordType == "person"
            && e.RecordId == perpetrator.Id.ToString(CultureInfo.InvariantCulture), Ct)));

        var search = await SearchAsync(police, "Ruth " + victimSurname, new() { ["Input.Title"] = "Threats to Ruth" });
        var opened = await PostCaseAsync(police, new() { ["Input.Title"] = "Threats to Ruth", ["Input.VictimChoice"] = Assert.Single(Choices(search)) });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var caseId = CaseIdOf(opened);

        var casePage = await HtmlPage.GetAsync(police, $"/asb/cases/{caseId}");
        Assert.Contains($"Kyle {perpSurname} (person {perpetrator.Id})", casePage.Document.QuerySelector("#case-perpetrators")!.TextContent, StringComparison.Ordinal);
        var powerForm = await HtmlPage.GetAsync(police, $"/asb/cases/{caseId}/powers/new");
        var options = powerForm.Document.QuerySelectorAll("select[name='Input.SubjectPersonId'] option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains($"Kyle {perpSurname} (perpetrator)", options);
    }

    [Fact]
    public async Task PerpetratorNamedWhileOpeningTheCase_IsCreatedWithTheCase()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var victim = await TestRecords.CreatePersonAsync(app, DemoUsers.CouncilCaseOfficer);
        var perpSurname = TestRecords.Unique("Neighbour");

        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Dog fouling and threats",
            ["Input.VictimPersonId"] = victim.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.PerpetratorForename"] = "Gary",
            ["Input.PerpetratorSurname"] = perpSurname,
        };
        AsbTestSupport.Date(fields, "Input.PerpetratorDateOfBirth", null);
        var opened = await PostCaseAsync(council, fields);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var caseId = CaseIdOf(opened);
        var people = await TestRecords.QueryAsync(app, d => d.Set<CasePerson>().Where(p => p.CaseId == caseId)
            .Select(p => new { p.Role, p.Person!.Surname, p.Person.CreatedByAgency!.Name }).ToListAsync(Ct));
        var perp = Assert.Single(people, p => p.Role == CasePersonRole.Perpetrator);
        Assert.Equal(perpSurname, perp.Surname);
        Assert.Equal("Ashcombe District Council", perp.Name);
        var timeline = await TestRecords.QueryAsync(app, d => d.Set<CaseEvent>().Where(e => e.CaseId == caseId).Select(e => e.Text).ToListAsync(Ct));
        Assert.Contains("ASB case opened; 0 ASB incidents linked; 1 perpetrator added", timeline);
    }

    [Fact]
    public async Task PersonPage_OffersToOpenACase_WithTheVictimChosen()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var victim = await TestRecords.CreatePersonAsync(app, DemoUsers.CouncilCaseOfficer, p => p.Forename = "Bea");

        var person = await HtmlPage.GetAsync(council, $"/people/{victim.Id}");
        var link = person.Document.QuerySelectorAll("a").OfType<IHtmlAnchorElement>().Single(a => a.TextContent.Trim() == "Open an ASB case for them");

        var form = await HtmlPage.GetAsync(council, link.GetAttribute("href")!);
        Assert.StartsWith($"Bea {victim.Surname} (person {victim.Id})", form.Document.QuerySelector("#chosen-victim")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(victim.Id.ToString(CultureInfo.InvariantCulture), form.ValueOf("Input.VictimPersonId"));
    }

    static async Task<HtmlPage> SearchAsync(HttpClient client, string name, Dictionary<string, string> fields)
    {
        fields["Input.VictimSearch"] = name;
        var response = await AppFactory.PostFormAsync(client, "/asb/cases/new?handler=Search", fields, "/asb/cases/new");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }

    static Task<HttpResponseMessage> PostCaseAsync(HttpClient client, Dictionary<string, string> fields) =>
        AppFactory.PostFormAsync(client, "/asb/cases/new", fields);

    static List<string> Choices(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("input[name='Input.VictimChoice'][type='radio']").OfType<IHtmlInputElement>().Select(i => i.Value)];

    static int CaseIdOf(HttpResponseMessage redirect) =>
        int.Parse(redirect.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
}

public sealed class AsbCaseOpeningTestsOnSqlite(PostgresFixture pg) : AsbCaseOpeningTests(Db.Sqlite, pg);

public sealed class AsbCaseOpeningTestsOnPostgres(PostgresFixture pg) : AsbCaseOpeningTests(Db.Postgres, pg);
