using System.IO.Compression;
using System.Text;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Places.Import.PlacesImportTestSupport;

namespace CommunitySafety.Tests.Places.Import;

public abstract class PoliceUkImportTests(Db db, PostgresFixture pg) : IDisposable
{
    // Three real months: two LF files from 2021 and a CRLF file from 2024 (shared/data README 1a).
    private static readonly string[] Months = ["2021-01", "2021-02", "2024-01"];

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("csp-places-");

    public void Dispose()
    {
        try { _temp.Delete(recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Import_RealHertfordshireMonths_WardCountsEqualIndependentCount()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: true);
        var expected = new IndependentWardCount(TestData.PathOf(Wards2025));
        foreach (var month in Months)
        {
            var result = await ImportAsync(app.Services, Street(month));
            Assert.Equal(ImportStatus.Succeeded, result.Status);
            expected.Add(Street(month));
        }

        var stored = await StoredCountsAsync(app.Services);

        Assert.Equal(expected.Counts.OrderBy(k => k.Key.ToString()), stored.OrderBy(k => k.Key.ToString()));
        Assert.True(stored.Keys.Select(k => k.Ward).Distinct().Count() > 150, "most of the 176 wards have crimes");
    }

    [Fact]
    public async Task Import_RealHertfordshireMonths_EveryRowIsPlacedOutsideNoLocationOrReported()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: true);
        long fileRows = 0, inWard = 0, outside = 0, noLocation = 0, rejected = 0;
        foreach (var month in Months)
        {
            fileRows += File.ReadLines(Street(month)).Count() - 1;
            var result = await ImportAsync(app.Services, Street(month));
            outside += result.RowsOutsideArea;
            noLocation += result.RowsWithoutLocation;
            rejected += result.RowsRejected;
        }

        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        inWard = await HertfordshireRecords(store).LongCountAsync(r => r.WardId != null, TestContext.Current.CancellationToken);
        var storedOutside = await HertfordshireRecords(store).LongCountAsync(r => r.Placement == Placement.OutsideArea, TestContext.Current.CancellationToken);
        var storedNoLocation = await HertfordshireRecords(store).LongCountAsync(r => r.Placement == Placement.NoLocation, TestContext.Current.CancellationToken);

        Assert.Equal(fileRows, inWard + outside + noLocation + rejected);
        Assert.Equal(outside, storedOutside);
        Assert.Equal(noLocation, storedNoLocation);
        Assert.True(outside > 0, "police.uk Hertfordshire files include crimes just over the county border");
        Assert.True(noLocation > 0, "police.uk files include 'No location' rows");
    }

    [Fact]
    public async Task Import_SameBytesAgainEvenRenamed_ReportsAlreadyImportedAndChangesNothing()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var first = await ImportAsync(app.Services, Street("2021-01"));
        var before = await SnapshotAsync(app.Services);
        var renamed = Path.Combine(_temp.FullName, "copy-of-january-street.csv");
        File.Copy(Street("2021-01"), renamed);

        var second = await ImportAsync(app.Services, Street("2021-01"));
        var third = await ImportAsync(app.Services, renamed);

        Assert.Equal(ImportStatus.Succeeded, first.Status);
        foreach (var again in new[] { second, third })
        {
            Assert.Equal(ImportStatus.AlreadyImported, again.Status);
            Assert.StartsWith("already imported (sha256 ", again.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync(app.Services));
        Assert.Equal(6914, await CrimeRecordCountAsync(app.Services));
    }

    [Fact]
    public async Task Import_OneMonthChanged_ReplacesOnlyThatMonthWithoutDoubling()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        await ImportAsync(app.Services, Street("2021-01"));
        await ImportAsync(app.Services, Street("2021-02"));
        var before = await StoredCountsAsync(app.Services);
        var lines = File.ReadAllLines(Street("2021-02"));
        var changed = Path.Combine(_temp.FullName, "2021-02-hertfordshire-street.csv");
        File.WriteAllLines(changed, lines[..^10]); // the force re-publishes the month with 10 fewer crimes

        var result = await ImportAsync(app.Services, changed);
        var after = await StoredCountsAsync(app.Services);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.Equal(6914 + 6885 - 10, await CrimeRecordCountAsync(app.Services));
        Assert.Equal(before.Where(k => k.Key.Month == 202101).OrderBy(k => k.Key.ToString()), after.Where(k => k.Key.Month == 202101).OrderBy(k => k.Key.ToString()));
        Assert.Equal(6885 - 10, after.Where(k => k.Key.Month == 202102).Sum(k => k.Value));

        // Putting the original back is not "already imported": its month was replaced since.
        var restored = await ImportAsync(app.Services, Street("2021-02"));
        Assert.Equal(ImportStatus.Succeeded, restored.Status);
        Assert.Equal(before.OrderBy(k => k.Key.ToString()), (await StoredCountsAsync(app.Services)).OrderBy(k => k.Key.ToString()));
    }

    [Fact]
    public async Task Import_StreetAndOutcomesFolder_StoresEveryOutcomeLinkedByCrimeIdAndReimportChangesNothing()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "2021-01"));
        var outcomesFile = TestData.PathOf("police-uk/outcomes/hertfordshire/2021-01-hertfordshire-outcomes.csv");
        File.Copy(Street("2021-01"), Path.Combine(folder.FullName, "2021-01-hertfordshire-street.csv"));
        File.Copy(outcomesFile, Path.Combine(folder.FullName, "2021-01-hertfordshire-outcomes.csv"));

        // Independent count: outcome rows, and those whose Crime ID is a crime in the street file.
        var streetIds = File.ReadLines(Street("2021-01")).Skip(1).Select(l => l.Split(',')[0]).Where(id => id.Length == 64).ToHashSet();
        var outcomeIds = File.ReadLines(outcomesFile).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToList();
        var linked = outcomeIds.Count(streetIds.Contains);

        var result = await ImportAsync(app.Services, folder.FullName);
        Assert.Equal(ImportStatus.Succeeded, result.Status);

        using (var scope = app.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
            var ct = TestContext.Current.CancellationToken;
            Assert.Equal(outcomeIds.Count, await store.Set<CrimeOutcome>().CountAsync(ct));
            var storedLinked = await store.Set<CrimeOutcome>()
                .CountAsync(o => store.Set<CrimeRecord>().Any(r => r.CrimeId == o.CrimeId), ct);
            Assert.Equal(linked, storedLinked);
            Assert.True(linked > 0, "January's outcomes include January's crimes");
            var first = outcomeIds[0];
            Assert.Equal(1, await store.Set<CrimeOutcome>().CountAsync(o => o.CrimeId == Convert.FromHexString(first), ct));
        }

        var before = await SnapshotAsync(app.Services);
        var again = await ImportAsync(app.Services, folder.FullName);
        Assert.Equal(ImportStatus.AlreadyImported, again.Status);
        Assert.Equal(before, await SnapshotAsync(app.Services));
    }

    [Fact]
    public async Task Import_NewFile_RecordsTheSha256AndSizeOfExactlyTheBytesRead()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);

        var result = await ImportAsync(app.Services, Street("2021-02"));

        using var scope = app.Services.CreateScope();
        var file = await scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>().Set<ImportedFile>()
            .SingleAsync(f => f.BatchId == result.BatchId, TestContext.Current.CancellationToken);
        var bytes = await File.ReadAllBytesAsync(Street("2021-02"), TestContext.Current.CancellationToken);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.Sha256);
        Assert.Equal(bytes.Length, file.Bytes);
    }

    [Fact]
    public async Task Import_IntoEmptyStore_IndexesAreRebuiltAndAFailedImportKeepsThem()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var expected = await CrimeRecordIndexesAsync(app.Services);
        Assert.Contains("ix_crime_records_force_month_id", expected);

        var failed = await ImportAsync(app.Services, MakeBadFile("bad-longitude"));
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.Equal(expected, await CrimeRecordIndexesAsync(app.Services));

        var imported = await ImportAsync(app.Services, Street("2021-01"));
        Assert.Equal(ImportStatus.Succeeded, imported.Status);
        Assert.Equal(expected, await CrimeRecordIndexesAsync(app.Services));

        // The import assigns record ids itself on PostgreSQL: the identity must have moved past them.
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        await store.Database.ExecuteSqlRawAsync(
            "INSERT INTO crime_records (batch_id, force_month_id, month, category, placement) " +
            "SELECT batch_id, force_month_id, month, category, placement FROM crime_records WHERE id = (SELECT min(id) FROM crime_records)",
            TestContext.Current.CancellationToken);
        Assert.Equal(imported.RowsImported + 1, await store.Set<CrimeRecord>().LongCountAsync(TestContext.Current.CancellationToken));
    }

    private async Task<List<string>> CrimeRecordIndexesAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        var sql = db == Db.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'crime_records' AND sql IS NOT NULL"
            : "SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'crime_records'";
        var names = await store.Database.SqlQueryRaw<string>(sql).ToListAsync(TestContext.Current.CancellationToken);
        return [.. names.Order(StringComparer.Ordinal)];
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "wrong-header", "unexpected header" },
        { "truncated", "line 6915" },
        { "broken-quoting", "line 101" },
        { "non-utf8", "invalid UTF-8" },
        { "outside-uk", "outside the UK bounding box" },
        { "bad-longitude", "line 150, field Longitude" },
        { "corrupt-zip", "not a readable zip archive" },
        { "truncated-zip", "zip" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_BadFile_FailsWithClearMessageAndKeepsStoredData(string kind, string expectedMessage)
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        await ImportAsync(app.Services, Street("2021-01"));
        var before = await SnapshotAsync(app.Services);
        var bad = MakeBadFile(kind);

        var result = await ImportAsync(app.Services, bad);

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains(expectedMessage, result.Message + string.Join('\n', result.FirstRejections), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SnapshotAsync(app.Services));
        using var scope = app.Services.CreateScope();
        var batch = await scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>().Set<ImportBatch>()
            .SingleAsync(b => b.Id == result.BatchId, TestContext.Current.CancellationToken);
        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.False(string.IsNullOrEmpty(batch.ErrorMessage));
    }

    [Fact]
    public async Task Import_MalformedLongitudeAtLine150_ReportStoresLineAndColumn()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);

        var result = await ImportAsync(app.Services, MakeBadFile("bad-longitude"));

        using var scope = app.Services.CreateScope();
        var rejection = await scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>().Set<ImportRejection>()
            .SingleAsync(r => r.BatchId == result.BatchId, TestContext.Current.CancellationToken);
        Assert.Equal(150, rejection.Line);
        Assert.Equal("Longitude", rejection.Field);
        Assert.Equal("2021-01-hertfordshire-street.csv", rejection.FileName);
        Assert.Equal(0, await CrimeRecordCountAsync(app.Services));
    }

    [Fact]
    public async Task Import_AcceptBadRows_StoresGoodRowsAndListsBadOnes()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);

        var result = await ImportAsync(app.Services, MakeBadFile("bad-longitude"), acceptBadRows: true);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.Equal(1, result.RowsRejected);
        Assert.Equal(6914 - 1, await CrimeRecordCountAsync(app.Services));
        Assert.Equal(6914, result.RowsRead);
    }

    [Fact]
    public async Task Import_RowWithLsoaButNoCoordinates_IsPlacedThroughLsoa2011To2021AndWardLookups()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: true);
        var lines = File.ReadAllLines(Street("2021-01"));
        var watford = lines.First(l => l.Contains(",Watford 0", StringComparison.Ordinal));
        var fields = watford.Split(',');
        var lsoa11 = fields[7];
        fields[4] = "";
        fields[5] = "";
        var path = Path.Combine(_temp.FullName, "2021-01-hertfordshire-street.csv");
        File.WriteAllLines(path, [lines[0], string.Join(',', fields)]);
        // The expected ward, straight from the ONS lookup files.
        var lsoa21 = File.ReadLines(TestData.PathOf(Lsoa11To21)).Select(l => l.Split(',')).First(f => f[0] == lsoa11)[2];
        var header = File.ReadLines(TestData.PathOf(Lsoa21ToWard)).First().Split(',');
        var wardColumn = Array.FindIndex(header, h => h.Trim('\uFEFF').Equals("WD24CD", StringComparison.OrdinalIgnoreCase));
        var expectedWard = File.ReadLines(TestData.PathOf(Lsoa21ToWard)).Select(l => l.Split(',')).First(f => f[0].Trim('\uFEFF') == lsoa21)[wardColumn];

        var result = await ImportAsync(app.Services, path);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        var stored = await StoredCountsAsync(app.Services);
        Assert.Equal(expectedWard, Assert.Single(stored).Key.Ward);
        using var scope = app.Services.CreateScope();
        var record = await HertfordshireRecords(scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>())
            .SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Placement.InWardByLsoa, record.Placement);
    }

    [Fact]
    public async Task ImportBoundaries_GeoJsonWithoutWardCode_FailsWithClearMessageAndKeepsWards()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var path = Path.Combine(_temp.FullName, "areas.geojson");
        File.WriteAllText(path, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NAME":"Somewhere"},
            "geometry":{"type":"Polygon","coordinates":[[[-0.4,51.7],[-0.3,51.7],[-0.3,51.8],[-0.4,51.7]]]}}]}
            """);

        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ReferenceImporter>().ImportBoundariesAsync(path, true, "test", TestContext.Current.CancellationToken);

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("no ward or LSOA code property found", result.Message, StringComparison.Ordinal);
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        Assert.Equal(176, await store.Set<Ward>().CountAsync(w => store.Set<CommunitySafety.Features.Places.Model.BoundarySet>().Any(s => s.Id == w.BoundarySetId && s.IsCurrent), TestContext.Current.CancellationToken));
        Assert.Equal(1, await store.Set<CommunitySafety.Features.Places.Model.BoundarySet>().CountAsync(s => s.IsCurrent, TestContext.Current.CancellationToken));
    }

    /// <summary>Variants of the real January 2021 file (6,914 rows) with one kind of damage each.</summary>
    private string MakeBadFile(string kind)
    {
        var source = Street("2021-01");
        var name = Path.Combine(_temp.FullName, "2021-01-hertfordshire-street.csv");
        var lines = File.ReadAllLines(source);
        switch (kind)
        {
            case "wrong-header":
                lines[0] = lines[0].Replace("Longitude", "Lon", StringComparison.Ordinal);
                File.WriteAllLines(name, lines);
                break;
            case "truncated":
                var bytes = File.ReadAllBytes(source);
                File.WriteAllBytes(name, bytes[..(bytes.Length - 60)]); // cut part-way through the last row
                break;
            case "broken-quoting":
                lines[100] = lines[100].Replace("On or near ", "On or near \"Bad\" ", StringComparison.Ordinal)
                    .Replace(",On or near", ",\"On or near", StringComparison.Ordinal);
                File.WriteAllLines(name, lines);
                break;
            case "non-utf8":
                var text = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
                var at = Encoding.UTF8.GetByteCount(string.Join('\n', lines[..200]) + "\n" + lines[200][..lines[200].IndexOf("On or near", StringComparison.Ordinal)]);
                text[at] = 0xFF;
                text[at + 1] = 0xFE;
                File.WriteAllBytes(name, text);
                break;
            case "outside-uk":
                lines[300] = ReplaceField(lines[300], 4, "12.500000");
                File.WriteAllLines(name, lines);
                break;
            case "bad-longitude":
                lines[149] = ReplaceField(lines[149], 4, "-0.3x1");
                File.WriteAllLines(name, lines);
                break;
            case "corrupt-zip":
                name = Path.Combine(_temp.FullName, "2021-01.zip");
                File.WriteAllBytes(name, [.. "PK\u0003\u0004 this is not really a zip archive"u8]);
                break;
            case "truncated-zip":
                var zip = Path.Combine(_temp.FullName, "whole.zip");
                using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
                {
                    archive.CreateEntryFromFile(source, "2021-01/2021-01-hertfordshire-street.csv");
                }

                var all = File.ReadAllBytes(zip);
                name = Path.Combine(_temp.FullName, "2021-01.zip");
                File.WriteAllBytes(name, all[..(all.Length / 2)]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        return name;
    }

    private static string ReplaceField(string line, int index, string value)
    {
        // Fields before Location (index 6) never contain commas in police.uk files.
        var parts = line.Split(',');
        parts[index] = value;
        return string.Join(',', parts);
    }
}

public sealed class PoliceUkImportTestsOnSqlite(PostgresFixture pg) : PoliceUkImportTests(Db.Sqlite, pg);

public sealed class PoliceUkImportTestsOnPostgres(PostgresFixture pg) : PoliceUkImportTests(Db.Postgres, pg);

public abstract class WyvernshireDemoPlacesTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task DemoSeed_Wyvernshire_HasWardsAndTwoYearsOfPlacedRecordsEndingLastMonth()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, new Dictionary<string, string?> { ["Demo:PlacesData"] = "true" });
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        var ct = TestContext.Current.CancellationToken;

        var wards = await store.Set<Ward>().ToListAsync(ct);
        var counts = await store.Set<WardMonthlyCount>().ToListAsync(ct);
        var months = counts.Select(c => c.Month).Distinct().Order().ToList();
        var total = counts.Sum(c => c.Count);
        var asb = counts.Where(c => c.Category == CrimeCategory.AntiSocialBehaviour).Sum(c => c.Count);

        Assert.InRange(wards.Count, 40, 60);
        Assert.All(wards, w => Assert.StartsWith("X05", w.Code, StringComparison.Ordinal));
        Assert.Equal(4, wards.Select(w => w.LadCode).Distinct().Count());
        Assert.Equal(24, months.Count);
        Assert.Equal(202610, months[^1]); // the test clock is 23 November 2026
        Assert.InRange(asb / (double)total, 0.2, 0.3);
        Assert.Contains(counts, c => c.Placement == Placement.OutsideArea);
        Assert.Contains(counts, c => c.Placement == Placement.NoLocation);
        Assert.Contains(counts, c => c.Placement == Placement.InWardByLsoa);
        Assert.Equal(14, counts.Select(c => c.Category).Distinct().Count());
    }
}

public sealed class WyvernshireDemoPlacesTestsOnSqlite(PostgresFixture pg) : WyvernshireDemoPlacesTests(Db.Sqlite, pg);

public sealed class WyvernshireDemoPlacesTestsOnPostgres(PostgresFixture pg) : WyvernshireDemoPlacesTests(Db.Postgres, pg);
