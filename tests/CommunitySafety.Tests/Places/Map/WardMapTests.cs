using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Places.Map;

public abstract class WardMapTests(Db db, PostgresFixture pg)
{
    static readonly HtmlParser Html = new();

    async Task<(AppFactory App, HttpClient Client, PlacesTestData.Seeded Seeded)> StartAsync(string user = DemoUsers.BoardMember)
    {
        var app = await AppFactory.CreateAsync(db, pg);
        PlacesTestData.Seeded seeded;
        using (var scope = app.Services.CreateScope())
        {
            seeded = await PlacesTestData.SeedSyntheticAsync(scope.ServiceProvider.GetRequiredService<AppDb>());
        }

        return (app, await app.SignInAsync(user), seeded);
    }

    static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    static Dictionary<string, JsonElement> WardsByCode(JsonElement figures) =>
        figures.GetProperty("wards").EnumerateArray().ToDictionary(w => w.GetProperty("code").GetString()!, w => w);

    static int? IntOrNull(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();

    static double? DoubleOrNull(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    static int Sum(PlacesTestData.Seeded s, string wardCode, int from, int to, CrimeCategory? category = null, string? force = null) =>
        s.Counts.Where(c => c.WardId == s.WardIds[wardCode] && c.Month >= from && c.Month <= to
                && (category is null || c.Category == category)
                && (force is null || s.ForceMonthIds[(force, c.Month)] == c.ForceMonthId))
            .Sum(c => c.Count);

    [Fact]
    public async Task WardsGeoJson_RealHerefordshireWards_OneFeaturePerCurrentWardWithCodeAndName()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        using (var scope = app.Services.CreateScope())
        {
            var appDb = scope.ServiceProvider.GetRequiredService<AppDb>();
            await PlacesTestData.AddBoundarySetAsync(appDb, "superseded.geojson", isCurrent: false,
                [("E05800001", "Superseded ward", "E06000019", "Herefordshire, County of", null, PlacesTestData.Square(-2.7, 52.0))]);
            await PlacesTestData.AddRealWardsAsync(appDb, "boundaries/wards-2025-bgc/E06000019.geojson");
        }

        var client = await app.SignInAsync(DemoUsers.ProviderWorker);
        var response = await client.GetAsync("/api/places/wards.geojson");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var features = body.GetProperty("features").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(53, features.Count);
        Assert.Equal(53, features.Select(f => f.GetProperty("properties").GetProperty("code").GetString()).Distinct().Count());
        Assert.All(features, f =>
        {
            Assert.Matches("^E05\\d{6}$", f.GetProperty("properties").GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("properties").GetProperty("name").GetString()));
            Assert.Equal("E06000019", f.GetProperty("properties").GetProperty("laCode").GetString());
            Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
        });
        Assert.Contains(features, f => f.GetProperty("properties").GetProperty("name").GetString() == "Arrow");
        Assert.DoesNotContain(features, f => f.GetProperty("properties").GetProperty("code").GetString() == "E05800001");

        // Cacheable: the same ETag comes back 304 with no body to download again.
        var etag = response.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/places/wards.geojson");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task WardFigures_DefaultPeriod_SumsEqualInsertedCountsForLatestTwelveMonths()
    {
        var (app, client, seeded) = await StartAsync();
        await using var _ = app;

        var figures = await JsonAsync(client, "/api/places/ward-figures");
        var wards = WardsByCode(figures);

        Assert.Equal("2021-01", figures.GetProperty("from").GetString());
        Assert.Equal("2021-12", figures.GetProperty("to").GetString());
        Assert.Equal(3, wards.Count);
        foreach (var (code, _, _, _, _) in PlacesTestData.SyntheticWards)
        {
            Assert.Equal(Sum(seeded, code, 202101, 202112), wards[code].GetProperty("count").GetInt32());
            Assert.Equal(Sum(seeded, code, 202001, 202012), wards[code].GetProperty("previousCount").GetInt32());
        }

        var total = PlacesTestData.SyntheticWards.Sum(w => Sum(seeded, w.Code, 202101, 202112));
        Assert.Equal(total, figures.GetProperty("totals").GetProperty("count").GetInt32());
        Assert.Equal(7, figures.GetProperty("outsideArea").GetInt32());
        Assert.Equal(3, figures.GetProperty("noLocation").GetInt32());
        var abbey = wards["E05900001"];
        var expectedChange = (Sum(seeded, "E05900001", 202101, 202112) - Sum(seeded, "E05900001", 202001, 202012)) * 100.0
            / Sum(seeded, "E05900001", 202001, 202012);
        Assert.Equal(expectedChange, abbey.GetProperty("changePercent").GetDouble(), 6);
    }

    [Fact]
    public async Task WardFigures_LaterMonthsOfAnotherForceOutsideTheWards_DefaultPeriodIsStillTheWardsLatestTwelveMonths()
    {
        var (app, client, _) = await StartAsync();
        await using var _app = app;
        using (var scope = app.Services.CreateScope())
        {
            // As with the demo county's records beside real wards: months years later, none in these wards.
            var store = scope.ServiceProvider.GetRequiredService<AppDb>();
            var later = await PlacesTestData.AddForceMonthsAsync(store, "Elsewhere Police", 202601, 202610);
            foreach (var (key, id) in later)
            {
                store.Add(new WardMonthlyCount { WardId = null, ForceMonthId = id, Month = key.Month, Category = CrimeCategory.Burglary, Placement = Placement.OutsideArea, Count = 50 });
            }

            await store.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var figures = await JsonAsync(client, "/api/places/ward-figures");
        var page = await client.GetStringAsync("/places/map");

        Assert.Equal("2021-01", figures.GetProperty("from").GetString());
        Assert.Equal("2021-12", figures.GetProperty("to").GetString());
        Assert.True(figures.GetProperty("totals").GetProperty("count").GetInt32() > 0);
        Assert.Contains("January 2021 to December 2021", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WardFigures_Rate_UsesPopulationAndIsNullWithoutOne()
    {
        var (app, client, seeded) = await StartAsync();
        await using var _ = app;

        var wards = WardsByCode(await JsonAsync(client, "/api/places/ward-figures"));

        Assert.Equal(Sum(seeded, "E05900002", 202101, 202112) / 4000.0 * 1000, wards["E05900002"].GetProperty("ratePerThousand").GetDouble(), 6);
        Assert.Equal(2000, wards["E05900001"].GetProperty("population").GetInt64());
        Assert.Equal(JsonValueKind.Null, wards["E05900003"].GetProperty("population").ValueKind);
        Assert.Equal(JsonValueKind.Null, wards["E05900003"].GetProperty("ratePerThousand").ValueKind);
        Assert.True(wards["E05900003"].GetProperty("count").GetInt32() > 0);
    }

    [Fact]
    public async Task WardFigures_Filters_CountOnlyMatchingCategoryForceLocalAuthorityAndPeriod()
    {
        var (app, client, seeded) = await StartAsync();
        await using var _ = app;

        var burglary = WardsByCode(await JsonAsync(client, "/api/places/ward-figures?category=burglary"));
        Assert.Equal(Sum(seeded, "E05900001", 202101, 202112, CrimeCategory.Burglary), burglary["E05900001"].GetProperty("count").GetInt32());

        var asb = await JsonAsync(client, "/api/places/ward-figures?category=anti-social-behaviour");
        Assert.Equal("Anti-social behaviour", asb.GetProperty("categoryName").GetString());
        Assert.Equal(Sum(seeded, "E05900002", 202101, 202112, CrimeCategory.AntiSocialBehaviour), WardsByCode(asb)["E05900002"].GetProperty("count").GetInt32());

        var other = WardsByCode(await JsonAsync(client, "/api/places/ward-figures?force=" + Uri.EscapeDataString(PlacesTestData.OtherForce)));
        Assert.Equal(50, other["E05900001"].GetProperty("count").GetInt32());
        Assert.Equal(0, other["E05900002"].GetProperty("count").GetInt32());

        var north = await JsonAsync(client, "/api/places/ward-figures?la=" + PlacesTestData.NorthLa);
        Assert.Equal(["E05900001", "E05900002"], WardsByCode(north).Keys.Order().ToArray());
        Assert.Equal(6000, north.GetProperty("totals").GetProperty("population").GetInt64());

        var quarter = await JsonAsync(client, "/api/places/ward-figures?from=2021-04&to=2021-06");
        var q = WardsByCode(quarter);
        Assert.Equal(Sum(seeded, "E05900003", 202104, 202106), q["E05900003"].GetProperty("count").GetInt32());
        Assert.Equal(Sum(seeded, "E05900003", 202101, 202103), q["E05900003"].GetProperty("previousCount").GetInt32());
        Assert.Equal("2021-01", quarter.GetProperty("previousFrom").GetString());
    }

    [Fact]
    public async Task WardFigures_PreviousPeriodNotLoaded_ChangeIsNullNotMinusOrInfinite()
    {
        var (app, client, _) = await StartAsync();
        await using var _1 = app;

        var figures = await JsonAsync(client, "/api/places/ward-figures?from=2020-01&to=2020-12");

        Assert.False(figures.GetProperty("previousPeriodLoaded").GetBoolean());
        Assert.All(figures.GetProperty("wards").EnumerateArray(), w =>
        {
            Assert.Null(IntOrNull(w.GetProperty("previousCount")));
            Assert.Null(DoubleOrNull(w.GetProperty("changePercent")));
        });
    }

    [Fact]
    public async Task WardFigures_UnreadableMonthOrCategory_Returns400WithReason()
    {
        var (app, client, _) = await StartAsync();
        await using var _1 = app;

        var badMonth = await client.GetAsync("/api/places/ward-figures?from=2021-13");
        var badCategory = await client.GetAsync("/api/places/ward-figures?category=jaywalking");

        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Contains("YYYY-MM", await badMonth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
    }

    [Fact]
    public async Task WardFiguresCsv_Download_HasHeaderAndOneRowPerWardMatchingApi()
    {
        var (app, client, _) = await StartAsync();
        await using var _1 = app;

        var api = WardsByCode(await JsonAsync(client, "/api/places/ward-figures?category=burglary"));
        foreach (var url in new[] { "/api/places/ward-figures.csv?category=burglary", "/api/places/ward-figures?category=burglary&format=csv" })
        {
            var response = await client.GetAsync(url);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
            Assert.Equal("ward_code,ward_name,local_authority_code,local_authority_name,count,population,rate_per_1000,previous_count,change_percent", lines[0]);
            Assert.Equal(3, lines.Length - 1);
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(',');
                Assert.Equal(api[cells[0]].GetProperty("count").GetInt32(), int.Parse(cells[4], CultureInfo.InvariantCulture));
            }

            // No population: population and rate cells are empty, never 0 or infinity.
            var castle = lines.Single(l => l.StartsWith("E05900003,Castle,E07900002,Southtown,", StringComparison.Ordinal)).Split(',');
            Assert.Equal("", castle[5]);
            Assert.Equal("", castle[6]);
        }
    }

    [Fact]
    public async Task MapPage_TableView_ListsEveryWardWithTheApiNumbers()
    {
        var (app, client, _) = await StartAsync(DemoUsers.PoliceCaseOfficer);
        await using var _1 = app;

        var api = WardsByCode(await JsonAsync(client, "/api/places/ward-figures?category=burglary"));
        var response = await client.GetAsync("/places/map?category=burglary");
        var doc = await Html.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var rows = doc.QuerySelectorAll("#ward-figures-table tbody tr[data-ward-code]");
        var map = doc.QuerySelector("#ward-map")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, rows.Length);
        foreach (var row in rows)
        {
            var w = api[row.GetAttribute("data-ward-code")!];
            Assert.Equal(w.GetProperty("count").GetInt32().ToString("N0", CultureInfo.GetCultureInfo("en-GB")), row.QuerySelector("[data-field=count]")!.TextContent);
            Assert.Equal(w.GetProperty("name").GetString(), row.QuerySelector("th a")!.TextContent);
            var rate = DoubleOrNull(w.GetProperty("ratePerThousand"));
            Assert.Equal(rate is null ? "Not known" : rate.Value.ToString("N1", CultureInfo.GetCultureInfo("en-GB")), row.QuerySelector("[data-field=rate]")!.TextContent);
        }

        Assert.StartsWith("Map of wards", map.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("table below the map has the same figures", doc.GetElementById(map.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        Assert.Contains("category=burglary", map.GetAttribute("data-query"), StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("[style]"));
        Assert.Empty(doc.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task WardProfile_PageAndJson_FiguresEqualTheWardFiguresApi()
    {
        var (app, client, _) = await StartAsync(DemoUsers.Analyst);
        await using var _1 = app;

        var figures = await JsonAsync(client, "/api/places/ward-figures");
        var abbey = WardsByCode(figures)["E05900001"];
        var profile = await JsonAsync(client, "/api/places/wards/E05900001/profile");
        var page = await client.GetAsync("/places/wards/E05900001");
        var doc = await Html.ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var en = CultureInfo.GetCultureInfo("en-GB");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(abbey.GetProperty("count").GetInt32(), profile.GetProperty("total").GetInt32());
        Assert.Equal(abbey.GetProperty("count").GetInt32(), profile.GetProperty("ward").GetProperty("count").GetInt32());
        Assert.Equal(abbey.GetProperty("ratePerThousand").GetDouble(), profile.GetProperty("ward").GetProperty("ratePerThousand").GetDouble(), 9);
        Assert.Equal(abbey.GetProperty("count").GetInt32().ToString("N0", en), doc.QuerySelector("[data-field=total]")!.TextContent);
        Assert.Equal(abbey.GetProperty("ratePerThousand").GetDouble().ToString("N1", en), doc.QuerySelector("#ward-rates [data-area=ward] [data-field=rate]")!.TextContent);

        // Local authority: Abbey + Brook; the county (all loaded wards) has no rate because Castle's population is unknown.
        var north = WardsByCode(figures).Values.Where(w => w.GetProperty("laCode").GetString() == PlacesTestData.NorthLa).Sum(w => w.GetProperty("count").GetInt32());
        Assert.Equal(north / 6000.0 * 1000, profile.GetProperty("localAuthority").GetProperty("ratePerThousand").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("county").GetProperty("ratePerThousand").ValueKind);
        Assert.Equal(figures.GetProperty("totals").GetProperty("count").GetInt32(), profile.GetProperty("county").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("englandAndWales").ValueKind);
        Assert.Contains("No benchmark loaded", doc.QuerySelector("#ward-rates [data-area=england-and-wales]")!.TextContent, StringComparison.Ordinal);

        // Monthly trend: 12 months, categories add up to the total; ASB share from the same counts.
        Assert.Equal(12, profile.GetProperty("months").GetArrayLength());
        var asb = profile.GetProperty("antiSocialBehaviour").GetInt32();
        Assert.Equal(asb * 100.0 / profile.GetProperty("total").GetInt32(), profile.GetProperty("antiSocialBehaviourSharePercent").GetDouble(), 9);
        Assert.NotNull(doc.QuerySelector("svg[role=img] desc"));

        // Repeat locations and outcomes from the seeded crime records.
        var locations = profile.GetProperty("topLocations").EnumerateArray().Select(l => (l.GetProperty("name").GetString(), l.GetProperty("count").GetInt32())).ToList();
        Assert.Equal([("On or near High Street", 3), ("On or near Mill Lane", 2)], locations);
        var outcomes = profile.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("count").GetInt32());
        Assert.Equal(3, outcomes["Investigation complete; no suspect identified"]);
        Assert.Equal(1, outcomes["Under investigation"]);
        Assert.Equal(1, outcomes["No outcome recorded"]);
        Assert.Equal(5, profile.GetProperty("crimesInOutcomes").GetInt32());
    }

    [Fact]
    public async Task WardProfile_UnknownOrSupersededWard_Returns404GovUkPage()
    {
        var (app, client, _) = await StartAsync();
        await using var _1 = app;

        var page = await client.GetAsync("/places/wards/E05999999");
        var superseded = await client.GetAsync("/places/wards/E05800001");
        var api = await client.GetAsync("/api/places/wards/E05999999/profile");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, superseded.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task PlacesPages_SignedOut_AreNotShown()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = app.NewClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/places/ward-figures")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/places/map")).StatusCode);
        var signedIn = await app.SignInAsync(DemoUsers.ProviderWorker);
        var home = await (await signedIn.GetAsync("/places")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/places/map\"", home, StringComparison.Ordinal);
    }
}

public sealed class WardMapTestsOnSqlite(PostgresFixture pg) : WardMapTests(Db.Sqlite, pg);

public sealed class WardMapTestsOnPostgres(PostgresFixture pg) : WardMapTests(Db.Postgres, pg);
