using System.Globalization;
using System.Text.Json;
using CommunitySafety.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CommunitySafety.BrowserTests.Places;

/// <summary>
/// The app with real Hertfordshire data loaded the way an analyst loads it: the product's own `import boundaries` and
/// `import police-uk` verbs, on the 2025 ward boundaries (176 wards) and four months of street records. The demo's
/// generated wards are left out so the imported set is the current one.
/// </summary>
public sealed class HertfordshireBrowserFixture : BrowserFixture
{
    public const int ExpectedWards = 176;
    static readonly string[] Months = ["2021-10", "2021-11", "2021-12", "2022-01"];

    protected override Task<AppServer> StartAppAsync()
    {
        var data = SharedData();
        List<string[]> prepare = [["import", "boundaries", Path.Combine(data, "boundaries", "wards-2025-bgc", "E10000015.geojson"), "--current"]];
        prepare.AddRange(Months.Select(m => new[] { "import", "police-uk", Path.Combine(data, "police-uk", "street", "hertfordshire", $"{m}-hertfordshire-street.csv") }));
        return AppServer.StartAsync(["--Demo:PlacesData=false"], prepare);
    }

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

[CollectionDefinition(nameof(HertfordshireBrowserCollection))]
public sealed class HertfordshireBrowserCollection : ICollectionFixture<HertfordshireBrowserFixture>;

/// <summary>
/// The ward map journey on real Hertfordshire data in Debian's Chromium: one polygon per ward, the
/// map recolours when the category changes, and clicking a ward opens a profile whose figure matches the API.
/// </summary>
[Collection(nameof(HertfordshireBrowserCollection))]
public sealed class WardMapBrowserTests(HertfordshireBrowserFixture fixture)
{
    [Fact]
    public async Task WardMap_HertfordshireData_DrawsEveryWardRecoloursAndOpensMatchingProfile()
    {
        await using var context = await fixture.NewContextAsync(signedInAs: DemoUsers.Analyst, viewport: new() { Width = 1280, Height = 1400 });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, e) => scriptErrors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error") { scriptErrors.Add(m.Text); }
        };

        // One polygon per ward, coloured once the figures have arrived.
        await page.GotoAsync("/places/map");
        var wards = page.Locator("#ward-map path.leaflet-interactive");
        await Assertions.Expect(wards).ToHaveCountAsync(HertfordshireBrowserFixture.ExpectedWards, new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("#ward-map[data-figures-loaded]");
        Assert.Equal(HertfordshireBrowserFixture.ExpectedWards, await page.Locator("#ward-figures-table tbody tr[data-ward-code]").CountAsync());
        var allFills = await Fills(page);

        // Change the category: the script re-fetches and recolours the same polygons in place.
        await page.SelectOptionAsync("#Category", "burglary");
        await page.WaitForSelectorAsync("#ward-map[data-figures-loaded*='category=burglary']");
        var burglaryFills = await Fills(page);
        Assert.Equal(HertfordshireBrowserFixture.ExpectedWards, burglaryFills.Count);
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
    internal const string FindPointInside = """
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
}
