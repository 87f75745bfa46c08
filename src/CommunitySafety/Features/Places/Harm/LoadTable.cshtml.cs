using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Harm;

/// <summary>
/// Loads a harm weight table from CSV (<c>category,weight</c>; see <see cref="CategoryValueCsv"/>). A name and
/// version that already exist are refused: a changed table is a new version, so earlier figures stay reproducible.
/// </summary>
[Authorize(Policy = Policies.PlacesImport)]
public sealed class LoadTableModel(AppDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public IFormFile? WeightsFile { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the table's name, for example Crime Severity Score")]
        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter the table's version, for example 2024")]
        [StringLength(100, ErrorMessage = "Version must be 100 characters or fewer")]
        [Display(Name = "Version")]
        public string? Version { get; set; }

        [Required(ErrorMessage = "Enter where the weights come from")]
        [StringLength(1000, ErrorMessage = "Source must be 1000 characters or fewer")]
        [Display(Name = "Source")]
        public string? Source { get; set; }

        [Display(Name = "Weights (CSV)")]
        public string? WeightsCsv { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var text = Input.WeightsCsv;
        if (WeightsFile is { Length: > 0 })
        {
            using var reader = new StreamReader(WeightsFile.OpenReadStream());
            text = await reader.ReadToEndAsync(ct);
        }

        CategoryValueCsv.Result? parsed = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError("Input.WeightsCsv", "Enter the weights as CSV or choose a CSV file");
        }
        else
        {
            parsed = CategoryValueCsv.Parse(text, "weight");
            foreach (var e in parsed.Errors.Take(10))
            {
                ModelState.AddModelError("Input.WeightsCsv", e);
            }
        }

        var name = Input.Name?.Trim();
        var version = Input.Version?.Trim();
        if (name is not null && version is not null && await db.Set<HarmTable>().AnyAsync(t => t.Name == name && t.TableVersion == version, ct))
        {
            ModelState.AddModelError("Input.Version", $"{name} version {version} is already loaded. Give the changed table a new version");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var table = new HarmTable { Name = name!, TableVersion = version!, Source = Input.Source!.Trim(), LoadedBy = User.Identity?.Name ?? "(unknown)", LoadedUtc = clock.GetUtcNow().UtcDateTime };
        db.Set<HarmTable>().Add(table);
        await db.SaveChangesAsync(ct);
        db.Set<HarmTableWeight>().AddRange(parsed!.Values.Select(kv => new HarmTableWeight { HarmTableId = table.Id, Category = kv.Key, Weight = kv.Value }));
        audit.Add(new AuditEntry(AuditActions.Create, "harm-weight-table", table.Id.ToString(CultureInfo.InvariantCulture),
            $"{table.Name} version {table.TableVersion}; {parsed.Values.Count} categories; source {table.Source}"));
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{table.Name} version {table.TableVersion} loaded with {parsed.Values.Count} weights.";
        return Redirect($"/places/harm?table={table.Id}");
    }
}
