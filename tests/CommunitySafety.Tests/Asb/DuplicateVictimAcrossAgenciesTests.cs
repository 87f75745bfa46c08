using System.Globalization;
using System.Net;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Asb.AsbTestSupport;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Asb;

/// <summary>
/// Issue #14: the same victim reported by two agencies becomes one person. The police record Joan Pritchard with her
/// date of birth; the council records the same name and home without one, is asked "Is this the victim?" first, on a
/// page of its own, with the reasons need to know allows, and linking her makes her incidents count together for the
/// repeat-victim rule. All through the real pages. The app clock is 23 November 2026.
/// </summary>
public abstract class DuplicateVictimAcrossAgenciesTests(Db db, PostgresFixture pg)
{
    static readonly DateOnly Today = new(2026, 11, 23);
    static readonly DateOnly Dob = new(1948, 6, 9);

    static Dictionary<string, string> JoanAtLarkRise(DateOnly occurred, DateOnly? dob)
    {
        var form = IncidentForm(occurred, "Joan", "Pritchard", dob, place: "14 Lark Rise");
        form["Input.VictimAddressLine1"] = "14 Lark Rise";
        form["Input.VictimPostcode"] = "WY4 2LR";
        form["Input.PlacePostcode"] = "WY4 2LR";
        return form;
    }

    static string H1(HtmlPage page) => page.Document.QuerySelector("h1")!.TextContent.Trim();

    [Fact]
    public async Task PoliceThenCouncilRecordJoanPritchard_CouncilIsAskedFirstWithSharedReasons_OnePersonFlaggedAsRepeatVictim()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        // The police officer records Joan with her date of birth; the banner names her and links to the incident.
        var first = await PostIncidentPageAsync(police, JoanAtLarkRise(Today.AddDays(-20), Dob));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var joanId = int.Parse(first.Headers.Location!.ToString().Split('=').Last(), CultureInfo.InvariantCulture);
        var banner = WebUtility.HtmlDecode(await police.GetStringAsync(first.Headers.Location!.ToString()));
        Assert.Contains("ASB incident recorded for Joan Pritchard.", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("recorded for person", banner, StringComparison.Ordinal);
        var incidentId = await QueryAsync(app, d => d.Set<IncidentPerson>().Where(p => p.PersonId == joanId).Select(p => p.IncidentId).SingleAsync());
        Assert.Contains($"href=\"/incidents/{incidentId}\"", banner, StringComparison.Ordinal);
        Assert.Contains($"href=\"/people/{joanId}\"", banner, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/incidents/{incidentId}")).StatusCode);

        // A second police incident: their own record is offered with its details, and chosen.
        var again = JoanAtLarkRise(Today.AddDays(-10), Dob);
        var own = await (await PostIncidentPageAsync(police, again)).Content.ReadAsStringAsync();
        Assert.Contains($"Joan Pritchard (person {joanId})", own, StringComparison.Ordinal);
        again["Input.CheckedVictim"] = CheckedVictim(own);
        again["Input.VictimChoice"] = VictimChoices(own)[0];
        Assert.Equal(HttpStatusCode.Redirect, (await PostIncidentPageAsync(police, again)).StatusCode);

        // The council officer gives the same name and home but no date of birth.
        var form = JoanAtLarkRise(Today.AddDays(-2), null);
        var question = await PostIncidentPageAsync(council, form);
        var html = WebUtility.HtmlDecode(await question.Content.ReadAsStringAsync());
        var page = await HtmlPage.ReadAsync(question);

        Assert.Equal(HttpStatusCode.OK, question.StatusCode);
        Assert.Equal("Is this the victim?", H1(page));
        Assert.Contains("The victim may already be known. Nothing has been recorded yet.", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("The victim may already be known", StringComparison.Ordinal) < html.IndexOf("Is this the victim?</h1>", StringComparison.Ordinal));
        // Not the rest of the form: the question is asked on its own.
        Assert.DoesNotContain("Type of anti-social behaviour", html, StringComparison.Ordinal);
        Assert.Contains("A record known to the partnership – contact Wyvernshire Constabulary", html, StringComparison.Ordinal);
        Assert.Contains("Why it may match: name matches; same street; same postcode.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1948", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"person {joanId}", html, StringComparison.Ordinal);
        var choices = VictimChoices(html);
        Assert.Equal(2, choices.Count);

        form["Input.CheckedVictim"] = CheckedVictim(html);
        form["Input.VictimChoice"] = choices[0];
        var recorded = await PostIncidentPageAsync(council, form);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var done = WebUtility.HtmlDecode(await council.GetStringAsync(recorded.Headers.Location!.ToString()));
        Assert.Contains("ASB incident recorded for the victim's existing record (held by Wyvernshire Constabulary).", done, StringComparison.Ordinal);
        Assert.Contains("View the incident", done, StringComparison.Ordinal);

        Assert.Equal(1, await QueryAsync(app, d => d.Set<Person>().CountAsync(p => p.Surname == "Pritchard")));
        Assert.Equal(3, await QueryAsync(app, d => d.Set<IncidentPerson>().CountAsync(p => p.PersonId == joanId && p.Role == IncidentRole.Victim)));
        var flag = await QueryAsync(app, d => d.Set<PersonFlag>().SingleAsync(f => f.PersonId == joanId && f.Type == PersonFlagTypes.RepeatVictim && f.Active));
        Assert.Contains("3 ASB incidents from 2 agencies", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VictimQuestion_ChangeTheDetails_BackToTheFormWithEverythingKept()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        Assert.Equal(HttpStatusCode.Redirect, (await PostIncidentPageAsync(police, JoanAtLarkRise(Today.AddDays(-20), Dob))).StatusCode);
        var form = JoanAtLarkRise(Today.AddDays(-2), null);
        form["Input.Narrative"] = "Eggs thrown at the front window";
        var carried = await HtmlPage.ReadAsync(await PostIncidentPageAsync(council, form));

        // The question page carries what was typed, and "Change the victim's details" brings it back into the form.
        Assert.Equal("Is this the victim?", H1(carried));
        Assert.Equal("Eggs thrown at the front window", carried.ValueOf("Input.Narrative"));
        var back = await AppFactory.PostFormAsync(council, "/asb/incidents/new?handler=Change", new Dictionary<string, string>(form));
        var page = await HtmlPage.ReadAsync(back);

        Assert.Equal("Record an ASB incident", H1(page));
        Assert.Equal("Eggs thrown at the front window", page.ValueOf("Input.Narrative"));
        Assert.Equal("14 Lark Rise", page.ValueOf("Input.VictimAddressLine1"));
        Assert.Equal(0, await QueryAsync(app, d => d.Set<Incident>().CountAsync(i => i.Narrative == "Eggs thrown at the front window")));
    }
}

public sealed class DuplicateVictimAcrossAgenciesTestsOnSqlite(PostgresFixture pg) : DuplicateVictimAcrossAgenciesTests(Db.Sqlite, pg);

public sealed class DuplicateVictimAcrossAgenciesTestsOnPostgres(PostgresFixture pg) : DuplicateVictimAcrossAgenciesTests(Db.Postgres, pg);
