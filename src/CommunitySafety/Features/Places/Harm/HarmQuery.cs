using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Harm;

/// <summary>Plain and harm-weighted counts for one ward of the area.</summary>
public sealed record WardHarm(string Code, string Name, long Count, double Harm, double? HarmPerThousand, IReadOnlyList<string> Missing);

public sealed record HarmReport(
    string Area,
    string AreaName,
    int FromMonth,
    int ToMonth,
    IReadOnlyList<int> MissingMonths,
    HarmTable Table,
    HarmWeightingResult Result,
    long PlainCount,
    long? Population,
    IReadOnlyList<WardHarm> Wards,
    IReadOnlyDictionary<string, double> Counts)
{
    public long CountOf(string category) => (long)Counts.GetValueOrDefault(category);
}

/// <summary>
/// Harm-weighted counts (Σ count × weight; ONS Crime Severity Score / Cambridge Crime Harm Index, reference.md §2.10)
/// beside plain counts. Categories without a weight are listed and left out of the harm total, never weighted as zero.
/// </summary>
public static class HarmQuery
{
    public static async Task<HarmWeightTable?> LoadTableAsync(AppDb db, int tableId, CancellationToken ct)
    {
        var table = await db.Set<HarmTable>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tableId, ct);
        if (table is null)
        {
            return null;
        }

        var weights = await db.Set<HarmTableWeight>().AsNoTracking().Where(w => w.HarmTableId == tableId).ToListAsync(ct);
        return new HarmWeightTable(table.Name, table.TableVersion, weights.ToDictionary(w => CategoryNames.Of(w.Category), w => w.Weight));
    }

    public static async Task<HarmReport?> RunAsync(AppDb db, AreaSelection selection, int? tableId, int? fromMonth, int? toMonth, CancellationToken ct)
    {
        var table = tableId is null
            ? await db.Set<HarmTable>().AsNoTracking().OrderByDescending(t => t.LoadedUtc).ThenByDescending(t => t.Id).FirstOrDefaultAsync(ct)
            : await db.Set<HarmTable>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tableId, ct);
        var area = await PlacesAreaFigures.ResolveAsync(db, selection, ct);
        if (table is null || area is null)
        {
            return null;
        }

        var weights = (await LoadTableAsync(db, table.Id, ct))!;
        var to = toMonth ?? await PlacesAreaFigures.LatestMonthAsync(db, ct) ?? (DateTime.UtcNow.Year * 100) + DateTime.UtcNow.Month;
        var from = fromMonth is { } f && f <= to ? f : MonthKey.Add(to, -11);
        var forces = await PlacesAreaFigures.ForcesCoveringAsync(db, area.WardIds, ct);
        var missing = await PlacesAreaFigures.MissingMonthsAsync(db, forces, from, to, ct);

        var ids = area.WardIds.ToList();
        var perWard = await db.Set<WardMonthlyCount>().AsNoTracking()
            .Where(c => c.WardId != null && ids.Contains(c.WardId.Value) && c.Month >= from && c.Month <= to)
            .GroupBy(c => new { WardId = c.WardId!.Value, c.Category })
            .Select(g => new { g.Key.WardId, g.Key.Category, Count = g.Sum(c => (long)c.Count) }).ToListAsync(ct);
        var totals = perWard.GroupBy(x => x.Category).ToDictionary(g => CategoryNames.Of(g.Key), g => (double)g.Sum(x => x.Count));
        var result = HarmWeighting.Compute(totals, weights, area.Population);

        var wardInfo = await PlacesAreaFigures.CurrentWards(db).Where(w => ids.Contains(w.Id))
            .Select(w => new { w.Id, w.Code, w.Name, w.Population }).ToListAsync(ct);
        var wards = wardInfo.Select(w =>
        {
            var counts = perWard.Where(x => x.WardId == w.Id).ToDictionary(x => CategoryNames.Of(x.Category), x => (double)x.Count);
            var r = HarmWeighting.Compute(counts, weights, w.Population);
            return new WardHarm(w.Code, w.Name, (long)counts.Values.Sum(), r.TotalHarm, r.HarmPerThousand, r.MissingCategories);
        }).OrderByDescending(w => w.Harm).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();

        return new HarmReport(selection.ToString(), area.Name, from, to, MonthKey.Range(from, to).Where(missing.Contains).ToList(),
            table, result, perWard.Sum(x => x.Count), area.Population, wards, totals);
    }
}
