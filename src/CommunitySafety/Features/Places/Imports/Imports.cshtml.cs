using System.Security.Cryptography;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>Upload a police.uk file for import, and the import history.</summary>
[Authorize(Policy = Policies.PlacesImport)]
// The only endpoint allowed a large body (SEC-UP-01): 200 MB covers a national police.uk month zip.
[RequestSizeLimit(ImportsModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportsModel.MaxUploadBytes)]
public sealed class ImportsModel(
    AppDb db, PoliceUkImporter importer, ReferenceImporter reference, ImportQueue queue, InterruptedImports interrupted, UploadFolders uploads, ILogger<ImportsModel> logger) : PageModel
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public IReadOnlyList<ImportQueries.BatchRow> History { get; private set; } = [];

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Confirms that a file may replace a stored force-month although it has far fewer rows.</summary>
    [BindProperty]
    public bool ReplaceSmaller { get; set; }

    /// <summary>Which ward set is current and how many wards it holds (where police.uk records are placed).</summary>
    public string CurrentWardSet { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        History = await ImportQueries.Batches(db).Take(50).ToListAsync(ct);
        CurrentWardSet = await reference.CurrentWardSetSentenceAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Path.GetFileName(Upload?.FileName ?? "");
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Select a police.uk file to import");
        }
        else if (!(name.EndsWith("-street.csv", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-outcomes.csv", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError(nameof(Upload), "The selected file must be a police.uk street or outcomes CSV (ending -street.csv or -outcomes.csv) or a police.uk .zip");
        }

        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }

        // Saved under its own name (the name tells street from outcomes files) in a private folder of this
        // process (UploadFolders). Until the queue owns it, any failure here deletes it (ASVS 14.2.2).
        var owner = await interrupted.PrepareNewImportAsync(db, ct);
        var folder = uploads.Create(owner);
        int id;
        try
        {
            var path = Path.Combine(folder, name);
            string sha;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using var upload = Upload!.OpenReadStream();
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await upload.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            // The same bytes already waiting or running: refuse rather than queue a duplicate (REL-IMP-03).
            // (Batches of a process that died were marked interrupted just above, so they do not block this.)
            if (await db.Set<ImportBatch>().AnyAsync(b => b.Sha256 == sha && (b.Status == ImportStatus.Queued || b.Status == ImportStatus.Running), ct))
            {
                UploadFolders.TryDelete(folder, logger);
                ModelState.AddModelError(nameof(Upload), "This file is already being imported. Wait for that import to finish");
                await OnGetAsync(ct);
                return Page();
            }

            id = await importer.QueueAsync(name, sha, User.Identity?.Name ?? "(unknown)", ct);
            if (!queue.Enqueue(new QueuedImport(id, path, folder, User.Identity?.Name ?? "(unknown)", ReplaceSmaller)))
            {
                throw new InvalidOperationException("The import queue is closed (the server is stopping).");
            }
        }
        catch
        {
            UploadFolders.TryDelete(folder, logger);
            throw;
        }

        return Redirect($"/places/imports/{id}");
    }
}
