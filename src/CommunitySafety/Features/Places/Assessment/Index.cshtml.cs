using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Assessment;

[Authorize(Policy = Policies.PlacesRead)]
public sealed class AssessmentModel(AppDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Benchmark { get; set; }

    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];

    public IReadOnlyList<Benchmark> Benchmarks { get; private set; } = [];

    public AssessmentFigures? Figures { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Areas = await PlacesAreaFigures.OptionsAsync(db, ct);
        Benchmarks = await db.Set<Benchmark>().AsNoTracking().OrderBy(b => b.Name).ThenByDescending(b => b.EndMonth).ToListAsync(ct);
        Figures = await AssessmentQuery.RunAsync(db, AreaSelection.Parse(Area), MonthKey.Parse(From), MonthKey.Parse(To), Benchmark, ct);
        if (Figures is null)
        {
            return NotFound();
        }

        Area = Figures.Area;
        From = MonthKey.Iso(Figures.Windows.CurrentFrom);
        To = MonthKey.Iso(Figures.Windows.CurrentTo);
        Benchmark = Figures.Benchmark?.Id;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var f = await AssessmentQuery.RunAsync(db, AreaSelection.Parse(Area), MonthKey.Parse(From), MonthKey.Parse(To), Benchmark, ct);
        if (f is null)
        {
            return NotFound();
        }

        await audit.WriteAsync(new AuditEntry(AuditActions.Export, "places-assessment", f.Area, $"{MonthKey.Iso(f.Windows.CurrentFrom)} to {MonthKey.Iso(f.Windows.CurrentTo)}"), ct);
        await CsvExport.WriteAsync(Response, $"assessment-{f.Area.Replace(':', '-')}-{MonthKey.Iso(f.Windows.CurrentTo)}.csv", AssessmentCsv.Header, AssessmentCsv.Rows(f), ct);
        return new EmptyResult();
    }
}

/// <summary>Assessment figures as "measure,value" rows plus one row per category, the same numbers as the page and API.</summary>
public static class AssessmentCsv
{
    public static IReadOnlyList<string> Header { get; } = ["section", "measure", "value", "previous", "change", "percent_change", "p_value", "verdict"];

    public static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(AssessmentFigures f)
    {
        var inv = CultureInfo.InvariantCulture;
        yield return ["area", "name", f.AreaName, null, null, null, null, null];
        yield return ["area", "period", $"{MonthKey.Iso(f.Windows.CurrentFrom)} to {MonthKey.Iso(f.Windows.CurrentTo)}", $"{MonthKey.Iso(f.Windows.PreviousFrom)} to {MonthKey.Iso(f.Windows.PreviousTo)}", null, null, null, null];
        yield return ["area", "population", f.Population?.ToString(inv), null, null, null, null, null];
        yield return ["area", "offences", f.Offences.ToString(inv), f.AllCrime.Previous.ToString(inv), f.Comparable ? f.AllCrime.Change.ToString(inv) : null,
            f.AllCrime.PercentChange?.ToString("0.0", inv), f.AllCrime.PValue?.ToString("0.####", inv), f.AllCrime.VerdictText];
        yield return ["area", "offences_per_1000", f.OffencesPerThousand?.ToString("0.0", inv), null, null, null, null, null];
        yield return ["area", "asb_incidents", f.AsbIncidents.ToString(inv), null, null, null, null, null];
        yield return ["area", "asb_share_of_all_incidents_percent", f.AsbSharePercent?.ToString("0.0", inv), null, null, null, null, null];
        yield return ["area", "missing_months", string.Join(' ', f.MissingMonths.Select(MonthKey.Iso)), null, null, null, null, null];
        if (f.Benchmark is { } b)
        {
            yield return ["benchmark", "name", $"{b.Name} ({b.PeriodLabel})", null, null, null, null, null];
            yield return ["benchmark", "offences", b.Offences.ToString(inv), null, null, b.PercentChange?.ToString("0.0", inv), null, null];
            yield return ["benchmark", "population", b.Population.ToString(inv), null, null, null, null, null];
            yield return ["benchmark", "offences_per_1000", b.Rate.ToString("0.0", inv), null, null, null, null, null];
            yield return ["benchmark", "area_to_benchmark_ratio", f.AgainstBenchmark?.Ratio?.ToString("0.000", inv), null, null, null, null, null];
            yield return ["benchmark", "source", b.Source, null, null, null, null, null];
        }

        foreach (var r in f.Categories)
        {
            yield return ["category", r.Name, r.Current.ToString(inv), r.Previous.ToString(inv), f.Comparable ? r.Change.ToString(inv) : null,
                r.PercentChange?.ToString("0.0", inv), r.PValue?.ToString("0.####", inv), r.VerdictText];
            if (f.BenchmarkRateOf(r) is { } br)
            {
                yield return ["category_per_1000", r.Name, f.RateOf(r)?.ToString("0.00", inv), null, null, null, null, $"benchmark {br.ToString("0.00", inv)}"];
            }
        }

        foreach (var s in f.Summary)
        {
            yield return ["summary", "sentence", s, null, null, null, null, null];
        }

        await Task.CompletedTask;
    }
}
