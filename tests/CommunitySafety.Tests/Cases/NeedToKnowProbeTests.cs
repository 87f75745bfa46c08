using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>
/// A probe as an outsider would run it (issue #9): fire and rescue holds a victim with a date of birth, phone, e-mail,
/// home address and a narrative; every other demo user (every agency and role) then guesses person, incident and place
/// numbers, searches, follows the signpost and match-token paths to link their own incident and case to the victim, and
/// reads their exports and work lists. None of the victim's personal fields may appear in any response.
/// </summary>
public abstract class NeedToKnowProbeTests(Db db, PostgresFixture pg)
{
    static readonly string[] Secrets = ["1961-07-19", "19 July 1961", "19/07/1961", "07700 900461", "tess.probeworth@", "12 Hidden Row", "WY9 9HR", "Fire-only narrative"];

    static readonly string[] Probers =
    [
        DemoUsers.Administrator, DemoUsers.Analyst, DemoUsers.PoliceCaseOfficer, DemoUsers.CouncilCaseOfficer, DemoUsers.PoliceManager,
        DemoUsers.BoardMember, DemoUsers.ProviderWorker, DemoUsers.ProbationCaseOfficer, DemoUsers.HealthCaseOfficer,
    ];

    [Fact]
    public async Task EveryOtherAgencyAndRole_GuessingSearchingLinkingAndExporting_SeesNoneOfTheVictimsPersonalFields()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var recorded = await fire.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-PERSONAL", occurredOn = "2026-11-20", reportedOn = "2026-11-20", narrative = "Fire-only narrative: threats through the letterbox",
            victimForename = "Tess", victimSurname = "Probeworth", victimDateOfBirth = "1961-07-19", victimAddressLine1 = "12 Hidden Row", victimPostcode = "WY9 9HR",
            placeLine1 = "12 Hidden Row", placePostcode = "WY9 9HR", confirmNewVictim = true,
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var created = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        var personId = created.GetProperty("victimPersonId").GetInt32();
        var person = await fire.GetFromJsonAsync<JsonElement>($"/api/people/{personId}");
        var put = await fire.PutAsJsonAsync($"/api/people/{personId}", new
        {
            version = person.GetProperty("version").GetInt32(), forename = "Tess", surname = "Probeworth", dateOfBirth = "1961-07-19",
            phone = "07700 900461", email = "tess.probeworth@example.org",
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var placeId = await QueryAsync(app, d => d.Set<Incident>().Where(i => i.Id == created.GetProperty("id").GetInt32()).Select(i => i.PlaceId!.Value).SingleAsync());
        var maxPerson = await QueryAsync(app, d => d.Set<Person>().MaxAsync(p => p.Id));
        var maxIncident = await QueryAsync(app, d => d.Set<Incident>().MaxAsync(i => i.Id));

        var leaks = new List<string>();
        var responses = 0;
        async Task<string> Check(string who, string what, HttpResponseMessage response)
        {
            responses++;
            var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            foreach (var secret in Secrets.Where(s => body.Contains(s, StringComparison.Ordinal)))
            {
                leaks.Add($"{who} {what} ({(int)response.StatusCode}) shows '{secret}'");
            }
            return body;
        }

        foreach (var email in Probers)
        {
            var client = await app.SignInAsync(email);
            // Guessed numbers.
            for (var id = 1; id <= maxPerson + 2; id++)
            {
                await Check(email, $"GET /api/people/{id}", await client.GetAsync($"/api/people/{id}"));
                await Check(email, $"GET /people/{id}", await client.GetAsync($"/people/{id}"));
            }
            for (var id = 1; id <= maxIncident + 2; id++)
            {
                await Check(email, $"GET /api/incidents/{id}", await client.GetAsync($"/api/incidents/{id}"));
            }
            // Search, page and API.
            await Check(email, "api search", await client.GetAsync("/api/people?name=Tess%20Probeworth&purpose=probe"));
            await Check(email, "page search", await client.GetAsync("/people/search?Input.Name=Tess%20Probeworth&Input.Purpose=Safeguarding%20concern&Input.Details=probe"));

            // The match-token path: name the victim, take the signpost's token, link an incident of one's own.
            object Incident(string? token) => new
            {
                category = "ASB-NUISANCE", occurredOn = "2026-11-22", reportedOn = "2026-11-22", narrative = "Prober's own account", placeLine1 = "1 Prober Street", placePostcode = "AS9 9ZZ",
                victimForename = token is null ? "Tess" : null, victimSurname = token is null ? "Probeworth" : null, victimDateOfBirth = token is null ? "1961-07-19" : null,
                victimMatchToken = token,
            };
            var check = await Check(email, "409 possible matches", await client.PostAsJsonAsync("/api/asb/incidents", Incident(null)));
            if (check.Contains("matchToken", StringComparison.Ordinal))
            {
                var token = JsonDocument.Parse(check).RootElement.GetProperty("matches")[0].GetProperty("matchToken").GetString();
                var linked = await client.PostAsJsonAsync("/api/asb/incidents", Incident(token));
                var linkedBody = await Check(email, "201 linked incident", linked);
                var own = JsonDocument.Parse(linkedBody).RootElement.GetProperty("id").GetInt32();
                await Check(email, "own incident (api)", await client.GetAsync($"/api/incidents/{own}"));
                await Check(email, "own incident (page)", await client.GetAsync($"/incidents/{own}"));

                // The signpost path on to a case of one's own for the victim.
                var opened = await AppFactory.PostFormAsync(client, "/asb/cases/new", new()
                {
                    ["Input.Title"] = "Probe case", ["Input.VictimPersonId"] = personId.ToString(CultureInfo.InvariantCulture),
                });
                await Check(email, "open case", opened);
                if (opened.StatusCode == HttpStatusCode.Redirect)
                {
                    var caseId = opened.Headers.Location!.ToString().Split('/').Last();
                    foreach (var url in new[] { $"/asb/cases/{caseId}", $"/api/asb/cases/{caseId}", $"/cases/{caseId}", $"/api/cases/{caseId}", $"/asb/cases/{caseId}/risk-assessment",
                        $"/asb/cases/{caseId}/case-reviews/new", $"/asb/cases/{caseId}/powers/new" })
                    {
                        await Check(email, url, await client.GetAsync(url));
                    }
                }
            }
            // Incident recording at a guessed place.
            await Check(email, "incident at a guessed place", await client.PostAsJsonAsync("/api/asb/incidents", new
            {
                category = "ASB-NUISANCE", occurredOn = "2026-11-22", reportedOn = "2026-11-22", narrative = "x", placeId, victimForename = "Una", victimSurname = "Related", confirmNewVictim = true,
            }));
            // Exports and work lists.
            foreach (var url in new[] { "/cases/export?purpose=probe&status=all", "/api/cases", "/cases", "/asb", "/asb/alerts", "/api/asb/alerts", "/", "/asb/powers" })
            {
                await Check(email, url, await client.GetAsync(url));
            }
        }

        Assert.True(responses > 400, $"only {responses} responses probed");
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks in {responses} responses:\n" + string.Join("\n", leaks));
        // The fire officer does see their own victim, so the secrets are really there to be found.
        Assert.Contains("07700 900461", await fire.GetStringAsync($"/api/people/{personId}"), StringComparison.Ordinal);
    }
}

public sealed class NeedToKnowProbeTestsOnSqlite(PostgresFixture pg) : NeedToKnowProbeTests(Db.Sqlite, pg);

public sealed class NeedToKnowProbeTestsOnPostgres(PostgresFixture pg) : NeedToKnowProbeTests(Db.Postgres, pg);
