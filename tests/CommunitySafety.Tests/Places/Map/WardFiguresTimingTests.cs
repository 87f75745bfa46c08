using System.Diagnostics;
using System.Net;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Features.Places.Queries;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;

namespace CommunitySafety.Tests.Places.Map;

/// <summary>
/// The figures API at county size: 176 wards × 14 categories × 24 months of counts (a Hertfordshire-sized
/// 12-month period plus its comparison period). The target is 50 ms p95; the assertion is looser
/// because the test machine is shared, and the measured p95 is written to the test output.
/// </summary>
public abstract class WardFiguresTimingTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task WardFigures_CountyOfTwelveMonthsAllCategories_AnswersQuickly()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        using (var scope = app.Services.CreateScope())
        {
            var appDb = scope.ServiceProvider.GetRequiredService<AppDb>();
            var wards = Enumerable.Range(0, 176).Select(i =>
                ($"E0599{i:D4}", $"Ward {i:D3}", (string?)$"E0799000{i % 10}", (string?)$"District {i % 10}", (int?)(5000 + i), (Geometry)PlacesTestData.Square(-1 + (i % 20 * 0.01), 52 + (i / 20 * 0.01))));
            var set = await PlacesTestData.AddBoundarySetAsync(appDb, "county.geojson", true, wards);
            var wardIds = appDb.Set<Ward>().Where(w => w.BoundarySetId == set.Id).Select(w => w.Id).ToList();
            var fm = await PlacesTestData.AddForceMonthsAsync(appDb, PlacesTestData.Force, 202001, 202112);
            appDb.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var ((_, month), fmId) in fm)
            {
                appDb.AddRange(wardIds.SelectMany(w => WardMapCategories.All.Select(c => new WardMonthlyCount
                {
                    WardId = w, ForceMonthId = fmId, Month = month, Category = c.Category,
                    Placement = Placement.InWardByPoint, Count = (w + month + (int)c.Category) % 17,
                })));
                await appDb.SaveChangesAsync();
                appDb.ChangeTracker.Clear();
            }
        }

        var client = await app.SignInAsync(DemoUsers.Analyst);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/places/ward-figures")).StatusCode);
        }

        var times = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync("/api/places/ward-figures");
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        // The same signed-in round trip with no query work, to separate request overhead from the query.
        var baseline = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var watch = Stopwatch.StartNew();
            await (await client.GetAsync("/api/me")).Content.ReadAsByteArrayAsync();
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }

        baseline.Sort();
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        var line = $"ward-figures {db}: median {times[times.Count / 2]:F1} ms, p95 {p95:F1} ms over {times.Count} requests; " +
                   $"/api/me baseline median {baseline[baseline.Count / 2]:F1} ms, p95 {baseline[(int)Math.Ceiling(baseline.Count * 0.95) - 1]:F1} ms";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
        // Loose on purpose: catches a lost index or a scan of crime records, not machine load (the 50 ms target is for an unloaded server).
        Assert.True(p95 < 1500, $"p95 {p95:F1} ms");
    }
}

public sealed class WardFiguresTimingTestsOnSqlite(PostgresFixture pg) : WardFiguresTimingTests(Db.Sqlite, pg);

public sealed class WardFiguresTimingTestsOnPostgres(PostgresFixture pg) : WardFiguresTimingTests(Db.Postgres, pg);
