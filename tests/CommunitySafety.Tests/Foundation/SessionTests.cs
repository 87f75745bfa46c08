using System.Net;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Tests.Foundation.Support;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

public abstract class SessionTests(Db db, PostgresFixture pg)
{
    [Fact]
    [Trait("Requirement", "SEC-SESS-01")]
    public async Task SignIn_SessionAndAntiforgeryCookies_AreHostPrefixedSecureHttpOnlyStrict()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = app.NewClient();

        var form = await client.GetAsync("/account/sign-in");
        var signIn = await AppFactory.PostFormAsync(client, "/account/sign-in",
            new() { ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = AppFactory.DemoPassword });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = Assert.Single(SetCookies(signIn), c => c.StartsWith(Sessions.CookieName + "=", StringComparison.Ordinal));
        var antiforgery = Assert.Single(SetCookies(form), c => c.StartsWith("__Host-csp-af=", StringComparison.Ordinal));
        foreach (var cookie in new[] { session, antiforgery })
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
            // A session cookie: it ends when the browser closes; the server enforces the time-outs.
            Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal) || a.StartsWith("max-age", StringComparison.Ordinal));
        }
    }

    [Fact]
    [Trait("Requirement", "SEC-SESS-02")]
    public async Task SignOut_ReplayingTheOldCookie_FailsEveryTime()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        using var user = await Sessions.SignInAsync(app, DemoUsers.PoliceCaseOfficer);
        var copied = user.CookieValue(Sessions.CookieName)!;
        using (var before = Sessions.Replay(app, copied))
        {
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/account")).StatusCode);
        }

        var signOut = await AppFactory.PostFormAsync(user.Client, "/account/sign-out", [], formPageUrl: "/account");
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);

        var replays = 0;
        for (var i = 0; i < 10; i++)
        {
            using var attacker = Sessions.Replay(app, copied);
            var page = await attacker.GetAsync("/account");
            var api = await attacker.GetAsync("/api/me");
            if (page.StatusCode == HttpStatusCode.OK || api.StatusCode == HttpStatusCode.OK)
            {
                replays++;
            }
            Assert.True(Sessions.IsSentToSignIn(page), $"Replay {i + 1}: {(int)page.StatusCode} {page.Headers.Location}");
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }
        Assert.Equal(0, replays);
        using var scope = app.Services.CreateScope();
        Assert.True(await app.CreateDbContext(scope).AuditEvents.AnyAsync(e => e.Action == AuditActions.SignOut && e.UserName == DemoUsers.PoliceCaseOfficer,
            TestContext.Current.CancellationToken));
    }

    [Fact]
    [Trait("Requirement", "SEC-SESS-01")]
    public async Task Session_Idle31Minutes_GoesBackToSignIn()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var user = await app.SignInAsync(DemoUsers.Analyst);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/account")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var afterIdle = await user.GetAsync("/account");

        Assert.True(Sessions.IsSentToSignIn(afterIdle), $"{(int)afterIdle.StatusCode} {afterIdle.Headers.Location}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "SEC-SESS-01")]
    public async Task Session_ActiveFor12Hours_GoesBackToSignIn()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var user = await app.SignInAsync(DemoUsers.Analyst);

        // Busy all day: a request every 20 minutes keeps the session from idling for 11 h 40 min.
        for (var i = 1; i <= 35; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            var busy = await user.GetAsync("/account");
            Assert.True(busy.StatusCode == HttpStatusCode.OK, $"After {i * 20} minutes: {(int)busy.StatusCode} {busy.Headers.Location}");
        }
        app.Clock.Advance(TimeSpan.FromMinutes(21));
        var after12Hours = await user.GetAsync("/account");

        Assert.True(Sessions.IsSentToSignIn(after12Hours), $"{(int)after12Hours.StatusCode} {after12Hours.Headers.Location}");
    }

    [Fact]
    [Trait("Requirement", "SEC-SESS-03")]
    public async Task AdminDisablesUser_UsersNextRequest_GoesToSignInAndTheyCannotSignInAgain()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var user = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var id = await UserIdAsync(app, DemoUsers.PoliceCaseOfficer);

        var saved = await Forms.SubmitAsync(admin, $"/admin/users/edit?id={id}", f => f.With("Input.Disabled", "true"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var next = await user.GetAsync("/account");
        Assert.True(Sessions.IsSentToSignIn(next), $"{(int)next.StatusCode} {next.Headers.Location}");
        var again = await AppFactory.PostFormAsync(app.NewClient(), "/account/sign-in",
            new() { ["Input.Email"] = DemoUsers.PoliceCaseOfficer, ["Input.Password"] = AppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(SignInModel.FailureMessage, Forms.ErrorSummary(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-SESS-03")]
    public async Task AdminChangesRoles_UsersNextRequest_EndsTheirSession()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var user = await app.SignInAsync(DemoUsers.Analyst);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var id = await UserIdAsync(app, DemoUsers.Analyst);

        var saved = await Forms.SubmitAsync(admin, $"/admin/users/edit?id={id}", f => f.With("Input.Roles", Roles.BoardMember));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var next = await user.GetAsync("/account");
        Assert.True(Sessions.IsSentToSignIn(next), $"{(int)next.StatusCode} {next.Headers.Location}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignIn_FourthSession_EndsTheFirst()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await app.SignInAsync(DemoUsers.Analyst));
            app.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.True(Sessions.IsSentToSignIn(await clients[0].GetAsync("/account")));
        foreach (var later in clients.Skip(1))
        {
            Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/account")).StatusCode);
        }
    }

    [Fact]
    public async Task Account_EndAnotherSession_EndsOnlyThatSession()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var laptop = await app.SignInAsync(DemoUsers.Analyst);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var phone = await app.SignInAsync(DemoUsers.Analyst);

        // The newest session (the phone) is listed first.
        var ended = await Forms.SubmitAsync(laptop, "/account", _ => { }, handler: "End");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.True(Sessions.IsSentToSignIn(await phone.GetAsync("/account")));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account")).StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.True(await app.CreateDbContext(scope).AuditEvents.AnyAsync(e => e.Action == AuditActions.SessionRevoked && e.UserName == DemoUsers.Analyst,
            TestContext.Current.CancellationToken));
    }

    internal static async Task<Guid> UserIdAsync(AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        return await app.CreateDbContext(scope).Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
}

public sealed class SessionTestsOnSqlite(PostgresFixture pg) : SessionTests(Db.Sqlite, pg);

public sealed class SessionTestsOnPostgres(PostgresFixture pg) : SessionTests(Db.Postgres, pg);
