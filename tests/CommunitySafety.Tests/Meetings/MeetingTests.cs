using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Meetings;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Meetings;

/// <summary>
/// Multi-agency meetings on the demo partnership (clock 23 November 2026). Police organise a Marac with the district
/// council and fire attending, and put Kingfisher Parade (police lead; council and fire partners) and Quayside Court
/// (police only) on the agenda: every attendee sees the meeting, but only agencies working a case see its details.
/// </summary>
public abstract class MeetingTests(Db db, PostgresFixture pg)
{
    static readonly HtmlParser Html = new();

    sealed record Setup(AppFactory App, HttpClient Police, int MeetingId, Case Parade, Case Quayside, int ParadeItem, int QuaysideItem);

    static async Task<Setup> ArrangeAsync(Db db, PostgresFixture pg)
    {
        var app = await AppFactory.CreateAsync(db, pg);
        var parade = await CaseAsync(app, "Kingfisher Parade");
        var quayside = await CaseAsync(app, "Quayside Court");
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var agencies = await QueryAsync(app, d => d.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Name, a => a.Id));
        var district = parade.Agencies.Select(a => a.AgencyId).Single(id => id != agencies["Wyvernshire Fire and Rescue Service"]);

        var created = await police.PostAsJsonAsync("/api/meetings", new
        {
            kind = "MARAC", title = "Ashcombe Marac, November", heldOn = "2026-11-26",
            attendingAgencies = new[] { district, agencies["Wyvernshire Fire and Rescue Service"] },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt32();
        foreach (var c in new[] { parade, quayside })
        {
            Assert.Equal(HttpStatusCode.Created, (await police.PostAsJsonAsync($"/api/meetings/{meetingId}/agenda", new { caseId = c.Id }, TestContext.Current.CancellationToken)).StatusCode);
        }
        var items = await QueryAsync(app, d => d.Set<MeetingAgendaItem>().AsNoTracking().Where(i => i.MeetingId == meetingId).ToDictionaryAsync(i => i.CaseId, i => i.Id));
        return new Setup(app, police, meetingId, parade, quayside, items[parade.Id], items[quayside.Id]);
    }

    [Fact]
    public async Task Agenda_AttendeesSeeOnlyTheCasesTheirAgencyWorks_OthersGet404()
    {
        var s = await ArrangeAsync(db, pg);
        await using var app = s.App;
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var probation = await app.SignInAsync(DemoUsers.ProbationCaseOfficer);

        var organiser = Html.ParseDocument(await s.Police.GetStringAsync($"/meetings/{s.MeetingId}"));
        Assert.Equal([$"1. {s.Parade.Reference}: {s.Parade.Title}", $"2. {s.Quayside.Reference}: {s.Quayside.Title}"],
            organiser.QuerySelectorAll(".govuk-summary-card__title").Select(t => t.TextContent.Trim()));

        var attendee = Html.ParseDocument(await fire.GetStringAsync($"/meetings/{s.MeetingId}"));
        var titles = attendee.QuerySelectorAll(".govuk-summary-card__title").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal([$"1. {s.Parade.Reference}: {s.Parade.Title}", "2. A case led by Wyvernshire Constabulary"], titles);
        Assert.DoesNotContain("Quayside", attendee.Body!.TextContent, StringComparison.Ordinal);
        var api = await fire.GetFromJsonAsync<JsonElement>($"/api/meetings/{s.MeetingId}", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Quayside", api.GetRawText(), StringComparison.Ordinal);
        Assert.False(api.GetProperty("agenda")[1].TryGetProperty("caseId", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await probation.GetAsync($"/meetings/{s.MeetingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await probation.GetAsync($"/api/meetings/{s.MeetingId}")).StatusCode);
        Assert.DoesNotContain("Ashcombe Marac", await probation.GetStringAsync("/meetings"), StringComparison.Ordinal);
        // Recording on a case the attendee may not see is refused like a missing one, and audited.
        var refused = await fire.PutAsJsonAsync($"/api/meetings/{s.MeetingId}/agenda/{s.QuaysideItem}/record", new { record = "Peek" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.True(await QueryAsync(app, d => d.AuditEvents.AnyAsync(e => e.Action == MeetingService.Denied && e.RecordType == "meeting" && e.UserName == DemoUsers.FireCaseOfficer)));
        Assert.True(await QueryAsync(app, d => d.AuditEvents.AnyAsync(e => e.Action == "view" && e.RecordType == "meeting" && e.UserName == DemoUsers.FireCaseOfficer && e.Details!.Contains("1 withheld"))));
    }

    [Fact]
    public async Task RecordAndAction_PerCase_AreSavedOnTheCaseAndAPastDueDateIsRefused()
    {
        var s = await ArrangeAsync(db, pg);
        await using var app = s.App;
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var fireId = await QueryAsync(app, d => d.Agencies.Where(a => a.Name == "Wyvernshire Fire and Rescue Service").Select(a => a.Id).SingleAsync());

        var read = Html.ParseDocument(await fire.GetStringAsync($"/meetings/{s.MeetingId}"));
        var version = read.QuerySelector($"[data-agenda-item='{s.ParadeItem}'] input[name='RecordVersion']")!.GetAttribute("value")!;
        var record = await AppFactory.PostFormAsync(fire, $"/meetings/{s.MeetingId}?handler=Record",
            new() { ["ItemId"] = $"{s.ParadeItem}", ["RecordVersion"] = version, ["Record"] = "Joint patrols on Friday evenings" }, $"/meetings/{s.MeetingId}");
        Assert.Equal(HttpStatusCode.Redirect, record.StatusCode);
        // Another attendee saving from the same, now stale, reading is refused and the first record stands.
        var stale = await s.Police.PutAsJsonAsync($"/api/meetings/{s.MeetingId}/agenda/{s.ParadeItem}/record",
            new { record = "No patrols needed", version = int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Joint patrols on Friday evenings", await QueryAsync(app, d => d.Set<MeetingAgendaItem>().Where(i => i.Id == s.ParadeItem).Select(i => i.Record).SingleAsync()));

        var past = await AppFactory.PostFormAsync(fire, $"/meetings/{s.MeetingId}?handler=Action", new()
        {
            ["ItemId"] = $"{s.ParadeItem}", ["NewAction.Title"] = "Fire safety visit to the parade", ["NewAction.OwnerAgencyId"] = $"{fireId}",
            ["NewAction.DueDate.Day"] = "20", ["NewAction.DueDate.Month"] = "11", ["NewAction.DueDate.Year"] = "2026",
        }, $"/meetings/{s.MeetingId}");
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        var errorPage = Html.ParseDocument(await past.Content.ReadAsStringAsync());
        Assert.Contains("Date the action is due must be today or in the future", errorPage.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.False(await QueryAsync(app, d => d.Set<CaseAction>().AnyAsync(a => a.MeetingId == s.MeetingId)));

        var api = await fire.PostAsJsonAsync($"/api/meetings/{s.MeetingId}/agenda/{s.ParadeItem}/actions",
            new { title = "Fire safety visit to the parade", ownerAgencyId = fireId, dueDate = "2026-12-04" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        var noOwner = await fire.PostAsJsonAsync($"/api/meetings/{s.MeetingId}/agenda/{s.ParadeItem}/actions",
            new { title = "Someone else's job", ownerAgencyId = 999_999, dueDate = "2026-12-04" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, noOwner.StatusCode);
        Assert.True((await noOwner.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("ownerAgencyId", out _));

        var action = await QueryAsync(app, d => d.Set<CaseAction>().AsNoTracking().SingleAsync(a => a.MeetingId == s.MeetingId));
        Assert.Equal((s.Parade.Id, fireId, new DateOnly(2026, 12, 4)), (action.CaseId, action.AgencyId, action.DueDate));
        var caseActions = await s.Police.GetFromJsonAsync<JsonElement>($"/api/cases/{s.Parade.Id}/actions", TestContext.Current.CancellationToken);
        Assert.Contains(caseActions.EnumerateArray(), a => a.GetProperty("title").GetString() == "Fire safety visit to the parade");
        var meeting = Html.ParseDocument(await s.Police.GetStringAsync($"/meetings/{s.MeetingId}"));
        Assert.Contains("Joint patrols on Friday evenings", meeting.QuerySelector($"[data-agenda-item='{s.ParadeItem}'] [data-record]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agenda_OnlyTheOrganiserAddsCases_AndOnlyCasesTheyMaySee()
    {
        var s = await ArrangeAsync(db, pg);
        await using var app = s.App;
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var lark = await CaseAsync(app, "Lark Rise"); // district lead, police partner

        var notOrganiser = await fire.PostAsJsonAsync($"/api/meetings/{s.MeetingId}/agenda", new { caseId = s.Parade.Id }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, notOrganiser.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.Police.PostAsJsonAsync($"/api/meetings/{s.MeetingId}/agenda", new { caseId = lark.Id }, TestContext.Current.CancellationToken)).StatusCode);
        var unseen = await s.Police.PostAsJsonAsync($"/api/meetings/{s.MeetingId}/agenda", new { caseId = 987_654 }, TestContext.Current.CancellationToken);
        Assert.Equal("Choose a case you can see", (await unseen.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").GetProperty("caseId")[0].GetString());
        var again = await s.Police.PostAsJsonAsync($"/api/meetings/{s.MeetingId}/agenda", new { caseId = s.Parade.Id }, TestContext.Current.CancellationToken);
        Assert.Equal("The case is already on the agenda", (await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").GetProperty("caseId")[0].GetString());

        var bad = await s.Police.PostAsJsonAsync("/api/meetings", new { kind = "NOT-A-KIND", title = "", attendingAgencies = Array.Empty<int>() }, TestContext.Current.CancellationToken);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(["heldOn", "kind", "title"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}

public sealed class MeetingTestsOnSqlite(PostgresFixture pg) : MeetingTests(Db.Sqlite, pg);

public sealed class MeetingTestsOnPostgres(PostgresFixture pg) : MeetingTests(Db.Postgres, pg);
