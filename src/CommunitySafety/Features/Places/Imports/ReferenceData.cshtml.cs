using System.Globalization;
using System.Text.RegularExpressions;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>
/// Upload an ONS LSOA lookup or population estimates. The file is imported in the background by the same code as
/// the <c>import lookup</c> and <c>import population</c> verbs (one transaction: a bad row changes nothing, and the
/// report names the file, line and field), and the import's page shows its progress.
/// </summary>
[Authorize(Policy = Policies.PlacesImport)]
// An import endpoint (SEC-UP-01): the national LSOA lookups are tens of megabytes.
[RequestSizeLimit(ImportsModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportsModel.MaxUploadBytes)]
public sealed partial class ReferenceDataModel(
    AppDb db, ReferenceImporter importer, ImportQueue queue, InterruptedImports interrupted, UploadFolders uploads, TimeProvider clock, ILogger<ReferenceDataModel> logger) : PageModel
{
    public const string Lookup = "lookup";
    public const string Population = "population";

    [GeneratedRegex(@"(?<!\d)(19|20)\d\d(?!\d)")]
    private static partial Regex YearInName();

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Year { get; set; }

    public void OnGet(string? kind) => Kind = kind is Lookup or Population ? kind : null;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Checked in the order the fields appear (the error summary is told that order: <govuk-error-summary fields>).
        var errors = new List<(string Key, string Message)>();
        if (Kind is not (Lookup or Population))
        {
            errors.Add((nameof(Kind), "Select what the file holds"));
        }

        var name = Path.GetFileName(Upload?.FileName ?? "");
        if (Upload is null || Upload.Length == 0)
        {
            errors.Add((nameof(Upload), "Select a CSV file to import"));
        }
        else if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add((nameof(Upload), $"{name} is not a CSV file: the file must end .csv"));
        }

        int? year = null;
        if (Kind == Population)
        {
            var thisYear = clock.GetUtcNow().Year;
            if (!string.IsNullOrWhiteSpace(Year))
            {
                if (int.TryParse(Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1991 && y <= thisYear)
                {
                    year = y;
                }
                else
                {
                    errors.Add((nameof(Year), $"Enter the year of the estimates as 4 digits, from 1991 to {thisYear}"));
                }
            }
            else if (Upload is not null && !YearInName().IsMatch(name))
            {
                errors.Add((nameof(Year), "Enter the year of the estimates: the file name has no year in it"));
            }
        }

        if (errors.Count > 0)
        {
            foreach (var (key, message) in errors)
            {
                ModelState.AddModelError(key, message);
            }

            return Page();
        }

        // Saved under its own name (reports name it) in a private folder; deleted once imported or on any failure here (ASVS 14.2.2).
        var folder = uploads.Create(await interrupted.PrepareNewImportAsync(db, ct));
        try
        {
            var path = Path.Combine(folder, name);
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await Upload!.CopyToAsync(target, ct);
            }

            var user = User.Identity?.Name ?? "(unknown)";
            var kind = Kind == Lookup ? ImportKind.Lookup : ImportKind.Population;
            var id = await importer.QueueAsync(kind, name, user, ct);
            if (!queue.Enqueue(new QueuedImport(id, path, folder, user, Kind: kind, Year: year)))
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
