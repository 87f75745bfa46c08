using System.IO.Compression;
using System.Net;
using System.Text;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Places.Import.PlacesImportTestSupport;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>
/// Bad police.uk files made from the real ones, through the whole import: each is refused with a message naming
/// where and why, and the stored data stays as it was; repeated Crime IDs are stored once; lone-CR copies import.
/// </summary>
public abstract class PoliceUkRefusalTests(Db db, PostgresFixture pg) : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("csp-refusals-");

    public void Dispose()
    {
        try { _temp.Delete(recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        // The test clock is 23 November 2026.
        { "future-month", "2021-02-hertfordshire-street.csv, line 41, field Month: 2027-01 is in the future" },
        { "lsoa-x01", "2021-02-hertfordshire-street.csv, line 41, field LSOA code: not a GSS area code: 'X01031388'" },
        { "lsoa-blank-beside-coordinates", "2021-02-hertfordshire-street.csv, line 41, field LSOA code: blank although the row has coordinates" },
        { "nul", "2021-02-hertfordshire-street.csv, line 41, field Location: contains the control character U+0000" },
        { "utf16", "file 2021-02-hertfordshire-street.csv, line 1: expected UTF-8 (this file is UTF-16)" },
        { "zip-dotdot", "'../2021-02-hertfordshire-street.csv' points outside the archive's folder" },
        { "zip-misnamed", "1 entry is not named as police.uk names them (YYYY-MM/YYYY-MM-<force>-street.csv or -outcomes.csv): 'crimes/february.csv'" },
        { "zip-bomb", "zip bomb" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Import_BadInput_IsRefusedNamingWhereAndWhyAndStoredDataIsUntouched(string kind, string expected)
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        Assert.Equal(ImportStatus.Succeeded, (await ImportAsync(app.Services, Street("2021-01"))).Status);
        var before = await SnapshotAsync(app.Services);

        var result = await ImportAsync(app.Services, Make(kind));

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains(expected, result.Message + "\n" + string.Join('\n', result.FirstRejections), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app.Services));
        Assert.Equal(6_914, await CrimeRecordCountAsync(app.Services));
    }

    [Fact]
    public async Task Import_RealMonthWithRepeatedCrimeIds_StoresEachCrimeOnceFromItsFirstRowAndListsTheRepeats()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var path = Street("2021-12");
        // Independent count: a row whose Crime ID appeared on an earlier line of the file is a repeat.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeats = new List<(int Line, int First)>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            var id = lines[i].Split(',')[0];
            if (id.Length == 0)
            {
                continue;
            }

            if (seen.TryGetValue(id, out var first))
            {
                repeats.Add((i + 1, first));
            }
            else
            {
                seen[id] = i + 1;
            }
        }

        Assert.NotEmpty(repeats);

        var result = await ImportAsync(app.Services, path);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.Equal(repeats.Count, result.RowsDuplicate);
        Assert.Equal(lines.Length - 1 - repeats.Count, await CrimeRecordCountAsync(app.Services));
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        var ct = TestContext.Current.CancellationToken;
        var listed = await store.Set<ImportRejection>().Where(r => r.BatchId == result.BatchId).OrderBy(r => r.Line).ToListAsync(ct);
        Assert.Equal(repeats.Select(r => r.Line), listed.Select(r => (int)r.Line));
        Assert.All(listed, r => Assert.Equal("Crime ID", r.Field));
        Assert.Contains($"on line {repeats[0].First}", listed[0].Reason, StringComparison.Ordinal);
        var batch = await store.Set<ImportBatch>().SingleAsync(b => b.Id == result.BatchId, ct);
        Assert.Equal(repeats.Count, batch.RowsDuplicate);

        // The first row's record is the one kept: each repeated Crime ID is stored once.
        foreach (var (line, _) in repeats)
        {
            var id = Convert.FromHexString(lines[line - 1].Split(',')[0]);
            Assert.Equal(1, await store.Set<CrimeRecord>().CountAsync(r => r.CrimeId == id, ct));
        }
    }

    [Fact]
    public async Task Import_SyntheticRepeatedCrimeId_StrictModeStillImportsAndCountsItOnce()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var id = new string('b', 64);
        var path = Path.Combine(_temp.FullName, "2021-01-hertfordshire-street.csv");
        File.WriteAllText(path, TestData.StreetHeader + "\n" + TestData.StreetRow(id: id) + "\n" + TestData.StreetRow() + "\n"
            + TestData.StreetRow(id: id, lon: "-0.3") + "\n");

        var result = await ImportAsync(app.Services, path);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.Equal(3, result.RowsRead);
        Assert.Equal(2, result.RowsImported);
        Assert.Equal(0, result.RowsRejected);
        Assert.Equal(1, result.RowsDuplicate);
        var repeat = Assert.Single(result.FirstRejections);
        Assert.Equal("file 2021-01-hertfordshire-street.csv, line 4, field Crime ID: duplicate Crime ID: the same Crime ID is on line 2; the crime was stored once, from line 2", repeat.ToString());
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        var record = await store.Set<CrimeRecord>().SingleAsync(r => r.CrimeId == Convert.FromHexString(id), TestContext.Current.CancellationToken);
        Assert.Equal(-0.2, record.Longitude);
    }

    [Fact]
    public async Task Import_LoneCrCopyOfARealMonth_StoresTheSameCountsAsTheLfFile()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await ImportAsync(app.Services, Street("2021-01"));
        var fromLf = await StoredCountsAsync(app.Services);
        await ImportAsync(app.Services, Street("2021-02")); // so the lone-CR January replaces a stored month of its own size

        var cr = Path.Combine(_temp.FullName, "2021-01-hertfordshire-street.csv");
        File.WriteAllText(cr, File.ReadAllText(Street("2021-01")).Replace("\n", "\r", StringComparison.Ordinal));
        var result = await ImportAsync(app.Services, cr);

        Assert.Equal(ImportStatus.Succeeded, result.Status);
        Assert.Equal(6_914, result.RowsImported);
        var after = await StoredCountsAsync(app.Services);
        Assert.Equal(fromLf.OrderBy(k => k.Key.ToString()), after.Where(k => k.Key.Month == 202101).OrderBy(k => k.Key.ToString()));
    }

    [Fact]
    public async Task Import_FileMuchSmallerThanTheStoredMonth_IsRefusedSayingHowManyRowsWouldGoUnlessConfirmed()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var october = TestData.PathOf("police-uk/street/hertfordshire/2018-10-hertfordshire-street.csv");
        Assert.Equal(ImportStatus.Succeeded, (await ImportAsync(app.Services, october)).Status);
        var stored = File.ReadLines(october).Count() - 1;
        var before = await SnapshotAsync(app.Services);
        var small = SmallOctober(40);

        var refused = await ImportAsync(app.Services, small);

        Assert.Equal(ImportStatus.Failed, refused.Status);
        Assert.Contains($"file 2018-10-hertfordshire-street.csv: Hertfordshire Constabulary 2018-10: 40 rows would replace the {stored:N0} stored, so {stored - 40:N0} would go", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--replace-smaller", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app.Services));

        using (var scope = app.Services.CreateScope())
        {
            var confirmed = await scope.ServiceProvider.GetRequiredService<PoliceUkImporter>().ImportAsync(
                small, "test", new PoliceUkImportOptions { ReplaceSmaller = true }, ct: TestContext.Current.CancellationToken);
            Assert.Equal(ImportStatus.Succeeded, confirmed.Status);
        }

        Assert.Equal(40, await CrimeRecordCountAsync(app.Services));
    }

    [Fact]
    public async Task Upload_FileMuchSmallerThanTheStoredMonth_IsRefusedUnlessTheBoxIsTicked()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await ImportAsync(app.Services, TestData.PathOf("police-uk/street/hertfordshire/2018-10-hertfordshire-street.csv"));
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var small = SmallOctober(40);

        var page = await client.GetStringAsync("/places/imports");
        Assert.Contains("Replace months with fewer rows", page, StringComparison.Ordinal);
        var refused = await WaitUntilFinishedAsync(client, await UploadAsync(client, small, replaceSmaller: false));
        Assert.Contains("govuk-tag--red", refused, StringComparison.Ordinal);
        Assert.Contains("so 9,843 would go", refused, StringComparison.Ordinal);
        Assert.Equal(9_883, await CrimeRecordCountAsync(app.Services));

        var replaced = await WaitUntilFinishedAsync(client, await UploadAsync(client, small, replaceSmaller: true));
        Assert.Contains("govuk-tag--green", replaced, StringComparison.Ordinal);
        Assert.Equal(40, await CrimeRecordCountAsync(app.Services));
    }

    private string SmallOctober(int rows)
    {
        var lines = File.ReadAllLines(TestData.PathOf("police-uk/street/hertfordshire/2018-10-hertfordshire-street.csv"));
        var folder = Directory.CreateDirectory(Path.Combine(_temp.FullName, "small"));
        var path = Path.Combine(folder.FullName, "2018-10-hertfordshire-street.csv");
        File.WriteAllLines(path, lines[..(rows + 1)]);
        return path;
    }

    private static async Task<string> UploadAsync(HttpClient client, string path, bool replaceSmaller)
    {
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/places/imports");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        if (replaceSmaller)
        {
            form.Add(new StringContent("true"), "ReplaceSmaller");
        }

        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path)), "Upload", Path.GetFileName(path));
        var posted = await client.PostAsync("/places/imports", form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return posted.Headers.Location!.ToString();
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

    /// <summary>The real February 2021 file (6,885 rows) with one kind of damage, as a user might bring it.</summary>
    private string Make(string kind)
    {
        var source = Street("2021-02");
        var name = Path.Combine(_temp.FullName, "2021-02-hertfordshire-street.csv");
        var lines = File.ReadAllLines(source);
        const int row = 40; // physical line 41
        switch (kind)
        {
            case "future-month":
                lines[row] = ReplaceField(lines[row], 1, "2027-01");
                break;
            case "lsoa-x01":
                lines[row] = ReplaceField(lines[row], 7, "X01031388");
                break;
            case "lsoa-blank-beside-coordinates":
                Assert.NotEqual("", lines[row].Split(',')[4]);
                lines[row] = ReplaceField(lines[row], 7, "");
                break;
            case "nul":
                lines[row] = lines[row].Replace("On or near ", "On or near \0", StringComparison.Ordinal);
                break;
            case "utf16":
                File.WriteAllText(name, string.Join('\n', lines) + "\n", Encoding.Unicode);
                return name;
            case "zip-dotdot":
                return Zipped(("2021-02/2021-02-hertfordshire-street.csv", source), ("../2021-02-hertfordshire-street.csv", source));
            case "zip-misnamed":
                return Zipped(("2021-02/2021-02-hertfordshire-street.csv", source), ("crimes/february.csv", source));
            case "zip-bomb":
                var bomb = Path.Combine(_temp.FullName, "bomb.csv");
                File.WriteAllLines(bomb, [lines[0], .. Enumerable.Repeat(lines[1], 30_000)]);
                return Zipped(("2021-02/2021-02-hertfordshire-street.csv", bomb));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        File.WriteAllLines(name, lines);
        return name;
    }

    private string Zipped(params (string Entry, string File)[] entries)
    {
        var path = Path.Combine(_temp.FullName, "2021-02.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, file) in entries)
        {
            zip.CreateEntryFromFile(file, entry);
        }

        return path;
    }

    private static string ReplaceField(string line, int index, string value)
    {
        // Fields up to LSOA code (index 7) never contain commas in these files; Location is "On or near ...".
        var parts = line.Split(',');
        parts[index] = value;
        return string.Join(',', parts);
    }
}

public sealed class PoliceUkRefusalTestsOnSqlite(PostgresFixture pg) : PoliceUkRefusalTests(Db.Sqlite, pg);

public sealed class PoliceUkRefusalTestsOnPostgres(PostgresFixture pg) : PoliceUkRefusalTests(Db.Postgres, pg);
