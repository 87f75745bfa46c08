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
public sealed class ImportDetailModel(AppDb db, ImportQueue queue) : PageModel
{
    public ImportQueries.BatchRow Batch { get; private set; } = null!;

    public ImportProgress? Progress { get; private set; }

    public ImportQueries.RejectionPage Rejections { get; private set; } = null!;

    public bool InProgress => Batch.Status is "Queued" or "Running";

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
        return Page();
    }
}
