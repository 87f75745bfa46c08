using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Harm;

[Authorize(Policy = Policies.PlacesRead)]
public sealed class HarmModel(AppDb db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Table { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];

    public IReadOnlyList<HarmTable> Tables { get; private set; } = [];

    public HarmReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Areas = await PlacesAreaFigures.OptionsAsync(db, ct);
        Tables = await db.Set<HarmTable>().AsNoTracking().OrderBy(t => t.Name).ThenByDescending(t => t.LoadedUtc).ToListAsync(ct);
        Report = await HarmQuery.RunAsync(db, AreaSelection.Parse(Area), Table, MonthKey.Parse(From), MonthKey.Parse(To), ct);
        if (Report is not null)
        {
            Area = Report.Area;
            Table = Report.Table.Id;
            From = MonthKey.Iso(Report.FromMonth);
            To = MonthKey.Iso(Report.ToMonth);
        }
        else if (Tables.Count > 0)
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var r = await HarmQuery.RunAsync(db, AreaSelection.Parse(Area), Table, MonthKey.Parse(From), MonthKey.Parse(To), ct);
        if (r is null)
        {
            return NotFound();
        }

        await audit.WriteAsync(new AuditEntry(AuditActions.Export, "places-harm", r.Area, $"{r.Table.Name} {r.Table.TableVersion}"), ct);
        await CsvExport.WriteAsync(Response, $"harm-{r.Area.Replace(':', '-')}-{MonthKey.Iso(r.ToMonth)}.csv", HarmCsv.Header, HarmCsv.Rows(r), ct);
        return new EmptyResult();
    }
}

public static class HarmCsv
{
    public static IReadOnlyList<string> Header { get; } =
        ["area", "from", "to", "weight_table", "weight_table_version", "category", "count", "weight", "harm", "note"];

    public static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(HarmReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        string?[] Prefix() => [r.AreaName, MonthKey.Iso(r.FromMonth), MonthKey.Iso(r.ToMonth), r.Table.Name, r.Table.TableVersion];
        foreach (var c in r.Result.Categories)
        {
            yield return [.. Prefix(), c.Category, c.Count.ToString(inv), c.Weight.ToString(inv), c.Harm.ToString("0.##", inv), null];
        }

        foreach (var m in r.Result.MissingCategories)
        {
            yield return [.. Prefix(), m, r.CountOf(m).ToString(inv), null, null, "no weight in this table; not included in the harm total"];
        }

        yield return [.. Prefix(), "Total", r.PlainCount.ToString(inv), null, r.Result.TotalHarm.ToString("0.##", inv),
            r.Result.HarmPerThousand is { } p ? $"harm per 1,000 residents {p.ToString("0.##", inv)}" : "population unknown"];
        await Task.CompletedTask;
    }
}
