using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CommunitySafety.BrowserTests.Infrastructure;

/// <summary>The demo partnership's users the journeys sign in as.</summary>
public static class DemoUsers
{
    public const string Administrator = "priya.shah@council.wyvernshire.example";
    public const string Analyst = "tom.green@council.wyvernshire.example";
    public const string CaseOfficer = "dan.okafor@police.wyvernshire.example";
    public const string BoardMember = "james.lee@council.wyvernshire.example";
    public const string SecondAnalyst = "sean.murphy@council.wyvernshire.example";
    public const string CouncilCaseOfficer = "ellie.hughes@ashcombe.wyvernshire.example";
}

/// <summary>
/// The one browser fixture: an app process and one Chromium for the whole collection, since starting them is the slow
/// part. Each test opens its own browser context (cookies and storage of its own). The app runs the demo partnership;
/// a collection that needs other data derives from this and says how to prepare it (<see cref="StartAppAsync"/>).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    readonly ConcurrentDictionary<string, Task<string>> _signedIn = new(StringComparer.Ordinal);
    PlaywrightBrowser? _browser;
    AppServer? _app;
    string? _skip;

    public AppServer App => _app ?? throw new InvalidOperationException("The app did not start.");

    public async ValueTask InitializeAsync()
    {
        _skip = PlaywrightBrowser.SkipReason;
        if (_skip is not null)
        {
            if (TestEnvironment.IsCi)
            {
                throw new InvalidOperationException("CI=true, so browser tests must not be skipped: " + _skip);
            }
            return;
        }
        _app = await StartAppAsync();
        _browser = await PlaywrightBrowser.LaunchAsync();
    }

    /// <summary>The app the collection's journeys use: the demo partnership as a newcomer gets it.</summary>
    protected virtual Task<AppServer> StartAppAsync() => AppServer.StartAsync();

    /// <summary>A new context on the app. Skips the test (locally) when Chromium is missing.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? signedInAs = null, bool bypassCsp = false, ViewportSize? viewport = null)
    {
        if (_skip is not null)
        {
            Assert.Skip(_skip);
        }
        var options = new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            BypassCSP = bypassCsp,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        };
        if (viewport is not null)
        {
            options.ViewportSize = viewport;
        }
        if (signedInAs is not null)
        {
            options.StorageState = await _signedIn.GetOrAdd(signedInAs, SignInOnceAsync);
        }
        var context = await _browser!.Browser.NewContextAsync(options);
        // Generous: CI runs these beside the integration tests on two cores.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>Signs in through the form in a fresh context and returns its storage state (the session cookie).</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    async Task<string> SignInOnceAsync(string email)
    {
        await using var context = await _browser!.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl.ToString() });
        // As generous as the journeys' own contexts: the first sign-in can meet a busy machine.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        await SignInAsync(context, email);
        return await context.StorageStateAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
