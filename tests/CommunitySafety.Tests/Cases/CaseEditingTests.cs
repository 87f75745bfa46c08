using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Cases;
using CommunitySafety.Shared;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>Concurrency (REL-CONC-01), closure rules and document upload checks on the case page and API.</summary>
public abstract class CaseEditingTests(Db db, PostgresFixture pg)
{
    static Dictionary<string, string> Edit(int version, string title, string status = "Open", string? reason = null, params int[] partners)
    {
        var form = new Dictionary<string, string> { ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Title"] = title, ["Input.Status"] = status };
        if (reason is not null)
        {
            form["Input.ClosureReason"] = reason;
        }
        // Checkbox lists post one value per box; FormUrlEncodedContent takes one per key, so partners go as indexed keys.
        for (var i = 0; i < partners.Length; i++)
        {
            form[$"Input.Partners[{i}]"] = partners[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return form;
    }

    /// <summary>A case led by the police with the district council as partner, made for the test.</summary>
    static Task<Case> SharedCaseAsync(AppFactory app) =>
        TestRecords.CreateCaseAsync(app, DemoUsers.PoliceCaseOfficer, c => c.PartnersOf.Add(DemoUsers.CouncilCaseOfficer));

    static Task<Case> ReloadAsync(AppFactory app, int id) =>
        QueryAsync(app, d => d.Set<Case>().AsNoTracking().Include(c => c.Agencies).SingleAsync(c => c.Id == id));

    [Fact]
    public async Task EditCase_TwoEditsFromSameVersion_SecondSeesConflictWithBothVersionsAndNothingIsLost()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await SharedCaseAsync(app);
        var partners = c.Agencies.Select(a => a.AgencyId).ToArray();
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var first = await PostAsync(ellie, $"/cases/{c.Id}/edit", Edit(c.Version, "Lark Rise: Ellie's title", partners: partners));
        var second = await PostAsync(dan, $"/cases/{c.Id}/edit", Edit(c.Version, "Lark Rise: Dan's title", partners: partners));
        var page = await HtmlPage.ReadAsync(second);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.StartsWith("Someone else saved this case while you were editing it", Assert.Single(page.Errors), StringComparison.Ordinal);
        Assert.Equal("Lark Rise: Dan's title", page.SummaryUnder("Your version (not saved)")["Title"]);
        Assert.Equal("Lark Rise: Ellie's title", page.SummaryUnder("Current version (saved by someone else)")["Title"]);
        // Dan's typing is still in the form, now carrying the current version, so saving again applies it.
        Assert.Equal("Lark Rise: Dan's title", page.ValueOf("Input.Title"));
        var saved = await ReloadAsync(app, c.Id);
        Assert.Equal("Lark Rise: Ellie's title", saved.Title);
        Assert.Equal(saved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), page.ValueOf("Version"));

        var retry = await PostAsync(dan, $"/cases/{c.Id}/edit", Edit(saved.Version, "Lark Rise: Dan's title", partners: partners));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal("Lark Rise: Dan's title", (await ReloadAsync(app, c.Id)).Title);
    }

    [Fact]
    public async Task PutCase_TwoClientsSameVersion_OneWinsOtherGets409WithCurrentVersion()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await SharedCaseAsync(app);
        var partners = c.Agencies.Select(a => a.AgencyId).ToList();
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var a = await ellie.PutAsJsonAsync($"/api/cases/{c.Id}", new { version = c.Version, title = "From Ellie", status = "Open", partners });
        var b = await dan.PutAsJsonAsync($"/api/cases/{c.Id}", new { version = c.Version, title = "From Dan", status = "UnderReview", partners });

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, b.StatusCode);
        using var conflict = JsonDocument.Parse(await b.Content.ReadAsStringAsync());
        var current = conflict.RootElement.GetProperty("current");
        Assert.Equal(c.Version + 1, current.GetProperty("version").GetInt32());
        Assert.Equal("From Ellie", current.GetProperty("title").GetString());
        var saved = await ReloadAsync(app, c.Id);
        Assert.Equal(CaseStatus.Open, saved.Status);
        Assert.Equal(c.Version + 1, saved.Version);
    }

    [Fact]
    public async Task CloseCase_WithoutReason_ShowsErrorAndStaysOpen()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await SharedCaseAsync(app);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        var response = await PostAsync(ellie, $"/cases/{c.Id}/edit", Edit(c.Version, c.Title, "Closed", partners: c.Agencies.Select(x => x.AgencyId).ToArray()));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("There is a problem", page.ErrorTitle);
        Assert.Equal(["Enter the reason for closing the case"], page.Errors);
        Assert.Equal(CaseStatus.Open, (await ReloadAsync(app, c.Id)).Status);

        var closed = await PostAsync(ellie, $"/cases/{c.Id}/edit", Edit(c.Version, c.Title, "Closed", "Victim moved away; no further incidents", c.Agencies.Select(x => x.AgencyId).ToArray()));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var after = await ReloadAsync(app, c.Id);
        Assert.Equal(CaseStatus.Closed, after.Status);
        Assert.Equal("Victim moved away; no further incidents", after.ClosureReason);
    }

    [Theory]
    [InlineData("report.exe", "MZ-not-allowed", "must be a PDF, DOCX, JPG, PNG or TXT")]
    [InlineData("page.html", "<script>alert(1)</script>", "must be a PDF, DOCX, JPG, PNG or TXT")]
    [InlineData("fake.pdf", "<html>not a pdf</html>", "contents do not match its type")]
    public async Task UploadDocument_WrongType_ShowsClearErrorAndStoresNothing(string fileName, string content, string message)
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await SharedCaseAsync(app);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        var response = await UploadAsync(ellie, c.Id, fileName, System.Text.Encoding.UTF8.GetBytes(content));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("There is a problem", page.ErrorTitle);
        Assert.Contains(message, Assert.Single(page.Errors), StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(app, d => d.Set<CaseDocument>().CountAsync()));
    }

    [Fact]
    public async Task UploadDocument_Over10MB_ShowsSizeError()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await SharedCaseAsync(app);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var big = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);

        var response = await UploadAsync(ellie, c.Id, "big.pdf", big);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(["The selected file must be smaller than 10 MB"], page.Errors);
        Assert.Equal(0, await QueryAsync(app, d => d.Set<CaseDocument>().CountAsync()));
    }

    [Fact]
    public async Task DownloadDocument_AllowedUser_GetsAttachmentWithSafeHeaders()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await SharedCaseAsync(app);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        await UploadAsync(ellie, c.Id, "letter.pdf", Pdf);
        var doc = await QueryAsync(app, d => d.Set<CaseDocument>().SingleAsync());

        var response = await ellie.GetAsync($"/cases/{c.Id}/documents/{doc.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("letter", doc.StoredName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAction_DueDateInThePast_IsRefusedWithClearErrorAndNothingAdded()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await SharedCaseAsync(app);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var today = UkTime.Today(app.Clock.GetUtcNow().UtcDateTime);

        var late = await PostAsync(ellie, $"/cases/{c.Id}?handler=Action", NewAction("Visit the victim", c.LeadAgencyId, today.AddDays(-1)));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(["The due date must be today or in the future"], (await HtmlPage.ReadAsync(late)).Errors);
        Assert.Equal(0, await QueryAsync(app, d => d.Set<CaseAction>().CountAsync(a => a.CaseId == c.Id)));
    }

    [Fact]
    public async Task AddAction_DueToday_IsAddedAndShownOverdueOnceTheDayHasPassed()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await SharedCaseAsync(app);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var today = UkTime.Today(app.Clock.GetUtcNow().UtcDateTime);

        var added = await PostAsync(ellie, $"/cases/{c.Id}?handler=Action", NewAction("Visit the victim", c.LeadAgencyId, today));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var row = Assert.Single((await HtmlPage.GetAsync(ellie, $"/cases/{c.Id}")).TableUnder("Actions"));
        Assert.Equal("Visit the victim", row.Cells[0]);
        Assert.Empty(row.Tags);

        // A day and a half on (a new sign-in: the old session has timed out) it is overdue.
        app.Clock.Advance(TimeSpan.FromHours(36));
        var later = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        row = Assert.Single((await HtmlPage.GetAsync(later, $"/cases/{c.Id}")).TableUnder("Actions"));
        Assert.Equal(["Overdue"], row.Tags);
    }

    static Dictionary<string, string> NewAction(string title, int agency, DateOnly due) => new()
    {
        ["NewAction.Title"] = title,
        ["NewAction.Agency"] = agency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NewAction.DueDate.Day"] = due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NewAction.DueDate.Month"] = due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NewAction.DueDate.Year"] = due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class CaseEditingTestsOnSqlite(PostgresFixture pg) : CaseEditingTests(Db.Sqlite, pg);

public sealed class CaseEditingTestsOnPostgres(PostgresFixture pg) : CaseEditingTests(Db.Postgres, pg);
