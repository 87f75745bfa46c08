using System.Text.Json;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.DataQuality;
using CommunitySafety.Features.Places.Harm;
using CommunitySafety.Features.Places.Hotspots;
using CommunitySafety.Features.Places.Trends;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Assessment;

/// <summary>
/// JSON API for the Places analysis pages: the same queries as the pages, so API figures equal page figures.
/// Aggregate police.uk data only (no personal data), so reads need <see cref="Policies.PlacesRead"/>.
/// </summary>
public static class PlacesAnalysisFeature
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static void MapApi(RouteGroupBuilder api)
    {
        var places = api.MapGroup("/places").RequireAuthorization(Policies.PlacesRead);

        places.MapGet("/trends", async (AppDb db, string? area, string? to, CancellationToken ct) =>
            await TrendAnalysis.RunAsync(db, AreaSelection.Parse(area), MonthKey.Parse(to), ct) is { } r ? Results.Ok(TrendsJson(r)) : Results.NotFound());

        places.MapGet("/data-quality", async (AppDb db, string? from, string? to, CancellationToken ct) =>
        {
            var r = await DataQualityQuery.RunAsync(db, MonthKey.Parse(from), MonthKey.Parse(to), ct);
            return Results.Ok(new
            {
                from = MonthKey.Iso(r.FromMonth),
                to = MonthKey.Iso(r.ToMonth),
                forces = r.Forces,
                months = r.Months.Select(MonthKey.Iso),
                cells = r.Cells.Select(c => new
                {
                    force = c.Force,
                    month = MonthKey.Iso(c.Month),
                    status = c.Present ? "present" : "missing",
                    records = c.Present ? (int?)c.RecordCount : null,
                    withoutCoordinates = c.Present ? (long?)c.WithoutCoordinates : null,
                    noLocation = c.Present ? (long?)c.NoLocation : null,
                    blankLsoa = c.Present ? (long?)c.WithoutLsoa : null,
                    outsideArea = c.Present ? (long?)c.OutsideArea : null,
                    withoutCoordinatesPercent = c.WithoutCoordinatesPercent,
                    noLocationPercent = c.NoLocationPercent,
                    blankLsoaPercent = c.WithoutLsoaPercent,
                    outsideAreaPercent = c.OutsideAreaPercent,
                }),
            });
        });

        places.MapGet("/harm", async (AppDb db, string? area, int? table, string? from, string? to, CancellationToken ct) =>
            await HarmQuery.RunAsync(db, AreaSelection.Parse(area), table, MonthKey.Parse(from), MonthKey.Parse(to), ct) is { } r
                ? Results.Ok(new
                {
                    area = r.AreaName,
                    from = MonthKey.Iso(r.FromMonth),
                    to = MonthKey.Iso(r.ToMonth),
                    weightTable = new { id = r.Table.Id, name = r.Table.Name, version = r.Table.TableVersion, source = r.Table.Source },
                    plainCount = r.PlainCount,
                    totalHarm = r.Result.TotalHarm,
                    harmPerThousand = r.Result.HarmPerThousand,
                    population = r.Population,
                    categories = r.Result.Categories.Select(c => new { category = c.Category, count = c.Count, weight = c.Weight, harm = c.Harm }),
                    missingCategories = r.Result.MissingCategories.Select(m => new { category = m, count = r.CountOf(m) }),
                    missingMonths = r.MissingMonths.Select(MonthKey.Iso),
                    wards = r.Wards.Select(w => new { code = w.Code, name = w.Name, count = w.Count, harm = w.Harm, harmPerThousand = w.HarmPerThousand }),
                })
                : Results.NotFound());

        places.MapGet("/harm/tables", async (AppDb db, CancellationToken ct) =>
            await db.Set<HarmTable>().AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.TableVersion)
                .Select(t => new { t.Id, t.Name, version = t.TableVersion, t.Source, t.LoadedBy, t.LoadedUtc }).ToListAsync(ct));

        places.MapGet("/benchmarks", async (AppDb db, CancellationToken ct) =>
        {
            var list = await db.Set<Benchmark>().AsNoTracking().OrderBy(b => b.Name).ThenByDescending(b => b.EndMonth).ToListAsync(ct);
            var counts = await db.Set<BenchmarkCategoryCount>().AsNoTracking().ToListAsync(ct);
            return list.Select(b => new
            {
                b.Id, b.Name, b.PeriodLabel, startMonth = MonthKey.Iso(b.StartMonth), endMonth = MonthKey.Iso(b.EndMonth),
                b.TotalOffences, b.PreviousTotalOffences, b.Population, perThousand = Rates.PerThousand(b.TotalOffences, b.Population), b.Source, b.EnteredBy, b.EnteredUtc,
                categories = counts.Where(c => c.BenchmarkId == b.Id).OrderBy(c => c.Category).Select(c => new { category = CategoryNames.Of(c.Category), count = c.Count }),
            });
        });

        places.MapGet("/assessment", async (AppDb db, string? area, string? from, string? to, int? benchmark, CancellationToken ct) =>
            await AssessmentQuery.RunAsync(db, AreaSelection.Parse(area), MonthKey.Parse(from), MonthKey.Parse(to), benchmark, ct) is { } f
                ? Results.Ok(new
                {
                    area = f.AreaName,
                    from = MonthKey.Iso(f.Windows.CurrentFrom),
                    to = MonthKey.Iso(f.Windows.CurrentTo),
                    previousFrom = MonthKey.Iso(f.Windows.PreviousFrom),
                    previousTo = MonthKey.Iso(f.Windows.PreviousTo),
                    population = f.Population,
                    offences = f.Offences,
                    offencesPerThousand = f.OffencesPerThousand,
                    change = RowJson(f.AllCrime),
                    benchmark = f.Benchmark is { } b ? new { b.Id, b.Name, b.PeriodLabel, offences = b.Offences, population = b.Population, perThousand = b.Rate, percentChange = b.PercentChange, source = b.Source, periodMatches = b.PeriodMatches } : null,
                    ratioToBenchmark = f.AgainstBenchmark?.Ratio,
                    asbIncidents = f.AsbIncidents,
                    asbSharePercent = f.AsbSharePercent,
                    risingFastest = f.RisingFastest?.Name,
                    categories = f.Categories.Select(RowJson),
                    categoryRates = f.Categories.Select(r => new { category = r.Name, perThousand = f.RateOf(r), benchmarkPerThousand = f.BenchmarkRateOf(r) }),
                    missingMonths = f.MissingMonths.Select(MonthKey.Iso),
                    summary = f.Summary,
                })
                : Results.NotFound());

        places.MapGet("/hotspots", async (AppDb db, string? area, string? category, string? from, string? to, string? period, string? unit, CancellationToken ct) =>
            await HotspotAnalysis.RunAsync(db, HotspotRequests.From(area, category, from, to, period, unit), ct) is { } r ? Results.Ok(HotspotsJson(r)) : Results.NotFound());

        places.MapGet("/hotspots.geojson", async (AppDb db, string? area, string? category, string? from, string? to, string? period, string? unit, CancellationToken ct) =>
            await HotspotAnalysis.RunAsync(db, HotspotRequests.From(area, category, from, to, period, unit), ct) is { } r
                ? Results.Text(HotspotGeoJson(r), "application/geo+json")
                : Results.NotFound());
    }

    static object RowJson(TrendRow r) => new
    {
        category = r.Name,
        current = r.Current,
        previous = r.Previous,
        change = r.Change,
        percentChange = r.PercentChange,
        pValue = r.PValue,
        verdict = r.VerdictText,
    };

    static object TrendsJson(TrendReport r) => new
    {
        area = r.AreaName,
        to = MonthKey.Iso(r.ToMonth),
        currentFrom = MonthKey.Iso(r.Windows.CurrentFrom),
        currentTo = MonthKey.Iso(r.Windows.CurrentTo),
        previousFrom = MonthKey.Iso(r.Windows.PreviousFrom),
        previousTo = MonthKey.Iso(r.Windows.PreviousTo),
        currentMonthsPresent = r.Windows.CurrentMonths,
        previousMonthsPresent = r.Windows.PreviousMonths,
        forces = r.Forces,
        missingMonths = r.MissingMonths.Select(MonthKey.Iso),
        allCrime = RowJson(r.AllCrime),
        categories = r.Categories.Select(RowJson),
        risingFastest = r.RisingFastest.Select(x => new { category = x.Name, percentChange = x.PercentChange, realRise = x.IsRealRise }),
        months = r.Months.Select(MonthKey.Iso),
        series = r.Series.Select(s => new { category = s.Name, counts = s.Counts }),
    };

    static object HotspotsJson(HotspotReport r) => new
    {
        area = r.AreaName,
        unit = r.Request.Unit.ToString(),
        category = r.Request.Category is { } c ? CategoryNames.Of(c) : "All crime (excluding anti-social behaviour)",
        from = MonthKey.Iso(r.FromMonth),
        to = MonthKey.Iso(r.ToMonth),
        period = r.Period.ToString(),
        periods = r.Periods.Select(p => new { label = p.Label, missingMonths = p.MissingMonths.Select(MonthKey.Iso), excluded = p.Excluded }),
        grid = r.Grid is { } g ? new { minEasting = g.MinX, minNorthing = g.MinY, cellSize = g.CellSize, columns = g.Columns, rows = g.Rows } : null,
        records = r.Records,
        pointsOutsideGrid = r.PointsOutsideGrid,
        problem = r.Problem,
        results = r.Classified.Select(x => new
        {
            key = x.Key,
            name = x.Name,
            @class = x.Class.ToString(),
            classText = HotspotAnalysis.ClassText(x.Class),
            hotPeriods = x.Classification.HotPeriods,
            coldPeriods = x.Classification.ColdPeriods,
            periods = x.Classification.Periods,
            total = x.Total,
            counts = x.Counts,
        }),
    };

    /// <summary>Classified cells as WGS84 polygons (or wards as properties keyed by code) for the map page to overlay.</summary>
    static string HotspotGeoJson(HotspotReport r)
    {
        var features = new List<object>();
        foreach (var x in r.Classified)
        {
            object? geometry = null;
            if (r.Grid is { } g && x.Column >= 0)
            {
                var x0 = g.MinX + (x.Column * g.CellSize);
                var y0 = g.MinY + (x.Row * g.CellSize);
                var ring = new[] { (x0, y0), (x0 + g.CellSize, y0), (x0 + g.CellSize, y0 + g.CellSize), (x0, y0 + g.CellSize), (x0, y0) }
                    .Select(p => BritishNationalGrid.ToWgs84(p.Item1, p.Item2))
                    .Select(p => new[] { Math.Round(p.Longitude, 6), Math.Round(p.Latitude, 6) }).ToArray();
                geometry = new { type = "Polygon", coordinates = new[] { ring } };
            }

            features.Add(new
            {
                type = "Feature",
                geometry,
                properties = new
                {
                    key = x.Key,
                    wardCode = r.Request.Unit == HotspotUnit.Wards ? x.Key : null,
                    name = x.Name,
                    @class = x.Class.ToString(),
                    classText = HotspotAnalysis.ClassText(x.Class),
                    hotPeriods = x.Classification.HotPeriods,
                    coldPeriods = x.Classification.ColdPeriods,
                    periods = x.Classification.Periods,
                    total = x.Total,
                },
            });
        }

        return JsonSerializer.Serialize(new { type = "FeatureCollection", features }, WebJson);
    }
}
