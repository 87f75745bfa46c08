using CommunitySafety.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CommunitySafety.BrowserTests;

[Collection(nameof(BrowserCollection))]
public sealed class JourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignIn_AsDemoUser_SeesHomePageWithTheirNameAndStylesLoad()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var assets = new List<(string Url, int Status)>();
        page.Response += (_, r) =>
        {
            if (r.Url.EndsWith(".css", StringComparison.Ordinal) || r.Url.EndsWith(".js", StringComparison.Ordinal))
            {
                lock (assets) { assets.Add((r.Url, r.Status)); }
            }
        };

        await fixture.SignInAsync(context, DemoUsers.CaseOfficer);
        await page.GotoAsync("/");

        Assert.Equal("Welcome, Dan Okafor. You are signed in for Wyvernshire Constabulary.", (await page.Locator("p.govuk-body-l").TextContentAsync())?.Trim());
        Assert.Contains("Dan Okafor", await page.Locator(".app-user-bar").TextContentAsync(), StringComparison.Ordinal);
        lock (assets)
        {
            Assert.Contains(assets, a => a.Url.EndsWith("/lib/govuk/govuk-frontend.min.css", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.Url.EndsWith("/css/app.css", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.Url.EndsWith("/js/app.js", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.Url.EndsWith("/lib/govuk/govuk-frontend.min.js", StringComparison.Ordinal));
            Assert.All(assets, a => Assert.True(a.Status == 200, $"{a.Url}: {a.Status}"));
        }
        // GOV.UK Frontend's styles and script really apply (not just download).
        Assert.Contains("govuk-frontend-supported", await page.EvaluateAsync<string>("() => document.body.className"), StringComparison.Ordinal);
        Assert.Equal("rgb(11, 12, 12)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('h1')).color"));
    }

    [Fact]
    public async Task SignOut_FromTheHeader_EndsTheSession()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context, DemoUsers.SecondAnalyst);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" })).ToBeVisibleAsync();
        await page.GotoAsync("/account");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminUsers_AsBoardMember_ShowsTheRefusalPageNotTheUsers()
    {
        await using var context = await fixture.NewContextAsync(signedInAs: DemoUsers.BoardMember);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/admin/users");

        Assert.Equal(403, response?.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have permission to see this page" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("table").CountAsync());
        Assert.DoesNotContain(DemoUsers.Administrator, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).CountAsync());
    }

    [Fact]
    public async Task SignIn_WithMissingAndWrongDetails_ShowsAFocusedErrorSummaryLinkingToTheField()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToBeFocusedAsync();
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter your email address" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Email address")).ToBeFocusedAsync();

        await page.GetByLabel("Email address").FillAsync("nobody@wyvernshire.example");
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Email address or password not recognised");
    }

    [Fact]
    public async Task OpenPageSignedOut_SignIn_ReturnsToThatPage()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/admin/audit");
        Assert.Equal("/account/sign-in", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("Email address").FillAsync(DemoUsers.Administrator);
        await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/admin/audit", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" })).ToBeVisibleAsync();
    }
}
