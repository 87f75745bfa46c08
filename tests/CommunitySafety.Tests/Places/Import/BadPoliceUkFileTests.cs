using System.IO.Compression;
using System.Text;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Tests.Infrastructure;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>
/// Rows and files police.uk never publishes, read without a database: each is refused naming the file, line and
/// field, and good files in other shapes (a lone-CR copy) are read as the original.
/// </summary>
public sealed class BadPoliceUkFileTests : IDisposable
{
    private static readonly string Header = TestData.StreetHeader;
    private readonly string _temp = Directory.CreateTempSubdirectory("csp-bad-files-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static List<ReadResult<StreetCrimeRow>> Read(string text, YearMonth? latest = null)
    {
        using var reader = new StreetCsvReader(TestData.Utf8(text), "2021-01-test-street.csv", latestMonth: latest);
        return [.. reader.Read()];
    }

    private static RowRejection SecondRowRejected(string badRow, YearMonth? latest = null)
    {
        var results = Read(Header + "\n" + TestData.StreetRow() + "\n" + badRow + "\n" + TestData.StreetRow() + "\n", latest);
        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsRow);
        Assert.True(results[2].IsRow);
        var rejection = results[1].Rejection!;
        Assert.Equal(3, rejection.Line);
        return rejection;
    }

    [Fact]
    public void Read_MonthAfterTheCurrentOne_RejectedAsFuture()
    {
        var rejection = SecondRowRejected(TestData.StreetRow(month: "2027-01"), latest: new YearMonth(2026, 12));

        Assert.Equal("Month", rejection.Field);
        Assert.Contains("2027-01 is in the future", rejection.Reason, StringComparison.Ordinal);
        Assert.StartsWith("file 2021-01-test-street.csv, line 3, field Month: ", rejection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CurrentMonth_IsNotFuture()
    {
        var results = Read(Header + "\n" + TestData.StreetRow(month: "2026-12") + "\n", latest: new YearMonth(2026, 12));
        Assert.True(Assert.Single(results).IsRow);
    }

    [Theory]
    [InlineData("X01031388", "not a GSS area code")]
    [InlineData("E05000001", "not an LSOA code")]
    [InlineData("e01023289", "not a GSS area code")]
    public void Read_MalformedLsoaCode_Rejected(string lsoa, string reason)
    {
        var rejection = SecondRowRejected(TestData.StreetRow(lsoa: lsoa));

        Assert.Equal("LSOA code", rejection.Field);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
        Assert.Contains(lsoa, rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("E01023289")]
    [InlineData("W01001234")]
    public void Read_EnglishAndWelshLsoaCodes_Accepted(string lsoa)
    {
        var results = Read(Header + "\n" + TestData.StreetRow(lsoa: lsoa) + "\n");
        Assert.Equal(lsoa, Assert.Single(results).Row.LsoaCode);
    }

    [Fact]
    public void Read_BlankLsoaBesideCoordinates_Rejected()
    {
        var rejection = SecondRowRejected(TestData.StreetRow(lsoa: ""));

        Assert.Equal("LSOA code", rejection.Field);
        Assert.Contains("blank although the row has coordinates", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlankLsoaOnARowWithNoLocation_Accepted()
    {
        var results = Read(Header + "\n" + TestData.StreetRow(lon: "", lat: "", location: "No location", lsoa: "") + "\n");
        var row = Assert.Single(results).Row;
        Assert.Null(row.LsoaCode);
        Assert.Null(row.Longitude);
    }

    [Theory]
    [InlineData("\0", 0x00)]
    [InlineData("\u001B", 0x1B)]
    [InlineData("\u0007", 0x07)]
    [InlineData("\u007F", 0x7F)]
    public void Read_ControlCharacterInAField_RejectedNamingTheField(string control, int code)
    {
        var rejection = SecondRowRejected(TestData.StreetRow(location: "On or near High" + control + " Street"));

        Assert.Equal("Location", rejection.Field);
        Assert.Contains($"U+{code:X4}", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ControlCharacterInsideQuotes_RejectedNamingTheField()
    {
        var rejection = SecondRowRejected(TestData.StreetRow(location: "\"On or near \0High Street, Hertford\""));
        Assert.Equal("Location", rejection.Field);
    }

    [Fact]
    public void Read_TabInAField_IsAllowed()
    {
        var results = Read(Header + "\n" + TestData.StreetRow(location: "On or near\tHigh Street") + "\n");
        Assert.Equal("On or near\tHigh Street", Assert.Single(results).Row.Location);
    }

    public static TheoryData<string, byte[]> Utf16Files()
    {
        var text = Header + "\n" + TestData.StreetRow() + "\n";
        return new TheoryData<string, byte[]>
        {
            { "UTF-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)] },
            { "UTF-16", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)] },
            { "UTF-16", Encoding.Unicode.GetBytes(text) },
            { "UTF-32", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)] },
        };
    }

    [Theory]
    [MemberData(nameof(Utf16Files))]
    public void Read_Utf16File_RefusedSayingItIsNotUtf8(string encoding, byte[] bytes)
    {
        var ex = Assert.Throws<ImportFormatException>(() => new StreetCsvReader(new MemoryStream(bytes), "2021-01-x-street.csv"));

        Assert.Equal($"expected UTF-8 (this file is {encoding})", ex.Reason);
        Assert.Equal(1, ex.Line);
        Assert.DoesNotContain("unexpected header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RealFileWithLoneCrLineEnds_ReadsTheSameRowsAsTheLfAndCrlfCopies()
    {
        // The real 2021-01 file has LF line ends; the other two copies are made in memory from it.
        var lf = File.ReadAllBytes(PlacesImportTestSupport.Street("2021-01"));
        Assert.DoesNotContain((byte)'\r', lf);
        var crlf = Replace(lf, "\r\n");
        var cr = Replace(lf, "\r");

        var fromLf = ReadAll(lf);
        var fromCrlf = ReadAll(crlf);
        var fromCr = ReadAll(cr);

        Assert.Equal(6_914, fromLf.Count);
        Assert.All(fromLf, r => Assert.True(r.IsRow, r.Rejection?.ToString()));
        Assert.Equal(fromLf, fromCrlf);
        Assert.Equal(fromLf, fromCr);
    }

    [Fact]
    public void Read_LoneCrWithQuotedFieldsAndBlankLines_SplitsLikeLf()
    {
        var lines = new[]
        {
            Header,
            TestData.StreetRow(location: "\"On or near High Street, Hertford\""),
            "",
            TestData.StreetRow(location: "\"On or near \"\"The Parade\"\"\""),
        };
        var fromLf = Read(string.Join('\n', lines) + "\n");
        var fromCr = Read(string.Join('\r', lines) + "\r");

        Assert.Equal(2, fromCr.Count);
        Assert.Equal(fromLf, fromCr);
        Assert.Equal("On or near High Street, Hertford", fromCr[0].Row.Location);
        Assert.Equal(4, fromCr[1].Row.Line);
    }

    private static byte[] Replace(byte[] lf, string lineEnd) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(lf).Replace("\n", lineEnd, StringComparison.Ordinal));

    private static List<ReadResult<StreetCrimeRow>> ReadAll(byte[] bytes)
    {
        using var reader = new StreetCsvReader(new MemoryStream(bytes), "2021-01-hertfordshire-street.csv");
        return [.. reader.Read()];
    }

    // ---- archives ----

    private string Zip(string name, params (string Entry, string Content)[] entries)
    {
        var path = Path.Combine(_temp, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
            writer.Write(content);
        }

        return path;
    }

    private static readonly string OneRow = TestData.StreetHeader + "\n" + TestData.StreetRow() + "\n";

    [Theory]
    [InlineData("../2021-01-hertfordshire-street.csv")]
    [InlineData("2021-01/../../2021-01-hertfordshire-street.csv")]
    [InlineData("/etc/2021-01-hertfordshire-street.csv")]
    public void Open_ArchiveWithEntryLeavingItsFolder_IsRefusedNamingTheEntry(string entry)
    {
        var path = Zip("2021-01.zip", ("2021-01/2021-01-hertfordshire-street.csv", OneRow), (entry, OneRow));

        var ex = Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(path));

        Assert.Equal("2021-01.zip", ex.File);
        Assert.Contains($"'{entry}'", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("outside the archive's folder", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ArchiveWithEntriesNotNamedAsPoliceUkNamesThem_IsRefusedListingThem()
    {
        var path = Zip("2021-01.zip",
            ("2021-01/2021-01-hertfordshire-street.csv", OneRow),
            ("2021-01-hertfordshire-street.csv", OneRow),                // no month folder
            ("2021-02/2021-01-hertfordshire-outcomes.csv", OneRow),      // folder and file months differ
            ("2021-01/notes.txt", "hello"),
            ("2021-01/2021-01-hertfordshire-stop-and-search.csv", "Type,Date\n"));

        var ex = Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(path));

        Assert.Contains("3 entries are not named as police.uk names them", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("'2021-01-hertfordshire-street.csv'", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("'2021-02/2021-01-hertfordshire-outcomes.csv'", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("'2021-01/notes.txt'", ex.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("'2021-01/2021-01-hertfordshire-street.csv'", ex.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("stop-and-search", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ArchiveWithMoreThan100Files_IsRefused()
    {
        var entries = Enumerable.Range(1, PoliceUkSource.MaxArchiveEntries + 1)
            .Select(i => ($"2021-01/2021-01-force{i}-street.csv", OneRow)).ToArray();
        var path = Zip("2021-01.zip", entries);

        var ex = Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(path));

        Assert.Contains("holds 101 files; at most 100", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ArchiveWith100Files_IsAccepted()
    {
        var entries = Enumerable.Range(1, PoliceUkSource.MaxArchiveEntries)
            .Select(i => ($"2021-01/2021-01-force{i}-street.csv", OneRow)).ToArray();
        using var source = PoliceUkSource.Open(Zip("2021-01.zip", entries));
        Assert.Equal(100, source.Inputs.Count);
    }

    [Fact]
    public void Open_ArchiveEntryPackedLikeAZipBomb_IsRefused()
    {
        // 20,000 identical rows (3 MB) pack hundreds of times tighter than any real police.uk file.
        var bomb = TestData.StreetHeader + "\n" + string.Concat(Enumerable.Repeat(TestData.StreetRow() + "\n", 20_000));
        var path = Zip("2021-01.zip", ("2021-01/2021-01-hertfordshire-street.csv", bomb));

        var ex = Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(path));

        Assert.Equal("2021-01/2021-01-hertfordshire-street.csv", ex.File);
        Assert.Contains("zip bomb", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RealFileZipped_IsAccepted()
    {
        var path = Path.Combine(_temp, "2021-01.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(PlacesImportTestSupport.Street("2021-01"), "2021-01/2021-01-hertfordshire-street.csv");
        }

        using var source = PoliceUkSource.Open(path);
        using var reader = Assert.Single(source.Inputs).OpenStreetReader();
        Assert.Equal(6_914, reader.Read().Count(r => r.IsRow));
    }

    [Fact]
    public void Open_ArchiveWhoseDirectoryStatesMoreThan2GB_IsRefusedBeforeUnpacking()
    {
        var path = Zip("2021-01.zip", ("2021-01/2021-01-hertfordshire-street.csv", OneRow));
        SetCentralDirectorySize(path, 3_000_000_000);

        var ex = Assert.Throws<ImportFormatException>(() => PoliceUkSource.Open(path));

        Assert.Contains("at most 2,147,483,648 (2 GB)", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArchiveEntryLargerThanItsDirectoryStates_IsNeverUnpackedBeyondTheStatedSize()
    {
        var body = TestData.StreetHeader + "\n" + string.Concat(Enumerable.Range(0, 200).Select(i => TestData.StreetRow(location: $"On or near Street {i}") + "\n"));
        var path = Zip("2021-01.zip", ("2021-01/2021-01-hertfordshire-street.csv", body));
        SetCentralDirectorySize(path, 1000);

        using var source = PoliceUkSource.Open(path);
        var input = Assert.Single(source.Inputs);
        long read = 0;
        try
        {
            using var stream = input.Open();
            var buffer = new byte[4096];
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                read += n;
            }
        }
        catch (Exception ex) when (ex is ImportFormatException or InvalidDataException)
        {
            // Refused while reading: also fine.
        }

        Assert.True(body.Length > 10_000);
        Assert.InRange(read, 0, 1000);
    }

    /// <summary>Rewrites the uncompressed size in the (only) central directory header of a zip.</summary>
    private static void SetCentralDirectorySize(string path, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var at = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x50, 0x4B, 0x01, 0x02]);
        Assert.True(at >= 0);
        BitConverter.TryWriteBytes(bytes.AsSpan(at + 24, 4), size);
        File.WriteAllBytes(path, bytes);
    }
}

/// <summary>The per-file duplicate check: compact, exact on the line it reports, and linear whatever the IDs look like.</summary>
public sealed class CrimeIdLinesTests
{
    static PoliceCrimeId Id(string hex)
    {
        Assert.True(PoliceCrimeId.TryParseHex(System.Text.Encoding.ASCII.GetBytes(hex), out var id));
        return id;
    }

    // Like the synthetic test files: one random prefix, zeros, and a counter in the middle of the last word.
    static List<PoliceCrimeId> SharingFirstAndLastBytes(int n) => [.. Enumerable.Range(0, n).Select(i =>
        Id("0123456789abcdef" + new string('0', 40) + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)))];

    [Fact]
    public void SeenBefore_AnIdGivenAgain_GivesTheLineItWasFirstOn()
    {
        var seen = new CrimeIdLines();
        var a = Id(new string('a', 64));
        var b = Id(new string('b', 64));

        Assert.False(seen.SeenBefore(a, 2, out _));
        Assert.False(seen.SeenBefore(b, 3, out _));
        Assert.True(seen.SeenBefore(a, 9, out var first));
        Assert.Equal(2, first);
        Assert.True(seen.SeenBefore(a, 12, out first));
        Assert.Equal(2, first);
        Assert.Equal(2, seen.Count);

        seen.Clear();
        Assert.False(seen.SeenBefore(a, 5, out _));
    }

    [Fact]
    public void SeenBefore_ManyIdsSharingTheirFirstAndLastBytes_NoneIsTakenForARepeatAndTheTableGrows()
    {
        var ids = SharingFirstAndLastBytes(200_000);
        var seen = new CrimeIdLines();

        var repeats = ids.Select((id, i) => seen.SeenBefore(id, i + 2, out _)).Count(r => r);

        Assert.Equal(0, repeats);
        Assert.Equal(200_000, seen.Count);
        Assert.InRange(seen.Capacity, 200_000 * 4 / 3, 200_000 * 4);
        Assert.True(ids.All(id => seen.SeenBefore(id, 0, out _)));
        Assert.Equal(ids.Count, ids.Select(id => CrimeIdLines.Fingerprint(id)).Distinct().Count());
    }

    [Fact]
    public void Reserve_ForAFileOfAMillionRows_SizesTheTableOnceAndNoMoreThanFourSlotsAnId()
    {
        var seen = new CrimeIdLines();

        seen.Reserve(1_000_000);
        var capacity = seen.Capacity;
        foreach (var (id, i) in SharingFirstAndLastBytes(700_000).Select((id, i) => (id, i)))
        {
            seen.SeenBefore(id, i, out _);
        }

        Assert.Equal(capacity, seen.Capacity);
        Assert.InRange(capacity, 1_000_000 * 4 / 3, 4_000_000);
        // A size claimed by a zip entry reserves at most what 8M IDs need.
        var claimed = new CrimeIdLines();
        claimed.Reserve(long.MaxValue / 8);
        Assert.True(claimed.Capacity <= 16_777_216, $"{claimed.Capacity} slots");
    }
}
