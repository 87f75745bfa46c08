using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace CommunitySafety.Features.Places.Hotspots;

public enum HotspotUnit
{
    Grid,
    Wards,
}

/// <summary>What to analyse. Category null = all recorded crime (every category except anti-social behaviour).</summary>
public sealed record HotspotRequest(AreaSelection Area, CrimeCategory? Category, int? FromMonth, int? ToMonth, HotspotPeriod? Period, HotspotUnit Unit);

/// <summary>One period of the analysis (e.g. one month or one quarter).</summary>
/// <param name="MissingMonths">Months of this period with no force-month loaded.</param>
/// <param name="Excluded">True when every month is missing: the period is left out rather than read as no crime.</param>
public sealed record HotspotPeriodInfo(int Index, int FirstMonth, int LastMonth, IReadOnlyList<int> MissingMonths, bool Excluded)
{
    public string Label => FirstMonth == LastMonth ? MonthKey.Display(FirstMonth) : $"{MonthKey.Display(FirstMonth)} to {MonthKey.Display(LastMonth)}";
}

/// <summary>A classified cell or ward.</summary>
/// <param name="Key">Grid "column,row" or the ward code.</param>
/// <param name="Counts">Count per included period, oldest first.</param>
/// <param name="LatestZ">Gi* z-score in the latest included period.</param>
public sealed record HotspotResult(string Key, string Name, int Column, int Row, HotspotClassification Classification, IReadOnlyList<long> Counts, double LatestZ)
{
    public long Total => Counts.Sum();

    public HotspotClass Class => Classification.Class;
}

public sealed record HotspotReport(
    HotspotRequest Request,
    string AreaName,
    int FromMonth,
    int ToMonth,
    HotspotPeriod Period,
    IReadOnlyList<HotspotPeriodInfo> Periods,
    HotspotGrid? Grid,
    int PointsOutsideGrid,
    long Records,
    IReadOnlyList<HotspotResult> Results,
    string? Problem)
{
    public IEnumerable<HotspotResult> Classified => Results.Where(r => r.Class != HotspotClass.None);

    public int IncludedPeriods => Periods.Count(p => !p.Excluded);
}

/// <summary>
/// Gi* hotspots per period over a grid or over wards, Holm-adjusted across periods and classified as
/// persistent / emerging / former / intermittent hot- or coldspots, or mixed (sfhotspot hotspot_classify()
/// defaults, reference.md §2.11).
/// </summary>
/// <remarks>
/// The grid covers the bounding box of the area's current wards in British National Grid metres, not the
/// points' extent, so one stray point cannot blow the grid up (sfhotspot issue #24). Records are
/// pre-aggregated in SQL by month and map point (police.uk snaps every crime to a limited set of anonymous
/// points, reference.md §2.9), so each distinct point is projected once.
/// </remarks>
public static class HotspotAnalysis
{
    public static string ClassText(HotspotClass c) => c switch
    {
        HotspotClass.PersistentHotspot => "Persistent hotspot",
        HotspotClass.EmergingHotspot => "Emerging hotspot",
        HotspotClass.FormerHotspot => "Former hotspot",
        HotspotClass.IntermittentHotspot => "Intermittent hotspot",
        HotspotClass.PersistentColdspot => "Persistent coldspot",
        HotspotClass.EmergingColdspot => "Emerging coldspot",
        HotspotClass.FormerColdspot => "Former coldspot",
        HotspotClass.IntermittentColdspot => "Intermittent coldspot",
        HotspotClass.Mixed => "Mixed (both hot and cold)",
        _ => "None",
    };

    public static bool IsHot(HotspotClass c) => c is HotspotClass.PersistentHotspot or HotspotClass.EmergingHotspot or HotspotClass.FormerHotspot or HotspotClass.IntermittentHotspot;

    /// <summary>
    /// Splits the months into periods. <paramref name="chosen"/> null = automatic (sfhotspot's rule, made monthly for
    /// month-dated police.uk data: <see cref="HotspotPeriods.ChooseForMonthlyData"/>).
    /// </summary>
    public static (HotspotPeriod Period, IReadOnlyList<HotspotPeriodInfo> Periods, Dictionary<int, int> PeriodOfMonth) Periods(
        int from, int to, HotspotPeriod? chosen, IReadOnlySet<int> missing)
    {
        var origin = MonthKey.FirstDay(from);
        var end = MonthKey.FirstDay(MonthKey.Add(to, 1));
        var period = chosen ?? HotspotPeriods.ChooseForMonthlyData(end.ToDateTime(TimeOnly.MinValue) - origin.ToDateTime(TimeOnly.MinValue));
        if (period is HotspotPeriod.Daily or HotspotPeriod.Weekly or HotspotPeriod.TwentyEightDay)
        {
            period = HotspotPeriod.Monthly; // police.uk records are dated to the month only
        }

        var byIndex = new SortedDictionary<int, List<int>>();
        foreach (var m in MonthKey.Range(from, to))
        {
            var i = HotspotPeriods.PeriodIndex(period, origin, MonthKey.FirstDay(m));
            if (!byIndex.TryGetValue(i, out var list))
            {
                byIndex[i] = list = [];
            }

            list.Add(m);
        }

        var periods = new List<HotspotPeriodInfo>();
        var periodOfMonth = new Dictionary<int, int>();
        foreach (var (index, months) in byIndex)
        {
            var miss = months.Where(missing.Contains).ToList();
            periods.Add(new HotspotPeriodInfo(index, months[0], months[^1], miss, miss.Count == months.Count));
            foreach (var m in months)
            {
                periodOfMonth[m] = index;
            }
        }

        return (period, periods, periodOfMonth);
    }

    /// <summary>
    /// Gi* per period (rows of <paramref name="countsByPeriod"/>: one value per unit), then Holm across each unit's
    /// periods (R p.adjust default, as sfhotspot), then the classification.
    /// </summary>
    public static IReadOnlyList<HotspotClassification> Classify(IReadOnlyList<IReadOnlyList<GiStarResult>> giByPeriod, int units)
    {
        var classes = new HotspotClassification[units];
        var critical = HotspotClassifierParameters.Default.CriticalP;
        HotspotClassification? insignificant = null;
        for (var u = 0; u < units; u++)
        {
            // Holm never lowers a p-value (each is multiplied by at least 1, then a running maximum is taken),
            // so a unit with no raw p below the threshold has no significant period: its classification is the
            // all-insignificant one, the same for every such unit. Most cells of a grid are like this.
            var anyBelow = false;
            foreach (var period in giByPeriod)
            {
                if (period[u].PValue < critical)
                {
                    anyBelow = true;
                    break;
                }
            }

            if (!anyBelow && insignificant is not null)
            {
                classes[u] = insignificant;
                continue;
            }

            var raw = giByPeriod.Select(p => p[u].PValue).ToList();
            var adjusted = PValueAdjustment.Holm(raw);
            var stats = giByPeriod.Select((p, i) => new PeriodStatistic(p[u].Z, adjusted[i])).ToList();
            classes[u] = HotspotClassifier.Classify(stats);
            if (!anyBelow)
            {
                insignificant = classes[u];
            }
        }

        return classes;
    }

    public static async Task<HotspotReport?> RunAsync(AppDb db, HotspotRequest request, CancellationToken ct)
    {
        var area = await PlacesAreaFigures.ResolveAsync(db, request.Area, ct);
        if (area is null)
        {
            return null;
        }

        var to = request.ToMonth ?? await PlacesAreaFigures.LatestMonthAsync(db, ct) ?? (DateTime.UtcNow.Year * 100) + DateTime.UtcNow.Month;
        var from = request.FromMonth is { } f && f <= to ? f : MonthKey.Add(to, -23);
        if (MonthKey.Range(from, to).Count > 120)
        {
            from = MonthKey.Add(to, -119);
        }

        var forces = await PlacesAreaFigures.ForcesCoveringAsync(db, area.WardIds, ct);
        var missing = await PlacesAreaFigures.MissingMonthsAsync(db, forces, from, to, ct);
        var (period, periods, periodOfMonth) = Periods(from, to, request.Period, missing);
        var included = periods.Where(p => !p.Excluded).ToList();
        var slot = included.Select((p, i) => (p.Index, i)).ToDictionary(x => x.Index, x => x.i);

        var empty = new HotspotReport(request, area.Name, from, to, period, periods, null, 0, 0, [], null);
        if (area.WardIds.Count == 0)
        {
            return empty with { Problem = "No wards are loaded for this area." };
        }

        if (included.Count == 0)
        {
            return empty with { Problem = "Every month in this range is missing." };
        }

        return request.Unit == HotspotUnit.Wards
            ? await WardsAsync(db, request, area, empty, periodOfMonth, slot, included.Count, ct)
            : await GridAsync(db, request, area, empty, periodOfMonth, slot, included.Count, ct);
    }

    static async Task<HotspotReport> GridAsync(AppDb db, HotspotRequest request, ResolvedArea area, HotspotReport report,
        Dictionary<int, int> periodOfMonth, Dictionary<int, int> slot, int periodCount, CancellationToken ct)
    {
        var ids = area.WardIds.ToList();
        var box = await PlacesAreaFigures.CurrentWards(db).Where(w => ids.Contains(w.Id))
            .GroupBy(w => 1).Select(g => new { MinLon = g.Min(w => w.MinLongitude), MinLat = g.Min(w => w.MinLatitude), MaxLon = g.Max(w => w.MaxLongitude), MaxLat = g.Max(w => w.MaxLatitude) })
            .SingleAsync(ct);
        if (!BritishNationalGrid.IsWithinGreatBritain(box.MinLon, box.MinLat) || !BritishNationalGrid.IsWithinGreatBritain(box.MaxLon, box.MaxLat))
        {
            return report with { Problem = "The area's wards are not within Great Britain, so a British National Grid grid cannot be drawn." };
        }

        // The projected box of a lon/lat box is curved: take corners and edge midpoints.
        var midLon = (box.MinLon + box.MaxLon) / 2;
        var midLat = (box.MinLat + box.MaxLat) / 2;
        var corners = new[] { (box.MinLon, box.MinLat), (box.MinLon, box.MaxLat), (box.MaxLon, box.MinLat), (box.MaxLon, box.MaxLat),
            (midLon, box.MinLat), (midLon, box.MaxLat), (box.MinLon, midLat), (box.MaxLon, midLat) }
            .Select(c => BritishNationalGrid.FromWgs84(c.Item1, c.Item2)).ToList();
        HotspotGrid grid;
        try
        {
            grid = HotspotGrid.Create(corners.Min(c => c.Easting), corners.Min(c => c.Northing), corners.Max(c => c.Easting), corners.Max(c => c.Northing));
        }
        catch (GridTooLargeException ex)
        {
            return report with { Problem = ex.Message };
        }

        var cellCount = (int)grid.CellCount;
        var counts = Enumerable.Range(0, periodCount).Select(_ => new double[cellCount]).ToArray();
        var slotOfMonth = new Dictionary<int, int>();
        foreach (var (month, index) in periodOfMonth)
        {
            // Months inside an excluded (all-missing) period have no slot and no records anyway.
            slotOfMonth[month] = slot.TryGetValue(index, out var s) ? s : -1;
        }

        var wardFilter = request.Area.Kind == AreaKind.County ? null : area.WardIds.ToHashSet();
        var cellOfPoint = new Dictionary<(double, double), int>();
        var outside = 0;
        long records = 0;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = GridRecordsCommand(connection, report.FromMonth, report.ToMonth, request.Category);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var s = slotOfMonth[reader.GetInt32(0)];
                if (s < 0 || (wardFilter is not null && !wardFilter.Contains(reader.GetInt32(3))))
                {
                    continue;
                }

                var lon = reader.GetDouble(1);
                var lat = reader.GetDouble(2);
                ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(cellOfPoint, (lon, lat), out var known);
                if (!known)
                {
                    index = CellIndex(grid, lon, lat);
                }

                if (index < 0)
                {
                    outside++;
                    continue;
                }

                counts[s][index]++;
                records++;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var gi = counts.Select(c => GetisOrdGiStar.ForGrid(grid.Columns, grid.Rows, c, grid.CellSize)).ToList();
        var classes = Classify(gi, cellCount);
        var results = new List<HotspotResult>();
        for (var i = 0; i < cellCount; i++)
        {
            if (classes[i].Class == HotspotClass.None && counts.All(c => c[i] == 0))
            {
                continue;
            }

            var col = i % grid.Columns;
            var row = i / grid.Columns;
            var series = counts.Select(c => (long)c[i]).ToList();

            var (x, y) = grid.CentreOf(new GridCell(col, row));
            var centre = BritishNationalGrid.ToWgs84(x, y);
            results.Add(new HotspotResult(string.Create(CultureInfo.InvariantCulture, $"{col},{row}"),
                string.Create(CultureInfo.InvariantCulture, $"Cell {col},{row} (near {centre.Latitude:0.0000}, {centre.Longitude:0.0000})"),
                col, row, classes[i], series, gi[^1][i].Z));
        }

        return report with { Grid = grid, PointsOutsideGrid = outside, Records = records, Results = Order(results) };
    }

    /// <summary>
    /// The records a grid counts: placed in a ward, with a map point, in the month range and category (all
    /// recorded crime = every category but anti-social behaviour). One row per record, binned by the caller.
    /// </summary>
    /// <remarks>
    /// Hand-written (names are snake_case on both providers) and read with a plain data reader because this is
    /// the page's hot loop: about 100,000 rows for a county's two years. Grouping by (month, point) in SQL sorted
    /// every row into a temporary B-tree, and EF materialising the rows cost twice the raw read; counting the
    /// rows one at a time gives exactly the grouped totals, as counts are whole numbers. The force-month
    /// subquery lets the database use crime_records' only index (force_month_id).
    /// </remarks>
    static DbCommand GridRecordsCommand(DbConnection connection, int fromMonth, int toMonth, CrimeCategory? category)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            "SELECT month, longitude, latitude, ward_id FROM crime_records " +
            "WHERE force_month_id IN (SELECT id FROM force_months WHERE month >= @from AND month <= @to) " +
            "AND month >= @from AND month <= @to AND longitude IS NOT NULL AND latitude IS NOT NULL AND ward_id IS NOT NULL " +
            (category is null ? "AND category <> @category" : "AND category = @category");
        Add(command, "@from", fromMonth);
        Add(command, "@to", toMonth);
        Add(command, "@category", (int)(category ?? CrimeCategory.AntiSocialBehaviour));
        return command;

        static void Add(DbCommand command, string name, int value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>Row-major index of the grid cell holding a WGS84 point, or -1 when it is outside Great Britain or the grid.</summary>
    static int CellIndex(HotspotGrid grid, double lon, double lat)
    {
        if (!BritishNationalGrid.IsWithinGreatBritain(lon, lat))
        {
            return -1;
        }

        var bng = BritishNationalGrid.FromWgs84(lon, lat);
        return grid.CellOf(bng.Easting, bng.Northing) is { } cell ? grid.IndexOf(cell) : -1;
    }

    static async Task<HotspotReport> WardsAsync(AppDb db, HotspotRequest request, ResolvedArea area, HotspotReport report,
        Dictionary<int, int> periodOfMonth, Dictionary<int, int> slot, int periodCount, CancellationToken ct)
    {
        var ids = area.WardIds.ToList();
        var wards = await PlacesAreaFigures.CurrentWards(db).Where(w => ids.Contains(w.Id)).OrderBy(w => w.Code)
            .Select(w => new { w.Id, w.Code, w.Name, w.Geometry }).ToListAsync(ct);
        var query = db.Set<WardMonthlyCount>().AsNoTracking()
            .Where(c => c.WardId != null && ids.Contains(c.WardId.Value) && c.Month >= report.FromMonth && c.Month <= report.ToMonth);
        query = request.Category is { } cat ? query.Where(c => c.Category == cat) : query.Where(c => c.Category != CrimeCategory.AntiSocialBehaviour);
        var rows = await query.GroupBy(c => new { WardId = c.WardId!.Value, c.Month }).Select(g => new { g.Key.WardId, g.Key.Month, Count = g.Sum(c => (long)c.Count) }).ToListAsync(ct);

        var position = wards.Select((w, i) => (w.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var counts = Enumerable.Range(0, periodCount).Select(_ => new double[wards.Count]).ToArray();
        long records = 0;
        foreach (var r in rows)
        {
            if (slot.TryGetValue(periodOfMonth[r.Month], out var s))
            {
                counts[s][position[r.WardId]] += r.Count;
                records += r.Count;
            }
        }

        var neighbours = WardNeighbours.Build(wards.Select(w => w.Geometry).ToList());
        var gi = counts.Select(c => GetisOrdGiStar.ForAreas(c, neighbours)).ToList();
        var classes = Classify(gi, wards.Count);
        var results = wards.Select((w, i) => new HotspotResult(w.Code, w.Name, -1, -1, classes[i], counts.Select(c => (long)c[i]).ToList(), gi[^1][i].Z)).ToList();
        return report with { Records = records, Results = Order(results) };
    }

    static List<HotspotResult> Order(IEnumerable<HotspotResult> results) =>
        results.OrderBy(r => r.Class == HotspotClass.None).ThenBy(r => r.Class).ThenByDescending(r => r.Total).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
}

/// <summary>Ward contiguity: wards whose polygons touch or overlap (queen contiguity), found with NetTopologySuite.</summary>
public static class WardNeighbours
{
    public static IReadOnlyList<IReadOnlyCollection<int>> Build(IReadOnlyList<byte[]> wkb)
    {
        ArgumentNullException.ThrowIfNull(wkb);
        var reader = new WKBReader();
        var geometries = wkb.Select(b => reader.Read(b)).ToList();
        var prepared = geometries.Select(NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare).ToList();
        var lists = geometries.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < geometries.Count; i++)
        {
            for (var j = i + 1; j < geometries.Count; j++)
            {
                // Envelope test first: it rules out almost every pair cheaply.
                if (geometries[i].EnvelopeInternal.Intersects(geometries[j].EnvelopeInternal) && prepared[i].Intersects(geometries[j]))
                {
                    lists[i].Add(j);
                    lists[j].Add(i);
                }
            }
        }

        return lists;
    }
}
