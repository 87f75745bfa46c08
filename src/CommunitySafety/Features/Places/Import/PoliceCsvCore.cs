using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Shared low-level machinery for the police.uk CSV readers: header check, UTF-8 policy,
/// bad-quote detection, line numbers and the columns common to street and outcomes files
/// (Crime ID .. LSOA name, indexes 0..8).
/// </summary>
/// <remarks>
/// UTF-8 policy: the stream is decoded as UTF-8 (a BOM is skipped) with replacement of invalid byte
/// sequences by U+FFFD. Any row whose fields contain U+FFFD is rejected with reason "invalid UTF-8"
/// (a genuine U+FFFD in the source is treated the same way; police.uk never publishes one).
/// This keeps decoding streaming and lets the rest of the file import.
/// </remarks>
internal sealed class PoliceCsvCore : IDisposable
{
    public const double MinLongitude = -8.7;
    public const double MaxLongitude = 1.8;
    public const double MinLatitude = 49.8;
    public const double MaxLatitude = 60.9;

    private const int PoolCapacity = 200_000;

    private readonly CsvParser _parser;
    private readonly StringPool _pool = new(PoolCapacity);
    private readonly string[] _expectedHeader;
    private string? _badField;
    private long _previousRawRow;

    public PoliceCsvCore(Stream stream, string fileName, string[] expectedHeader, YearMonth? fileMonth)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FileName = fileName;
        FileMonth = fileMonth ?? PoliceUkNames.MonthFromFileName(fileName);
        _expectedHeader = expectedHeader;
        var reader = new StreamReader(
            stream,
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
            detectEncodingFromByteOrderMarks: true,
            bufferSize: 1 << 16,
            leaveOpen: false);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            BufferSize = 1 << 16,
            CacheFields = false, // CsvHelper's cache grows without bound on unique Crime IDs.
            CountBytes = false,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
            BadDataFound = args => _badField ??= args.Field,
        };
        _parser = new CsvParser(reader, config);
        ReadHeader();
    }

    public string FileName { get; }

    public YearMonth? FileMonth { get; }

    public int ColumnCount => _expectedHeader.Length;

    /// <summary>1-based physical line of the current record (the line on which it ends).</summary>
    public long Line { get; private set; }

    /// <summary>First physical line of the current record.</summary>
    public long StartLine { get; private set; }

    public List<string> Notes { get; } = [];

    private readonly HashSet<YearMonth> _mismatchedMonths = [];

    public long MonthMismatchCount { get; private set; }

    private void ReadHeader()
    {
        bool any;
        try
        {
            any = _parser.Read();
        }
        catch (Exception ex) when (ex is CsvHelperException or IOException or InvalidDataException || ex.InnerException is InvalidDataException)
        {
            throw new ImportFormatException(FileName, 1, null, "cannot read header: " + ex.Message, ex);
        }

        if (!any)
        {
            throw new ImportFormatException(FileName, 1, null,
                $"file is empty; expected header '{string.Join(',', _expectedHeader)}'");
        }

        var found = new string[_parser.Count];
        for (var i = 0; i < found.Length; i++)
        {
            found[i] = _parser[i].Trim();
        }

        var ok = found.Length == _expectedHeader.Length;
        for (var i = 0; ok && i < found.Length; i++)
        {
            ok = string.Equals(found[i], _expectedHeader[i], StringComparison.Ordinal);
        }

        if (!ok)
        {
            throw new ImportFormatException(FileName, 1, null,
                $"unexpected header: expected '{string.Join(',', _expectedHeader)}' but found '{string.Join(',', found)}'");
        }

        _previousRawRow = _parser.RawRow;
    }

    /// <summary>Advances to the next record. Returns false at end of file.</summary>
    public bool Next()
    {
        _badField = null;
        try
        {
            if (!_parser.Read())
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || ex.InnerException is InvalidDataException)
        {
            throw new ImportFormatException(FileName, _previousRawRow + 1, null,
                "file bytes cannot be read (corrupt archive entry?): " + (ex.InnerException ?? ex).Message, ex);
        }

        StartLine = _previousRawRow + 1;
        Line = _parser.RawRow;
        _previousRawRow = Line;
        return true;
    }

    public int FieldCount => _parser.Count;

    public RowRejection Reject(string? field, string reason) => new(FileName, Line, field, reason);

    /// <summary>
    /// Checks the column count of the current record (materialising fields of a short/long record so
    /// an unterminated quote is reported as such). Returns a rejection or null.
    /// </summary>
    public RowRejection? CheckStructure()
    {
        if (_parser.Count != _expectedHeader.Length)
        {
            // Access fields so an unterminated quote is noticed.
            for (var i = 0; i < _parser.Count; i++)
            {
                _ = _parser[i];
            }

            return QuoteRejection() ?? Reject(null,
                $"wrong column count: expected {_expectedHeader.Length} but found {_parser.Count}");
        }

        return null;
    }

    /// <summary>Gets field <paramref name="index"/> as a string (not interned).</summary>
    public string Field(int index) => _parser[index];

    public RowRejection? QuoteRejection()
    {
        if (_badField is null)
        {
            return null;
        }

        var quotes = 0;
        foreach (var c in _badField)
        {
            if (c == '"')
            {
                quotes++;
            }
        }

        if (_badField.StartsWith('"') && quotes % 2 == 1)
        {
            return new RowRejection(FileName, StartLine, null,
                StartLine == Line
                    ? "unterminated quoted field (file truncated or quote not closed before end of file)"
                    : $"unterminated quoted field runs from line {StartLine} to end of file (line {Line})");
        }

        return Reject(null, "malformed quoted field: " + Shorten(_badField));
    }

    public string Intern(string value) => _pool.Intern(value);

    public static bool HasInvalidUtf8(string value) => value.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>Parses columns 0..8 (shared by street and outcomes files).</summary>
    public RowRejection? ParseCommon(out CommonColumns common, bool crimeIdRequired)
    {
        common = default;
        var crimeIdText = Field(0);
        var monthText = Field(1);
        var reportedBy = Field(2);
        var fallsWithin = Field(3);
        var lonText = Field(4);
        var latText = Field(5);
        var location = Field(6);
        var lsoaCode = Field(7);
        var lsoaName = Field(8);

        if (_badField is not null)
        {
            return QuoteRejection();
        }

        string? crimeId = null;
        if (crimeIdText.Length != 0)
        {
            if (!IsHex64(crimeIdText))
            {
                return Reject("Crime ID", HasInvalidUtf8(crimeIdText) ? "invalid UTF-8"
                    : $"expected 64 hexadecimal characters but found '{Shorten(crimeIdText)}'");
            }

            crimeId = crimeIdText;
        }
        else if (crimeIdRequired)
        {
            return Reject("Crime ID", "missing Crime ID");
        }

        if (!YearMonth.TryParse(monthText, out var month))
        {
            return Reject("Month", HasInvalidUtf8(monthText) ? "invalid UTF-8"
                : $"expected YYYY-MM but found '{Shorten(monthText)}'");
        }

        if (FileMonth is { } fm && fm != month)
        {
            MonthMismatchCount++;
            if (_mismatchedMonths.Count < 24 && _mismatchedMonths.Add(month))
            {
                Notes.Add($"file {FileName}: rows with Month {month} in a file named for {fm} (accepted; first at line {Line})");
            }
        }

        if (HasInvalidUtf8(reportedBy))
        {
            return Reject("Reported by", "invalid UTF-8");
        }

        if (HasInvalidUtf8(fallsWithin))
        {
            return Reject("Falls within", "invalid UTF-8");
        }

        double? lon = null, lat = null;
        if (lonText.Length != 0)
        {
            if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return Reject("Longitude", $"not a number: '{Shorten(lonText)}'");
            }

            lon = v;
        }

        if (latText.Length != 0)
        {
            if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return Reject("Latitude", $"not a number: '{Shorten(latText)}'");
            }

            lat = v;
        }

        if (lon.HasValue != lat.HasValue)
        {
            return lon.HasValue
                ? Reject("Latitude", "longitude given without a latitude")
                : Reject("Longitude", "latitude given without a longitude");
        }

        if (lon is { } x && !(x >= MinLongitude && x <= MaxLongitude))
        {
            return Reject("Longitude", $"{lonText} is outside the UK bounding box ({MinLongitude}..{MaxLongitude})");
        }

        if (lat is { } y && !(y >= MinLatitude && y <= MaxLatitude))
        {
            return Reject("Latitude", $"{latText} is outside the UK bounding box ({MinLatitude}..{MaxLatitude})");
        }

        if (HasInvalidUtf8(location))
        {
            return Reject("Location", "invalid UTF-8");
        }

        if (lsoaCode.Length != 0 && !IsGssCode(lsoaCode))
        {
            return Reject("LSOA code", HasInvalidUtf8(lsoaCode) ? "invalid UTF-8"
                : $"not a GSS area code: '{Shorten(lsoaCode)}'");
        }

        if (HasInvalidUtf8(lsoaName))
        {
            return Reject("LSOA name", "invalid UTF-8");
        }

        common = new CommonColumns(
            crimeId,
            month,
            Intern(reportedBy),
            Intern(fallsWithin),
            lon,
            lat,
            Intern(location),
            lsoaCode.Length == 0 ? null : Intern(lsoaCode),
            lsoaName.Length == 0 ? null : Intern(lsoaName));
        return null;
    }

    internal static bool IsHex64(string s)
    {
        if (s.Length != 64)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>GSS code: one capital letter and eight digits, e.g. E01023289.</summary>
    internal static bool IsGssCode(ReadOnlySpan<char> s)
    {
        if (s.Length != 9 || !char.IsAsciiLetterUpper(s[0]))
        {
            return false;
        }

        for (var i = 1; i < 9; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static string Shorten(string s) => s.Length <= 80 ? s : string.Concat(s.AsSpan(0, 77), "...");

    public void Dispose() => _parser.Dispose();
}

internal readonly record struct CommonColumns(
    string? CrimeId,
    YearMonth Month,
    string ReportedBy,
    string FallsWithin,
    double? Longitude,
    double? Latitude,
    string Location,
    string? LsoaCode,
    string? LsoaName);
