using System.Buffers.Binary;
using System.Net;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Tests.Foundation.Support;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
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
    [Trait("Requirement", "SEC-AUTH-01")]
    public async Task SignIn_UnknownUser_ShowsSameMessageAsWrongPasswordAndBothAreAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = app.NewClient();

        var wrong = await AppFactory.PostFormAsync(client, "/account/sign-in",
            new() { ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = "not the right password" });
        var unknown = await AppFactory.PostFormAsync(client, "/account/sign-in",
            new() { ["Input.Email"] = "nobody@nowhere.example", ["Input.Password"] = "not the right password" });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var wrongSummary = Forms.ErrorSummary(await wrong.Content.ReadAsStringAsync());
        var unknownSummary = Forms.ErrorSummary(await unknown.Content.ReadAsStringAsync());
        Assert.Contains(SignInModel.FailureMessage, unknownSummary, StringComparison.Ordinal);
        Assert.Equal(wrongSummary, unknownSummary);
        using var scope = app.Services.CreateScope();
        var failures = await app.CreateDbContext(scope).AuditEvents.Where(e => e.Action == AuditActions.SignInFailed)
            .OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([DemoUsers.Analyst, "nobody@nowhere.example"], failures.Select(f => f.UserName));
        Assert.All(failures, f => Assert.Equal(AuditOutcome.Failure, f.Outcome));
        Assert.All(failures, f => Assert.Equal(AppFactory.ClientAddress, f.IpAddress));
    }

    [Fact]
    public async Task SignIn_MissingFields_ShowsErrorSummaryLinkingToEachField()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = app.NewClient();

        var response = await AppFactory.PostFormAsync(client, "/account/sign-in", new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        var document = Forms.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = document.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(("#Input_Email", "Enter your email address"), links);
        Assert.Contains(("#Input_Password", "Enter your password"), links);
        Assert.NotNull(document.QuerySelector("#Input_Email"));
        Assert.NotNull(document.QuerySelector("#Input_Password"));
        Assert.StartsWith("Error: ", document.Title, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-AUTH-01")]
    public async Task SignIn_AfterFiveWrongPasswords_RightPasswordIsRefusedForFiveMinutes()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await AppFactory.PostFormAsync(client, "/account/sign-in", new() { ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = $"wrong password number {i}" });
        }

        var sixth = await AppFactory.PostFormAsync(client, "/account/sign-in", new() { ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = AppFactory.DemoPassword });

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains(SignInModel.FailureMessage, Forms.ErrorSummary(await sixth.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoUsers.Analyst);
        // Identity's lockout uses the real clock, not the app's TimeProvider.
        var expected = DateTimeOffset.UtcNow.AddMinutes(5);
        Assert.NotNull(user!.LockoutEnd);
        Assert.InRange(user.LockoutEnd!.Value, expected.AddSeconds(-30), expected.AddSeconds(1));
        var audit = app.CreateDbContext(scope).AuditEvents;
        Assert.True(await audit.AnyAsync(e => e.Action == AuditActions.SignInLockedOut && e.UserId == user.Id, TestContext.Current.CancellationToken));
        Assert.False(await audit.AnyAsync(e => e.Action == AuditActions.SignIn, TestContext.Current.CancellationToken));
    }

    [Fact]
    [Trait("Requirement", "SEC-AUTH-02")]
    public async Task SignIn_StoredPasswordHash_IsIdentityV3WithAtLeast100000Iterations()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        _ = app.NewClient();
        using var scope = app.Services.CreateScope();
        var user = await app.CreateDbContext(scope).Users.SingleAsync(u => u.Email == DemoUsers.Analyst, TestContext.Current.CancellationToken);

        var hash = Convert.FromBase64String(user.PasswordHash!);

        Assert.Equal(0x01, hash[0]);                                                    // V3 format marker
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));         // KeyDerivationPrf.HMACSHA512
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 100_000);   // iterations
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9)) >= 16);        // salt length
    }

    [Fact]
    [Trait("Requirement", "SEC-AUTH-03")]
    public async Task AddUser_PasswordPolicy_AcceptsLongPassphrasesAndRefusesShortOrCommonOnes()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        string[] accepted = ["correct horse battery staple", new string('x', 20) + " river otter " + new string('y', 31), Passphrase(128)];
        string[] refused = ["elevenchars", "password123456"];
        Assert.Equal(64, accepted[1].Length);
        Assert.Equal(128, accepted[2].Length);

        var n = 0;
        foreach (var password in accepted)
        {
            var response = await AddUserAsync(admin, $"accepted{++n}@police.wyvernshire.example", password);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect,
                $"'{password}' ({password.Length} chars) was refused: {Forms.ErrorSummary(await response.Content.ReadAsStringAsync())}");
        }
        foreach (var password in refused)
        {
            var response = await AddUserAsync(admin, $"refused{++n}@police.wyvernshire.example", password);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"'{password}' was accepted");
            var document = Forms.Parse(await response.Content.ReadAsStringAsync());
            Assert.NotNull(document.QuerySelector(".govuk-error-summary a[href='#Input_Password']"));
        }

        var signIn = await AppFactory.PostFormAsync(app.NewClient(), "/account/sign-in",
            new() { ["Input.Email"] = "accepted3@police.wyvernshire.example", ["Input.Password"] = accepted[2] });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var truncated = await AppFactory.PostFormAsync(app.NewClient(), "/account/sign-in",
            new() { ["Input.Email"] = "accepted3@police.wyvernshire.example", ["Input.Password"] = accepted[2][..^1] + "!" });
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
    }

    static string Passphrase(int length)
    {
        var words = "amber heron quietly folds maps under seven winter lanterns beside the northern canal ";
        var s = string.Concat(Enumerable.Repeat(words, 3));
        return s[..(length - 1)] + "z";
    }

    internal static Task<HttpResponseMessage> AddUserAsync(HttpClient admin, string email, string password, params string[] roles) =>
        Forms.SubmitAsync(admin, "/admin/users/edit", f => f
            .With("Input.DisplayName", "Test User " + email[..email.IndexOf('@', StringComparison.Ordinal)])
            .With("Input.Email", email)
            .With("Input.AgencyId", "1")
            .With("Input.Roles", roles.Length == 0 ? [Roles.Analyst] : roles)
            .With("Input.Password", password));

    [Fact]
    public async Task Get_PageWithoutSignIn_RedirectsToSignIn()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var response = await app.NewClient().GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
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
