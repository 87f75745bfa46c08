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

/// <summary>
/// Upload ward or LSOA boundary files (ONS GeoJSON): several at once make one set, and ward files can be added to
/// the current ward set a council at a time. The files are imported in the background by the same code as
/// <c>import boundaries</c> (one transaction: a refused or interrupted upload leaves the current ward set as it was),
/// and the import's page shows its progress. The page says which ward set is current and how many wards it holds.
/// </summary>
[Authorize(Policy = Policies.PlacesImport)]
// An import endpoint (SEC-UP-01): boundary files are up to 100 MB each.
[RequestSizeLimit(ImportsModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportsModel.MaxUploadBytes)]
public sealed class BoundariesModel(
    AppDb db, ReferenceImporter importer, ImportQueue queue, InterruptedImports interrupted, UploadFolders uploads, ILogger<BoundariesModel> logger) : PageModel
{
    public const string MakeCurrent = "current";
    public const string AddToCurrent = "add";
    public const string Keep = "keep";

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public string? Use { get; set; }

    public string CurrentWardSet { get; private set; } = "";

    /// <summary>The latest boundary imports, so an analyst who left the page can find the one they started.</summary>
    public IReadOnlyList<ImportQueries.BatchRow> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        CurrentWardSet = await importer.CurrentWardSetSentenceAsync(ct);
        Recent = await ImportQueries.Batches(db, kind: ImportKind.Boundaries).Take(5).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Checked in the order the fields appear (the error summary is told that order: <govuk-error-summary fields>).
        var errors = new List<(string Key, string Message)>();
        var names = Files.Select(f => Path.GetFileName(f.FileName)).ToList();
        if (Files.Count == 0 || Files.All(f => f.Length == 0))
        {
            errors.Add((nameof(Files), "Select one or more boundary files to import"));
        }
        else if (names.FirstOrDefault(n => !(n.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".json", StringComparison.OrdinalIgnoreCase))) is { } wrong)
        {
            errors.Add((nameof(Files), $"{wrong} is not a GeoJSON file: the files must end .geojson or .json"));
        }
        else if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            errors.Add((nameof(Files), "The same file name is selected twice: select each file once"));
        }

        var use = Use switch
        {
            MakeCurrent => WardSetUse.MakeCurrent,
            AddToCurrent => WardSetUse.AddToCurrent,
            Keep => WardSetUse.Keep,
            _ => (WardSetUse?)null,
        };
        if (use is null)
        {
            errors.Add((nameof(Use), "Select what to do with the wards"));
        }

        if (errors.Count > 0)
        {
            foreach (var (key, message) in errors)
            {
                ModelState.AddModelError(key, message);
            }

            await OnGetAsync(ct);
            return Page();
        }

        // Kept under their own names (messages name them) in a private folder of this process (UploadFolders); until
        // the queue owns it, any failure here deletes it (ASVS 14.2.2).
        var folder = uploads.Create(await interrupted.PrepareNewImportAsync(db, ct));
        try
        {
            var paths = new List<string>();
            var hashes = new List<string>();
            foreach (var file in Files)
            {
                var path = Path.Combine(folder, Path.GetFileName(file.FileName));
                await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    await using var upload = file.OpenReadStream();
                    var buffer = new byte[1 << 16];
                    int n;
                    while ((n = await upload.ReadAsync(buffer, ct)) > 0)
                    {
                        hash.AppendData(buffer, 0, n);
                        await target.WriteAsync(buffer.AsMemory(0, n), ct);
                    }

                    hashes.Add(Convert.ToHexStringLower(hash.GetHashAndReset()));
                }

                paths.Add(path);
            }

            // The same files already waiting or running: refuse rather than queue them twice (a second run would only
            // find them already imported). Batches of a process that died were marked interrupted just above.
            var sha = ReferenceImporter.SetHash(hashes);
            if (await db.Set<ImportBatch>().AnyAsync(b => b.Kind == ImportKind.Boundaries && b.Sha256 == sha && (b.Status == ImportStatus.Queued || b.Status == ImportStatus.Running), ct))
            {
                UploadFolders.TryDelete(folder, logger);
                ModelState.AddModelError(nameof(Files), "These files are already being imported. Wait for that import to finish");
                await OnGetAsync(ct);
                return Page();
            }

            var user = User.Identity?.Name ?? "(unknown)";
            var id = await importer.QueueAsync(ImportKind.Boundaries, ReferenceImporter.SetName(names), sha, user, ct);
            if (!queue.Enqueue(new QueuedImport(id, paths[0], folder, user, Kind: ImportKind.Boundaries, Files: paths, Use: use!.Value)))
            {
                throw new InvalidOperationException("The import queue is closed (the server is stopping).");
            }

            return Redirect($"/places/imports/{id}");
        }
        catch
        {
            UploadFolders.TryDelete(folder, logger);
            throw;
        }
    }
}
