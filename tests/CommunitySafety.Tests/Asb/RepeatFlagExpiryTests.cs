using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Asb.AsbTestSupport;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Asb;

/// <summary>
/// Automatic repeat-victim flags and repeat-location markers follow the current rule (default 3 or more ASB incidents
/// in the last 3 months): when the window passes they are ended, by the scheduled check and whenever an incident is
/// recorded; flags set by a person are never ended by the rule. Driven by the app's fake clock (23 November 2026, 09:00 UTC).
/// </summary>
public abstract class RepeatFlagExpiryTests(Db db, PostgresFixture pg)
{
    // The scheduled check would otherwise fire when the clock is moved; these tests run it themselves at exact times.
    static readonly Dictionary<string, string?> NoTimer = new() { ["Asb:RepeatRule:SweepIntervalMinutes"] = "0" };

    /// <summary>Three incidents on 1 September, 1 October and 1 November 2026 (UK days) about one new victim at one place.</summary>
    static async Task<int> RepeatVictimAsync(HttpClient client, string surname = "Window")
    {
        var first = await PostIncidentApiAsync(client, new DateOnly(2026, 9, 1), victim: ("Rita", surname, new DateOnly(1961, 6, 6)), place: "4 Lapse Lane");
        var id = first.GetProperty("victimPersonId").GetInt32();
        await PostIncidentApiAsync(client, new DateOnly(2026, 10, 1), victimPersonId: id, place: "4 Lapse Lane");
        var third = await PostIncidentApiAsync(client, new DateOnly(2026, 11, 1), victimPersonId: id, place: "4 Lapse Lane");
        Assert.True(third.GetProperty("repeatVictim").GetBoolean());
        Assert.True(third.GetProperty("repeatLocation").GetBoolean());
        return id;
    }

    static async Task<(int Flags, int Markers)> SweepAsync(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AsbRepeatMarkers>().SweepAsync(TestContext.Current.CancellationToken);
    }

    static Task<PersonFlag> RepeatFlagAsync(AppFactory app, int personId) =>
        QueryAsync(app, d => d.Set<PersonFlag>().AsNoTracking().Where(f => f.PersonId == personId && f.Type == PersonFlagTypes.RepeatVictim).OrderByDescending(f => f.Id).FirstAsync());

    static Task<AsbRepeatLocation> MarkerAsync(AppFactory app) =>
        QueryAsync(app, d => d.Set<AsbRepeatLocation>().AsNoTracking().SingleAsync(m => m.Place!.Line1 == "4 Lapse Lane"));

    [Fact]
    public async Task ScheduledCheck_LastDayOfWindowKeepsFlag_NextDayEndsFlagAndMarkerWithReason()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, NoTimer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var personId = await RepeatVictimAsync(council);

        // 1 December is the last UK day whose 3-month window (from 1 September) still holds the first incident.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal((0, 0), await SweepAsync(app));
        Assert.True((await RepeatFlagAsync(app, personId)).Active);
        Assert.True((await MarkerAsync(app)).Active);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 0, 1, 0, TimeSpan.Zero));
        Assert.Equal((1, 1), await SweepAsync(app));

        var flag = await RepeatFlagAsync(app, personId);
        Assert.False(flag.Active);
        Assert.Equal("Ended by the ASB repeat rule: 2 ASB incidents between 2 September 2026 and 2 December 2026, fewer than the rule's 3 in 3 months", flag.EndedReason);
        var marker = await MarkerAsync(app);
        Assert.False(marker.Active);
        Assert.Equal(2, marker.IncidentCount);
        Assert.Equal((0, 0), await SweepAsync(app));

        // What the officer sees: the flag is shown as ended with the reason, and the API lists it no longer.
        council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var page = WebUtility.HtmlDecode(await council.GetStringAsync($"/people/{personId}"));
        Assert.Contains("Ended 2 December 2026", page, StringComparison.Ordinal);
        Assert.Contains("fewer than the rule's 3 in 3 months", page, StringComparison.Ordinal);
        var api = await council.GetFromJsonAsync<JsonElement>($"/api/people/{personId}", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(api.GetProperty("flags").EnumerateArray(), f => f.GetProperty("type").GetString() == PersonFlagTypes.RepeatVictim);
        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.RecordType == "person" && e.RecordId == $"{personId}").ToListAsync());
        Assert.Contains(audit, e => e.UserName == AsbRepeatMarkers.SweepActor && e.Details!.StartsWith("Repeat victim flag ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScheduledCheck_FlagSetByAPerson_IsNeverEnded()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, NoTimer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var automatic = await RepeatVictimAsync(council);
        var ann = await PersonAsync(app, "Ann", "Ellison");
        var set = await PostAsync(council, $"/people/{ann.Id}?handler=Flag", new() { ["FlagType"] = PersonFlagTypes.RepeatVictim, ["FlagReason"] = "Reported by neighbours to the housing team" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await SweepAsync(app);

        Assert.False((await RepeatFlagAsync(app, automatic)).Active);
        var manual = await RepeatFlagAsync(app, ann.Id);
        Assert.True(manual.Active);
        Assert.False(manual.Automatic);
        // The demo's own flag on Margaret was set by hand too, so it stays although her incidents are long past.
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        Assert.True(await QueryAsync(app, d => d.Set<PersonFlag>().AnyAsync(f => f.PersonId == margaret.Id && f.Type == PersonFlagTypes.RepeatVictim && f.Active)));
    }

    [Fact]
    public async Task HostedCheck_ClockPassesTheWindow_EndsTheFlagWithoutAnyNewIncident()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var personId = await RepeatVictimAsync(council);

        app.Clock.Advance(TimeSpan.FromDays(20));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await RepeatFlagAsync(app, personId)).Active && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            // The check waits an hour on the app clock between runs; nudge it in case it was mid-run when the clock moved.
            app.Clock.Advance(TimeSpan.FromMinutes(61));
        }

        var flag = await RepeatFlagAsync(app, personId);
        Assert.False(flag.Active);
        Assert.StartsWith("Ended by the ASB repeat rule", flag.EndedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingAnIncident_LapsedFlagEndedAtOnce_NewRepeatEpisodeFlagsAndAlertsAgain()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, NoTimer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var first = await PostIncidentApiAsync(council, new DateOnly(2026, 9, 1), victim: ("Rita", "Episode", new DateOnly(1961, 6, 6)), place: "4 Lapse Lane");
        var personId = first.GetProperty("victimPersonId").GetInt32();
        var caseId = await OpenAsbCaseAsync(council, personId);
        await PostIncidentApiAsync(council, new DateOnly(2026, 10, 1), victimPersonId: personId, place: "4 Lapse Lane");
        var third = await PostIncidentApiAsync(council, new DateOnly(2026, 11, 1), victimPersonId: personId, place: "4 Lapse Lane");
        Assert.Equal(1, third.GetProperty("alertsRaised").GetInt32());

        // Weeks later, before any scheduled check, an old incident is reported: the rule is applied as it is recorded.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 10, 9, 0, 0, TimeSpan.Zero));
        council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var late = await PostIncidentApiAsync(council, new DateOnly(2026, 8, 1), victimPersonId: personId, place: "4 Lapse Lane");
        Assert.False(late.GetProperty("repeatVictim").GetBoolean());
        Assert.False((await RepeatFlagAsync(app, personId)).Active);

        // A new run of incidents makes a new repeat episode: a new flag, and the case owner is told again.
        foreach (var day in new[] { 1, 5, 9 })
        {
            await PostIncidentApiAsync(council, new DateOnly(2027, 2, day), victimPersonId: personId, place: "4 Lapse Lane");
        }
        var flags = await QueryAsync(app, d => d.Set<PersonFlag>().AsNoTracking().Where(f => f.PersonId == personId && f.Type == PersonFlagTypes.RepeatVictim).ToListAsync());
        Assert.Equal(2, flags.Count);
        Assert.Single(flags, f => f.Active);
        var alerts = await QueryAsync(app, d => d.Set<Alert>().AsNoTracking().Where(a => a.PersonId == personId && a.CaseId == caseId && a.Type == AlertTypes.RepeatVictim).ToListAsync());
        Assert.Equal(2, alerts.Count);
        var reference = await QueryAsync(app, d => d.Set<Case>().Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync());
        var page = await council.GetStringAsync("/asb/alerts");
        Assert.Equal(2, page.Split($"Repeat victim on {reference}:").Length - 1);
    }

    static async Task<int> OpenAsbCaseAsync(HttpClient client, int personId)
    {
        var response = await AppFactory.PostFormAsync(client, "/asb/cases/new", new()
        {
            ["Input.Title"] = "ASB case for person " + personId,
            ["Input.VictimPersonId"] = personId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, "open case failed: " + await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class RepeatFlagExpiryTestsOnSqlite(PostgresFixture pg) : RepeatFlagExpiryTests(Db.Sqlite, pg);

public sealed class RepeatFlagExpiryTestsOnPostgres(PostgresFixture pg) : RepeatFlagExpiryTests(Db.Postgres, pg);
