using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunitySafety.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CommunitySafety.BrowserTests.Places;

/// <summary>
/// Issue 12 in a real browser, on the Hertfordshire fixture (four months loaded: October 2021 to January 2022): the
/// assessment on partly loaded data, the map's default period, ward names as text in the map's tooltips, and the map,
/// ward profile, analysis, import and case pages on a 390 px phone screen.
/// </summary>
[Collection(nameof(HertfordshireBrowserCollection))]
public sealed partial class PlacesNarrowAndPartlyLoadedBrowserTests(HertfordshireBrowserFixture fixture)
{
    static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [GeneratedRegex(@"\d{4}-\d{2}")]
    private static partial Regex IsoMonth();

    [Fact]
    public async Task Assessment_OnFourOfTwelveMonths_WarnsAboveTheHeadlineAndGivesNoChange()
    {
        await using var context = await fixture.NewContextAsync(signedInAs: DemoUsers.Analyst, viewport: new() { Width = 1280, Height = 1400 });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/places/assessment?from=2021-02&to=2022-01");

        var warning = page.Locator("#missing-months");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        // Both periods: the previous twelve months and the eight before October 2021 are not loaded.
        await Assertions.Expect(warning).ToContainTextAsync("Feb 2020 to Sept 2021");
        var warningBox = await warning.BoundingBoxAsync();
        var summaryBox = await page.Locator("#summary").BoundingBoxAsync();
        var headlineBox = await page.Locator("#headline").BoundingBoxAsync();
        Assert.True(warningBox!.Y < summaryBox!.Y && summaryBox.Y < headlineBox!.Y, "the missing-months warning must sit above the summary and the headline figures");
        await Assertions.Expect(page.Locator("#change")).ToHaveTextAsync("Not given: the two periods are not both fully loaded");
        // No percentage rise or fall is claimed anywhere in the summary.
        var summary = await page.Locator("#summary").InnerTextAsync();
        Assert.DoesNotMatch(@"(rose|fell|up|down)[^.]*\d+(\.\d+)?%", summary);
    }

    [Fact]
    public async Task WardMap_WithNoDatesChosen_ShowsTheLatestTwelveLoadedMonthsWithTheirRecords()
    {
        await using var context = await fixture.NewContextAsync(signedInAs: DemoUsers.Analyst, viewport: new() { Width = 1280, Height = 1400 });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/places/map");
        await page.WaitForSelectorAsync("#ward-map[data-figures-loaded]");

        // No dates chosen: the period ends at the latest month loaded for these wards and runs 12 months back.
        Assert.Equal("", await page.InputValueAsync("#From"));
        Assert.Equal("", await page.InputValueAsync("#To"));
        var heading = await page.Locator("[data-places-heading]").InnerTextAsync();
        Assert.Contains("February 2021 to January 2022", heading, StringComparison.Ordinal);
        Assert.DoesNotMatch(IsoMonth(), heading);
        await Assertions.Expect(page.Locator(".govuk-inset-text")).ToContainTextAsync("Only 4 of the 12 months");
        var total = await page.Locator("#ward-figures-table tfoot [data-field=count]").InnerTextAsync();
        Assert.True(int.Parse(total.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 10_000, $"total {total}");

        // After a change the script rewrites the heading: still in words.
        await page.SelectOptionAsync("#Category", "burglary");
        await page.WaitForSelectorAsync("#ward-map[data-figures-loaded*='category=burglary']");
        heading = await page.Locator("[data-places-heading]").InnerTextAsync();
        Assert.Contains("February 2021 to January 2022", heading, StringComparison.Ordinal);
        Assert.DoesNotMatch(IsoMonth(), heading);
    }

    [Fact]
    public async Task WardMap_WardNameWithMarkup_ShowsInItsTooltipAsTextAndRunsNothing()
    {
        await using var context = await fixture.NewContextAsync(signedInAs: DemoUsers.Analyst, viewport: new() { Width = 1280, Height = 1400 });
        var page = await context.NewPageAsync();
        const string Name = "<img src=x onerror=\"window.__tooltipScript=1\"><b>Bold</b> ward";
        string? code = null;
        // The real ward layer with one ward's name replaced by markup, as a hostile boundary file could carry it.
        await page.RouteAsync("**/api/places/wards.geojson", async route =>
        {
            var response = await route.FetchAsync();
            var geojson = JsonNode.Parse(await response.TextAsync())!;
            var first = geojson["features"]![0]!["properties"]!;
            code = first["code"]!.GetValue<string>();
            first["name"] = Name;
            await route.FulfillAsync(new() { Response = response, Body = geojson.ToJsonString() });
        });

        await page.GotoAsync("/places/map");
        await page.WaitForSelectorAsync("#ward-map[data-figures-loaded]");
        await Assertions.Expect(page.Locator($"#ward-map path[data-ward-code='{code}']")).ToHaveCountAsync(1);
        var point = await page.EvaluateAsync<double[]?>(WardMapBrowserTests.FindPointInside, code);
        Assert.NotNull(point);
        await page.Mouse.MoveAsync((float)point[0], (float)point[1]);

        var tooltip = page.Locator(".leaflet-tooltip");
        await Assertions.Expect(tooltip).ToContainTextAsync(Name);
        Assert.Equal(0, await tooltip.Locator("img, b").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__tooltipScript === 1"));
    }

    [Theory]
    [InlineData("/places/map")]
    [InlineData("/places/wards/{ward}")]
    [InlineData("/places/imports/reference-data")]
    [InlineData("/places/imports/boundaries")]
    [InlineData("/places/hotspots")]
    [InlineData("/places/harm")]
    [InlineData("/places/trends")]
    [InlineData("/places/assessment")]
    [InlineData("/cases/{case}")]
    public async Task Page_OnA390PixelScreen_FitsWithoutSidewaysScrolling(string url)
    {
        var signedInAs = url.StartsWith("/cases", StringComparison.Ordinal) ? DemoUsers.CaseOfficer : DemoUsers.Analyst;
        await using var context = await fixture.NewContextAsync(signedInAs: signedInAs, viewport: Phone);
        var page = await context.NewPageAsync();
        if (url.Contains("{ward}", StringComparison.Ordinal))
        {
            var figures = await (await page.Context.APIRequest.GetAsync("/api/places/ward-figures")).JsonAsync();
            url = url.Replace("{ward}", figures!.Value.GetProperty("wards")[0].GetProperty("code").GetString(), StringComparison.Ordinal);
        }
        else if (url.Contains("{case}", StringComparison.Ordinal))
        {
            await page.GotoAsync("/cases");
            var href = await page.Locator("main a[href^='/cases/']").Filter(new() { HasTextRegex = new Regex(@"\S") })
                .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href')).filter(h => /^\\/cases\\/\\d+$/.test(h))");
            Assert.NotEmpty(href);
            url = href[0];
        }

        await page.GotoAsync(url);
        if (url == "/places/map")
        {
            await page.WaitForSelectorAsync("#ward-map[data-figures-loaded]");
        }

        var (scrollWidth, widest) = await Overflow(page);
        Assert.True(scrollWidth <= Phone.Width, $"{url} is {scrollWidth} px wide on a {Phone.Width} px screen; widest element: {widest}");
        if (url.StartsWith("/places/wards/", StringComparison.Ordinal))
        {
            // The category × month table is not clipped: its box scrolls, and its last column can be scrolled into view.
            var box = page.Locator("#ward-trend-table").Locator("xpath=..");
            Assert.True(await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth && getComputedStyle(b).overflowX === 'auto'"));
            var total = page.Locator("#ward-trend-table thead th").Last;
            await total.ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(total).ToBeInViewportAsync();
            await Assertions.Expect(total).ToHaveTextAsync("Total");
        }
    }

    static async Task<(int ScrollWidth, string Widest)> Overflow(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            () => {
                const width = document.documentElement.clientWidth;
                let widest = '';
                for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    if (r.right > width + 1 && !el.closest('.places-scroll, .leaflet-container')) {
                        widest = `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`;
                        break;
                    }
                }
                return { scrollWidth: document.scrollingElement.scrollWidth, widest };
            }
            """);
        return (result.GetProperty("scrollWidth").GetInt32(), result.GetProperty("widest").GetString() ?? "");
    }
}
