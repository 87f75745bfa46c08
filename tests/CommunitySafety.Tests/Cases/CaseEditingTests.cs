using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Cases;
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

    [Fact]
    public async Task EditCase_TwoEditsFromSameVersion_SecondSeesConflictWithBothVersionsAndNothingIsLost()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Lark Rise");
        var partners = c.Agencies.Select(a => a.AgencyId).ToArray();
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var first = await PostAsync(ellie, $"/cases/{c.Id}/edit", Edit(c.Version, "Lark Rise: Ellie's title", partners: partners));
        var second = await PostAsync(dan, $"/cases/{c.Id}/edit", Edit(c.Version, "Lark Rise: Dan's title", partners: partners));
        var html = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone else saved this case while you were editing it", html, StringComparison.Ordinal);
        Assert.Contains("Your version (not saved)", html, StringComparison.Ordinal);
        Assert.Contains("Current version (saved by someone else)", html, StringComparison.Ordinal);
        Assert.Contains("Lark Rise: Ellie&#x27;s title", html, StringComparison.Ordinal);
        // Dan's typing is still in the form, now carrying the current version, so saving again applies it.
        Assert.Contains("value=\"Lark Rise: Dan&#x27;s title\"", html, StringComparison.Ordinal);
        var saved = await CaseAsync(app, "Lark Rise");
        Assert.Equal("Lark Rise: Ellie's title", saved.Title);
        Assert.Contains($"name=\"Version\" value=\"{saved.Version}\"", html, StringComparison.Ordinal);

        var retry = await PostAsync(dan, $"/cases/{c.Id}/edit", Edit(saved.Version, "Lark Rise: Dan's title", partners: partners));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal("Lark Rise: Dan's title", (await CaseAsync(app, "Lark Rise")).Title);
    }

    [Fact]
    public async Task PutCase_TwoClientsSameVersion_OneWinsOtherGets409WithCurrentVersion()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Lark Rise");
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
        var saved = await CaseAsync(app, "From Ellie");
        Assert.Equal(CaseStatus.Open, saved.Status);
        Assert.Equal(c.Version + 1, saved.Version);
    }

    [Fact]
    public async Task CloseCase_WithoutReason_ShowsErrorAndStaysOpen()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Lark Rise");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        var response = await PostAsync(ellie, $"/cases/{c.Id}/edit", Edit(c.Version, c.Title, "Closed", partners: c.Agencies.Select(x => x.AgencyId).ToArray()));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Enter the reason for closing the case", html, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Open, (await CaseAsync(app, "Lark Rise")).Status);

        var closed = await PostAsync(ellie, $"/cases/{c.Id}/edit", Edit(c.Version, c.Title, "Closed", "Victim moved away; no further incidents", c.Agencies.Select(x => x.AgencyId).ToArray()));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var after = await CaseAsync(app, "Lark Rise");
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
        var c = await CaseAsync(app, "Lark Rise");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        var response = await UploadAsync(ellie, c.Id, fileName, System.Text.Encoding.UTF8.GetBytes(content));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(app, d => d.Set<CaseDocument>().CountAsync()));
    }

    [Fact]
    public async Task UploadDocument_Over10MB_ShowsSizeError()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Lark Rise");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var big = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);

        var response = await UploadAsync(ellie, c.Id, "big.pdf", big);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("The selected file must be smaller than 10 MB", html, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(app, d => d.Set<CaseDocument>().CountAsync()));
    }

    [Fact]
    public async Task DownloadDocument_AllowedUser_GetsAttachmentWithSafeHeaders()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Lark Rise");
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
    public async Task AddAction_PastDueDate_ShowsOverdueTag()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Lark Rise");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        var html = await (await ellie.GetAsync($"/cases/{c.Id}")).Content.ReadAsStringAsync();

        // The demo plan has an action due four days ago.
        Assert.Contains("Fit a door camera and window film", html, StringComparison.Ordinal);
        Assert.Contains("govuk-tag--red\">Overdue", html, StringComparison.Ordinal);
    }
}

public sealed class CaseEditingTestsOnSqlite(PostgresFixture pg) : CaseEditingTests(Db.Sqlite, pg);

public sealed class CaseEditingTestsOnPostgres(PostgresFixture pg) : CaseEditingTests(Db.Postgres, pg);
