using CommunitySafety.Features.Places.Model;

namespace CommunitySafety.Features.Places.Import;

/// <summary>Where a running import has got to (reported a few times a second).</summary>
/// <param name="Counted">What <paramref name="RowsRead"/> counts, as the progress line says it ("rows read", "features read").</param>
public sealed record ImportProgress(string Stage, string? CurrentFile, long BytesDone, long BytesTotal, long RowsRead, string Counted = "rows read")
{
    public double Fraction => BytesTotal <= 0 ? 0 : Math.Clamp((double)BytesDone / BytesTotal, 0, 1);
}

/// <summary>The outcome of one import, as stored on its <see cref="ImportBatch"/>.</summary>
public sealed record ImportResult(
    int BatchId,
    ImportStatus Status,
    string Message,
    long RowsRead,
    long RowsImported,
    long RowsRejected,
    long RowsOutsideArea,
    long RowsWithoutLocation,
    TimeSpan Elapsed,
    IReadOnlyList<RowRejection> FirstRejections,
    IReadOnlyList<string> Notes)
{
    public bool Succeeded => Status is ImportStatus.Succeeded or ImportStatus.AlreadyImported;

    /// <summary>Rows that repeated a Crime ID of the same file (each crime is stored once).</summary>
    public long RowsDuplicate { get; init; }
}

/// <summary>Options for a police.uk import.</summary>
public sealed record PoliceUkImportOptions
{
    /// <summary>
    /// When false (the default) any unreadable row fails the whole import and nothing is stored
    /// (REL-IMP-02: 0 rows visible, the report names the line and column). When true, good rows are
    /// stored and the bad ones are listed in the import report.
    /// </summary>
    public bool AcceptRowRejections { get; init; }

    /// <summary>
    /// Lets a file replace a stored force-month although it has far fewer rows (<see cref="ForceMonthShrink"/>).
    /// Without it such an import is refused and nothing changes.
    /// </summary>
    public bool ReplaceSmaller { get; init; }

    /// <summary>Rows per batch handed from the parsing thread to the writing thread.</summary>
    public int BatchSize { get; init; } = 8192;
}

/// <summary>When a new file for a force-month is so much smaller than the stored one that it needs confirming.</summary>
public static class ForceMonthShrink
{
    /// <summary>
    /// Our rule: fewer than half the stored rows. A force re-publishing a month changes it by a few percent
    /// (crimes reclassified or cancelled); losing half of it is a cut-down file, a filter left on in a
    /// spreadsheet, or the wrong force-month, and once replaced the rows are gone.
    /// </summary>
    public static bool IsDrastic(long storedRows, long incomingRows) =>
        storedRows > 0 && incomingRows * 2 < storedRows;
}
