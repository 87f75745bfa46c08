using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Places.Trends;

[Authorize(Policy = Policies.PlacesRead)]
public sealed class TrendsModel(AppDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    /// <summary>"To" month as yyyy-mm.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];

    public TrendReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Areas = await PlacesAreaFigures.OptionsAsync(db, ct);
        Report = await TrendAnalysis.RunAsync(db, AreaSelection.Parse(Area), MonthKey.Parse(To), ct);
        if (Report is null)
        {
            return NotFound();
        }

        To = MonthKey.Iso(Report.ToMonth);
        Area = Report.Area;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var report = await TrendAnalysis.RunAsync(db, AreaSelection.Parse(Area), MonthKey.Parse(To), ct);
        if (report is null)
        {
            return NotFound();
        }

        await audit.WriteAsync(new AuditEntry(AuditActions.Export, "places-trends", report.Area, $"to {MonthKey.Iso(report.ToMonth)}"), ct);
        await CsvExport.WriteAsync(Response, $"trends-{report.Area.Replace(':', '-')}-{MonthKey.Iso(report.ToMonth)}.csv", TrendsCsv.Header, TrendsCsv.Rows(report), ct);
        return new EmptyResult();
    }
}

/// <summary>The trend figures as CSV rows (the same numbers as the page and the API).</summary>
public static class TrendsCsv
{
    public static IReadOnlyList<string> Header { get; } =
        ["area", "category", "current_from", "current_to", "current_count", "previous_from", "previous_to", "previous_count",
         "change", "percent_change", "p_value", "verdict", "current_months_present", "previous_months_present", "missing_months"];

    public static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(TrendReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = r.Windows;
        var missing = string.Join(' ', r.MissingMonths.Select(MonthKey.Iso));
        foreach (var row in r.Categories.Append(r.AllCrime))
        {
            yield return [r.AreaName, row.Name, MonthKey.Iso(w.CurrentFrom), MonthKey.Iso(w.CurrentTo), row.Current.ToString(inv),
                MonthKey.Iso(w.PreviousFrom), MonthKey.Iso(w.PreviousTo), row.Previous.ToString(inv), row.Change.ToString(inv),
                row.PercentChange?.ToString("0.0", inv), row.PValue?.ToString("0.####", inv), row.VerdictText,
                w.CurrentMonths.ToString(inv), w.PreviousMonths.ToString(inv), missing];
        }

        await Task.CompletedTask;
    }
}
