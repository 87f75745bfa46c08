using System.Net;
using System.Text.Json;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;

namespace CommunitySafety.Tests.Places.Analysis;

/// <summary>
/// Hotspots end to end: nine square wards (3 × 3), twelve months of 2024. Point A (south-west ward) has 25
/// burglaries every month; point B (north-east ward) has 25 only in the last three months (the recent 20% of
/// 12 periods = 3); one background burglary a month sits in the middle ward.
/// </summary>
public abstract class HotspotPageTests(Db db, PostgresFixture pg)
{
    static async Task SeedAsync(AppFactory app) =>
        await AnalysisTestData.WithAsync(app, async t =>
        {
            var set = await t.AddCurrentWardSetAsync();
            var wards = new Dictionary<(int, int), Ward>();
            for (var row = 0; row < 3; row++)
            {
                for (var col = 0; col < 3; col++)
                {
                    wards[(col, row)] = t.AddWard(set, $"E0599{row}{col}00", $"Ward {col}-{row}", "E07900001", "Ashcombe", col, row, 3000);
                }
            }

            await t.Db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var months = await t.AddForceMonthsAsync(202401, 202412);
            var a = AnalysisTestData.PointIn(0, 0, 0.3, 0.3);
            var b = AnalysisTestData.PointIn(2, 2, 0.7, 0.7);
            var mid = AnalysisTestData.PointIn(1, 1);
            foreach (var (month, fm) in months)
            {
                t.AddRecords(fm, wards[(0, 0)].Id, CrimeCategory.Burglary, 25, a.Longitude, a.Latitude);
                t.AddCount(fm, wards[(0, 0)].Id, CrimeCategory.Burglary, 25);
                t.AddRecords(fm, wards[(1, 1)].Id, CrimeCategory.Burglary, 1, mid.Longitude, mid.Latitude);
                t.AddCount(fm, wards[(1, 1)].Id, CrimeCategory.Burglary, 1);
                if (month >= 202410)
                {
                    t.AddRecords(fm, wards[(2, 2)].Id, CrimeCategory.Burglary, 25, b.Longitude, b.Latitude);
                    t.AddCount(fm, wards[(2, 2)].Id, CrimeCategory.Burglary, 25);
                }

                // ASB at a third point: excluded from "all crime" hotspots.
                t.AddRecords(fm, wards[(2, 0)].Id, CrimeCategory.AntiSocialBehaviour, 40, mid.Longitude + 0.03, mid.Latitude - 0.02);
            }

            return 0;
        });

    [Fact]
    public async Task Hotspots_SeededHotCells_ClassifiedPersistentAndEmerging()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var response = await client.GetAsync("/api/places/hotspots?area=county&from=2024-01&to=2024-12&period=Monthly&unit=grid");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Monthly", json.GetProperty("period").GetString());
        Assert.Equal(12, json.GetProperty("periods").GetArrayLength());
        Assert.Equal((25 * 12) + 12 + (25 * 3), json.GetProperty("records").GetInt64());
        // Grid from the wards' extent: 0.09° × 0.06° ≈ 6.2 km × 6.7 km → 6.2 km / 50 ≈ 124 m → 100 m cells.
        Assert.Equal(100, json.GetProperty("grid").GetProperty("cellSize").GetDouble());
        var results = json.GetProperty("results").EnumerateArray().ToList();
        var cellA = results.Single(r => r.GetProperty("total").GetInt64() == 25 * 12);
        var cellB = results.Single(r => r.GetProperty("total").GetInt64() == 25 * 3);
        Assert.Equal("PersistentHotspot", cellA.GetProperty("class").GetString());
        Assert.Equal(12, cellA.GetProperty("hotPeriods").GetInt32());
        Assert.Equal("EmergingHotspot", cellB.GetProperty("class").GetString());
        Assert.Equal(3, cellB.GetProperty("hotPeriods").GetInt32());

        var html = await client.GetStringAsync("/places/hotspots?area=county&from=2024-01&to=2024-12&period=Monthly&unit=grid");
        Assert.Contains($"data-key=\"{cellA.GetProperty("key").GetString()}\" data-class=\"PersistentHotspot\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-key=\"{cellB.GetProperty("key").GetString()}\" data-class=\"EmergingHotspot\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"app-grid-map\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"app-hs--PersistentHotspot\"", html, StringComparison.Ordinal);

        var geo = JsonDocument.Parse(await client.GetStringAsync("/api/places/hotspots.geojson?area=county&from=2024-01&to=2024-12&period=Monthly&unit=grid")).RootElement;
        Assert.Equal("FeatureCollection", geo.GetProperty("type").GetString());
        Assert.Equal(results.Count, geo.GetProperty("features").GetArrayLength());

        var csv = await client.GetStringAsync("/places/hotspots?handler=csv&area=county&from=2024-01&to=2024-12&period=Monthly&unit=grid");
        Assert.Contains("Persistent hotspot", csv, StringComparison.Ordinal);
        Assert.Contains("Emerging hotspot", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hotspots_ByWard_UsesTouchingWardsAndReturnsEveryWardWithCounts()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var json = JsonDocument.Parse(await client.GetStringAsync("/api/places/hotspots?area=county&from=2024-01&to=2024-12&period=Quarterly&unit=wards&category=burglary")).RootElement;
        Assert.Equal("Wards", json.GetProperty("unit").GetString());
        Assert.Equal("Quarterly", json.GetProperty("period").GetString());
        Assert.Equal(4, json.GetProperty("periods").GetArrayLength());
        Assert.Equal((25 * 12) + 12 + (25 * 3), json.GetProperty("records").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("grid").ValueKind);
    }
}

public sealed class HotspotPageTestsOnSqlite(PostgresFixture pg) : HotspotPageTests(Db.Sqlite, pg);

public sealed class HotspotPageTestsOnPostgres(PostgresFixture pg) : HotspotPageTests(Db.Postgres, pg);
