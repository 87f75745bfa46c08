using System.Text;
using System.Text.RegularExpressions;
using CommunitySafety.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CommunitySafety.BrowserTests.Places;

/// <summary>
/// An analyst uploads a boundary file in the browser: the page hands it to the background import and goes to the
/// import's page, which follows it to its outcome. The file is stored without becoming current, so the Hertfordshire
/// wards the other journeys of this collection use stay current.
/// </summary>
[Collection(nameof(HertfordshireBrowserCollection))]
public sealed partial class BoundaryUploadBrowserTests(HertfordshireBrowserFixture fixture)
{
    [GeneratedRegex(@"/places/imports/\d+$")]
    private static partial Regex ImportPage();

    [Fact]
    public async Task UploadBoundaries_SmallGeneratedFile_ImportPageShowsTheOutcomeAndTheCurrentSetUnchanged()
    {
        await using var context = await fixture.NewContextAsync(signedInAs: DemoUsers.Analyst, viewport: new() { Width = 1280, Height = 1000 });
        var page = await context.NewPageAsync();
        // Two square wards near Hertford, with codes no published file uses.
        var suffix = Random.Shared.Next(1_000, 9_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        static string Square(double lon) => FormattableString.Invariant($"[[[{lon},51.79],[{lon + 0.01},51.79],[{lon + 0.01},51.80],[{lon},51.80],[{lon},51.79]]]");
        var geojson = "{\"type\":\"FeatureCollection\",\"features\":["
            + $"{{\"type\":\"Feature\",\"properties\":{{\"WD25CD\":\"E0599{suffix}\",\"WD25NM\":\"Browser Test North\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":{Square(-0.09)}}}}},"
            + $"{{\"type\":\"Feature\",\"properties\":{{\"WD25CD\":\"E0598{suffix}\",\"WD25NM\":\"Browser Test South\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":{Square(-0.07)}}}}}"
            + "]}";

        await page.GotoAsync("/places/imports/boundaries");
        await Assertions.Expect(page.Locator("#current-ward-set")).ToContainTextAsync("with 176 wards");
        await page.SetInputFilesAsync("#Files", new FilePayload { Name = $"browser-{suffix}.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(geojson) });
        await page.CheckAsync("#Use-keep");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import boundaries" }).ClickAsync();

        await page.WaitForURLAsync(ImportPage());
        // The page refreshes itself while the import runs; wait for the finished report.
        await Assertions.Expect(page.Locator("main .govuk-tag")).ToHaveTextAsync("Imported", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#outcome")).ToContainTextAsync("Imported 2 wards (WD25CD, 2025)");
        await Assertions.Expect(page.Locator("#outcome")).ToContainTextAsync("Not made current");
        await Assertions.Expect(page.Locator("#current-ward-set")).ToContainTextAsync("The current ward set is \"E10000015.geojson\" (WD25CD) with 176 wards.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"browser-{suffix}.geojson");
    }
}
