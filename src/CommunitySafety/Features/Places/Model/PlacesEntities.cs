using CommunitySafety.Features.Places.Import;

namespace CommunitySafety.Features.Places.Model;

/// <summary>One imported ONS boundary file (wards or LSOAs of one vintage).</summary>
public sealed class BoundarySet
{
    public int Id { get; set; }
    public BoundaryLevel Level { get; set; }
    /// <summary>Year of the boundary definitions, from the code property (WD25CD → 2025).</summary>
    public int Vintage { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>e.g. "WD25CD".</summary>
    public required string CodeProperty { get; set; }
    public DateTime ImportedUtc { get; set; }
    public required string ImportedBy { get; set; }
    public int FeatureCount { get; set; }
    /// <summary>Wards of the current set are the ones analysis and crime placement use.</summary>
    public bool IsCurrent { get; set; }
}

/// <summary>An electoral ward polygon (geometry as WKB, WGS84 lon/lat; no PostGIS so both providers work).</summary>
public sealed class Ward
{
    public int Id { get; set; }
    public int BoundarySetId { get; set; }
    /// <summary>GSS code, e.g. E05015378 (or a fictional demo code, see DemoPlaces).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? LadCode { get; set; }
    public string? LadName { get; set; }
    /// <summary>Polygon or MultiPolygon, well-known binary, SRID 4326.</summary>
    public required byte[] Geometry { get; set; }
    public double MinLongitude { get; set; }
    public double MinLatitude { get; set; }
    public double MaxLongitude { get; set; }
    public double MaxLatitude { get; set; }
    /// <summary>Interior point (always inside the polygon), for labels and map centring.</summary>
    public double CentroidLongitude { get; set; }
    public double CentroidLatitude { get; set; }
    /// <summary>Resident population; null means unknown (rates are then not shown).</summary>
    public int? Population { get; set; }
    public int? PopulationYear { get; set; }
}

/// <summary>A Lower layer Super Output Area of one vintage (2011 or 2021).</summary>
public sealed class Lsoa
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public string? Name { get; set; }
    public int Vintage { get; set; }
    public int? BoundarySetId { get; set; }
    public byte[]? Geometry { get; set; }
}

/// <summary>ONS best-fit LSOA → ward → local authority lookup row.</summary>
public sealed class LsoaWardLookup
{
    public int Id { get; set; }
    public required string LsoaCode { get; set; }
    public int LsoaVintage { get; set; }
    public required string WardCode { get; set; }
    public int WardVintage { get; set; }
    public string? WardName { get; set; }
    public string? LadCode { get; set; }
    public string? LadName { get; set; }
}

/// <summary>
/// ONS LSOA 2011 → LSOA 2021 exact-fit lookup row. police.uk still publishes 2011 LSOA codes
/// (shared/data README, "Joining"), so crimes without coordinates go 2011 → 2021 → ward.
/// </summary>
public sealed class LsoaChangeLink
{
    public int Id { get; set; }
    public required string Lsoa11Code { get; set; }
    public required string Lsoa21Code { get; set; }
    public LsoaChange Change { get; set; }
}

/// <summary>A population denominator for an LSOA, ward or local authority in one year.</summary>
public sealed class AreaPopulation
{
    public int Id { get; set; }
    public required string AreaCode { get; set; }
    public int Year { get; set; }
    public long Population { get; set; }
    /// <summary>File name or publisher the figure came from.</summary>
    public required string Source { get; set; }
}

/// <summary>One run of an import (CLI or web upload), with its counts and outcome.</summary>
public sealed class ImportBatch
{
    public int Id { get; set; }
    public ImportKind Kind { get; set; }
    /// <summary>The file, folder or archive name given to the import.</summary>
    public required string FileName { get; set; }
    /// <summary>SHA-256 of the input's bytes (single file or archive), lower-case hex; null for folders.</summary>
    public string? Sha256 { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    public ImportStatus Status { get; set; }
    public required string UserName { get; set; }
    public long RowsRead { get; set; }
    public long RowsImported { get; set; }
    public long RowsRejected { get; set; }
    public long RowsOutsideArea { get; set; }
    public long RowsWithoutLocation { get; set; }
    /// <summary>Rows that repeated a Crime ID given earlier in the same file: stored once, listed with the rejections.</summary>
    public long RowsDuplicate { get; set; }
    /// <summary>Files skipped, month mismatches and other notes, one per line.</summary>
    public string? Notes { get; set; }
    public string? ErrorMessage { get; set; }
    /// <summary>What a finished import did, in a sentence (for boundaries: which ward set is now current, with how many wards).</summary>
    public string? Summary { get; set; }
    /// <summary>
    /// Token of the process that queued or runs the batch (see Imports.ImportOwner): while the batch is open,
    /// a batch whose owner is gone was interrupted.
    /// </summary>
    public string? OwnerInstance { get; set; }
}

/// <summary>A CSV inside an import batch; its SHA-256 makes re-imports of the same bytes a no-op.</summary>
public sealed class ImportedFile
{
    public int Id { get; set; }
    public int BatchId { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>File size; a file of another size cannot have the same bytes, so it need not be hashed before import.</summary>
    public long? Bytes { get; set; }
    public PoliceUkFileKind Kind { get; set; }
    public long RowsRead { get; set; }
    /// <summary>Set when a later import replaced one of this file's force-months.</summary>
    public bool Superseded { get; set; }
}

/// <summary>A row that could not be imported, with where and why (never silently dropped).</summary>
public sealed class ImportRejection
{
    public long Id { get; set; }
    public int BatchId { get; set; }
    public required string FileName { get; set; }
    public long Line { get; set; }
    public string? Field { get; set; }
    public required string Reason { get; set; }
}

/// <summary>
/// One police force's month ("Falls within" + Month): the unit of replacement. A newer file for the
/// same force-month replaces the stored records, so counts never double.
/// </summary>
public sealed class ForceMonth
{
    public int Id { get; set; }
    /// <summary>police.uk "Falls within", e.g. "Hertfordshire Constabulary".</summary>
    public required string Force { get; set; }
    /// <summary>yyyymm, e.g. 202101.</summary>
    public int Month { get; set; }
    public int? StreetBatchId { get; set; }
    public int RecordCount { get; set; }
    public int? OutcomesBatchId { get; set; }
    public int OutcomeCount { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>"On or near …" location text and its anonymised map point (reference 2.9).</summary>
public sealed class CrimeLocation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public double? Longitude { get; set; }
    public double? Latitude { get; set; }
}

/// <summary>Outcome category text (street "Last outcome category" and outcomes "Outcome type").</summary>
public sealed class OutcomeCategory
{
    public short Id { get; set; }
    public required string Name { get; set; }
}

/// <summary>One police.uk street-level record, stored compactly (millions of rows).</summary>
public sealed class CrimeRecord
{
    public long Id { get; set; }
    public int BatchId { get; set; }
    public int ForceMonthId { get; set; }
    /// <summary>yyyymm.</summary>
    public int Month { get; set; }
    public CrimeCategory Category { get; set; }
    /// <summary>police.uk Crime ID (64 hex characters) stored as its 32 bytes; null for ASB.</summary>
    public byte[]? CrimeId { get; set; }
    public double? Longitude { get; set; }
    public double? Latitude { get; set; }
    public int? LocationId { get; set; }
    /// <summary>2011 LSOA code as published.</summary>
    public string? LsoaCode { get; set; }
    public int? WardId { get; set; }
    public Placement Placement { get; set; }
    public short? LastOutcomeId { get; set; }
}

/// <summary>One row of a police.uk outcomes file, linked to street records by Crime ID.</summary>
public sealed class CrimeOutcome
{
    public long Id { get; set; }
    public int BatchId { get; set; }
    public int ForceMonthId { get; set; }
    public required byte[] CrimeId { get; set; }
    /// <summary>Month the outcome was recorded, yyyymm.</summary>
    public int Month { get; set; }
    public short OutcomeId { get; set; }
}

/// <summary>
/// Records per ward, force-month, category and placement: what the analysis pages read. Rebuilt for a
/// force-month in the same transaction that replaces its records. WardId null = outside the area or
/// no location (see <see cref="Placement"/>).
/// </summary>
public sealed class WardMonthlyCount
{
    public long Id { get; set; }
    public int? WardId { get; set; }
    public int ForceMonthId { get; set; }
    public int Month { get; set; }
    public CrimeCategory Category { get; set; }
    public Placement Placement { get; set; }
    public int Count { get; set; }
    /// <summary>Records with a "Last outcome category" (ASB never has one).</summary>
    public int WithOutcomeCount { get; set; }
}
