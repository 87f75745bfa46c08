using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Assessment;

/// <summary>Adds or changes a benchmark, with an optional CSV of per-category counts (format: <see cref="CategoryValueCsv"/>, value column "count").</summary>
[Authorize(Policy = Policies.PlacesImport)]
public sealed class EditBenchmarkModel(AppDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public IFormFile? CategoryFile { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the benchmark's name, for example England and Wales")]
        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter the period, for example Year ending March 2025")]
        [StringLength(200, ErrorMessage = "Period must be 200 characters or fewer")]
        [Display(Name = "Period")]
        public string? PeriodLabel { get; set; }

        [Required(ErrorMessage = "Enter the first month of the period, for example 2024-04")]
        [Display(Name = "First month")]
        public string? StartMonth { get; set; }

        [Required(ErrorMessage = "Enter the last month of the period, for example 2025-03")]
        [Display(Name = "Last month")]
        public string? EndMonth { get; set; }

        [Required(ErrorMessage = "Enter the number of recorded offences")]
        [Range(0, long.MaxValue, ErrorMessage = "Offences must be 0 or more")]
        [Display(Name = "Recorded offences")]
        public long? TotalOffences { get; set; }

        [Range(0, long.MaxValue, ErrorMessage = "Offences in the previous period must be 0 or more")]
        [Display(Name = "Recorded offences in the previous period")]
        public long? PreviousTotalOffences { get; set; }

        [Required(ErrorMessage = "Enter the population")]
        [Range(1, long.MaxValue, ErrorMessage = "Population must be 1 or more")]
        [Display(Name = "Population")]
        public long? Population { get; set; }

        [Required(ErrorMessage = "Enter where the figures come from")]
        [StringLength(1000, ErrorMessage = "Source must be 1000 characters or fewer")]
        [Display(Name = "Source")]
        public string? Source { get; set; }

        [Display(Name = "Counts by category (CSV)")]
        public string? CategoryCsv { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null)
        {
            return Page();
        }

        var b = await db.Set<Benchmark>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (b is null)
        {
            return NotFound();
        }

        var counts = await db.Set<BenchmarkCategoryCount>().AsNoTracking().Where(c => c.BenchmarkId == b.Id).ToListAsync(ct);
        Version = b.Version;
        Input = new InputModel
        {
            Name = b.Name, PeriodLabel = b.PeriodLabel, StartMonth = MonthKey.Iso(b.StartMonth), EndMonth = MonthKey.Iso(b.EndMonth),
            TotalOffences = b.TotalOffences, PreviousTotalOffences = b.PreviousTotalOffences, Population = b.Population, Source = b.Source,
            CategoryCsv = counts.Count == 0 ? null
                : "category,count\n" + string.Join('\n', counts.OrderBy(c => c.Category).Select(c => $"{CategoryNames.Of(c.Category)},{c.Count.ToString(CultureInfo.InvariantCulture)}")),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var start = MonthKey.Parse(Input.StartMonth);
        var end = MonthKey.Parse(Input.EndMonth);
        if (Input.StartMonth is not null && start is null)
        {
            ModelState.AddModelError("Input.StartMonth", "Enter the first month as YYYY-MM, for example 2024-04");
        }

        if (Input.EndMonth is not null && end is null)
        {
            ModelState.AddModelError("Input.EndMonth", "Enter the last month as YYYY-MM, for example 2025-03");
        }

        if (start is not null && end is not null && end < start)
        {
            ModelState.AddModelError("Input.EndMonth", "The last month must be the same as or after the first month");
        }

        var csvText = Input.CategoryCsv;
        if (CategoryFile is { Length: > 0 })
        {
            using var reader = new StreamReader(CategoryFile.OpenReadStream());
            csvText = await reader.ReadToEndAsync(ct);
        }

        CategoryValueCsv.Result? parsed = null;
        if (!string.IsNullOrWhiteSpace(csvText))
        {
            parsed = CategoryValueCsv.Parse(csvText, "count");
            foreach (var e in parsed.Errors.Take(10))
            {
                ModelState.AddModelError("Input.CategoryCsv", e);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = User.Identity?.Name ?? "(unknown)";
        var now = clock.GetUtcNow().UtcDateTime;
        Benchmark b;
        if (Id is null)
        {
            b = new Benchmark { Name = "", PeriodLabel = "", Source = "", EnteredBy = user };
            db.Set<Benchmark>().Add(b);
        }
        else
        {
            b = await db.Set<Benchmark>().FirstOrDefaultAsync(x => x.Id == Id, ct) ?? throw new BadHttpRequestException("Benchmark not found", 404);
            db.Entry(b).Property(x => x.Version).OriginalValue = Version;
        }

        b.Name = Input.Name!.Trim();
        b.PeriodLabel = Input.PeriodLabel!.Trim();
        b.StartMonth = start!.Value;
        b.EndMonth = end!.Value;
        b.TotalOffences = Input.TotalOffences!.Value;
        b.PreviousTotalOffences = Input.PreviousTotalOffences;
        b.Population = Input.Population!.Value;
        b.Source = Input.Source!.Trim();
        b.EnteredBy = user;
        b.EnteredUtc = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, "Someone else changed this benchmark while you were editing it. Open it again to see their version, then make your change.");
            return Page();
        }

        if (parsed is not null)
        {
            // A CSV replaces the whole per-category set, so a category left out is removed rather than kept stale.
            await db.Set<BenchmarkCategoryCount>().Where(c => c.BenchmarkId == b.Id).ExecuteDeleteAsync(ct);
            db.Set<BenchmarkCategoryCount>().AddRange(parsed.Values.Select(kv => new BenchmarkCategoryCount { BenchmarkId = b.Id, Category = kv.Key, Count = (long)Math.Round(kv.Value) }));
        }

        audit.Add(new AuditEntry(Id is null ? AuditActions.Create : AuditActions.Change, "benchmark", b.Id.ToString(CultureInfo.InvariantCulture),
            $"{b.Name}; {b.PeriodLabel}; offences {b.TotalOffences}; population {b.Population}; categories {(parsed is null ? "unchanged" : parsed.Values.Count.ToString(CultureInfo.InvariantCulture))}"));
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"{b.Name} ({b.PeriodLabel}) saved.";
        return Redirect("/places/benchmarks");
    }
}
