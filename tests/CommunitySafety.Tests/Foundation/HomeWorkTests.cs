using System.Globalization;
using CommunitySafety.Features.Cases;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Tests.Foundation;

/// <summary>
/// Issue 14: the home page shows each user what is theirs. Case workers of any agency (fire, probation, health as much
/// as police and council) see their open actions, cases, referrals and alerts within need to know; board members are
/// told what they can see while the board reports do not exist. The app clock is 23 November 2026 09:00 UTC.
/// </summary>
public abstract class HomeWorkTests(Db db, PostgresFixture pg)
{
    static readonly DateOnly Today = new(2026, 11, 23);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BoardMember_IsToldWhatTheyCanSee_AndGetsNoWorkList()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var board = await app.SignInAsync(DemoUsers.BoardMember);

        var page = await HtmlPage.GetAsync(board, "/");

        var scope = page.Document.QuerySelector("#board-member-scope")!.TextContent;
        Assert.Contains("The partnership reports for the board are not available yet", scope, StringComparison.Ordinal);
        Assert.Contains("Places", scope, StringComparison.Ordinal);
        Assert.Contains("Services and funding", scope, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#your-work"));
    }

    [Theory]
    [InlineData(DemoUsers.FireCaseOfficer)]
    [InlineData(DemoUsers.ProbationCaseOfficer)]
    [InlineData(DemoUsers.HealthCaseOfficer)]
    public async Task CaseOfficerOfAnyAgency_SeesTheirOwnActions_OnlyOnCasesTheyMaySee(string officer)
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var theirs = await TestRecords.CreateCaseAsync(app, officer);
        var notShared = await TestRecords.CreateCaseAsync(app, DemoUsers.PoliceCaseOfficer);
        var (userId, agencyId) = await TestRecords.QueryAsync(app, async d =>
        {
            var u = await d.Users.SingleAsync(x => x.Email == officer, Ct);
            return (u.Id, u.AgencyId);
        });
        var overdue = TestRecords.Unique("Home visit ");
        var hidden = TestRecords.Unique("Hidden action ");
        await TestRecords.QueryAsync(app, d =>
        {
            d.Add(new CaseAction { CaseId = theirs.Id, Title = overdue, OwnerUserId = userId, AgencyId = agencyId, DueDate = Today.AddDays(-2), CreatedUtc = DateTime.UtcNow });
            d.Add(new CaseAction { CaseId = notShared.Id, Title = hidden, OwnerUserId = userId, AgencyId = agencyId, DueDate = Today, CreatedUtc = DateTime.UtcNow });
            d.Add(new Alert { UserId = userId, CaseId = theirs.Id, Type = AlertTypes.ActionOverdue, Text = "Action overdue", CreatedUtc = DateTime.UtcNow });
            return d.SaveChangesAsync(Ct);
        });
        var client = await app.SignInAsync(officer);

        var page = await HtmlPage.GetAsync(client, "/");

        // Overdue first; the demo may give the officer work of their own too.
        var row = page.TableUnder("Your actions")[0];
        Assert.Equal(overdue, row.Cells[0]);
        Assert.Equal(theirs.Reference, row.Cells[1]);
        Assert.Equal("21 November 2026 Overdue", row.Cells[2]);
        Assert.Equal(["Overdue"], row.Tags);
        Assert.DoesNotContain(hidden, page.Document.Body!.TextContent, StringComparison.Ordinal);
        var (led, unread) = await TestRecords.QueryAsync(app, async d => (
            await d.Set<Case>().CountAsync(c => c.LeadOfficerUserId == userId && c.Status != CaseStatus.Closed, Ct),
            await d.Set<Alert>().CountAsync(a => a.UserId == userId && a.ReadUtc == null, Ct)));
        Assert.True(led >= 1 && unread >= 1);
        var summary = page.Document.QuerySelector("#your-work-summary")!.TextContent;
        Assert.Contains($"{led} open case{(led == 1 ? "" : "s")} you lead", summary, StringComparison.Ordinal);
        Assert.Contains($"{unread} unread alert{(unread == 1 ? "" : "s")}", summary, StringComparison.Ordinal);
    }
}

public sealed class HomeWorkTestsOnSqlite(PostgresFixture pg) : HomeWorkTests(Db.Sqlite, pg);

public sealed class HomeWorkTestsOnPostgres(PostgresFixture pg) : HomeWorkTests(Db.Postgres, pg);
