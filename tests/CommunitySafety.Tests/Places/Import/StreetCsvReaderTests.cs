using CommunitySafety.Tests.Infrastructure;
using System.Text;
using CommunitySafety.Features.Places.Import;
using Xunit;

namespace CommunitySafety.Tests.Places;

public sealed class StreetCsvReaderTests
{
    private static readonly string Header = TestData.StreetHeader;

    [Fact]
    public void Read_AllRealHertfordshireFiles_YieldsPublishedCountsWithNoRejections()
    {
        var folder = TestData.PathOf("police-uk/street/hertfordshire");
        var types = new Dictionary<string, int>();
        long rows = 0, rejected = 0, noLocation = 0, asbWithoutId = 0;
        foreach (var file in Directory.GetFiles(folder, "*-street.csv"))
        {
            using var reader = StreetCsvReader.Open(file);
            foreach (var r in reader.Read())
            {
                if (!r.IsRow)
                {
                    rejected++;
                    continue;
                }

                rows++;
                types[r.Row.CrimeType] = types.GetValueOrDefault(r.Row.CrimeType) + 1;
                if (r.Row.Longitude is null && r.Row.LsoaCode is null && r.Row.Location.Equals("No location", StringComparison.OrdinalIgnoreCase))
                {
                    noLocation++;
                }

                if (r.Row.CrimeType == PoliceUkCrimeTypes.AntiSocialBehaviour && r.Row.CrimeId is null && r.Row.LastOutcome is null)
                {
                    asbWithoutId++;
                }
            }

            Assert.Equal(0, reader.MonthMismatchCount);
        }

        Assert.Equal(187_080, rows);
        Assert.Equal(0, rejected);
        Assert.Equal(14, types.Count);
        Assert.Equal(53_470, types["Violence and sexual offences"]);
        Assert.Equal(45_215, types["Anti-social behaviour"]);
        Assert.Equal(1_234, types["Possession of weapons"]);
        Assert.Equal(2_738, noLocation);
        Assert.Equal(45_215, asbWithoutId);
    }

    [Theory]
    [InlineData("police-uk/street/hertfordshire/2024-01-hertfordshire-street.csv", 7_932)] // CRLF
    [InlineData("police-uk/street/hertfordshire/2018-10-hertfordshire-street.csv", 9_883)] // LF
    [InlineData("police-uk/street/west-mercia/2019-02-west-mercia-street.csv", 9_253)]
    [InlineData("police-uk/street/other-forces/2024-01-city-of-london-street.csv", 734)]
    public void Read_RealFile_CountsRowsAndLastLineNumber(string relative, int expected)
    {
        using var reader = StreetCsvReader.Open(TestData.PathOf(relative));
        var results = reader.Read().ToList();
        Assert.All(results, r => Assert.True(r.IsRow, r.Rejection?.ToString()));
        Assert.Equal(expected, results.Count);
        Assert.Equal(2, results[0].Row.Line);
        Assert.Equal(expected + 1, results[^1].Row.Line);
        Assert.All(results, r => Assert.True(r.Row.CrimeId is null || r.Row.CrimeId.Value.ToString().Length == 64));
    }

    [Fact]
    public void Read_RealWestMercia_HerefordshireShareMatchesReadme()
    {
        using var reader = StreetCsvReader.Open(TestData.PathOf("police-uk/street/west-mercia/2018-10-west-mercia-street.csv"));
        var count = reader.Read().Count(r => r.IsRow && r.Row.LsoaName?.StartsWith("Herefordshire", StringComparison.Ordinal) == true);
        Assert.Equal(1_416, count);
    }

    [Fact]
    public void Read_RealFile_InternsRepeatedStrings()
    {
        using var reader = StreetCsvReader.Open(TestData.PathOf("police-uk/street/hertfordshire/2021-01-hertfordshire-street.csv"));
        var rows = reader.Read().Where(r => r.IsRow).Select(r => r.Row).Take(100).ToList();
        Assert.All(rows, r => Assert.Same(rows[0].ReportedBy, r.ReportedBy));
        Assert.All(rows, r => Assert.Same(rows[0].FallsWithin, r.FallsWithin));
    }

    [Fact]
    public void Read_GoodSyntheticRow_ParsesEveryField()
    {
        var text = Header + "\n" + TestData.StreetRow(id: TestData.Id, location: "\"On or near Smith, Jones Street\"") + "\n";
        var row = Assert.Single(TestData.ReadStreet(text)).Row;
        Assert.Equal(2, row.Line);
        Assert.Equal(TestData.Id, row.CrimeId?.ToString());
        Assert.Equal(new YearMonth(2021, 1), row.Month);
        Assert.Equal(-0.2, row.Longitude);
        Assert.Equal(51.8, row.Latitude);
        Assert.Equal("On or near Smith, Jones Street", row.Location);
        Assert.Equal("E01023289", row.LsoaCode);
        Assert.Equal("Broxbourne 004A", row.LsoaName);
        Assert.Equal("Burglary", row.CrimeType);
        Assert.Equal("Under investigation", row.LastOutcome);
        Assert.Equal("Hertfordshire Constabulary", row.ReportedBy);
    }

    [Fact]
    public void Read_BomAndCrlf_ParsesHeaderAndRows()
    {
        var text = Header + "\r\n" + TestData.StreetRow() + "\r\n" + TestData.StreetRow(type: "Drugs") + "\r\n";
        var results = TestData.ReadStreet(text, bom: true);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.IsRow));
        Assert.Equal("Drugs", results[1].Row.CrimeType);
        Assert.Equal(3, results[1].Row.Line);
    }

    [Fact]
    public void Read_BlankCoordinatesAndLsoa_YieldsNulls()
    {
        var text = Header + "\n" + TestData.StreetRow(lon: "", lat: "", location: "No location", lsoa: "", type: "Anti-social behaviour", outcome: "") + "\n";
        var row = Assert.Single(TestData.ReadStreet(text)).Row;
        Assert.Null(row.Longitude);
        Assert.Null(row.Latitude);
        Assert.Null(row.LsoaCode);
        Assert.Null(row.CrimeId);
        Assert.Null(row.LastOutcome);
    }

    [Fact]
    public void Read_WrongHeader_ThrowsNamingExpectedAndFound()
    {
        var ex = Assert.Throws<ImportFormatException>(() =>
            new StreetCsvReader(TestData.Utf8("Crime ID,Month,Falls within\n"), "2021-01-x-street.csv"));
        Assert.Equal("2021-01-x-street.csv", ex.File);
        Assert.Equal(1, ex.Line);
        Assert.Contains("expected 'Crime ID,Month,Reported by", ex.Message, StringComparison.Ordinal);
        Assert.Contains("found 'Crime ID,Month,Falls within'", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("file 2021-01-x-street.csv, line 1: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OutcomesHeaderInStreetReader_Throws()
    {
        Assert.Throws<ImportFormatException>(() =>
            new StreetCsvReader(TestData.Utf8(TestData.OutcomesHeader + "\n"), "2021-01-x-street.csv"));
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        var ex = Assert.Throws<ImportFormatException>(() => new StreetCsvReader(TestData.Utf8(""), "e-street.csv"));
        Assert.Contains("empty", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("month", "2021-13", "Month", "expected YYYY-MM")]
    [InlineData("month", "Jan 2021", "Month", "expected YYYY-MM")]
    [InlineData("lon", "abc", "Longitude", "not a number")]
    [InlineData("lat", "51,8", "Latitude", "")]
    [InlineData("lon", "-12.5", "Longitude", "outside the UK bounding box")]
    [InlineData("lat", "61.5", "Latitude", "outside the UK bounding box")]
    [InlineData("lon", "NaN", "Longitude", "outside the UK bounding box")]
    [InlineData("type", "Public disorder and weapons", "Crime type", "unknown crime type")]
    [InlineData("id", "xyz", "Crime ID", "64 hexadecimal")]
    [InlineData("lsoa", "Nowhere", "LSOA code", "not a GSS area code")]
    public void Read_BadField_RejectsRowAndContinues(string which, string value, string field, string reason)
    {
        var bad = which switch
        {
            "month" => TestData.StreetRow(month: value),
            "lon" => TestData.StreetRow(lon: value),
            "lat" => TestData.StreetRow(lat: value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value),
            "type" => TestData.StreetRow(type: value),
            "id" => TestData.StreetRow(id: value),
            "lsoa" => TestData.StreetRow(lsoa: value),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        var text = Header + "\n" + TestData.StreetRow() + "\n" + bad + "\n" + TestData.StreetRow() + "\n";
        var results = TestData.ReadStreet(text);
        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsRow);
        Assert.True(results[2].IsRow);
        var rejection = results[1].Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.Equal(field, rejection.Field);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"file 2021-01-test-street.csv, line 3, field {field}: ", rejection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LongitudeWithoutLatitude_Rejects()
    {
        var results = TestData.ReadStreet(Header + "\n" + TestData.StreetRow(lat: "") + "\n");
        var rejection = Assert.Single(results).Rejection!;
        Assert.Equal("Latitude", rejection.Field);
        Assert.Contains("longitude given without a latitude", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongColumnCount_RejectsAndContinues()
    {
        var text = Header + "\n" + TestData.StreetRow() + ",extra\nonly,three,fields\n" + TestData.StreetRow() + "\n";
        var results = TestData.ReadStreet(text);
        Assert.Equal(3, results.Count);
        Assert.Contains("expected 12 but found 13", results[0].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal(2, results[0].Rejection!.Line);
        Assert.Contains("expected 12 but found 3", results[1].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal(3, results[1].Rejection!.Line);
        Assert.True(results[2].IsRow);
        Assert.Equal(4, results[2].Row.Line);
    }

    [Fact]
    public void Read_TruncatedFinalLineWithOpenQuote_RejectsNamingLine()
    {
        var text = Header + "\n" + TestData.StreetRow() + "\n" + TestData.StreetRow() + "\n" +
            ",2021-01,Hertfordshire Constabulary,Hertfordshire Constabulary,-0.2,51.8,\"On or near Hi";
        var results = TestData.ReadStreet(text);
        Assert.Equal(3, results.Count);
        Assert.True(results[1].IsRow);
        var rejection = results[2].Rejection!;
        Assert.Equal(4, rejection.Line);
        Assert.Contains("unterminated quoted field", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedFinalLineWithoutQuote_RejectsColumnCount()
    {
        var text = Header + "\n" + TestData.StreetRow() + "\n,2021-01,Hertfordshire Constabulary";
        var results = TestData.ReadStreet(text);
        Assert.True(results[0].IsRow);
        Assert.Equal(3, results[1].Rejection!.Line);
        Assert.Contains("wrong column count", results[1].Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8Bytes_RejectsOnlyThatLine()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(Header + "\n" + TestData.StreetRow() + "\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes(TestData.StreetRow(location: "On or near Caf")));
        bytes.Insert(bytes.Count - Encoding.UTF8.GetByteCount(",E01023289,Broxbourne 004A,Burglary,Under investigation,"), 0xE9); // Latin-1 é
        bytes.AddRange(Encoding.UTF8.GetBytes("\n" + TestData.StreetRow() + "\n"));
        using var reader = new StreetCsvReader(new MemoryStream([.. bytes]), "2021-01-test-street.csv");
        var results = reader.Read().ToList();
        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsRow);
        Assert.Equal("Location", results[1].Rejection!.Field);
        Assert.Equal("invalid UTF-8", results[1].Rejection!.Reason);
        Assert.Equal(3, results[1].Rejection!.Line);
        Assert.True(results[2].IsRow);
    }

    [Fact]
    public void Read_RowMonthDiffersFromFileMonth_AcceptsAndNotes()
    {
        using var reader = new StreetCsvReader(
            TestData.Utf8(Header + "\n" + TestData.StreetRow(month: "2020-12") + "\n" + TestData.StreetRow() + "\n"),
            "2021-01/2021-01-test-street.csv");
        var results = reader.Read().ToList();
        Assert.All(results, r => Assert.True(r.IsRow));
        Assert.Equal(new YearMonth(2021, 1), reader.FileMonth);
        Assert.Equal(1, reader.MonthMismatchCount);
        Assert.Contains(reader.Notes, n => n.Contains("2020-12", StringComparison.Ordinal) && n.Contains("2021-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BlankLines_AreSkippedAndLineNumbersStayPhysical()
    {
        var results = TestData.ReadStreet(Header + "\n" + TestData.StreetRow() + "\n\n" + TestData.StreetRow() + "\n");
        Assert.Equal(2, results.Count);
        Assert.Equal(4, results[1].Row.Line);
    }

    [Fact]
    public void Read_EnumeratedTwice_Throws()
    {
        using var reader = new StreetCsvReader(TestData.Utf8(Header + "\n"), "x-street.csv");
        _ = reader.Read().ToList();
        Assert.Throws<InvalidOperationException>(() => reader.Read());
    }
}
