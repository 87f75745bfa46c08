using System.Net;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Tests.Foundation.Support;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

public abstract class AuditTrailTests(Db db, PostgresFixture pg)
{
    const string CountyCouncil = "Wyvernshire County Council";

    [Fact]
    [Trait("Requirement", "DP-AUD-01")]
    public async Task SignInAndOut_AreAuditedWithUserAgencyTimeAndAddress()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        await AppFactory.PostFormAsync(client, "/account/sign-out", [], formPageUrl: "/account");

        using var scope = app.Services.CreateScope();
        var events = await app.CreateDbContext(scope).AuditEvents.OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        var signIn = Assert.Single(events, e => e.Action == AuditActions.SignIn);
        var signOut = Assert.Single(events, e => e.Action == AuditActions.SignOut);
        foreach (var e in new[] { signIn, signOut })
        {
            Assert.Equal(DemoUsers.Analyst, e.UserName);
            Assert.NotNull(e.UserId);
            Assert.Equal(CountyCouncil, e.AgencyName);
            Assert.NotNull(e.AgencyId);
            Assert.Equal(AppFactory.ClientAddress, e.IpAddress);
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, e.OccurredUtc, TimeSpan.FromSeconds(1));
            Assert.Equal(DateTimeKind.Utc, e.OccurredUtc.Kind);
        }
    }

    [Fact]
    [Trait("Requirement", "DP-AUD-01")]
    public async Task AdminUserChanges_CreateRoleChangeAndDisable_AreEachAuditedWithTheAdministrator()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        const string email = "new.officer@police.wyvernshire.example";

        Assert.Equal(HttpStatusCode.Redirect, (await SignInTests.AddUserAsync(admin, email, "violet kettle orbit summer")).StatusCode);
        var id = await SessionTests.UserIdAsync(app, email);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(admin, $"/admin/users/edit?id={id}", f => f.With("Input.Roles", Roles.CaseOfficer, Roles.Analyst))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(admin, $"/admin/users/edit?id={id}", f => f.With("Input.Disabled", "true"))).StatusCode);

        using var scope = app.Services.CreateScope();
        var events = await app.CreateDbContext(scope).AuditEvents.Where(e => e.RecordType == "user" && e.RecordId == id.ToString())
            .OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        var actions = events.Select(e => e.Action).ToList();
        Assert.Contains(AuditActions.UserCreated, actions);
        Assert.Contains(AuditActions.UserChanged, actions);
        Assert.Contains(AuditActions.UserRolesChanged, actions);
        Assert.Contains(AuditActions.UserDisabled, actions);
        Assert.Contains("added: CaseOfficer", events.Single(e => e.Action == AuditActions.UserRolesChanged).Details, StringComparison.Ordinal);
        Assert.All(events, e =>
        {
            Assert.Equal(DemoUsers.Administrator, e.UserName);
            Assert.Equal(CountyCouncil, e.AgencyName);
            Assert.Equal(AppFactory.ClientAddress, e.IpAddress);
        });
    }

    [Fact]
    [Trait("Requirement", "DP-AUD-03")]
    public async Task AuditTable_UpdateOrDeleteThroughTheAppsConnection_IsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await app.SignInAsync(DemoUsers.Analyst);
        using var scope = app.Services.CreateScope();
        var context = app.CreateDbContext(scope);
        var count = await context.AuditEvents.CountAsync(TestContext.Current.CancellationToken);
        Assert.True(count > 0);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => context.Database.ExecuteSqlRawAsync("UPDATE audit_events SET details = 'rewritten'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM audit_events"));
        if (db == Db.Postgres)
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => context.Database.ExecuteSqlRawAsync("TRUNCATE audit_events"));
        }

        Assert.Equal(count, await context.AuditEvents.CountAsync(TestContext.Current.CancellationToken));
        Assert.False(await context.AuditEvents.AnyAsync(e => e.Details == "rewritten", TestContext.Current.CancellationToken));
    }

    [Fact]
    [Trait("Requirement", "DP-AUD-03")]
    public async Task AuditChain_Intact_VerifiesAndATamperedRowIsFound()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        for (var i = 0; i < 3; i++)
        {
            await app.SignInAsync(DemoUsers.Analyst);
        }
        using var scope = app.Services.CreateScope();
        var context = app.CreateDbContext(scope);
        var ct = TestContext.Current.CancellationToken;
        Assert.Null(await AuditChain.FindFirstBrokenAsync(context, ct));
        var ids = await context.AuditEvents.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        Assert.True(ids.Count >= 3);
        var victim = ids[ids.Count / 2];

        // Someone with direct database access removes the protection and rewrites one entry.
        if (db == Db.Sqlite)
        {
            await context.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_events_no_update", ct);
        }
        else
        {
            await context.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change", ct);
        }
        await context.Database.ExecuteSqlRawAsync("UPDATE audit_events SET ip_address = '198.51.100.7' WHERE id = {0}", [victim], ct);

        Assert.Equal(victim, await AuditChain.FindFirstBrokenAsync(context, ct));
    }

    [Fact]
    public async Task AuditSearch_ByActionAndUser_ShowsOnlyMatchingEntriesAndIsAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await app.SignInAsync(DemoUsers.Analyst);
        await AppFactory.PostFormAsync(app.NewClient(), "/account/sign-in", new() { ["Input.Email"] = DemoUsers.BoardMember, ["Input.Password"] = "wrong password here" });
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var document = await Forms.GetDocumentAsync(admin, "/admin/audit?Action=sign-in&User=tom.green");
        var rows = document.QuerySelectorAll("tbody tr");

        var row = Assert.Single(rows);
        Assert.Contains(DemoUsers.Analyst, row.TextContent, StringComparison.Ordinal);
        var failed = await Forms.GetDocumentAsync(admin, "/admin/audit?Action=sign-in-failed");
        Assert.Contains(DemoUsers.BoardMember, Assert.Single(failed.QuerySelectorAll("tbody tr")).TextContent, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var searched = await app.CreateDbContext(scope).AuditEvents.Where(e => e.Action == AuditActions.AuditSearched).OrderBy(e => e.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, searched.Count);
        Assert.Contains("action sign-in", searched[0].Details, StringComparison.Ordinal);
        Assert.Equal(DemoUsers.Administrator, searched[0].UserName);
    }

    [Fact]
    [Trait("Requirement", "DP-AUD-04")]
    public async Task AuditExport_Csv_HasTheEntriesEscapesFormulasAndIsItselfAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        const string formula = "=HYPERLINK(\"http://evil.example\",\"x\")@x.example";
        await AppFactory.PostFormAsync(app.NewClient(), "/account/sign-in", new() { ["Input.Email"] = formula, ["Input.Password"] = "wrong password here" });
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var response = await admin.GetAsync("/admin/audit?handler=Export&Action=sign-in-failed");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The first line says what the file holds, who exported it and when, so a copy found later explains itself.
        Assert.StartsWith("\"Audit trail, action sign-in-failed: 1 entry, exported by ", lines[0], StringComparison.Ordinal);
        Assert.Contains($"({DemoUsers.Administrator}) on ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("id,occurred_utc,user,agency,action", lines[1], StringComparison.Ordinal);
        var line = Assert.Single(lines.Skip(2));
        Assert.Contains("sign-in-failed", line, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", line, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var exported = await app.CreateDbContext(scope).AuditEvents.SingleAsync(e => e.Action == AuditActions.AuditExported, TestContext.Current.CancellationToken);
        Assert.Equal(DemoUsers.Administrator, exported.UserName);
        Assert.Contains("sign-in-failed", exported.Details, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "DP-EXP-01")]
    [Trait("Requirement", "SEC-RL-01")]
    public async Task AuditExport_MoreEntriesThanOneFileMayHold_RefusedAndNotCounted_NarrowerOnesCountTowardsTheHourlyLimit()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, new Dictionary<string, string?>
        {
            ["Security:ExportRowLimit"] = "2",
            ["Security:ExportsPerHour"] = "1",
        });
        for (var i = 0; i < 3; i++)
        {
            await AppFactory.PostFormAsync(app.NewClient(), "/account/sign-in", new() { ["Input.Email"] = $"nobody{i}@example.org", ["Input.Password"] = "wrong password here" });
        }
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        // Three failed sign-ins: more than a file may hold, so the page offers no download and says why.
        var page = await admin.GetStringAsync("/admin/audit?Action=sign-in-failed");
        Assert.Contains("These entries are more than one download may hold (2): narrow the search to download them in parts.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Download these entries as CSV", page, StringComparison.Ordinal);
        var tooLarge = await admin.GetAsync("/admin/audit?handler=Export&Action=sign-in-failed");
        var explained = await tooLarge.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLarge.StatusCode);
        Assert.Contains("It would hold 3 audit entries. One export may hold at most 2 entries", explained, StringComparison.Ordinal);
        Assert.DoesNotContain("occurred_utc", explained, StringComparison.Ordinal);

        // A narrower search goes ahead (the refusal cost nothing), and is the one export allowed in the hour.
        var narrower = await admin.GetAsync("/admin/audit?handler=Export&Action=sign-in-failed&User=nobody1");
        Assert.Equal(HttpStatusCode.OK, narrower.StatusCode);
        Assert.Contains("nobody1@example.org", await narrower.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await admin.GetAsync("/admin/audit?handler=Export&Action=sign-in-failed&User=nobody2");
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.True(int.Parse(again.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("You have reached the limit of exports for now", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var exported = await app.CreateDbContext(scope).AuditEvents.Where(e => e.Action == AuditActions.AuditExported).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("nobody1", Assert.Single(exported).Details, StringComparison.Ordinal);
    }
}

public sealed class AuditTrailTestsOnSqlite(PostgresFixture pg) : AuditTrailTests(Db.Sqlite, pg);

public sealed class AuditTrailTestsOnPostgres(PostgresFixture pg) : AuditTrailTests(Db.Postgres, pg);
