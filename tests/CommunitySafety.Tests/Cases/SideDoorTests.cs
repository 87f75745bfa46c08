using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Asb.AsbTestSupport;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>
/// The need-to-know side doors of issue #9, section 1, each as it was found: opening an ASB case for another agency's
/// person, making anyone a victim with a match token, attaching an address by a guessed place number, and refusals that
/// left no trace. Choosing a signposted person links a record to them and tells the owning agency; it never shows the
/// person (issue #4). The app clock is 23 November 2026.
/// </summary>
public abstract class SideDoorTests(Db db, PostgresFixture pg)
{
    static readonly DateOnly Today = new(2026, 11, 23);
    const string Fire = "Wyvernshire Fire and Rescue Service";

    /// <summary>Fire and rescue records an ASB incident about a victim of its own, with a home address; returns (person, incident).</summary>
    static async Task<(int Person, int Incident)> FireVictimAsync(HttpClient fire, string surname, string home = "12 Hidden Row")
    {
        var response = await fire.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-PERSONAL", occurredOn = Iso(Today.AddDays(-3)), reportedOn = Iso(Today.AddDays(-3)), narrative = "Fire-only narrative: threats through the letterbox",
            victimForename = "Tess", victimSurname = surname, victimDateOfBirth = "1961-07-19", victimAddressLine1 = home, victimPostcode = "WY9 9HR",
            placeLine1 = home, placePostcode = "WY9 9HR", confirmNewVictim = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("victimPersonId").GetInt32(), body.GetProperty("id").GetInt32());
    }

    static Task<HttpResponseMessage> OpenAsbCaseAsync(HttpClient client, int personId) =>
        AppFactory.PostFormAsync(client, "/asb/cases/new", new()
        {
            ["Input.Title"] = "Case for a number", ["Input.VictimPersonId"] = personId.ToString(CultureInfo.InvariantCulture),
        });

    static void AssertNoFireDetails(string body, string where)
    {
        foreach (var secret in new[] { "Tess", "1961", "19 July", "12 Hidden Row", "WY9 9HR", "Fire-only narrative" })
        {
            Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{where} shows '{secret}'");
        }
    }

    [Fact]
    public async Task OpenAsbCase_ForAnotherAgencysAsbVictimByNumber_IsRefusedAsUnknownAndAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var (person, incident) = await FireVictimAsync(fire, "Numberguess");
        var cases = await QueryAsync(app, d => d.Set<Case>().CountAsync());

        foreach (var email in new[] { DemoUsers.ProviderWorker, DemoUsers.CouncilCaseOfficer })
        {
            var client = await app.SignInAsync(email);
            var response = await OpenAsbCaseAsync(client, person);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("There is no person with that record number", html, StringComparison.Ordinal);
            AssertNoFireDetails(html, email + " case form");
            foreach (var url in new[] { $"/api/people/{person}", $"/people/{person}", $"/api/incidents/{incident}", $"/incidents/{incident}" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
            }
        }
        Assert.Equal(cases, await QueryAsync(app, d => d.Set<Case>().CountAsync()));
        var denied = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.Action == AccessRefusals.Action).ToListAsync());
        Assert.Contains(denied, e => e.UserName == DemoUsers.ProviderWorker && e.RecordType == "person" && e.RecordId == $"{person}"
            && e.Outcome == AuditOutcome.Denied && e.Details!.Contains("POST /asb/cases/new", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignpostedVictim_LinkedByIncidentAndCase_StaysASignpostEverywhereAndTellsTheOwningAgency()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var (person, fireIncident) = await FireVictimAsync(fire, "Signposton");

        // The council names the victim, is shown a signpost, and chooses it: its own incident is linked to fire's person.
        var incident = new { category = "ASB-NUISANCE", occurredOn = Iso(Today), reportedOn = Iso(Today), narrative = "Council's own account", placeLine1 = "1 Council Street",
            victimForename = "Tess", victimSurname = "Signposton", victimDateOfBirth = "1961-07-19" };
        var check = await council.PostAsJsonAsync("/api/asb/incidents", incident);
        Assert.Equal(HttpStatusCode.Conflict, check.StatusCode);
        var checkBody = await check.Content.ReadAsStringAsync();
        AssertNoFireDetails(checkBody.Replace("Signposton", "", StringComparison.Ordinal).Replace("\"Tess\"", "", StringComparison.Ordinal), "409");
        var token = JsonDocument.Parse(checkBody).RootElement.GetProperty("matches")[0].GetProperty("matchToken").GetString();
        var linked = await council.PostAsJsonAsync("/api/asb/incidents", new { incident.category, incident.occurredOn, incident.reportedOn, incident.narrative, incident.placeLine1, victimMatchToken = token });
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        Assert.Equal(Fire, (await linked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("victimHeldBy").GetString());

        // Opening a case for the victim of its own incident is allowed: the case is linked, the person still not shown.
        var opened = await OpenAsbCaseAsync(council, person);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var caseId = int.Parse(opened.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);

        foreach (var url in new[] { $"/api/people/{person}", $"/people/{person}", $"/people/{person}/edit", $"/api/incidents/{fireIncident}", $"/incidents/{fireIncident}" })
        {
            Assert.True((await council.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"{url} should stay not found for the council");
        }
        foreach (var url in new[] { $"/asb/cases/{caseId}", $"/api/asb/cases/{caseId}", $"/cases/{caseId}", $"/api/cases/{caseId}" })
        {
            var response = await council.GetAsync(url);
            var body = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertNoFireDetails(body, url);
            Assert.Contains(Fire, body, StringComparison.Ordinal);
            Assert.DoesNotContain($"/people/{person}\"", body, StringComparison.Ordinal);
        }
        // Searching its own cases by the hidden person's address or name does not confirm them either.
        var reference = await QueryAsync(app, d => d.Set<Case>().Where(x => x.Id == caseId).Select(x => x.Reference).SingleAsync());
        Assert.DoesNotContain(reference, await council.GetStringAsync("/api/cases?q=12%20Hidden%20Row"), StringComparison.Ordinal);
        Assert.DoesNotContain(reference, await council.GetStringAsync("/api/cases?q=Tess%20Signposton"), StringComparison.Ordinal);
        var search = await council.GetStringAsync("/api/people?name=Tess%20Signposton&purpose=test");
        AssertNoFireDetails(search.Replace("Signposton", "", StringComparison.Ordinal), "search");
        Assert.Contains($"contact {Fire}", search, StringComparison.Ordinal);

        // Fire and rescue is told, by alert, who linked what.
        var alerts = await fire.GetStringAsync("/api/asb/alerts");
        Assert.Contains(SignpostNotices.AlertType, alerts, StringComparison.Ordinal);
        Assert.Contains("Ashcombe District Council linked an ASB incident", alerts, StringComparison.Ordinal);
        Assert.Contains("Ashcombe District Council linked ASB case", alerts, StringComparison.Ordinal);

        // Once fire and rescue works the case too, it is a case both agencies work: the council may see the person.
        var c = await QueryAsync(app, d => d.Set<Case>().Include(x => x.Agencies).SingleAsync(x => x.Id == caseId));
        var fireId = await QueryAsync(app, d => d.Agencies.Where(a => a.Name == Fire).Select(a => a.Id).SingleAsync());
        var team = await council.PutAsJsonAsync($"/api/cases/{caseId}/team", new { version = c.Version, partners = new[] { fireId } });
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await council.GetAsync($"/api/people/{person}")).StatusCode);
    }

    [Fact]
    public async Task MatchToken_ReusedOrSentWithOtherVictimDetails_IsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var (person, _) = await FireVictimAsync(fire, "Tokenham");
        object Body(string? token, string? forename = null, string? surname = null) => new
        {
            category = "ASB-NUISANCE", occurredOn = Iso(Today), reportedOn = Iso(Today), narrative = "Police account", placeLine1 = "2 Police Street",
            victimForename = forename, victimSurname = surname, victimMatchToken = token,
        };
        var check = await (await police.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-NUISANCE", occurredOn = Iso(Today), reportedOn = Iso(Today), narrative = "Police account", placeLine1 = "2 Police Street",
            victimForename = "Tess", victimSurname = "Tokenham", victimDateOfBirth = "1961-07-19",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var token = check.GetProperty("matches")[0].GetProperty("matchToken").GetString();

        // The token was issued for "Tess Tokenham": it does not make someone else by another name the victim.
        var otherName = await police.PostAsJsonAsync("/api/asb/incidents", Body(token, "Margaret", "Ellison"));
        Assert.Equal(HttpStatusCode.BadRequest, otherName.StatusCode);
        // A forged or altered token is refused.
        var forged = await police.PostAsJsonAsync("/api/asb/incidents", Body(token![..^4] + "AAAA"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await police.PostAsJsonAsync("/api/asb/incidents", Body(token))).StatusCode);
        // Spent: the same token cannot link a second incident.
        var again = await police.PostAsJsonAsync("/api/asb/incidents", Body(token));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("The record you chose can no longer be used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await QueryAsync(app, d => d.Set<IncidentPerson>().CountAsync(p => p.PersonId == person)));
    }

    [Fact]
    public async Task RecordIncident_AtAGuessedPlaceNumber_IsRefusedLikeAMissingOneAndAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var (_, fireIncident) = await FireVictimAsync(fire, "Placeguess");
        var placeId = await QueryAsync(app, d => d.Set<Incident>().Where(i => i.Id == fireIncident).Select(i => i.PlaceId!.Value).SingleAsync());
        var incidents = await QueryAsync(app, d => d.Set<Incident>().CountAsync());
        async Task<JsonElement> AtAsync(int id)
        {
            var response = await council.PostAsJsonAsync("/api/asb/incidents", new
            {
                category = "ASB-NUISANCE", occurredOn = Iso(Today), reportedOn = Iso(Today), narrative = "x", placeId = id, victimForename = "Una", victimSurname = "Related",
                confirmNewVictim = true,
            });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var guessed = await AtAsync(placeId);
        var missing = await AtAsync(999999);

        Assert.Equal(missing.GetProperty("errors").GetProperty("placeId")[0].GetString(), guessed.GetProperty("errors").GetProperty("placeId")[0].GetString());
        Assert.Equal(incidents, await QueryAsync(app, d => d.Set<Incident>().CountAsync()));
        Assert.True(await QueryAsync(app, d => d.AuditEvents.AnyAsync(e => e.Action == AccessRefusals.Action && e.RecordType == "place"
            && e.RecordId == placeId.ToString(CultureInfo.InvariantCulture) && e.UserName == DemoUsers.CouncilCaseOfficer)));
        // Its own place numbers still work for the agency that may see them.
        var own = await fire.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-NUISANCE", occurredOn = Iso(Today), reportedOn = Iso(Today), narrative = "again", placeId, victimForename = "Una", victimSurname = "Related", confirmNewVictim = true,
        });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Fact]
    public async Task RefusedLookUps_OfPeopleIncidentsCasesAndDocuments_AreAuditedAsDenied()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var hate = await CaseAsync(app, "Quayside Court");
        var hateIncident = await QueryAsync(app, d => d.Set<CaseIncident>().Where(i => i.CaseId == hate.Id).Select(i => i.IncidentId).FirstAsync());
        var probation = await app.SignInAsync(DemoUsers.ProbationCaseOfficer);

        string[] urls = [$"/api/people/{margaret.Id}", $"/people/{margaret.Id}", $"/api/incidents/{hateIncident}", $"/incidents/{hateIncident}",
            $"/cases/{hate.Id}", $"/api/cases/{hate.Id}", $"/cases/{hate.Id}/documents/1"];
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await probation.GetAsync(url)).StatusCode);
        }

        var denied = await QueryAsync(app, d => d.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AccessRefusals.Action && e.UserName == DemoUsers.ProbationCaseOfficer).ToListAsync());
        Assert.Equal(urls.Length, denied.Count);
        Assert.All(denied, e => Assert.Equal(AuditOutcome.Denied, e.Outcome));
        Assert.Contains(denied, e => e.RecordType == "person" && e.RecordId == $"{margaret.Id}" && e.Details == $"refused: GET /api/people/{margaret.Id}");
        Assert.Contains(denied, e => e.RecordType == "incident" && e.RecordId == $"{hateIncident}" && e.Details == $"refused: GET /incidents/{hateIncident}");
        Assert.Equal(2, denied.Count(e => e.RecordType == "case" && e.RecordId == $"{hate.Id}" && !e.Details!.Contains("documents", StringComparison.Ordinal)));
        Assert.Contains(denied, e => e.RecordType == "case" && e.Details!.Contains("/documents/1", StringComparison.Ordinal));
        // The audit trail still verifies with the refusals in it.
        using var scope = app.Services.CreateScope();
        Assert.Null(await AuditChain.FindFirstBrokenAsync(app.CreateDbContext(scope), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MergePage_ComparesOnlyWithAStatedPurposeAndOnlyRecordsThatLookAlike()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await QueryAsync(app, d => d.Set<Person>().AsNoTracking().SingleAsync(p => p.Forename == "Margaret" && p.DateOfBirth == new DateOnly(1948, 3, 12)));
        var maggie = await PersonAsync(app, "Maggie", "Elison");
        var tariq = await PersonAsync(app, "Tariq", "Hussein");
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        string Compare(int a, int b, string? purpose = null, string? details = null) =>
            $"/people/merge?SurvivorId={a}&DuplicateId={b}&Purpose={Uri.EscapeDataString(purpose ?? "")}&PurposeDetails={Uri.EscapeDataString(details ?? "")}";

        // No purpose: nothing shown, the reason asked for.
        var bare = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(Compare(margaret.Id, maggie.Id)));
        Assert.Contains("Select why you are comparing these records", bare, StringComparison.Ordinal);
        Assert.DoesNotContain("Maggie Elison", bare, StringComparison.Ordinal);
        Assert.DoesNotContain("12 March 1948", bare, StringComparison.Ordinal);

        // With a purpose, two records that look alike are compared, and the view is audited with the purpose.
        var shown = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(Compare(margaret.Id, maggie.Id, "A partner reported a duplicate record", "Police email of 20 November")));
        Assert.Contains("Maggie Elison", shown, StringComparison.Ordinal);
        Assert.Contains("12 March 1948", shown, StringComparison.Ordinal);
        Assert.True(await QueryAsync(app, d => d.AuditEvents.AnyAsync(e => e.Action == AuditActions.View && e.UserName == DemoUsers.Administrator
            && e.RecordId == $"{margaret.Id},{maggie.Id}" && e.Purpose == "A partner reported a duplicate record: Police email of 20 November")));

        // Any two numbers are not a way to read records: a pair that does not look alike shows nothing and is refused.
        var unlike = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(Compare(margaret.Id, tariq.Id, "Data quality review of possible duplicates", "Quarterly review")));
        Assert.Contains(PersonService.NotAlike, unlike, StringComparison.Ordinal);
        Assert.DoesNotContain("Tariq", unlike, StringComparison.Ordinal);
        Assert.DoesNotContain("1979", unlike, StringComparison.Ordinal);
        var merge = await PostAsync(admin, "/people/merge", new() { ["SurvivorId"] = $"{margaret.Id}", ["DuplicateId"] = $"{tariq.Id}", ["Reason"] = "Same person" });
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        Assert.Null((await PersonAsync(app, "Tariq", "Hussein")).MergedIntoId);
        Assert.Equal(4, await QueryAsync(app, d => d.AuditEvents.CountAsync(e => e.Action == AccessRefusals.Action && e.UserName == DemoUsers.Administrator
            && (e.RecordId == $"{margaret.Id}" || e.RecordId == $"{tariq.Id}"))));
    }
}

public sealed class SideDoorTestsOnSqlite(PostgresFixture pg) : SideDoorTests(Db.Sqlite, pg);

public sealed class SideDoorTestsOnPostgres(PostgresFixture pg) : SideDoorTests(Db.Postgres, pg);
