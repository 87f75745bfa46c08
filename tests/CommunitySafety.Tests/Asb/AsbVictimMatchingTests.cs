using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Asb.AsbTestSupport;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Asb;

/// <summary>
/// Recording an ASB incident uses the People core's "is this the same person?" check: possible matches are shown
/// (details only within need to know, otherwise a signpost), the officer chooses one or confirms a new person, and a
/// chosen record makes repeat-victim detection work across agencies even when the name was typed differently.
/// The app clock is 23 November 2026.
/// </summary>
public abstract class AsbVictimMatchingTests(Db db, PostgresFixture pg)
{
    static readonly DateOnly Today = new(2026, 11, 23);
    static readonly DateOnly Dob = new(1980, 4, 4);

    [Fact]
    public async Task RecordIncident_OtherAgencyTypesJonForJohn_SeesSignpostOnlyAndChoosingItMakesARepeatVictimWithoutTellingThem()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var first = await PostIncidentApiAsync(council, Today.AddDays(-40), victim: ("John", "Smith", Dob));
        var johnId = first.GetProperty("victimPersonId").GetInt32();
        await PostIncidentApiAsync(council, Today.AddDays(-20), victimPersonId: johnId);
        var people = await QueryAsync(app, d => d.Set<Person>().CountAsync());

        // The police officer names the victim "Jon Smith": the council's record is outside their need to know.
        var form = IncidentForm(Today.AddDays(-2), "Jon", "Smith", Dob);
        var check = await PostIncidentPageAsync(police, form);
        var html = await check.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("Is this the victim?", html, StringComparison.Ordinal);
        Assert.Contains("A record known to the partnership – contact Ashcombe District Council", html, StringComparison.Ordinal);
        Assert.DoesNotContain("John Smith", html, StringComparison.Ordinal);
        Assert.DoesNotContain("4 April 1980", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"person {johnId}", html, StringComparison.Ordinal);
        Assert.Equal(people, await QueryAsync(app, d => d.Set<Person>().CountAsync()));
        Assert.Equal(2, await QueryAsync(app, d => d.Set<Incident>().CountAsync(i => i.People.Any(p => p.PersonId == johnId))));

        var choices = VictimChoices(html);
        Assert.Equal(2, choices.Count); // the signposted record, and "new"
        form["Input.CheckedVictim"] = CheckedVictim(html);
        form["Input.VictimChoice"] = choices[0];
        var recorded = await PostIncidentPageAsync(police, form);

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal("/asb/incidents/new", recorded.Headers.Location!.ToString());
        var banner = WebUtility.HtmlDecode(await police.GetStringAsync("/asb/incidents/new"));
        Assert.Contains("ASB incident recorded for the victim's existing record (held by Ashcombe District Council).", banner, StringComparison.Ordinal);
        Assert.Contains("contact Ashcombe District Council about this victim", banner, StringComparison.Ordinal);
        // The flag is set on the record (below), but the police officer is not told: it would reveal the council's incidents.
        Assert.DoesNotContain("flagged as a repeat victim", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("alerted", banner, StringComparison.Ordinal);
        Assert.Equal(people, await QueryAsync(app, d => d.Set<Person>().CountAsync()));
        Assert.Equal(3, await QueryAsync(app, d => d.Set<Incident>().CountAsync(i => i.People.Any(p => p.PersonId == johnId && p.Role == IncidentRole.Victim))));
        var flag = await QueryAsync(app, d => d.Set<PersonFlag>().SingleAsync(f => f.PersonId == johnId && f.Type == PersonFlagTypes.RepeatVictim && f.Active));
        Assert.True(flag.Automatic);
        Assert.Contains("3 ASB incidents from 2 agencies", flag.Reason, StringComparison.Ordinal);
        // The link does not widen need to know: the police officer still cannot open the council's record.
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/people/{johnId}")).StatusCode);

        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.UserName == DemoUsers.PoliceCaseOfficer).ToListAsync());
        Assert.Contains(audit, e => e.Action == AuditActions.Search && e.RecordType == "person" && e.Purpose == AsbIncidentRecorder.MatchPurpose
            && e.Details!.Contains("Jon Smith (1 possible match, 0 shown in full", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == AuditActions.Change && e.RecordId == $"{johnId}" && e.Details!.Contains("(chosen from possible matches)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordIncidentApi_PossibleMatches_409ListsThemWithinNeedToKnowAndRecordsNothing()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var johnId = (await PostIncidentApiAsync(council, Today.AddDays(-40), victim: ("John", "Smith", Dob))).GetProperty("victimPersonId").GetInt32();
        var incidents = await QueryAsync(app, d => d.Set<Incident>().CountAsync());

        var own = await PostIncidentApiAsync(council, Today.AddDays(-1), victim: ("Johnny", "Smith", Dob), confirmNew: false, expect: HttpStatusCode.Conflict);
        var other = await PostIncidentApiAsync(police, Today.AddDays(-1), victim: ("Jon", "Smith", Dob), confirmNew: false, expect: HttpStatusCode.Conflict);

        var mine = Assert.Single(own.GetProperty("matches").EnumerateArray());
        Assert.Equal(johnId, mine.GetProperty("id").GetInt32());
        Assert.Equal("John Smith", mine.GetProperty("name").GetString());
        var signpost = Assert.Single(other.GetProperty("matches").EnumerateArray());
        Assert.Equal("Known to the partnership – contact Ashcombe District Council", signpost.GetProperty("signpost").GetString());
        Assert.False(signpost.TryGetProperty("id", out _));
        Assert.False(signpost.TryGetProperty("name", out _));
        Assert.Equal(incidents, await QueryAsync(app, d => d.Set<Incident>().CountAsync()));

        // The police officer's choice links the incident but does not hand them the record number.
        var linked = await police.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-NUISANCE", occurredOn = Iso(Today), reportedOn = Iso(Today), narrative = "Shouting", placeLine1 = "8 Match Street",
            victimMatchToken = signpost.GetProperty("matchToken").GetString(),
        });
        var body = await linked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("victimPersonId").ValueKind);
        Assert.Equal("Ashcombe District Council", body.GetProperty("victimHeldBy").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("repeatVictim").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("alertsRaised").ValueKind);
        Assert.True(await QueryAsync(app, d => d.Set<IncidentPerson>().AnyAsync(p => p.PersonId == johnId && p.IncidentId == body.GetProperty("id").GetInt32())));
    }

    [Fact]
    public async Task RecordIncident_NoneOfTheseMatches_ConfirmsANewPersonWithTheirAddress()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var johnId = (await PostIncidentApiAsync(council, Today.AddDays(-40), victim: ("John", "Smith", Dob))).GetProperty("victimPersonId").GetInt32();
        var form = IncidentForm(Today.AddDays(-1), "John", "Smith", Dob);
        form["Input.VictimAddressLine1"] = "3 Elm Row";
        form["Input.VictimPostcode"] = "as9 9zz";

        var html = await (await PostIncidentPageAsync(council, form)).Content.ReadAsStringAsync();
        Assert.Contains($"John Smith (person {johnId})", html, StringComparison.Ordinal);
        Assert.Contains("Why it may match: forename matches; surname matches; date of birth matches", html, StringComparison.Ordinal);

        form["Input.CheckedVictim"] = CheckedVictim(html);
        form["Input.VictimChoice"] = "new";
        var recorded = await PostIncidentPageAsync(council, form);

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var newId = int.Parse(recorded.Headers.Location!.ToString().Split('=').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(johnId, newId);
        var created = await QueryAsync(app, d => d.Set<Person>().Include(p => p.Addresses).ThenInclude(a => a.Place).SingleAsync(p => p.Id == newId));
        Assert.Equal(Dob, created.DateOfBirth);
        Assert.Equal("3 Elm Row, AS9 9ZZ", Assert.Single(created.Addresses).Place!.OneLine);
    }

    [Fact]
    public async Task RecordIncident_MatchesShownButNoneChosen_AsksForAChoiceAndRecordsNothing()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        await PostIncidentApiAsync(council, Today.AddDays(-40), victim: ("John", "Smith", Dob));
        var form = IncidentForm(Today.AddDays(-1), "John", "Smith", Dob);
        var first = await (await PostIncidentPageAsync(council, form)).Content.ReadAsStringAsync();
        form["Input.CheckedVictim"] = CheckedVictim(first);
        var incidents = await QueryAsync(app, d => d.Set<Incident>().CountAsync());

        var response = await PostIncidentPageAsync(council, form);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_VictimChoice\"", html, StringComparison.Ordinal);
        Assert.Contains("Select the victim's existing record, or choose to add them as a new person", html, StringComparison.Ordinal);
        Assert.Equal(incidents, await QueryAsync(app, d => d.Set<Incident>().CountAsync()));
    }

    [Fact]
    public async Task RecordIncident_PersonNumberOrMatchTokenOutsideNeedToKnow_IsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        await PostIncidentApiAsync(council, Today.AddDays(-40), victim: ("John", "Smith", Dob));
        var incidents = await QueryAsync(app, d => d.Set<Incident>().CountAsync());

        // A record number the fire officer may not see gets the same answer as one that does not exist.
        var byNumber = await PostIncidentApiAsync(fire, Today, victimPersonId: margaret.Id, expect: HttpStatusCode.BadRequest);
        var missing = await PostIncidentApiAsync(fire, Today, victimPersonId: 999999, expect: HttpStatusCode.BadRequest);
        Assert.Equal(missing.GetProperty("errors").GetProperty("victimPersonId")[0].GetString(), byNumber.GetProperty("errors").GetProperty("victimPersonId")[0].GetString());

        // A match token is good only for the user it was shown to.
        var offered = await PostIncidentApiAsync(police, Today, victim: ("Jon", "Smith", Dob), confirmNew: false, expect: HttpStatusCode.Conflict);
        var token = offered.GetProperty("matches")[0].GetProperty("matchToken").GetString();
        var stolen = await fire.PostAsJsonAsync("/api/asb/incidents", new { category = "ASB-NUISANCE", occurredOn = Iso(Today), reportedOn = Iso(Today), narrative = "x", placeLine1 = "8 Match Street", victimMatchToken = token });
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Contains("The record you chose can no longer be used", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // And only for an hour (signing in again: the session itself times out after 30 idle minutes).
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var late = await police.PostAsJsonAsync("/api/asb/incidents", new { category = "ASB-NUISANCE", occurredOn = Iso(Today), reportedOn = Iso(Today), narrative = "x", placeLine1 = "8 Match Street", victimMatchToken = token });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(incidents, await QueryAsync(app, d => d.Set<Incident>().CountAsync()));
    }
}

public sealed class AsbVictimMatchingTestsOnSqlite(PostgresFixture pg) : AsbVictimMatchingTests(Db.Sqlite, pg);

public sealed class AsbVictimMatchingTestsOnPostgres(PostgresFixture pg) : AsbVictimMatchingTests(Db.Postgres, pg);
