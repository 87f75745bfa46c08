using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CommunitySafety.BrowserTests.Places;

/// <summary>
/// The ward map journey on real Hertfordshire data in Debian's Chromium: one polygon per ward, the
/// map recolours when the category changes, and clicking a ward opens a profile whose figure matches the API.
/// </summary>
public sealed class WardMapBrowserTests
{
    const string ChromiumPath = "/usr/bin/chromium";
    const string Analyst = "tom.green@council.wyvernshire.example";
    static readonly string[] Months = ["2021-10", "2021-11", "2021-12", "2022-01"];

    static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The seeding step: replace with a seed that runs the police.uk import when it lands.</summary>
    static IWardMapSeed Seed() => new HertfordshireCsvSeed(SharedData(), Months);

    [Fact]
    public async Task WardMap_HertfordshireData_DrawsEveryWardRecoloursAndOpensMatchingProfile()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"Chromium not found at {ChromiumPath}; CI must run the browser tests (apt-get install chromium).");
            }

            Assert.Skip($"Chromium not found at {ChromiumPath}: install Debian's chromium package to run the browser journeys.");
        }

        var ct = TestContext.Current.CancellationToken;
        var seed = Seed();
        await using var app = await PlacesBrowserApp.StartAsync(seed, ct);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1280, Height = 1400 } });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, e) => scriptErrors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error") { scriptErrors.Add(m.Text); }
        };

        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("[name='Input.Email']", Analyst);
        await page.FillAsync("[name='Input.Password']", PlacesBrowserApp.DemoPassword);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForURLAsync(u => !u.Contains("/account/sign-in", StringComparison.Ordinal));

        // One polygon per ward, coloured once the figures have arrived.
        await page.GotoAsync("/places/map");
        var wards = page.Locator("#ward-map path.leaflet-interactive");
        await Assertions.Expect(wards).ToHaveCountAsync(seed.ExpectedWards, new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("#ward-map[data-figures-loaded]");
        Assert.Equal(seed.ExpectedWards, await page.Locator("#ward-figures-table tbody tr[data-ward-code]").CountAsync());
        var allFills = await Fills(page);

        // Change the category: the script re-fetches and recolours the same polygons in place.
        await page.SelectOptionAsync("#Category", "burglary");
        await page.WaitForSelectorAsync("#ward-map[data-figures-loaded*='category=burglary']");
        var burglaryFills = await Fills(page);
        Assert.Equal(seed.ExpectedWards, burglaryFills.Count);
        Assert.NotEqual(allFills, burglaryFills);
        Assert.Contains("Category=burglary", page.Url, StringComparison.Ordinal);

        // The table below the map follows the map: a ward's burglary count equals the API's.
        var burglaryApi = await ApiAsync(page, "/api/places/ward-figures?category=burglary");
        var sample = burglaryApi.GetProperty("wards").EnumerateArray().OrderByDescending(w => w.GetProperty("count").GetInt32()).First();
        var sampleCode = sample.GetProperty("code").GetString()!;
        var cell = page.Locator($"#ward-figures-table tr[data-ward-code='{sampleCode}'] [data-field=count]");
        await Assertions.Expect(cell).ToHaveTextAsync(sample.GetProperty("count").GetInt32().ToString("N0", CultureInfo.GetCultureInfo("en-GB")));

        // Click inside that ward's polygon (a point the browser says is inside it and on top) to open its profile.
        var point = await page.EvaluateAsync<double[]?>(FindPointInside, sampleCode);
        if (point is null)
        {
            var diagnostics = await page.EvaluateAsync<string>(
                "async () => `${document.querySelectorAll('#ward-map path[data-ward-code]').length} named paths; first ${document.querySelector('#ward-map path')?.outerHTML.slice(0, 200)}; script has data-ward-code: ${(await (await fetch('/js/places-map.js')).text()).includes('data-ward-code')}`");
            Assert.Fail($"No clickable point inside ward {sampleCode}: {diagnostics}");
        }

        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await page.WaitForURLAsync($"**/places/wards/{sampleCode}**");

        var allApi = await ApiAsync(page, "/api/places/ward-figures");
        var wardAll = allApi.GetProperty("wards").EnumerateArray().First(w => w.GetProperty("code").GetString() == sampleCode);
        var total = await page.Locator("[data-field=total]").First.TextContentAsync();
        Assert.Equal(wardAll.GetProperty("count").GetInt32().ToString("N0", CultureInfo.GetCultureInfo("en-GB")), total);
        Assert.Equal(wardAll.GetProperty("name").GetString(), await page.Locator("h1").TextContentAsync());
        Assert.Empty(scriptErrors);
    }

    static async Task<List<string>> Fills(IPage page) =>
        [.. await page.EvalOnSelectorAllAsync<string[]>("#ward-map path.leaflet-interactive", "ps => ps.map(p => p.getAttribute('data-ward-code') + ':' + p.getAttribute('fill'))")];

    static async Task<JsonElement> ApiAsync(IPage page, string url)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.True(response.Ok, $"{url} answered {response.Status}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement;
    }

    // Samples the polygon's box for a point inside its fill that is also the topmost element there.
    const string FindPointInside = """
        code => {
            const path = document.querySelector(`#ward-map path[data-ward-code='${code}']`);
            if (!path) { return null; }
            document.getElementById('ward-map').scrollIntoView({ block: 'start' });
            const box = path.getBoundingClientRect();
            for (let i = 1; i < 30; i++) {
                for (let j = 1; j < 30; j++) {
                    const x = box.left + box.width * i / 30, y = box.top + box.height * j / 30;
                    if (document.elementFromPoint(x, y) === path) { return [x, y]; }
                }
            }
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            throw new Error(`no point inside ${code}: box ${JSON.stringify(box)}, centre hits ${hit ? hit.tagName + '.' + hit.getAttribute('class') : 'nothing'}`);
        }
        """;

    static string SharedData()
    {
        var env = Environment.GetEnvironmentVariable("CSP_SHARED_DATA");
        if (!string.IsNullOrWhiteSpace(env) && File.Exists(Path.Combine(env, "README.md")))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("shared/data not found; set CSP_SHARED_DATA");
    }
}
