using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Imports;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Places.Import.PlacesImportTestSupport;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>
/// Import batches left open by a process that is gone are shown as interrupted after the next start (and before
/// the next import), while a batch another live process is running is left alone; upload folders never outlive
/// their import. "Another process" is a second <see cref="ImportOwner"/> holding its own lock, exactly what a second
/// process holds (a separate file lock on SQLite, a separate session's advisory lock on PostgreSQL). The crash
/// itself (kill -9 of a real importer process) is <see cref="ImportCrashTests"/>.
/// </summary>
public abstract partial class InterruptedImportTests(Db db, PostgresFixture pg) : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("csp-interrupted-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _temp.Delete(recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Restart_BatchesOfGoneProcessesShownInterrupted_LiveProcessesBatchLeftRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = await SharedDatabaseAsync(ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Street("2021-01"), ct)));
        await using var otherProcess = new ImportOwner();
        int gone, legacy, live;
        string uploadsRoot, liveUpload, goneUpload;
        await using (var first = await AppFactory.CreateAsync(db, pg, settings))
        {
            await LoadHertfordshireWardsAsync(first.Services, lookups: false);
            using var scope = first.Services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<AppDb>();
            var liveToken = await otherProcess.ClaimAsync(store, ct);
            // A process that was killed while importing this very file, one from before owners were recorded,
            // and one another process is running right now.
            gone = await AddOpenBatchAsync(store, ImportStatus.Running, Guid.NewGuid().ToString("N"), sha);
            legacy = await AddOpenBatchAsync(store, ImportStatus.Queued, null, null);
            live = await AddOpenBatchAsync(store, ImportStatus.Running, liveToken, null);
            uploadsRoot = scope.ServiceProvider.GetRequiredService<UploadFolders>().Root;
            goneUpload = WriteUpload(uploadsRoot, Guid.NewGuid().ToString("N"));
            liveUpload = WriteUpload(uploadsRoot, liveToken);
        }

        await using var second = await AppFactory.CreateAsync(db, pg, settings);
        var client = await second.SignInAsync(DemoUsers.Analyst);
        var history = await client.GetStringAsync("/places/imports", ct);

        Assert.Equal(ImportStatus.Interrupted, await StatusAsync(second, gone));
        Assert.Equal(ImportStatus.Interrupted, await StatusAsync(second, legacy));
        Assert.Equal(ImportStatus.Running, await StatusAsync(second, live));
        Assert.Equal(2, TagPattern().Matches(history).Count(m => m.Groups[1].Value == "orange" && m.Groups[2].Value == "Interrupted"));
        Assert.Single(TagPattern().Matches(history), m => m.Groups[2].Value == "Importing");
        var detail = await client.GetStringAsync($"/places/imports/{gone}", ct);
        Assert.Contains("The import was interrupted (the server stopped) and nothing from it was kept; run it again.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", detail, StringComparison.Ordinal);
        Assert.False(File.Exists(goneUpload), "the upload a gone server left behind is deleted at start-up");
        Assert.True(File.Exists(liveUpload), "a live server's waiting upload is kept");

        // The same file, stuck as "Running" before, can be uploaded again: it was not really being imported.
        var posted = await UploadAsync(client, Street("2021-01"), "2021-01-hertfordshire-street.csv");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        // The other process ends without finishing its import: the next import marks it too.
        await otherProcess.DisposeAsync();
        await WaitUntilFinishedAsync(client, posted.Headers.Location!.ToString());
        await ImportAsync(second.Services, Street("2021-02"));
        Assert.Equal(ImportStatus.Interrupted, await StatusAsync(second, live));
        Assert.False(File.Exists(liveUpload), "its upload goes with it");
    }

    [Fact]
    public async Task Upload_ImportsThatSucceedAndFail_LeaveNoUploadedFileBehind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var root = app.Services.GetRequiredService<UploadFolders>().Root;
        var bad = Path.Combine(_temp.FullName, "2021-02-hertfordshire-street.csv");
        var lines = await File.ReadAllLinesAsync(Street("2021-02"), ct);
        var fields = lines[5].Split(',');
        fields[5] = "north"; // an unreadable latitude fails the whole import
        lines[5] = string.Join(',', fields);
        await File.WriteAllLinesAsync(bad, lines, ct);

        var ok = await UploadAsync(client, Street("2021-01"), "2021-01-hertfordshire-street.csv");
        var okPage = await WaitUntilFinishedAsync(client, ok.Headers.Location!.ToString());
        var failed = await UploadAsync(client, bad, "2021-02-hertfordshire-street.csv");
        var failedPage = await WaitUntilFinishedAsync(client, failed.Headers.Location!.ToString());

        Assert.Contains("govuk-tag--green", okPage, StringComparison.Ordinal);
        Assert.Contains("govuk-tag--red", failedPage, StringComparison.Ordinal);
        Assert.True(Directory.Exists(root), "uploads were stored under the data folder");
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Import_StoppedPartWay_ShownInterruptedNothingKept_AndRunsAgainInFull()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // What the server stopping (or Ctrl+C) does: the import's token is cancelled while rows are being read.
        var progress = new StopWhenReading(stop);
        int batchId;
        using (var scope = app.Services.CreateScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<CommunitySafety.Features.Places.Import.PoliceUkImporter>();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync(Street("2021-01"), "test", progress: progress, ct: stop.Token));
            batchId = await scope.ServiceProvider.GetRequiredService<AppDb>().Set<ImportBatch>().MaxAsync(b => b.Id, ct);
        }

        Assert.True(progress.RowsReadWhenStopped > 0, "the import was stopped part way through reading the file");
        Assert.Equal(ImportStatus.Interrupted, await StatusAsync(app, batchId));
        Assert.Equal(0, await CrimeRecordCountAsync(app.Services));
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var page = await client.GetStringAsync($"/places/imports/{batchId}", ct);
        Assert.Contains("The import was interrupted.", page, StringComparison.Ordinal);
        Assert.Contains("stopped before it finished", page, StringComparison.Ordinal);

        var again = await ImportAsync(app.Services, Street("2021-01"));
        Assert.Equal(ImportStatus.Succeeded, again.Status);
        Assert.Equal(File.ReadLines(Street("2021-01")).Count() - 1, await CrimeRecordCountAsync(app.Services));
    }

    private sealed class StopWhenReading(CancellationTokenSource stop) : IProgress<CommunitySafety.Features.Places.Import.ImportProgress>
    {
        public long RowsReadWhenStopped { get; private set; }

        public void Report(CommunitySafety.Features.Places.Import.ImportProgress value)
        {
            if (value.RowsRead > 0 && !stop.IsCancellationRequested)
            {
                RowsReadWhenStopped = value.RowsRead;
                stop.Cancel();
            }
        }
    }

    /// <summary>A database and data folder both app instances of a test use (the second plays the restarted server).</summary>
    private async Task<Dictionary<string, string?>> SharedDatabaseAsync(CancellationToken ct) => new()
    {
        ["Database:DataFolder"] = Path.Combine(_temp.FullName, "data"),
        [db == Db.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:Postgres"] = db == Db.Sqlite
            ? $"Data Source={Path.Combine(_temp.FullName, "shared.db")}"
            : await pg.GetServerOrSkip().CreateUniqueDatabaseAsync("csp", ct),
    };

    private static async Task<int> AddOpenBatchAsync(AppDb store, ImportStatus status, string? owner, string? sha)
    {
        var batch = new ImportBatch
        {
            Kind = ImportKind.PoliceUk, FileName = "2021-01-hertfordshire-street.csv", Sha256 = sha, StartedUtc = DateTime.UtcNow,
            Status = status, UserName = DemoUsers.Analyst, OwnerInstance = owner,
        };
        store.Add(batch);
        await store.SaveChangesAsync(TestContext.Current.CancellationToken);
        return batch.Id;
    }

    private static string WriteUpload(string root, string owner)
    {
        var folder = Path.Combine(root, owner, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "2021-03-hertfordshire-street.csv");
        File.WriteAllText(path, TestData.StreetHeader + "\n");
        return path;
    }

    private static async Task<ImportStatus> StatusAsync(AppFactory app, int id)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Set<ImportBatch>().Where(b => b.Id == id)
            .Select(b => b.Status).SingleAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string name)
    {
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/places/imports");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path)), "Upload", name);
        return await client.PostAsync("/places/imports", form);
    }

    private static async Task<string> WaitUntilFinishedAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 600; i++)
        {
            var html = await client.GetStringAsync(url);
            if (!html.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                return html;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("import did not finish within 150 s");
    }

    [GeneratedRegex("govuk-tag govuk-tag--([a-z-]+)\">([^<]+)<")]
    private static partial Regex TagPattern();
}

public sealed class InterruptedImportTestsOnSqlite(PostgresFixture pg) : InterruptedImportTests(Db.Sqlite, pg);

public sealed class InterruptedImportTestsOnPostgres(PostgresFixture pg) : InterruptedImportTests(Db.Postgres, pg);
