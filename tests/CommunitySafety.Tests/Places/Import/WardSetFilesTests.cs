using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Places.Import.PlacesImportTestSupport;
using ModelBoundarySet = CommunitySafety.Features.Places.Model.BoundarySet;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>
/// A force area covering several councils (West Mercia: Herefordshire, Shropshire, Telford and Wrekin, Worcestershire)
/// is loaded from the councils' own ward files, as ONS publishes them, as one current ward set.
/// </summary>
public abstract class WardSetFilesTests(Db db, PostgresFixture pg) : IDisposable
{
    private const string WestMercia = "West Mercia Police";

    private static readonly string[] WestMerciaCouncils =
    [
        "boundaries/wards-2025-bgc/E06000019.geojson", // Herefordshire
        "boundaries/wards-2025-bgc/E06000051.geojson", // Shropshire
        "boundaries/wards-2025-bgc/E06000020.geojson", // Telford and Wrekin
        "boundaries/wards-2025-bgc/E10000034.geojson", // Worcestershire
    ];

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("csp-wardfiles-");

    public void Dispose()
    {
        try { _temp.Delete(recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    private static async Task<ImportResult> BoundariesAsync(IServiceProvider services, IReadOnlyList<string> paths, bool current)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReferenceImporter>()
            .ImportBoundariesAsync(paths, current, "test", null, TestContext.Current.CancellationToken);
    }

    private static async Task<(string FileName, int Wards)[]> CurrentSetsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        return [.. (await store.Set<ModelBoundarySet>().Where(s => s.IsCurrent && s.Level == BoundaryLevel.Ward)
            .Select(s => new { s.FileName, Wards = store.Set<Ward>().Count(w => w.BoundarySetId == s.Id) })
            .ToListAsync(TestContext.Current.CancellationToken)).Select(s => (s.FileName, s.Wards))];
    }

    [Fact]
    public async Task ImportBoundaries_FourCouncilFilesAsOneCurrentSet_WestMerciaCrimesCountedInEveryCouncilsWards()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var paths = WestMerciaCouncils.Select(TestData.PathOf).ToList();
        var expected = new IndependentWardCount(paths);
        Assert.Equal(53 + 72 + 32 + 112, expected.WardCount);

        var result = await BoundariesAsync(app.Services, paths, current: true);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.Contains("from 4 files", result.Message, StringComparison.Ordinal);
        Assert.Contains("The current ward set is now \"4 files: E06000019.geojson, E06000051.geojson, E06000020.geojson, E10000034.geojson\" with 269 wards", result.Message, StringComparison.Ordinal);
        Assert.Equal([("4 files: E06000019.geojson, E06000051.geojson, E06000020.geojson, E10000034.geojson", 269)], await CurrentSetsAsync(app.Services));

        var street = TestData.PathOf("police-uk/street/west-mercia/2018-10-west-mercia-street.csv");
        Assert.Equal(ImportStatus.Succeeded, (await ImportAsync(app.Services, street)).Status);
        expected.Add(street);

        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        var ct = TestContext.Current.CancellationToken;
        var wards = await store.Set<Ward>().ToDictionaryAsync(w => w.Id, w => w.Code, ct);
        var rows = await store.Set<WardMonthlyCount>()
            .Where(c => store.Set<ForceMonth>().Any(f => f.Id == c.ForceMonthId && f.Force == WestMercia)).ToListAsync(ct);
        var stored = rows.GroupBy(r => (r.WardId is { } id ? wards[id] : "-", r.Month, PoliceUkCrimeTypes.NameOf(r.Category)))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        Assert.Equal(expected.Counts.OrderBy(k => k.Key.ToString()), stored.OrderBy(k => k.Key.ToString()));
        // Every council has crimes in its wards (only the last file's would, were each file its own set).
        foreach (var path in paths)
        {
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(path, ct));
            var codes = json.RootElement.GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("WD25CD").GetString()).ToHashSet();
            Assert.True(stored.Any(s => codes.Contains(s.Key.Item1) && s.Value > 0), $"crimes in the wards of {Path.GetFileName(path)}");
        }
    }

    [Fact]
    public async Task ImportBoundaries_Folder_LoadsEveryFileInItAsOneSet()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var folder = TestData.PathOf("boundaries/wards-2025-bgc");
        var files = Directory.GetFiles(folder, "*.geojson");
        var expected = new IndependentWardCount(files).WardCount;

        var result = await BoundariesAsync(app.Services, [folder], current: true);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        var (name, wards) = Assert.Single(await CurrentSetsAsync(app.Services));
        Assert.Equal(expected, wards);
        Assert.StartsWith($"{files.Length} files: ", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportBoundaries_NotMadeCurrent_SaysWhichSetIsStillCurrent()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await BoundariesAsync(app.Services, [TestData.PathOf(Wards2025)], current: true);

        var result = await BoundariesAsync(app.Services, [TestData.PathOf("boundaries/wards-2025-bgc/E06000019.geojson")], current: false);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.Contains("Not made current (add --current for that). The current ward set is \"E10000015.geojson\" (WD25CD) with 176 wards", result.Message, StringComparison.Ordinal);
        Assert.Equal([("E10000015.geojson", 176)], await CurrentSetsAsync(app.Services));
    }

    [Fact]
    public async Task ImportBoundaries_CodeInTwoFilesOrABadFeature_RefusedAndTheCurrentSetIsKept()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await BoundariesAsync(app.Services, [TestData.PathOf(Wards2025)], current: true);
        var a = Path.Combine(_temp.FullName, "a.geojson");
        var b = Path.Combine(_temp.FullName, "b.geojson");
        var c = Path.Combine(_temp.FullName, "c.geojson");
        const string square = "[[[-0.2,51.7],[-0.1,51.7],[-0.1,51.8],[-0.2,51.8],[-0.2,51.7]]]";
        static string File1(params string[] codes) => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(',', codes.Select(code =>
            "{\"type\":\"Feature\",\"properties\":{\"WD25CD\":\"" + code + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + square + "}}")) + "]}";
        await File.WriteAllTextAsync(a, File1("E05900001", "E05900002"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(b, File1("E05900003", "E05900002"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(c, File1("E05900004", "NOTACODE"), TestContext.Current.CancellationToken);

        var twice = await BoundariesAsync(app.Services, [a, b], current: true);
        var notGss = await BoundariesAsync(app.Services, [a, c], current: true);

        Assert.Equal(ImportStatus.Failed, twice.Status);
        Assert.Equal("file b.geojson, field WD25CD: feature 2: E05900002 is also in a.geojson; a code can be in one file of a set only", twice.Message);
        Assert.Equal(ImportStatus.Failed, notGss.Status);
        Assert.Contains("file c.geojson, field WD25CD: feature 2: 'NOTACODE' is not a GSS code", notGss.Message, StringComparison.Ordinal);
        Assert.Equal([("E10000015.geojson", 176)], await CurrentSetsAsync(app.Services));
    }

    [Fact]
    public async Task ImportPoliceUk_MostRowsOutsideTheCurrentWards_SaysToLoadTheWardsForTheForce()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await BoundariesAsync(app.Services, [TestData.PathOf(Wards2025)], current: true); // Hertfordshire's wards

        var result = await ImportAsync(app.Services, TestData.PathOf("police-uk/street/west-mercia/2018-10-west-mercia-street.csv"));

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.StartsWith("Most rows (", result.Notes[0], StringComparison.Ordinal);
        Assert.Contains("lie outside the current ward set (176 wards). Next step: load the ward boundaries for the area West Mercia Police covers", result.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoundariesPage_UploadTwoCouncilsThenAddAThird_SaysWhichSetIsCurrentAndHowManyWards()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        Assert.Contains("No ward set is current yet.", await client.GetStringAsync("/places/imports/boundaries"), StringComparison.Ordinal);

        var first = await UploadAsync(client, BoundariesModelUse.Current, "boundaries/wards-2025-bgc/E06000019.geojson", "boundaries/wards-2025-bgc/E06000051.geojson");
        Assert.Contains("The current ward set is now &quot;2 files: E06000019.geojson, E06000051.geojson&quot; with 125 wards", first, StringComparison.Ordinal);

        var added = await UploadAsync(client, BoundariesModelUse.Add, "boundaries/wards-2025-bgc/E06000020.geojson");
        Assert.Contains("with 157 wards", added, StringComparison.Ordinal);
        Assert.Equal([("2 files: E06000019.geojson, E06000051.geojson + E06000020.geojson", 157)], await CurrentSetsAsync(app.Services));
        var imports = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/places/imports"));
        Assert.Contains("The current ward set is \"2 files: E06000019.geojson, E06000051.geojson + E06000020.geojson\" (WD25CD) with 157 wards.", imports, StringComparison.Ordinal);

        var again = await UploadAsync(client, BoundariesModelUse.Add, "boundaries/wards-2025-bgc/E06000020.geojson");
        Assert.Contains("govuk-tag--red", again, StringComparison.Ordinal);
        Assert.Contains("is already in the current ward set", again, StringComparison.Ordinal);
        Assert.Equal(157, (await CurrentSetsAsync(app.Services))[0].Wards);
    }

    private static class BoundariesModelUse
    {
        public const string Current = "current";
        public const string Add = "add";
    }

    /// <summary>Uploads on the web page and waits for the background import: its page once finished.</summary>
    private static async Task<string> UploadAsync(HttpClient client, string use, params string[] files)
    {
        var posted = await UploadBoundariesAsync(client, use, files);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
        return await WaitForImportAsync(client, posted.Headers.Location!.ToString());
    }
}

public sealed class WardSetFilesTestsOnSqlite(PostgresFixture pg) : WardSetFilesTests(Db.Sqlite, pg);

public sealed class WardSetFilesTestsOnPostgres(PostgresFixture pg) : WardSetFilesTests(Db.Postgres, pg);
