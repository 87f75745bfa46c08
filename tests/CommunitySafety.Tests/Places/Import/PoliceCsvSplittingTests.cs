using System.Globalization;
using System.Text;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Tests.Infrastructure;
using CsvHelper;
using CsvHelper.Configuration;
using Xunit;

namespace CommunitySafety.Tests.Places;

/// <summary>
/// The police.uk readers split CSV on UTF-8 bytes themselves (ADR 0005). These tests hold them to an
/// independent RFC 4180 parser (CsvHelper) on every real file, and to the quoting rules at the edges
/// (quotes across buffer refills, line breaks inside quotes, malformed quotes).
/// </summary>
public sealed class PoliceCsvSplittingTests
{
    private static readonly string Header = TestData.StreetHeader;

    public static TheoryData<string> RealStreetFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestData.PathOf("police-uk/street"), "*-street.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestData.PathOf("police-uk"), file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealStreetFiles))]
    public void StreetReader_RealFile_AgreesFieldByFieldWithCsvHelper(string relative)
    {
        var path = TestData.PathOf(Path.Combine("police-uk", relative));
        var expected = ReadWithCsvHelper(path);
        using var reader = StreetCsvReader.Open(path);
        var actual = reader.Read().ToList();

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (line, f) = expected[i];
            Assert.True(actual[i].IsRow, actual[i].Rejection?.ToString());
            var row = actual[i].Row;
            Assert.Equal(line, row.Line);
            Assert.Equal(f[0], row.CrimeId?.ToString() ?? "");
            Assert.Equal(f[1], row.Month.ToString());
            Assert.Equal(f[2], row.ReportedBy);
            Assert.Equal(f[3], row.FallsWithin);
            Assert.Equal(f[4].Length == 0 ? null : double.Parse(f[4], CultureInfo.InvariantCulture), row.Longitude);
            Assert.Equal(f[5].Length == 0 ? null : double.Parse(f[5], CultureInfo.InvariantCulture), row.Latitude);
            Assert.Equal(f[6], row.Location);
            Assert.Equal(f[7], row.LsoaCode ?? "");
            Assert.Equal(f[8], row.LsoaName ?? "");
            Assert.Equal(f[9], row.CrimeType);
            Assert.Equal(f[10], row.LastOutcome ?? "");
        }
    }

    [Fact]
    public void OutcomesReader_RealFiles_AgreeWithCsvHelper()
    {
        var files = Directory.GetFiles(TestData.PathOf("police-uk/outcomes"), "*-outcomes.csv", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var expected = ReadWithCsvHelper(path);
            using var reader = OutcomesCsvReader.Open(path);
            var actual = reader.Read().ToList();
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(actual[i].IsRow, actual[i].Rejection?.ToString());
                Assert.Equal(expected[i].Line, actual[i].Row.Line);
                Assert.Equal(expected[i].Fields[0], actual[i].Row.CrimeId.ToString());
                Assert.Equal(expected[i].Fields[6], actual[i].Row.Location);
                Assert.Equal(expected[i].Fields[9], actual[i].Row.OutcomeType);
            }
        }
    }

    [Fact]
    public void QuotedFieldWithLineBreakAndDoubledQuotes_IsOneFieldAndLinesStayPhysical()
    {
        var text = Header + "\n" +
            TestData.StreetRow(location: "\"On or near \"\"The Crescent\"\",\nOld Town\"") + "\n" +
            TestData.StreetRow(type: "Drugs") + "\n";
        var results = TestData.ReadStreet(text);

        Assert.Equal(2, results.Count);
        Assert.Equal("On or near \"The Crescent\",\nOld Town", results[0].Row.Location);
        Assert.Equal(3, results[0].Row.Line); // starts on line 2, ends on line 3
        Assert.Equal(4, results[1].Row.Line);
        Assert.Equal("Drugs", results[1].Row.CrimeType);
    }

    [Fact]
    public void QuotedFieldWithCrlfFile_StripsOnlyTheLineEnding()
    {
        var text = Header + "\r\n" + TestData.StreetRow(location: "\"On or near A, B\"") + "\r\n" + TestData.StreetRow() + "\r\n";
        var results = TestData.ReadStreet(text);
        Assert.Equal("On or near A, B", results[0].Row.Location);
        Assert.Equal("Under investigation", results[0].Row.LastOutcome);
        Assert.Equal("Under investigation", results[1].Row.LastOutcome);
        Assert.Equal(3, results[1].Row.Line);
    }

    [Theory]
    [InlineData("\"On or near A\"x", "malformed quoted field")]
    [InlineData("On or near \"A\"", "malformed quoted field")]
    public void MalformedQuotes_RejectTheRowOnly(string location, string reason)
    {
        var text = Header + "\n" + TestData.StreetRow() + "\n" + TestData.StreetRow(location: location) + "\n" + TestData.StreetRow() + "\n";
        var results = TestData.ReadStreet(text);
        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsRow);
        Assert.Contains(reason, results[1].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal(3, results[1].Rejection!.Line);
        Assert.True(results[2].IsRow);
    }

    [Fact]
    public void UnterminatedQuoteSpanningLines_NamesWhereItStarts()
    {
        var text = Header + "\n" + TestData.StreetRow() + "\n" +
            ",2021-01,Hertfordshire Constabulary,Hertfordshire Constabulary,-0.2,51.8,\"On or near\n" + TestData.StreetRow() + "\n";
        var results = TestData.ReadStreet(text);
        Assert.Equal(2, results.Count);
        var rejection = results[1].Rejection!;
        Assert.Equal(3, rejection.Line);
        Assert.Contains("unterminated quoted field runs from line 3 to end of file (line 5)", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsAcrossBufferRefills_AreAllReadWhole()
    {
        // Well over the 1 MB read buffer, with a quoted field (and a CRLF) in every row so records
        // straddle the refill boundary at every possible offset over the file.
        var text = new StringBuilder(Header + "\r\n");
        const int rows = 16_000;
        for (var i = 0; i < rows; i++)
        {
            text.Append(TestData.StreetRow(location: $"\"On or near Street {i}, Town\"")).Append("\r\n");
        }

        var results = TestData.ReadStreet(text.ToString());
        Assert.True(Encoding.UTF8.GetByteCount(text.ToString()) > 2 << 20);
        Assert.Equal(rows, results.Count);
        for (var i = 0; i < rows; i++)
        {
            Assert.True(results[i].IsRow, results[i].Rejection?.ToString());
            Assert.Equal($"On or near Street {i}, Town", results[i].Row.Location);
            Assert.Equal(i + 2, results[i].Row.Line);
        }
    }

    [Fact]
    public void QuoteNeverClosedInAHugeFile_RefusesTheFileNamingTheLine()
    {
        var text = new StringBuilder(Header + "\n" + TestData.StreetRow() + "\n");
        text.Append(",2021-01,Hertfordshire Constabulary,Hertfordshire Constabulary,-0.2,51.8,\"On or near\n");
        var filler = TestData.StreetRow() + "\n";
        while (text.Length < PoliceCsvCore.MaxRecordBytes + (1 << 20))
        {
            text.Append(filler);
        }

        var ex = Assert.Throws<ImportFormatException>(() => TestData.ReadStreet(text.ToString()));
        Assert.Equal(3, ex.Line);
        Assert.Contains("quoted field is probably never closed", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-0.213048")]
    [InlineData("51.762738")]
    [InlineData("-0")]
    [InlineData("0.1")]
    [InlineData("-1.5")]
    [InlineData("+2.25")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456789")]
    [InlineData("0.0000000000000000000000001")]
    [InlineData("1e5")]
    [InlineData(" 1.5")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("abc")]
    public void NumberParsing_AgreesWithDoubleParse(string text)
    {
        var expectedOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        var ok = PoliceCsvCore.TryParseNumber(Encoding.UTF8.GetBytes(text), out var actual);
        Assert.Equal(expectedOk, ok);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Fact]
    public void NumberParsing_OneMillionRandomCoordinates_AgreeBitForBitWithDoubleParse()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 1_000_000; i++)
        {
            var text = (random.NextDouble() * 20 - 10).ToString("F" + random.Next(0, 16), CultureInfo.InvariantCulture);
            var expected = double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(PoliceCsvCore.TryParseNumber(Encoding.UTF8.GetBytes(text), out var actual), text);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), text);
        }
    }

    private static List<(long Line, string[] Fields)> ReadWithCsvHelper(string path)
    {
        using var stream = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(stream, new CsvConfiguration(CultureInfo.InvariantCulture) { Mode = CsvMode.RFC4180, IgnoreBlankLines = true });
        Assert.True(parser.Read()); // header
        var rows = new List<(long, string[])>();
        while (parser.Read())
        {
            rows.Add((parser.RawRow, parser.Record!));
        }

        return rows;
    }
}
