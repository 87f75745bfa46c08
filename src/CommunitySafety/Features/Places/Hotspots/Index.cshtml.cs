using System.Globalization;
using System.Net;
using System.Text;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Places.Hotspots;

[Authorize(Policy = Policies.PlacesRead)]
public sealed class HotspotsModel(AppDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    /// <summary>Category code name (e.g. "Burglary"), or empty for all recorded crime.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>"auto", "Monthly", "Quarterly" or "Yearly".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    /// <summary>"grid" or "wards".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    /// <summary>Page of the table of classified cells or wards (1-based; "page" in the query string).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Rows a page: hundreds of rows made the page thousands of pixels tall.</summary>
    public const int PageSize = 25;

    public int TotalPages { get; private set; } = 1;

    public IReadOnlyList<HotspotResult> Rows { get; private set; } = [];

    public int ClassifiedCount { get; private set; }

    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];

    public HotspotReport? Report { get; private set; }

    // "page" is also Razor Pages' own route value, so it is read from the query string explicitly.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int page, CancellationToken ct)
    {
        PageNumber = page;
        Areas = await PlacesAreaFigures.OptionsAsync(db, ct);
        Report = await HotspotAnalysis.RunAsync(db, HotspotRequests.From(Area, Category, From, To, Period, Unit), ct);
        if (Report is null)
        {
            return NotFound();
        }

        Area = Report.Request.Area.ToString();
        From = MonthKey.Iso(Report.FromMonth);
        To = MonthKey.Iso(Report.ToMonth);
        var classified = Report.Classified.ToList();
        ClassifiedCount = classified.Count;
        TotalPages = Math.Max(1, (classified.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, TotalPages);
        Rows = classified.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var r = await HotspotAnalysis.RunAsync(db, HotspotRequests.From(Area, Category, From, To, Period, Unit), ct);
        if (r is null)
        {
            return NotFound();
        }

        await audit.WriteAsync(new AuditEntry(AuditActions.Export, "places-hotspots", r.Request.Area.ToString(), $"{r.Request.Unit} {MonthKey.Iso(r.FromMonth)} to {MonthKey.Iso(r.ToMonth)}"), ct);
        await CsvExport.WriteAsync(Response, $"hotspots-{r.Request.Unit.ToString().ToLowerInvariant()}-{MonthKey.Iso(r.ToMonth)}.csv", HotspotCsv.Header, HotspotCsv.Rows(r), ct);
        return new EmptyResult();
    }

    public string Query(string? unit = null) =>
        $"area={Uri.EscapeDataString(Area ?? "county")}&category={Uri.EscapeDataString(Category ?? "")}&from={From}&to={To}&period={Uri.EscapeDataString(Period ?? "auto")}&unit={unit ?? Unit ?? "grid"}";
}

/// <summary>Turns query-string values into a <see cref="HotspotRequest"/> (shared by the page and the API).</summary>
public static class HotspotRequests
{
    public static HotspotRequest From(string? area, string? category, string? from, string? to, string? period, string? unit) =>
        new(AreaSelection.Parse(area), CategoryNames.Parse(category), MonthKey.Parse(from), MonthKey.Parse(to),
            Enum.TryParse<HotspotPeriod>(period, ignoreCase: true, out var p) && p is HotspotPeriod.Monthly or HotspotPeriod.Quarterly or HotspotPeriod.Yearly ? p : null,
            string.Equals(unit, "wards", StringComparison.OrdinalIgnoreCase) ? HotspotUnit.Wards : HotspotUnit.Grid);
}

public static class HotspotCsv
{
    public static IReadOnlyList<string> Header { get; } =
        ["unit", "key", "name", "class", "hot_periods", "cold_periods", "recent_hot_periods", "recent_cold_periods", "periods", "total", "latest_z"];

    public static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(HotspotReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var x in r.Classified)
        {
            var c = x.Classification;
            yield return [r.Request.Unit.ToString(), x.Key, x.Name, HotspotAnalysis.ClassText(x.Class), c.HotPeriods.ToString(inv), c.ColdPeriods.ToString(inv),
                c.RecentHotPeriods.ToString(inv), c.RecentColdPeriods.ToString(inv), c.Periods.ToString(inv), x.Total.ToString(inv), x.LatestZ.ToString("0.###", inv)];
        }

        await Task.CompletedTask;
    }
}

/// <summary>Server-rendered SVG of the classified grid cells (north up; one unit per cell; classes styled in places-analysis.css).</summary>
public static class HotspotGridMap
{
    public static IHtmlContent Render(HotspotReport r)
    {
        if (r.Grid is not { } g)
        {
            return HtmlString.Empty;
        }

        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var hot = r.Classified.Count(x => HotspotAnalysis.IsHot(x.Class));
        sb.Append(inv, $"<svg class=\"app-grid-map\" viewBox=\"0 0 {g.Columns} {g.Rows}\" role=\"img\" aria-label=\"Grid of {g.Columns} by {g.Rows} cells of {g.CellSize:0} metres; {hot} hotspot cells, {r.Classified.Count() - hot} other classified cells\" xmlns=\"http://www.w3.org/2000/svg\" preserveAspectRatio=\"xMidYMid meet\">");
        sb.Append(inv, $"<rect class=\"app-grid-map__cell\" x=\"0\" y=\"0\" width=\"{g.Columns}\" height=\"{g.Rows}\" />");
        foreach (var c in r.Classified)
        {
            sb.Append(inv, $"<rect class=\"app-hs--{c.Class}\" x=\"{c.Column}\" y=\"{g.Rows - 1 - c.Row}\" width=\"1\" height=\"1\"><title>{WebUtility.HtmlEncode(c.Name)}: {HotspotAnalysis.ClassText(c.Class)}</title></rect>");
        }

        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }
}
