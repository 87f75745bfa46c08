using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.DataQuality;

/// <summary>
/// One force-month's coverage. <see cref="Present"/> false means police.uk published (or we loaded) nothing
/// for it: shown as "missing", never as zero (reference.md §2.9 data-quality traps: whole force-months absent).
/// </summary>
public sealed record CoverageCell(
    string Force,
    int Month,
    bool Present,
    int RecordCount,
    long WithoutCoordinates,
    long NoLocation,
    long WithoutLsoa,
    long OutsideArea)
{
    /// <summary>% of records with no map point (placed by LSOA or not at all).</summary>
    public double? WithoutCoordinatesPercent => Present ? Rates.SharePercent(Math.Min(WithoutCoordinates, RecordCount), RecordCount) : null;

    /// <summary>% with neither a map point nor a usable LSOA (police.uk "No location").</summary>
    public double? NoLocationPercent => Present ? Rates.SharePercent(Math.Min(NoLocation, RecordCount), RecordCount) : null;

    /// <summary>% with a blank LSOA code (1.4–2.6% nationally, over 10% in some force-years: reference.md §2.9).</summary>
    public double? WithoutLsoaPercent => Present ? Rates.SharePercent(Math.Min(WithoutLsoa, RecordCount), RecordCount) : null;

    public double? OutsideAreaPercent => Present ? Rates.SharePercent(Math.Min(OutsideArea, RecordCount), RecordCount) : null;
}

public sealed record DataQualityReport(int FromMonth, int ToMonth, IReadOnlyList<int> Months, IReadOnlyList<string> Forces, IReadOnlyList<CoverageCell> Cells)
{
    public CoverageCell Cell(string force, int month) => Cells.First(c => c.Force == force && c.Month == month);

    public int MissingCount => Cells.Count(c => !c.Present);
}

/// <summary>Coverage per force and month, the share of rows without location or LSOA, and records outside the area.</summary>
public static class DataQualityQuery
{
    /// <summary>Longest range shown at once, to keep the grid readable.</summary>
    public const int MaxMonths = 60;

    public static async Task<DataQualityReport> RunAsync(AppDb db, int? fromMonth, int? toMonth, CancellationToken ct)
    {
        var latest = await PlacesAreaFigures.LatestMonthAsync(db, ct);
        var earliest = await db.Set<ForceMonth>().AsNoTracking().MinAsync(f => (int?)f.Month, ct);
        var to = toMonth ?? latest ?? (DateTime.UtcNow.Year * 100) + DateTime.UtcNow.Month;
        var from = fromMonth ?? Math.Max(earliest ?? to, MonthKey.Add(to, -23));
        if (from > to)
        {
            (from, to) = (to, from);
        }

        if (MonthKey.Range(from, to).Count > MaxMonths)
        {
            from = MonthKey.Add(to, -(MaxMonths - 1));
        }

        var forceMonths = await db.Set<ForceMonth>().AsNoTracking().Where(f => f.Month >= from && f.Month <= to)
            .Select(f => new { f.Id, f.Force, f.Month, f.RecordCount }).ToListAsync(ct);
        var forces = await db.Set<ForceMonth>().AsNoTracking().Select(f => f.Force).Distinct().ToListAsync(ct);
        forces.Sort(StringComparer.Ordinal);

        var placements = await db.Set<WardMonthlyCount>().AsNoTracking().Where(c => c.Month >= from && c.Month <= to)
            .GroupBy(c => new { c.ForceMonthId, c.Placement })
            .Select(g => new { g.Key.ForceMonthId, g.Key.Placement, Count = g.Sum(c => (long)c.Count) }).ToListAsync(ct);
        // Through the force-months in range: crime_records is indexed on force_month_id only.
        var forceMonthIds = db.Set<ForceMonth>().Where(f => f.Month >= from && f.Month <= to).Select(f => f.Id);
        var blankLsoa = await db.Set<CrimeRecord>().AsNoTracking().Where(c => forceMonthIds.Contains(c.ForceMonthId) && (c.LsoaCode == null || c.LsoaCode == ""))
            .GroupBy(c => c.ForceMonthId).Select(g => new { ForceMonthId = g.Key, Count = g.LongCount() }).ToListAsync(ct);

        var months = MonthKey.Range(from, to);
        var cells = new List<CoverageCell>();
        foreach (var force in forces)
        {
            foreach (var month in months)
            {
                var fm = forceMonths.FirstOrDefault(f => f.Force == force && f.Month == month);
                if (fm is null)
                {
                    cells.Add(new CoverageCell(force, month, false, 0, 0, 0, 0, 0));
                    continue;
                }

                long Placed(Placement p) => placements.Where(x => x.ForceMonthId == fm.Id && x.Placement == p).Sum(x => x.Count);
                cells.Add(new CoverageCell(force, month, true, fm.RecordCount,
                    Placed(Placement.InWardByLsoa) + Placed(Placement.NoLocation),
                    Placed(Placement.NoLocation),
                    blankLsoa.Where(x => x.ForceMonthId == fm.Id).Sum(x => x.Count),
                    Placed(Placement.OutsideArea)));
            }
        }

        return new DataQualityReport(from, to, months, forces, cells);
    }
}
