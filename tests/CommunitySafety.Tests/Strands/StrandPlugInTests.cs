using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.Strands;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Strands;

/// <summary>
/// A strand plugs in without editing core files: the test-only <see cref="TestStrand.TestStrand"/>, added through the app
/// factory's service hook, gets its case type, incident category, work list and navigation entry through the core pages
/// and API; without it the same codes are refused.
/// </summary>
public abstract class StrandPlugInTests(Db db, PostgresFixture pg)
{
    static Task<AppFactory> WithTestStrandAsync(Db db, PostgresFixture pg) =>
        AppFactory.CreateAsync(db, pg, services: s => s.AddStrand<TestStrand.TestStrand>());

    static readonly HtmlParser Html = new();

    [Fact]
    public async Task OpenCase_OfTheTestStrandsType_OnTheCorePageAndApi()
    {
        await using var app = await WithTestStrandAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var form = Html.ParseDocument(await dan.GetStringAsync("/cases/open"));
        Assert.NotNull(form.QuerySelector($"input[name='Input.Type'][value='{TestStrand.TestStrand.Code}']"));
        var opened = await AppFactory.PostFormAsync(dan, "/cases/open", new() { ["Input.Type"] = TestStrand.TestStrand.Code, ["Input.Title"] = "Sightings on the towpath" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var c = await CaseAsync(app, "Sightings on the towpath");
        Assert.Equal(TestStrand.TestStrand.Code, c.Type);
        Assert.StartsWith("TST-2026-", c.Reference, StringComparison.Ordinal);
        var page = Html.ParseDocument(await dan.GetStringAsync($"/cases/{c.Id}"));
        Assert.Contains("Test strand case", page.QuerySelector(".govuk-caption-l")!.TextContent, StringComparison.Ordinal);

        var api = await dan.PostAsJsonAsync("/api/cases", new { type = TestStrand.TestStrand.Code, title = "Second sighting case" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.Equal(TestStrand.TestStrand.Code, (await api.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task RecordIncident_InTheTestStrandsCategory_IsStoredUnderTheStrandAndShownByName()
    {
        await using var app = await WithTestStrandAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var form = Html.ParseDocument(await dan.GetStringAsync("/incidents/new"));
        Assert.NotNull(form.QuerySelector($"select[name='Input.CategoryCode'] option[value='{TestStrand.TestStrand.Category}']"));
        var response = await dan.PostAsJsonAsync("/api/incidents", new
        {
            occurredUtc = "2026-11-20T21:30:00Z", categoryCode = TestStrand.TestStrand.Category, narrative = "Seen by the lock gates",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt32();

        var stored = await QueryAsync(app, d => d.Set<Incident>().AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal((TestStrand.TestStrand.Code, TestStrand.TestStrand.Category), (stored.Strand, stored.CategoryCode));
        var page = Html.ParseDocument(await dan.GetStringAsync($"/incidents/{id}"));
        Assert.Equal("Test strand: sighting", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task WithoutTheStrand_ItsCaseTypeAndCategoryAreRefusedNamingTheField()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var open = await dan.PostAsJsonAsync("/api/cases", new { type = TestStrand.TestStrand.Code, title = "Nope" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);
        var errors = (await open.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Contains("ASB", errors.GetProperty("type")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestStrand.TestStrand.Code, errors.GetProperty("type")[0].GetString(), StringComparison.Ordinal);

        var incident = await dan.PostAsJsonAsync("/api/incidents", new { occurredUtc = "2026-11-20T21:30:00Z", categoryCode = TestStrand.TestStrand.Category, narrative = "x" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, incident.StatusCode);
        Assert.True((await incident.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("categoryCode", out _));

        var page = await AppFactory.PostFormAsync(dan, "/cases/open", new() { ["Input.Type"] = TestStrand.TestStrand.Code, ["Input.Title"] = "Nope" });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Select the type of case", Html.ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.False(await QueryAsync(app, d => d.Set<Case>().AnyAsync(c => c.Type == TestStrand.TestStrand.Code)));
    }

    [Fact]
    public async Task WorkList_OfTheTestStrand_ListsItsVisibleCasesAndEachViewIsAudited()
    {
        await using var app = await WithTestStrandAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostFormAsync(dan, "/cases/open", new() { ["Input.Type"] = TestStrand.TestStrand.Code, ["Input.Title"] = "Police-only sighting" })).StatusCode);
        var c = await CaseAsync(app, "Police-only sighting");

        var mine = Html.ParseDocument(await dan.GetStringAsync("/cases"));
        var table = mine.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == TestStrand.TestStrand.WorkListCaption);
        Assert.Contains(c.Reference, table.QuerySelectorAll("tbody a").Select(a => a.TextContent.Trim()));
        // Need to know comes first: the council officer's list does not show the police-only case.
        var theirs = Html.ParseDocument(await ellie.GetStringAsync("/cases"));
        var theirTable = theirs.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == TestStrand.TestStrand.WorkListCaption);
        Assert.DoesNotContain(c.Reference, theirTable.TextContent, StringComparison.Ordinal);

        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.RecordType == "case-list" && e.RecordId == "tst-unassessed" && e.UserName == DemoUsers.PoliceCaseOfficer).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Contains(c.Id.ToString(CultureInfo.InvariantCulture), entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RiskInstrument_OfTheTestStrand_IsCompletedOnTheCoreRiskPageAndApi()
    {
        await using var app = await WithTestStrandAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostFormAsync(dan, "/cases/open", new() { ["Input.Type"] = TestStrand.TestStrand.Code, ["Input.Title"] = "Risky sighting" })).StatusCode);
        var c = await CaseAsync(app, "Risky sighting");
        var url = $"/cases/{c.Id}/risk-assessments/new";

        var form = Html.ParseDocument(await dan.GetStringAsync(url));
        Assert.Equal("Test strand risk check", form.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(form.QuerySelector("input[name='Answers[Q1]'][value='not-known']"));
        Assert.Equal(3, form.QuerySelectorAll("input[name='Answers[Q2]']").Length - 1);
        Assert.Null(form.QuerySelector("input[name='Answers[Q4]'][value='not-known']"));
        Assert.NotNull(form.QuerySelector("input[name='Answers[Q3]'][inputmode='numeric']"));

        // A number out of range is refused on its field and nothing is saved.
        var bad = await AppFactory.PostFormAsync(dan, url, new() { ["Answers[Q1]"] = "yes", ["Answers[Q2]"] = "weekly", ["Answers[Q3]"] = "11", ["Answers[Q4]"] = "no" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = Html.ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Enter a whole number from 0 to 10: How many agencies know the subject?", badPage.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Answers_Q3_", badPage.QuerySelector(".govuk-error-summary a")!.GetAttribute("href")!.TrimStart('#'));

        // Not known 0 + weekly 4 + five agencies 3 + threats to kill 1 = 8: medium, and the named yes fires the referral.
        var saved = await AppFactory.PostFormAsync(dan, url, new() { ["Answers[Q1]"] = "not-known", ["Answers[Q2]"] = "weekly", ["Answers[Q3]"] = "5", ["Answers[Q4]"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/cases/{c.Id}", saved.Headers.Location!.ToString());
        var record = await QueryAsync(app, d => d.Set<RiskAssessmentRecord>().AsNoTracking().SingleAsync(r => r.CaseId == c.Id));
        Assert.Equal(("TST-RISK", 1, 8, RiskBand.Medium, RiskBand.Medium, "REFER-PANEL"),
            (record.InstrumentCode, record.InstrumentVersion, record.Score, record.ComputedBand, record.FinalBand, record.TriggersFired));
        Assert.Equal(RiskBand.Medium, (await CaseAsync(app, "Risky sighting")).CurrentRiskBand);

        var shown = Html.ParseDocument(await dan.GetStringAsync($"/cases/{c.Id}/risk-assessments/{record.Id}"));
        Assert.Equal(["Not known", "Weekly or more", "5", "Yes"], shown.QuerySelectorAll("#risk-answers tbody tr td:last-child").Select(td => td.TextContent.Trim()));
        Assert.Contains("Refer to the test panel.", shown.QuerySelector(".govuk-summary-list")!.TextContent, StringComparison.Ordinal);

        var api = await dan.PostAsJsonAsync($"/api/cases/{c.Id}/risk-assessments", new
        {
            answers = new Dictionary<string, object?> { ["Q1"] = true, ["Q2"] = "weekly", ["Q3"] = 2, ["Q4"] = false },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        var json = await api.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((9, "High", "REFER-PANEL"), (json.GetProperty("score").GetInt32(), json.GetProperty("finalBand").GetString(), json.GetProperty("triggers")[0].GetProperty("code").GetString()));

        var lowered = await dan.PostAsJsonAsync($"/api/cases/{c.Id}/risk-assessments", new
        {
            answers = new Dictionary<string, object?> { ["Q1"] = true, ["Q2"] = "weekly", ["Q3"] = 2, ["Q4"] = false }, overrideBand = "Standard", overrideReason = "Fine",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, lowered.StatusCode);
        Assert.Contains("cannot lower the computed band from High to Standard", (await lowered.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").GetProperty("overrideBand")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_ComesFromTheStrands()
    {
        await using var app = await WithTestStrandAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var analyst = await app.SignInAsync(DemoUsers.Analyst);

        static List<string> Nav(string html) => [.. Html.ParseDocument(html).QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim())];
        var officer = Nav(await dan.GetStringAsync("/"));
        Assert.Contains("Anti-social behaviour", officer);
        Assert.Contains("Test strand", officer);
        var other = Nav(await analyst.GetStringAsync("/"));
        Assert.DoesNotContain("Anti-social behaviour", other);
        Assert.DoesNotContain("Test strand", other);
    }
}

public sealed class StrandPlugInTestsOnSqlite(PostgresFixture pg) : StrandPlugInTests(Db.Sqlite, pg);

public sealed class StrandPlugInTestsOnPostgres(PostgresFixture pg) : StrandPlugInTests(Db.Postgres, pg);
