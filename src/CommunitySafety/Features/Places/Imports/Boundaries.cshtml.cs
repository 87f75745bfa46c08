using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>
/// Upload ward or LSOA boundary files (ONS GeoJSON): several at once make one set, and ward files can be added to
/// the current ward set a council at a time. The page says which ward set is current and how many wards it holds.
/// </summary>
[Authorize(Policy = Policies.PlacesImport)]
// An import endpoint (SEC-UP-01): boundary files are up to 100 MB each.
[RequestSizeLimit(ImportsModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportsModel.MaxUploadBytes)]
public sealed class BoundariesModel(AppDb db, ReferenceImporter importer, InterruptedImports interrupted, UploadFolders uploads, ILogger<BoundariesModel> logger) : PageModel
{
    public const string MakeCurrent = "current";
    public const string AddToCurrent = "add";
    public const string Keep = "keep";

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public string? Use { get; set; }

    public string CurrentWardSet { get; private set; } = "";

    public ImportResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => CurrentWardSet = await importer.CurrentWardSetSentenceAsync(ct);

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

        if (Use is not (MakeCurrent or AddToCurrent or Keep))
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

        // Kept under their own names (messages name them) in a private folder, deleted whatever happens (ASVS 14.2.2).
        var folder = uploads.Create(await interrupted.PrepareNewImportAsync(db, ct));
        try
        {
            var paths = new List<string>();
            foreach (var file in Files)
            {
                var path = Path.Combine(folder, Path.GetFileName(file.FileName));
                await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await file.CopyToAsync(target, ct);
                }

                paths.Add(path);
            }

            var user = User.Identity?.Name ?? "(unknown)";
            Result = Use == AddToCurrent
                ? await importer.AddToCurrentWardSetAsync(paths, user, null, ct)
                : await importer.ImportBoundariesAsync(paths, Use == MakeCurrent, user, null, ct);
        }
        finally
        {
            UploadFolders.TryDelete(folder, logger);
        }

        if (!Result.Succeeded)
        {
            ModelState.AddModelError(nameof(Files), Result.Message);
        }

        await OnGetAsync(ct);
        return Page();
    }
}
