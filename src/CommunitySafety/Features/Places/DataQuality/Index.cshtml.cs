using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Places.DataQuality;

[Authorize(Policy = Policies.PlacesRead)]
public sealed class DataQualityModel(AppDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public DataQualityReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Report = await DataQualityQuery.RunAsync(db, MonthKey.Parse(From), MonthKey.Parse(To), ct);
        From = MonthKey.Iso(Report.FromMonth);
        To = MonthKey.Iso(Report.ToMonth);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var report = await DataQualityQuery.RunAsync(db, MonthKey.Parse(From), MonthKey.Parse(To), ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.Export, "places-data-quality", null, $"{MonthKey.Iso(report.FromMonth)} to {MonthKey.Iso(report.ToMonth)}"), ct);
        await CsvExport.WriteAsync(Response, $"data-quality-{MonthKey.Iso(report.FromMonth)}-{MonthKey.Iso(report.ToMonth)}.csv", DataQualityCsv.Header, DataQualityCsv.Rows(report), ct);
        return new EmptyResult();
    }
}

public static class DataQualityCsv
{
    public static IReadOnlyList<string> Header { get; } =
        ["force", "month", "status", "records", "without_coordinates", "without_coordinates_percent", "no_location", "no_location_percent",
         "blank_lsoa", "blank_lsoa_percent", "outside_area", "outside_area_percent"];

    public static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(DataQualityReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var c in r.Cells)
        {
            yield return c.Present
                ? [c.Force, MonthKey.Iso(c.Month), "present", c.RecordCount.ToString(inv), c.WithoutCoordinates.ToString(inv), c.WithoutCoordinatesPercent?.ToString("0.0", inv),
                   c.NoLocation.ToString(inv), c.NoLocationPercent?.ToString("0.0", inv), c.WithoutLsoa.ToString(inv), c.WithoutLsoaPercent?.ToString("0.0", inv),
                   c.OutsideArea.ToString(inv), c.OutsideAreaPercent?.ToString("0.0", inv)]
                : [c.Force, MonthKey.Iso(c.Month), "missing", null, null, null, null, null, null, null, null, null];
        }

        await Task.CompletedTask;
    }
}
