using System.Net;
using CommunitySafety.Auditing;
using CommunitySafety.Tests.Foundation.Support;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

public abstract class TwoFactorTests(Db db, PostgresFixture pg)
{
    static readonly Dictionary<string, string?> Required = new() { ["Security:RequireTwoFactor"] = "true" };

    [Fact]
    public async Task SignIn_PasswordOnlyWhenTwoFactorRequired_GoesToSetUpAndApiIsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, Required);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var home = await client.GetAsync("/");
        var admin = await client.GetAsync("/account");
        var api = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor/set-up", home.Headers.Location?.OriginalString);
        Assert.Equal("/account/two-factor/set-up", admin.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/two-factor/set-up")).StatusCode);
    }

    [Fact]
    public async Task SetUp_WithCodeFromTheKey_TurnsTwoFactorOnAndNextSignInAsksForACode()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, Required);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var enrolled = await EnrolAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, enrolled.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        var next = app.NewClient();
        var password = await AppFactory.PostFormAsync(next, "/account/sign-in",
            new() { ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = AppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/two-factor", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("set-up", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.True(Sessions.IsSentToSignIn(await next.GetAsync("/")));

        // The set-up used the current code, and a code works once: the app's next code (one step ahead is accepted).
        var code = await AppFactory.PostFormAsync(next, "/account/two-factor",
            new() { ["Input.Code"] = Totp.Code(enrolled.Key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/")).StatusCode);

        // The session still counts as two-factor after the periodic security-stamp check re-reads the user.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var later = await next.GetAsync("/");
        Assert.True(later.StatusCode == HttpStatusCode.OK, $"{(int)later.StatusCode} {later.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_WrongCode_ShowsErrorAndIsAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, Required);
        var enrolled = await EnrolAsync(await app.SignInAsync(DemoUsers.Analyst));
        var client = app.NewClient();
        await AppFactory.PostFormAsync(client, "/account/sign-in", new() { ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = AppFactory.DemoPassword });
        var right = Totp.Code(enrolled.Key, DateTimeOffset.UtcNow);
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var response = await AppFactory.PostFormAsync(client, "/account/two-factor", new() { ["Input.Code"] = wrong });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Forms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("The security code is not right", document.QuerySelector(".govuk-error-summary a[href='#Input_Code']")?.TextContent, StringComparison.Ordinal);
        Assert.True(Sessions.IsSentToSignIn(await client.GetAsync("/")));
        using var scope = app.Services.CreateScope();
        var failed = await app.CreateDbContext(scope).AuditEvents.SingleAsync(e => e.Action == AuditActions.TwoFactorFailed, TestContext.Current.CancellationToken);
        Assert.Equal(DemoUsers.Analyst, failed.UserName);
        Assert.Equal(AuditOutcome.Failure, failed.Outcome);
    }

    [Fact]
    public async Task TwoFactor_CodeUsedOnce_SameCodeAgainRefusedAndAudited_NextCodeWorks()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, Required);
        // Enrolled with the previous code (still accepted for drift), so the current and the next are both unused.
        var enrolled = await EnrolAsync(await app.SignInAsync(DemoUsers.Analyst), TimeSpan.FromSeconds(-30));
        var code = Totp.Code(enrolled.Key, DateTimeOffset.UtcNow);

        async Task<HttpResponseMessage> SignInWithAsync(HttpClient client, string securityCode)
        {
            await AppFactory.PostFormAsync(client, "/account/sign-in", new() { ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = AppFactory.DemoPassword });
            return await AppFactory.PostFormAsync(client, "/account/two-factor", new() { ["Input.Code"] = securityCode });
        }

        var first = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithAsync(first, code)).StatusCode);
        // Someone who saw the code (over a shoulder, through a phishing page) tries it while it is still current.
        var replay = app.NewClient();
        var replayed = await SignInWithAsync(replay, code);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var document = Forms.Parse(await replayed.Content.ReadAsStringAsync());
        Assert.Contains("has already been used", document.QuerySelector(".govuk-error-summary a[href='#Input_Code']")?.TextContent, StringComparison.Ordinal);
        Assert.True(Sessions.IsSentToSignIn(await replay.GetAsync("/")));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/")).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            Assert.Equal(1, await app.CreateDbContext(scope).AuditEvents.CountAsync(e => e.Action == AuditActions.TwoFactorFailed, TestContext.Current.CancellationToken));
        }

        // The authenticator's following code is a new one and works.
        var later = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithAsync(later, Totp.Code(enrolled.Key, DateTimeOffset.UtcNow.AddSeconds(30)))).StatusCode);
    }

    /// <summary>Reads the key shown on the set-up page, computes the current code (or the one <paramref name="codeAt"/> away) as an authenticator app would, and submits it.</summary>
    static async Task<(HttpResponseMessage Response, string Key)> EnrolAsync(HttpClient client, TimeSpan codeAt = default)
    {
        var document = await Forms.GetDocumentAsync(client, "/account/two-factor/set-up");
        var key = document.QuerySelector(".app-key")?.TextContent.Trim() ?? throw new InvalidOperationException("No key on the set-up page.");
        var response = await Forms.SubmitAsync(client, "/account/two-factor/set-up", f => f.With("Input.Code", Totp.Code(key, DateTimeOffset.UtcNow + codeAt)));
        return (response, key);
    }
}

public sealed class TwoFactorTestsOnSqlite(PostgresFixture pg) : TwoFactorTests(Db.Sqlite, pg);

public sealed class TwoFactorTestsOnPostgres(PostgresFixture pg) : TwoFactorTests(Db.Postgres, pg);
