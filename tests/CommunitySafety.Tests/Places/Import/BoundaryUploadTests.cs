using System.Data.Common;
using System.Net;
using AngleSharp.Html.Parser;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Places.Import.PlacesImportTestSupport;
using ModelBoundarySet = CommunitySafety.Features.Places.Model.BoundarySet;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>
/// Analysts upload ward boundary files on the web (/places/imports/boundaries): they are imported in the background by
/// the importer `import boundaries` uses, the import's page shows progress while it runs and the outcome after, and a
/// refused or interrupted upload leaves the current ward set as it was.
/// </summary>
public abstract class BoundaryUploadTests(Db db, PostgresFixture pg) : IDisposable
{
    private const string Herefordshire = "boundaries/wards-2025-bgc/E06000019.geojson";
    private const string Shropshire = "boundaries/wards-2025-bgc/E06000051.geojson";

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("csp-boundary-upload-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _temp.Delete(recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Upload_TwoCouncilFiles_BecomeOneCurrentSet_AndUploadingThemAgainAddsNothing()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var wards = FeatureCount(Herefordshire) + FeatureCount(Shropshire);

        var first = await FinishedAsync(client, await UploadBoundariesAsync(client, "current", Herefordshire, Shropshire));
        var wardRows = await CountAsync<Ward>(app);
        var again = await FinishedAsync(client, await UploadBoundariesAsync(client, "current", Shropshire, Herefordshire));

        Assert.Equal("Imported", Tag(first));
        Assert.Equal($"Imported {wards:N0} wards (WD25CD, 2025) from 2 files. The current ward set is now \"2 files: E06000019.geojson, E06000051.geojson\" with {wards:N0} wards",
            Text(first, "#outcome"));
        Assert.Equal($"Now: The current ward set is \"2 files: E06000019.geojson, E06000051.geojson\" (WD25CD) with {wards:N0} wards.", Text(first, "#current-ward-set"));
        Assert.Equal([("2 files: E06000019.geojson, E06000051.geojson", wards)], await CurrentSetsAsync(app));
        // The same files (in another order) are the same set: nothing stored twice.
        Assert.Equal("Already imported", Tag(again));
        Assert.StartsWith("already imported (sha256 ", Text(again, "#outcome"), StringComparison.Ordinal);
        Assert.Equal(wardRows, await CountAsync<Ward>(app));
        Assert.Equal([("2 files: E06000019.geojson, E06000051.geojson", wards)], await CurrentSetsAsync(app));
    }

    [Fact]
    public async Task Upload_ASetWithABadFeature_RefusedNamingFileFieldAndFeature_CurrentSetUnchanged()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var good = WriteWards("a.geojson", "E05900001", "E05900002");
        var bad = WriteWards("c.geojson", "E05900003", "NOTACODE");
        var setsBefore = await CountAsync<ModelBoundarySet>(app);

        var page = await FinishedAsync(client, await UploadBoundariesAsync(client, "current", good, bad));

        Assert.Equal("Failed", Tag(page));
        Assert.Contains("The import failed and nothing was changed. file c.geojson, field WD25CD: feature 2: 'NOTACODE' is not a GSS code", Text(page, ".govuk-inset-text"), StringComparison.Ordinal);
        Assert.Equal("Now: The current ward set is \"E10000015.geojson\" (WD25CD) with 176 wards.", Text(page, "#current-ward-set"));
        Assert.Equal([("E10000015.geojson", 176)], await CurrentSetsAsync(app));
        Assert.Equal(setsBefore, await CountAsync<ModelBoundarySet>(app));
    }

    [Fact]
    public async Task Upload_WhileItRuns_ItsPageShowsHowFarItHasGot_AndTheHistoryShowsItImporting()
    {
        var gate = new BoundaryImportGate();
        await using var app = await AppFactory.CreateAsync(db, pg, services: gate.Register);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var wards = FeatureCount(Herefordshire) + FeatureCount(Shropshire);

        gate.Arm();
        var posted = await UploadBoundariesAsync(client, "current", Herefordshire, Shropshire);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        var running = await client.GetStringAsync(posted.Headers.Location, TestContext.Current.CancellationToken);
        var history = await client.GetStringAsync("/places/imports", TestContext.Current.CancellationToken);
        gate.Release();
        var done = await FinishedAsync(client, posted);

        Assert.Contains("http-equiv=\"refresh\"", running, StringComparison.Ordinal);
        Assert.Equal("Importing", Tag(running));
        Assert.Equal($"Reading the boundary files: 100% done, {wards:N0} features read (E06000051.geojson). This page updates every few seconds.",
            Text(running, "[role=status]"));
        Assert.Equal("Until this import finishes: No ward set is current yet.", Text(running, "#current-ward-set"));
        var row = new HtmlParser().ParseDocument(history).QuerySelectorAll("tbody tr")
            .Single(r => r.TextContent.Contains("2 files: E06000019.geojson, E06000051.geojson", StringComparison.Ordinal));
        Assert.Equal("Importing", row.QuerySelector(".govuk-tag")?.TextContent.Trim());
        Assert.Equal("Imported", Tag(done));
        Assert.Equal([("2 files: E06000019.geojson, E06000051.geojson", wards)], await CurrentSetsAsync(app));
    }

    [Fact]
    public async Task Upload_ServerStopsWhileItRuns_ShownInterruptedAfterRestart_CurrentSetUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?>
        {
            ["Database:DataFolder"] = Path.Combine(_temp.FullName, "data"),
            [db == Db.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:Postgres"] = db == Db.Sqlite
                ? $"Data Source={Path.Combine(_temp.FullName, "shared.db")}"
                : await pg.GetServerOrSkip().CreateUniqueDatabaseAsync("csp", ct),
        };
        var gate = new BoundaryImportGate();
        Uri detail;
        await using (var first = await AppFactory.CreateAsync(db, pg, settings, gate.Register))
        {
            await LoadHertfordshireWardsAsync(first.Services, lookups: false);
            var client = await first.SignInAsync(DemoUsers.Analyst);
            gate.Arm();
            detail = (await UploadBoundariesAsync(client, "current", Herefordshire, Shropshire)).Headers.Location!;
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(120), ct);
            // Disposing the app stops the server while the import is part way through (the gate never opens).
        }

        await using var second = await AppFactory.CreateAsync(db, pg, settings);
        var again = await second.SignInAsync(DemoUsers.Analyst);
        var page = await again.GetStringAsync(detail, ct);

        Assert.Equal("Interrupted", Tag(page));
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        Assert.Equal("The import was interrupted. " + PoliceUkImporter.StoppedMessage, Text(page, ".govuk-inset-text"));
        Assert.Equal("Now: The current ward set is \"E10000015.geojson\" (WD25CD) with 176 wards.", Text(page, "#current-ward-set"));
        Assert.Equal([("E10000015.geojson", 176)], await CurrentSetsAsync(second));
        var uploadedCodes = FeatureCodes(Herefordshire).Concat(FeatureCodes(Shropshire)).ToList();
        Assert.Equal(0, await CountAsync<Ward>(second, w => uploadedCodes.Contains(w.Code)));
        Assert.Empty(Directory.EnumerateFiles(second.Services.GetRequiredService<CommunitySafety.Features.Places.Imports.UploadFolders>().Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Upload_SameFilesWhileTheyAreStillBeingImported_Refused()
    {
        var gate = new BoundaryImportGate();
        await using var app = await AppFactory.CreateAsync(db, pg, services: gate.Register);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        gate.Arm();
        var posted = await UploadBoundariesAsync(client, "current", Herefordshire);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        var second = await HtmlPage.ReadAsync(await UploadBoundariesAsync(client, "current", Herefordshire));
        gate.Release();
        await FinishedAsync(client, posted);

        Assert.Equal(["These files are already being imported. Wait for that import to finish"], second.Errors);
        Assert.Equal(1, await CountAsync<ImportBatch>(app, b => b.Kind == ImportKind.Boundaries));
    }

    private string WriteWards(string name, params string[] codes)
    {
        const string square = "[[[-0.2,51.7],[-0.1,51.7],[-0.1,51.8],[-0.2,51.8],[-0.2,51.7]]]";
        var path = Path.Combine(_temp.FullName, name);
        File.WriteAllText(path, "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(',', codes.Select(code =>
            "{\"type\":\"Feature\",\"properties\":{\"WD25CD\":\"" + code + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + square + "}}")) + "]}");
        return path;
    }

    /// <summary>An independent count: the features of the published file.</summary>
    private static int FeatureCount(string file)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestData.PathOf(file)));
        return json.RootElement.GetProperty("features").GetArrayLength();
    }

    private static List<string> FeatureCodes(string file)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestData.PathOf(file)));
        return [.. json.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("WD25CD").GetString()!)];
    }

    private static string Tag(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector("main .govuk-tag")?.TextContent.Trim() ?? "";

    private static string Text(string html, string selector) =>
        string.Join(' ', (new HtmlParser().ParseDocument(html).QuerySelector(selector)?.TextContent ?? "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<string> FinishedAsync(HttpClient client, HttpResponseMessage posted)
    {
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return await WaitForImportAsync(client, posted.Headers.Location!.ToString());
    }

    private static async Task<int> CountAsync<T>(AppFactory app, System.Linq.Expressions.Expression<Func<T, bool>>? where = null) where T : class
    {
        using var scope = app.Services.CreateScope();
        var set = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>().Set<T>();
        return await (where is null ? set.CountAsync(TestContext.Current.CancellationToken) : set.CountAsync(where, TestContext.Current.CancellationToken));
    }

    private static async Task<(string FileName, int Wards)[]> CurrentSetsAsync(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        return [.. (await store.Set<ModelBoundarySet>().Where(s => s.IsCurrent && s.Level == BoundaryLevel.Ward)
            .Select(s => new { s.FileName, Wards = store.Set<Ward>().Count(w => w.BoundarySetId == s.Id) })
            .ToListAsync(TestContext.Current.CancellationToken)).Select(s => (s.FileName, s.Wards))];
    }
}

/// <summary>
/// Holds a boundary import at the point where it has read its files and, inside its transaction, asks whether the set
/// was imported before: the test reads the pages while the import is running, then lets it go on (or stops the server).
/// Registered in the app as an <see cref="IInterceptor"/>; it holds one import, the first after <see cref="Arm"/>.
/// </summary>
public sealed class BoundaryImportGate : DbCommandInterceptor
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    public Task Reached => _reached.Task;

    public void Register(IServiceCollection services) => services.AddSingleton<IInterceptor>(this);

    public void Arm() => Volatile.Write(ref _armed, 1);

    public void Release() => _release.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await HoldAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await HoldAsync(command, cancellationToken);
        return result;
    }

    private async Task HoldAsync(DbCommand command, CancellationToken ct)
    {
        var sql = command.CommandText;
        if (sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && sql.Contains("boundary_sets", StringComparison.Ordinal) && sql.Contains("sha256", StringComparison.Ordinal)
            && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _reached.TrySetResult();
            // The import's own token: a stopping server cancels it, as it would a slow query.
            await _release.Task.WaitAsync(ct);
        }
    }
}

public sealed class BoundaryUploadTestsOnSqlite(PostgresFixture pg) : BoundaryUploadTests(Db.Sqlite, pg);

public sealed class BoundaryUploadTestsOnPostgres(PostgresFixture pg) : BoundaryUploadTests(Db.Postgres, pg);
