using System.Net;
using CommunitySafety.Auditing;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

public abstract class SignInTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task SignIn_DemoUserWithRightPassword_SeesHomePage()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var home = await client.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welcome, Dan Okafor", html, StringComparison.Ordinal);
        Assert.Contains("Wyvernshire Constabulary", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndIsAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = app.NewClient();

        var response = await AppFactory.PostFormAsync(client, "/account/sign-in",
            new() { ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = "not the right password" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Email address or password not recognised", html, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var audit = await app.CreateDbContext(scope).AuditEvents.Where(e => e.Action == AuditActions.SignInFailed).ToListAsync(TestContext.Current.CancellationToken);
        var entry = Assert.Single(audit);
        Assert.Equal(DemoUsers.Analyst, entry.UserName);
        Assert.Equal(AuditOutcome.Failure, entry.Outcome);
    }

    [Fact]
    public async Task Get_PageWithoutSignIn_RedirectsToSignIn()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var response = await app.NewClient().GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ApiWithoutSignIn_Returns401()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var response = await app.NewClient().GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class SignInTestsOnSqlite(PostgresFixture pg) : SignInTests(Db.Sqlite, pg);

public sealed class SignInTestsOnPostgres(PostgresFixture pg) : SignInTests(Db.Postgres, pg);
