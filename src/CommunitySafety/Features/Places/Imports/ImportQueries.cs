using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>Import history and reports, shared by the pages and the JSON API.</summary>
public static class ImportQueries
{
    /// <summary>What a batch imported, in words (the API keeps the stored name).</summary>
    public static string KindText(string kind) => kind switch
    {
        "PoliceUk" => "police.uk crime data",
        "Boundaries" => "Boundaries",
        "Lookup" => "LSOA lookup",
        "Population" => "Population estimates",
        _ => kind,
    };

    public const int RejectionsPageSize = 50;

    public sealed record BatchRow(
        int Id, string Kind, string FileName, string? Sha256, string Status, string UserName, DateTime StartedUtc, DateTime? FinishedUtc,
        long RowsRead, long RowsImported, long RowsRejected, long RowsOutsideArea, long RowsWithoutLocation, string? ErrorMessage, string? Notes,
        long RowsDuplicate, string? Summary);

    public sealed record RejectionRow(string FileName, long Line, string? Field, string Reason);

    public sealed record RejectionPage(int BatchId, int Page, int TotalPages, long Total, IReadOnlyList<RejectionRow> Rows);

    /// <param name="id">One batch, or all (newest first) when null. Filtered before the projection so EF can translate it.</param>
    /// <param name="kind">Only batches of this kind, when given.</param>
    public static IQueryable<BatchRow> Batches(AppDb db, int? id = null, ImportKind? kind = null) =>
        db.Set<ImportBatch>().AsNoTracking().Where(b => id == null || b.Id == id).Where(b => kind == null || b.Kind == kind).OrderByDescending(b => b.Id).Select(b => new BatchRow(
            b.Id, b.Kind.ToString(), b.FileName, b.Sha256, b.Status.ToString(), b.UserName, b.StartedUtc, b.FinishedUtc,
            b.RowsRead, b.RowsImported, b.RowsRejected, b.RowsOutsideArea, b.RowsWithoutLocation, b.ErrorMessage, b.Notes, b.RowsDuplicate, b.Summary));

    public static async Task<RejectionPage> RejectionsAsync(AppDb db, int batchId, int page, CancellationToken ct)
    {
        var query = db.Set<ImportRejection>().AsNoTracking().Where(r => r.BatchId == batchId);
        var total = await query.LongCountAsync(ct);
        var pages = Math.Max(1, (int)((total + RejectionsPageSize - 1) / RejectionsPageSize));
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderBy(r => r.Id).Skip((page - 1) * RejectionsPageSize).Take(RejectionsPageSize)
            .Select(r => new RejectionRow(r.FileName, r.Line, r.Field, r.Reason)).ToListAsync(ct);
        return new RejectionPage(batchId, page, pages, total, rows);
    }
}
