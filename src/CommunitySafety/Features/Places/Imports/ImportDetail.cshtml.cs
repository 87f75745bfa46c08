using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>One import: progress while it runs (the page refreshes itself, no script), then its report.</summary>
[Authorize(Policy = Policies.PlacesImport)]
public sealed class ImportDetailModel(AppDb db, ImportQueue queue, ReferenceImporter reference) : PageModel
{
    public ImportQueries.BatchRow Batch { get; private set; } = null!;

    public ImportProgress? Progress { get; private set; }

    public ImportQueries.RejectionPage Rejections { get; private set; } = null!;

    public bool InProgress => Batch.Status is "Queued" or "Running";

    /// <summary>
    /// After a police.uk import that found most records outside the loaded wards: the forces it covered and the current
    /// ward set, so the page can say which boundaries to load next. Null when the wards already hold most records.
    /// </summary>
    public (IReadOnlyList<string> Forces, string WardSet)? BoundariesNeeded { get; private set; }

    /// <summary>For a boundary import: which ward set is current and how many wards it holds, as the page is read.</summary>
    public string? CurrentWardSet { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "page")] int page, CancellationToken ct)
    {
        var batch = await ImportQueries.Batches(db, id).FirstOrDefaultAsync(ct);
        if (batch is null)
        {
            return NotFound();
        }

        Batch = batch;
        Progress = queue.Progress.GetValueOrDefault(id);
        Rejections = await ImportQueries.RejectionsAsync(db, id, page, ct);
        if (batch.Kind == nameof(Model.ImportKind.Boundaries))
        {
            CurrentWardSet = await reference.CurrentWardSetSentenceAsync(ct);
        }
        if (OutsideMostly(batch))
        {
            var forces = await db.Set<Model.ForceMonth>().AsNoTracking().Where(f => f.StreetBatchId == id)
                .Select(f => f.Force).Distinct().OrderBy(f => f).ToListAsync(ct);
            BoundariesNeeded = (forces, await reference.CurrentWardSetSentenceAsync(ct));
        }

        return Page();
    }

    /// <summary>More than half the records placed outside every current ward: the wards loaded are not this force's.</summary>
    public static bool OutsideMostly(ImportQueries.BatchRow batch) =>
        batch is { Kind: "PoliceUk", Status: "Succeeded" } && batch.RowsImported > 0 && batch.RowsOutsideArea * 2 > batch.RowsImported;
}
