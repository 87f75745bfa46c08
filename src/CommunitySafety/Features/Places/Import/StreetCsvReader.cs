namespace CommunitySafety.Features.Places.Import;

/// <summary>One good row of a police.uk street-level crime file.</summary>
public readonly record struct StreetCrimeRow(
    long Line,
    PoliceCrimeId? CrimeId,
    YearMonth Month,
    string ReportedBy,
    string FallsWithin,
    double? Longitude,
    double? Latitude,
    string Location,
    string? LsoaCode,
    string? LsoaName,
    string CrimeType,
    string? LastOutcome);

/// <summary>
/// Streaming reader for police.uk <c>*-street.csv</c> files, exactly as published. Memory use is
/// constant (one byte buffer plus a bounded intern pool, see <see cref="PoliceCsvCore"/>); good rows
/// and rejections are yielded in file order. The header is checked when the reader is constructed.
/// </summary>
public sealed class StreetCsvReader : IDisposable
{
    public static readonly IReadOnlyList<string> ExpectedHeader =
    [
        "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
        "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
    ];

    private readonly PoliceCsvCore _core;
    private bool _started;
    private string? _lastCrimeTypeText;
    private string? _lastCrimeType;

    /// <param name="stream">The file bytes; disposed with the reader.</param>
    /// <param name="fileName">Display name used in messages; its YYYY-MM prefix gives <see cref="FileMonth"/>.</param>
    /// <param name="fileMonth">Overrides the month parsed from <paramref name="fileName"/>.</param>
    /// <exception cref="ImportFormatException">Empty file or wrong header.</exception>
    /// <param name="latestMonth">Rows for a later month are rejected as in the future.</param>
    public StreetCsvReader(Stream stream, string fileName, YearMonth? fileMonth = null, YearMonth? latestMonth = null)
    {
        _core = new PoliceCsvCore(stream, fileName, [.. ExpectedHeader], fileMonth, latestMonth);
    }

    public static StreetCsvReader Open(string path) =>
        new(File.OpenRead(path), Path.GetFileName(path));

    public string FileName => _core.FileName;

    /// <summary>The month named by the file (from "YYYY-MM-..."), or null if the name has none.</summary>
    public YearMonth? FileMonth => _core.FileMonth;

    /// <summary>Rows whose Month differs from <see cref="FileMonth"/> (accepted, counted).</summary>
    public long MonthMismatchCount => _core.MonthMismatchCount;

    /// <summary>Informational notes (e.g. month mismatches), bounded in size.</summary>
    public IReadOnlyList<string> Notes => _core.Notes;

    /// <summary>Reads the remaining rows. Can be enumerated once.</summary>
    public IEnumerable<ReadResult<StreetCrimeRow>> Read()
    {
        if (_started)
        {
            throw new InvalidOperationException("Read() can only be enumerated once.");
        }

        _started = true;
        return ReadCore();
    }

    private IEnumerable<ReadResult<StreetCrimeRow>> ReadCore()
    {
        while (_core.Next())
        {
            yield return ParseRow();
        }
    }

    private ReadResult<StreetCrimeRow> ParseRow()
    {
        if (_core.CheckStructure() is { } structural)
        {
            return ReadResult<StreetCrimeRow>.Rejected(structural);
        }

        if (_core.ParseCommon(out var c, crimeIdRequired: false) is { } rejection)
        {
            return ReadResult<StreetCrimeRow>.Rejected(rejection);
        }

        if (_core.IsInvalidUtf8(9))
        {
            return ReadResult<StreetCrimeRow>.Rejected(_core.Reject("Crime type", "invalid UTF-8"));
        }

        var crimeTypeText = _core.Intern(9);
        if (!ReferenceEquals(crimeTypeText, _lastCrimeTypeText))
        {
            _lastCrimeType = PoliceUkCrimeTypes.Canonicalise(crimeTypeText);
            _lastCrimeTypeText = crimeTypeText;
        }

        var crimeType = _lastCrimeType;
        if (crimeType is null)
        {
            return ReadResult<StreetCrimeRow>.Rejected(_core.Reject("Crime type",
                $"unknown crime type '{PoliceCsvCore.Shorten(crimeTypeText)}' (not one of the 14 police.uk categories)"));
        }

        if (_core.IsInvalidUtf8(10))
        {
            return ReadResult<StreetCrimeRow>.Rejected(_core.Reject("Last outcome category", "invalid UTF-8"));
        }

        if (_core.IsInvalidUtf8(11))
        {
            return ReadResult<StreetCrimeRow>.Rejected(_core.Reject("Context", "invalid UTF-8"));
        }

        return ReadResult<StreetCrimeRow>.Ok(new StreetCrimeRow(
            _core.Line,
            c.CrimeId,
            c.Month,
            c.ReportedBy,
            c.FallsWithin,
            c.Longitude,
            c.Latitude,
            c.Location,
            c.LsoaCode,
            c.LsoaName,
            crimeType,
            _core.FieldBytes(10).Length == 0 ? null : _core.Intern(10)));
    }

    public void Dispose() => _core.Dispose();
}
