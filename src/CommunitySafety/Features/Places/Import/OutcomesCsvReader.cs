namespace CommunitySafety.Features.Places.Import;

/// <summary>One good row of a police.uk outcomes file.</summary>
public readonly record struct OutcomeRow(
    long Line,
    PoliceCrimeId CrimeId,
    YearMonth Month,
    string ReportedBy,
    string FallsWithin,
    double? Longitude,
    double? Latitude,
    string Location,
    string? LsoaCode,
    string? LsoaName,
    string OutcomeType);

/// <summary>
/// Streaming reader for police.uk <c>*-outcomes.csv</c> files. Same policies as
/// <see cref="StreetCsvReader"/>; additionally Crime ID and Outcome type are required.
/// </summary>
public sealed class OutcomesCsvReader : IDisposable
{
    public static readonly IReadOnlyList<string> ExpectedHeader =
    [
        "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
        "LSOA code", "LSOA name", "Outcome type",
    ];

    private readonly PoliceCsvCore _core;
    private bool _started;

    /// <exception cref="ImportFormatException">Empty file or wrong header.</exception>
    /// <param name="latestMonth">Rows for a later month are rejected as in the future.</param>
    public OutcomesCsvReader(Stream stream, string fileName, YearMonth? fileMonth = null, YearMonth? latestMonth = null)
    {
        _core = new PoliceCsvCore(stream, fileName, [.. ExpectedHeader], fileMonth, latestMonth);
    }

    public static OutcomesCsvReader Open(string path) =>
        new(File.OpenRead(path), Path.GetFileName(path));

    public string FileName => _core.FileName;

    public YearMonth? FileMonth => _core.FileMonth;

    public long MonthMismatchCount => _core.MonthMismatchCount;

    public IReadOnlyList<string> Notes => _core.Notes;

    public IEnumerable<ReadResult<OutcomeRow>> Read()
    {
        if (_started)
        {
            throw new InvalidOperationException("Read() can only be enumerated once.");
        }

        _started = true;
        return ReadCore();
    }

    private IEnumerable<ReadResult<OutcomeRow>> ReadCore()
    {
        while (_core.Next())
        {
            yield return ParseRow();
        }
    }

    private ReadResult<OutcomeRow> ParseRow()
    {
        if (_core.CheckStructure() is { } structural)
        {
            return ReadResult<OutcomeRow>.Rejected(structural);
        }

        if (_core.ParseCommon(out var c, crimeIdRequired: true) is { } rejection)
        {
            return ReadResult<OutcomeRow>.Rejected(rejection);
        }

        if (_core.FieldBytes(9).Length == 0)
        {
            return ReadResult<OutcomeRow>.Rejected(_core.Reject("Outcome type", "missing outcome type"));
        }

        if (_core.IsInvalidUtf8(9))
        {
            return ReadResult<OutcomeRow>.Rejected(_core.Reject("Outcome type", "invalid UTF-8"));
        }

        return ReadResult<OutcomeRow>.Ok(new OutcomeRow(
            _core.Line,
            c.CrimeId!.Value,
            c.Month,
            c.ReportedBy,
            c.FallsWithin,
            c.Longitude,
            c.Latitude,
            c.Location,
            c.LsoaCode,
            c.LsoaName,
            _core.Intern(9)));
    }

    public void Dispose() => _core.Dispose();
}
