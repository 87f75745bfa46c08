using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Places.Import.PlacesImportTestSupport;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>
/// Stored records follow the current ward set: switching Hertfordshire from its 2022 wards to its 2025 wards (a real
/// boundary review: wards split, merged and recoded) re-places every record, and the figures equal an independent
/// count against the new boundaries. Loading LSOA lookups places records that only have an LSOA code.
/// </summary>
public abstract class WardSetChangeTests(Db db, PostgresFixture pg) : IDisposable
{
    private static readonly string[] Months = ["2021-01", "2021-02"];

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("csp-wardset-");

    public void Dispose()
    {
        try { _temp.Delete(recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ImportBoundaries_NewCurrentWardSet_RecordsArePlacedInTheNewWardsAndFiguresEqualAnIndependentCount()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppFactory.CreateAsync(db, pg);
        using (var scope = app.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ReferenceImporter>().ImportBoundariesAsync(TestData.PathOf(Wards2022), true, "test", ct)).Succeeded);
        }

        var under2022 = new IndependentWardCount(TestData.PathOf(Wards2022), "WD22CD");
        var under2025 = new IndependentWardCount(TestData.PathOf(Wards2025), "WD25CD");
        foreach (var month in Months)
        {
            Assert.Equal(ImportStatus.Succeeded, (await ImportAsync(app.Services, Street(month))).Status);
            under2022.Add(Street(month));
            under2025.Add(Street(month));
        }

        var before = await StoredCountsAsync(app.Services);
        Assert.Equal(Sorted(under2022.Counts), Sorted(before));

        var progress = new ProgressLog();
        ImportResult switched;
        using (var scope = app.Services.CreateScope())
        {
            switched = await scope.ServiceProvider.GetRequiredService<ReferenceImporter>()
                .ImportBoundariesAsync(TestData.PathOf(Wards2025), true, "test", progress, ct);
        }

        var after = await StoredCountsAsync(app.Services);

        Assert.Equal(ImportStatus.Succeeded, switched.Status);
        Assert.Equal(Sorted(under2025.Counts), Sorted(after));
        // The review really moved records: some 2025 ward codes did not exist in 2022.
        Assert.Contains(after.Keys, k => k.Ward != "-" && !before.Keys.Any(b => b.Ward == k.Ward));

        // What the map shows: every 2025 ward's count over the two months is the independent count.
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var figures = await client.GetFromJsonAsync<JsonElement>("/api/places/ward-figures?from=2021-01&to=2021-02", ct);
        var shown = figures.GetProperty("wards").EnumerateArray().ToDictionary(w => w.GetProperty("code").GetString()!, w => w.GetProperty("count").GetInt32());
        var expectedByWard = under2025.Counts.Where(c => c.Key.Ward != "-").GroupBy(c => c.Key.Ward).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        Assert.Equal(176, shown.Count);
        Assert.All(shown, w => Assert.Equal(expectedByWard.GetValueOrDefault(w.Key), w.Value));
        Assert.Equal(under2025.Counts.Where(c => c.Key.Ward == "-").Sum(c => c.Value),
            figures.GetProperty("outsideArea").GetInt32() + figures.GetProperty("noLocation").GetInt32());

        // Said on the command line (progress and summary) and in the import history.
        Assert.Contains(progress.Stages, s => s.StartsWith("Re-placing records", StringComparison.Ordinal));
        Assert.Contains("Re-placed the 13,799 stored police.uk records", switched.Message, StringComparison.Ordinal);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/places/imports/{switched.BatchId}", ct);
        Assert.Contains("Re-placed the 13,799 stored police.uk records", history.GetProperty("batch").GetProperty("notes").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportLookups_AfterARecordWithOnlyAnLsoaCode_PlacesItInTheLookedUpWard()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var (path, expectedWard) = LsoaOnlyFile(_temp.FullName);
        await ImportAsync(app.Services, path);
        Assert.Equal(Placement.OutsideArea, await SinglePlacementAsync(app.Services));

        await LoadHertfordshireWardsAsync(app.Services, lookups: true);

        Assert.Equal(expectedWard, Assert.Single(await StoredCountsAsync(app.Services)).Key.Ward);
        Assert.Equal(Placement.InWardByLsoa, await SinglePlacementAsync(app.Services));
    }

    [Fact]
    public async Task ImportBoundaries_EarlierWardSetMadeCurrentAgain_FiguresReturnToWhatTheyWere()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: true);
        await ImportAsync(app.Services, Street("2021-01"));
        var before = await StoredCountsAsync(app.Services);

        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<ReferenceImporter>();
        Assert.True((await importer.ImportBoundariesAsync(TestData.PathOf(Wards2022), true, "test", ct)).Succeeded);
        var meanwhile = await StoredCountsAsync(app.Services);
        var again = await importer.ImportBoundariesAsync(TestData.PathOf(Wards2025), true, "test", ct);

        Assert.NotEqual(Sorted(before), Sorted(meanwhile));
        Assert.Equal(ImportStatus.AlreadyImported, again.Status);
        Assert.Contains("made the current ward set again", again.Message, StringComparison.Ordinal);
        Assert.Equal(Sorted(before), Sorted(await StoredCountsAsync(app.Services)));
    }

    private static async Task<Placement> SinglePlacementAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return await HertfordshireRecords(scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>())
            .Select(r => r.Placement).SingleAsync(TestContext.Current.CancellationToken);
    }

    private static List<KeyValuePair<(string Ward, int Month, string Category), int>> Sorted(Dictionary<(string Ward, int Month, string Category), int> counts) =>
        [.. counts.OrderBy(k => k.Key.ToString(), StringComparer.Ordinal)];

    private sealed class ProgressLog : IProgress<ImportProgress>
    {
        private readonly List<string> _stages = [];

        public IReadOnlyList<string> Stages
        {
            get
            {
                lock (_stages)
                {
                    return [.. _stages];
                }
            }
        }

        public void Report(ImportProgress value)
        {
            lock (_stages)
            {
                _stages.Add(value.Stage);
            }
        }
    }
}

public sealed class WardSetChangeTestsOnSqlite(PostgresFixture pg) : WardSetChangeTests(Db.Sqlite, pg);

public sealed class WardSetChangeTestsOnPostgres(PostgresFixture pg) : WardSetChangeTests(Db.Postgres, pg);
