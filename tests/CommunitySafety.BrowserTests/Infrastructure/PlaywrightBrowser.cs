using Microsoft.Playwright;

namespace CommunitySafety.BrowserTests.Infrastructure;

/// <summary>
/// Launches Debian's Chromium (<c>/usr/bin/chromium</c>, package <c>chromium</c>) through Playwright for .NET.
/// Playwright's own browser builds are never downloaded or used: only the driver shipped inside the
/// Microsoft.Playwright NuGet package runs, and it is pointed at the system binary via <c>ExecutablePath</c>.
/// <code>
/// [Fact]
/// public async Task Home_page_has_title()
/// {
///     var chromium = await PlaywrightBrowser.LaunchOrSkipAsync(); // Assert.Skip locally, failure when CI=true
///     await using var _ = chromium;
///     var page = await chromium.Browser.NewPageAsync();
///     await page.GotoAsync(baseUrl);
///     Assert.Equal("Home", await page.TitleAsync());
/// }
/// </code>
/// </summary>
public sealed class PlaywrightBrowser : IAsyncDisposable
{
    /// <summary>Debian's Chromium launcher.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>What to run when Chromium is missing (Debian 12).</summary>
    public const string InstallHint = "apt-get install --no-install-recommends chromium";

    /// <summary>Chromium flags: no sandbox (CI runs as root, where the sandbox cannot start), no GPU, and nothing that
    /// phones home (background networking, component updates, sync, QUIC), since only loopback is reachable.</summary>
    public static readonly IReadOnlyList<string> ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private readonly IPlaywright playwright;

    private PlaywrightBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    /// <summary>The launched headless Chromium.</summary>
    public IBrowser Browser { get; }

    /// <summary>Null when <c>/usr/bin/chromium</c> exists; otherwise the skip reason naming the package to install.</summary>
    public static string? SkipReason =>
        File.Exists(ChromiumPath)
            ? null
            : $"Chromium not found at {ChromiumPath}. Install it with: {InstallHint}";

    /// <summary>
    /// Launches Chromium. When it is missing: calls <c>Assert.Skip</c> (via <paramref name="skip"/>) locally, or
    /// throws <see cref="InvalidOperationException"/> when env CI=true.
    /// </summary>
    public static async Task<PlaywrightBrowser> LaunchOrSkipAsync(Action<string>? skip = null)
    {
        var reason = SkipReason;
        if (reason is not null)
        {
            if (TestEnvironment.IsCi)
            {
                throw new InvalidOperationException("CI=true, so browser tests must not be skipped: " + reason);
            }

            (skip ?? Xunit.Assert.Skip)(reason);
            throw new InvalidOperationException(reason); // only reached when a custom skip callback returns
        }

        return await LaunchAsync().ConfigureAwait(false);
    }

    /// <summary>Launches Chromium headless; throws when it is missing.</summary>
    public static async Task<PlaywrightBrowser> LaunchAsync()
    {
        if (SkipReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        // Belt and braces: nothing here calls "playwright install", but make sure no code path downloads a browser.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            }).ConfigureAwait(false);
            return new PlaywrightBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            playwright.Dispose();
        }
    }
}
