using System.Net;
using System.Text.RegularExpressions;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>
/// Work lists on /cases show personal data, so each view of each list is audited with its name and row count; the case
/// export covers every case the user may see, open (default), closed or all, and the file says which.
/// </summary>
public abstract partial class WorkListAuditTests(Db db, PostgresFixture pg)
{
    static readonly (string Key, string Caption)[] Lists =
    [
        ("my-cases", "My cases"),
        ("my-actions", "My actions (due within 7 days or overdue)"),
        ("due-for-review", "Cases due for review (within 7 days or overdue)"),
        ("high-risk", "High-risk cases"),
        ("repeat-victims", "Cases with a repeat victim"),
    ];

    /// <summary>Rows shown in the table with this caption ("None." does not count).</summary>
    static int RowsShown(string html, string caption)
    {
        var table = html[html.IndexOf($">{caption}</caption>", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        return RowPattern().Count(table[table.IndexOf("<tbody", StringComparison.Ordinal)..]) - (table.Contains(">None.<", StringComparison.Ordinal) || table.Contains(">No actions due.<", StringComparison.Ordinal) ? 1 : 0);
    }

    [GeneratedRegex("<tr class=\"govuk-table__row\">")]
    private static partial Regex RowPattern();

    [Fact]
    public async Task ViewWorkLists_EachListViewAuditedWithItsNameAndTheRowsShown()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        var html = await ellie.GetStringAsync("/cases");
        await ellie.GetStringAsync("/cases");

        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.RecordType == "case-list" && e.UserName == DemoUsers.CouncilCaseOfficer).ToListAsync());
        Assert.Equal(2 * Lists.Length, audit.Count);
        Assert.All(audit, e => Assert.Equal(AuditActions.View, e.Action));
        foreach (var (key, caption) in Lists)
        {
            var shown = RowsShown(html, caption);
            var entries = audit.Where(e => e.RecordId == key).ToList();
            Assert.Equal(2, entries.Count);
            Assert.All(entries, e => Assert.Contains($": {shown} row{(shown == 1 ? "" : "s")}", e.Details, StringComparison.Ordinal));
        }
        // Ellie leads the Lark Rise case, so "My cases" is not empty and its entry names the case.
        var lark = await CaseAsync(app, "Lark Rise");
        Assert.True(RowsShown(html, "My cases") > 0);
        Assert.Contains(audit, e => e.RecordId == "my-cases" && e.Details!.Contains($"{lark.Id}", StringComparison.Ordinal) && e.Details.StartsWith("work list “My cases”", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportCases_OpenByDefaultClosedOrAllOnRequest_FileSaysWhichAndOnlyVisibleCases()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var lark = await CaseAsync(app, "Lark Rise");
        var parade = await CaseAsync(app, "Kingfisher Parade");
        var quayside = await CaseAsync(app, "Quayside Court"); // police only: never Ellie's
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var close = await PostAsync(ellie, $"/cases/{lark.Id}/edit", new()
        {
            ["Version"] = $"{lark.Version}", ["Input.Title"] = lark.Title, ["Input.Status"] = "Closed", ["Input.ClosureReason"] = "Victim rehoused",
        });
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);

        async Task<(string Name, string[] Lines)> ExportAsync(string query)
        {
            var response = await ellie.GetAsync("/cases/export?purpose=Case%20conference" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            return (response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        var open = await ExportAsync("");
        var closed = await ExportAsync("&status=closed");
        var all = await ExportAsync("&status=all");
        var bad = await ellie.GetAsync("/cases/export?purpose=x&status=archived");

        Assert.Equal("cases-open-2026-11-23.csv", open.Name);
        Assert.StartsWith("\"Open cases (open or under review) you may see, exported by Ellie Hughes (ellie.hughes@ashcombe.wyvernshire.example) on 23 November 2026", open.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Reference,", open.Lines[1], StringComparison.Ordinal);
        Assert.Contains(open.Lines, l => l.StartsWith(parade.Reference, StringComparison.Ordinal));
        Assert.DoesNotContain(open.Lines, l => l.StartsWith(lark.Reference, StringComparison.Ordinal));

        Assert.Equal("cases-closed-2026-11-23.csv", closed.Name);
        Assert.StartsWith("\"Closed cases you may see", closed.Lines[0], StringComparison.Ordinal);
        var closedRow = Assert.Single(closed.Lines.Skip(2));
        Assert.StartsWith(lark.Reference, closedRow, StringComparison.Ordinal);
        Assert.EndsWith(",Closed,Ashcombe District Council,High,2026-11-26,2026-11-23", closedRow.TrimEnd('\r'), StringComparison.Ordinal);

        Assert.Equal("cases-all-2026-11-23.csv", all.Name);
        Assert.StartsWith("\"All cases (open and closed) you may see", all.Lines[0], StringComparison.Ordinal);
        Assert.Equal(open.Lines.Length + closed.Lines.Length - 4, all.Lines.Length - 2);
        Assert.Contains(all.Lines, l => l.StartsWith(lark.Reference, StringComparison.Ordinal));
        Assert.DoesNotContain(all.Lines, l => l.StartsWith(quayside.Reference, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("status=open, closed or all", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exports = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.Export && e.RecordType == "case").ToListAsync());
        Assert.Equal(3, exports.Count);
        Assert.Contains(exports, e => e.Details!.StartsWith("1 closed cases exported as CSV (cases-closed-2026-11-23.csv)", StringComparison.Ordinal) && e.Purpose == "Case conference");
    }

    [Fact]
    public async Task ExportCases_SixthExportWithinTheHour_RefusedWith429AndWhenToTryAgain_OtherUsersStillExport()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        Assert.Contains("One file holds at most 1,000 cases, and you can download 5 times an hour.", await ellie.GetStringAsync("/cases"), StringComparison.Ordinal);

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ellie.GetAsync($"/cases/export?purpose=Case%20conference&status=open")).StatusCode);
        }

        var sixth = await ellie.GetAsync("/cases/export?purpose=Case%20conference&status=open");
        var page = await sixth.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        var retryAfter = int.Parse(Assert.Single(sixth.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3000, 3600); // the rest of the hour that began with the first export
        Assert.Contains("You have reached the limit of exports for now", page, StringComparison.Ordinal);
        Assert.Contains("Each person may export personal data (cases or audit entries) 5 times an hour. You can export again from 23 November 2026 at ", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Reference,", page, StringComparison.Ordinal);
        // Per user: another officer's exports are their own.
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        Assert.Equal(HttpStatusCode.OK, (await dan.GetAsync("/cases/export?purpose=Case%20conference")).StatusCode);
        var exports = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.Export && e.RecordType == "case").ToListAsync());
        Assert.Equal(5, exports.Count(e => e.UserName == DemoUsers.CouncilCaseOfficer));
    }

    [Fact]
    public async Task ExportCases_MoreCasesThanTheRowLimit_RefusedWith422_NothingExportedAndNotCounted()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, new Dictionary<string, string?>
        {
            ["Security:ExportRowLimit"] = "1",
            ["Security:ExportsPerHour"] = "1",
        });
        var lark = await CaseAsync(app, "Lark Rise");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var close = await PostAsync(ellie, $"/cases/{lark.Id}/edit", new()
        {
            ["Version"] = $"{lark.Version}", ["Input.Title"] = lark.Title, ["Input.Status"] = "Closed", ["Input.ClosureReason"] = "Victim rehoused",
        });
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);

        // Ellie may see more than one open case: one more than the limit is refused.
        var open = await ellie.GetAsync("/cases/export?purpose=Case%20conference&status=open");
        var page = await open.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, open.StatusCode);
        Assert.Contains("This export is too large", page, StringComparison.Ordinal);
        Assert.Contains("One export may hold at most 1 cases", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Reference,", page, StringComparison.Ordinal);

        // Exactly the limit (her one closed case) goes ahead: the refusal did not use up her one export this hour.
        var closed = await ellie.GetAsync("/cases/export?purpose=Case%20conference&status=closed");
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains(lark.Reference, await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ellie.GetAsync("/cases/export?purpose=Case%20conference&status=closed")).StatusCode);
        var exports = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.Export && e.RecordType == "case").ToListAsync());
        Assert.StartsWith("1 closed cases exported", Assert.Single(exports).Details!, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-RL-01")]
    public async Task ViewCasesInBulk_RaisesOneBulkAccessAlert_ShownToAdministratorsOnTheAuditTrail()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, new Dictionary<string, string?>
        {
            ["Security:BulkAccessViews"] = "4",
            ["Security:BulkAccessWindowMinutes"] = "10",
        });
        var lark = await CaseAsync(app, "Lark Rise");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        Task<List<AuditEvent>> AlertsAsync() => QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.BulkAccess).ToListAsync());

        // Work lists are not counted: reloading them is ordinary work.
        for (var i = 0; i < 3; i++)
        {
            await ellie.GetStringAsync("/cases");
        }
        // Three views of the case, spread over more than the window, are casework.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ellie.GetAsync($"/cases/{lark.Id}")).StatusCode);
            app.Clock.Advance(TimeSpan.FromMinutes(6));
        }
        Assert.Empty(await AlertsAsync());

        // Four within ten minutes raise one alert; more views in the same burst do not raise another.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ellie.GetAsync($"/cases/{lark.Id}")).StatusCode);
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }
        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal(DemoUsers.CouncilCaseOfficer, alert.UserName);
        Assert.StartsWith("4 views of personal records within 10 minutes, the last of case ", alert.Details, StringComparison.Ordinal);

        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var page = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("1 bulk-access alert in the last 7 days", page, StringComparison.Ordinal);
        Assert.Contains(DemoUsers.CouncilCaseOfficer, page[..page.IndexOf("<h1", StringComparison.Ordinal)], StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromDays(8));
        admin = await app.SignInAsync(DemoUsers.Administrator);
        Assert.DoesNotContain("bulk-access alert", await admin.GetStringAsync("/admin/audit"), StringComparison.Ordinal);
    }
}

public sealed class WorkListAuditTestsOnSqlite(PostgresFixture pg) : WorkListAuditTests(Db.Sqlite, pg);

public sealed class WorkListAuditTestsOnPostgres(PostgresFixture pg) : WorkListAuditTests(Db.Postgres, pg);
