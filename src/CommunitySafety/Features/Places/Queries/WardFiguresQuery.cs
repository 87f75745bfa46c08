using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using BoundarySetRow = CommunitySafety.Features.Places.Model.BoundarySet;

namespace CommunitySafety.Features.Places.Queries;

/// <summary>What the ward map, its table, its CSV and the API were asked for (query-string values as typed).</summary>
public sealed record WardFigureRequest(string? From = null, string? To = null, string? Category = null, string? Force = null, string? La = null);

/// <summary>One ward's figures for the period. Rate and change are null when they would be invented (no population, no previous data).</summary>
public sealed record WardFigureRow(
    string Code,
    string Name,
    string? LaCode,
    string? LaName,
    int Count,
    long? Population,
    double? RatePerThousand,
    int? PreviousCount,
    double? ChangePercent);

public sealed record WardFigureTotals(int Count, long? Population, double? RatePerThousand, int? PreviousCount, double? ChangePercent);

/// <summary>The figures behind the ward map: one row per ward of the current boundary set (after the local authority filter).</summary>
public sealed record WardFigures(
    string? From,
    string? To,
    string? PreviousFrom,
    string? PreviousTo,
    int MonthsInPeriod,
    int MonthsLoaded,
    bool PreviousPeriodLoaded,
    string? Category,
    string? CategoryName,
    string? Force,
    string? La,
    IReadOnlyList<WardFigureRow> Wards,
    WardFigureTotals Totals,
    int OutsideArea,
    int NoLocation);

public sealed record WardFilterChoice(string Value, string Text);

/// <summary>What the filters can offer: forces and months loaded, local authorities of the current wards.</summary>
public sealed record WardFilterOptions(IReadOnlyList<string> Forces, IReadOnlyList<WardFilterChoice> LocalAuthorities, IReadOnlyList<int> Months);

/// <summary>A current ward without its geometry (what every figure query needs).</summary>
public sealed record CurrentWard(int Id, string Code, string Name, string? LadCode, string? LadName, long? Population);

/// <summary>
/// Ward counts, rates per 1,000 and change against the previous period of equal length, read from
/// <see cref="WardMonthlyCount"/> with one grouped query (the import keeps those aggregates in step
/// with the records, so the map never scans crime records).
/// </summary>
public static class WardFiguresQuery
{
    public const int DefaultMonths = 12;

    /// <summary>Runs the query; returns an error message (for a 400 or a form error) when the request cannot be read.</summary>
    public static async Task<(WardFigures? Figures, string? Error)> RunAsync(AppDb db, WardFigureRequest request, CancellationToken ct)
    {
        var from = WardMapPeriods.Parse(request.From);
        var to = WardMapPeriods.Parse(request.To);
        if (!string.IsNullOrWhiteSpace(request.From) && from is null)
        {
            return (null, "Enter the start month as YYYY-MM, for example 2021-01");
        }

        if (!string.IsNullOrWhiteSpace(request.To) && to is null)
        {
            return (null, "Enter the end month as YYYY-MM, for example 2021-12");
        }

        var category = WardMapCategories.FromSlug(request.Category);
        if (!string.IsNullOrWhiteSpace(request.Category) && category is null)
        {
            return (null, $"Choose a crime category from the list ('{request.Category}' is not one)");
        }

        var force = string.IsNullOrWhiteSpace(request.Force) ? null : request.Force.Trim();
        var la = string.IsNullOrWhiteSpace(request.La) ? null : request.La.Trim();

        var loadedMonths = await LoadedMonthsAsync(db, force, ct);
        if (to is null)
        {
            // Default: the latest 12 months loaded (or 12 months from a given start). Without a force chosen, "loaded" means
            // with records in the current wards: another force's later months (the demo's, say) would show these wards as zeros.
            to = from is { } f0 ? WardMapPeriods.AddMonths(f0, DefaultMonths - 1)
                : (force is null ? await LatestMonthInCurrentWardsAsync(db, ct) : null) ?? (loadedMonths.Count > 0 ? loadedMonths.Max() : null);
        }

        from ??= to is { } t0 ? WardMapPeriods.AddMonths(t0, -(DefaultMonths - 1)) : null;
        if (from > to)
        {
            return (null, "The start month must be the same as or before the end month");
        }

        var wards = await CurrentWardsAsync(db, la, ct);
        if (from is not int start || to is not int end)
        {
            // Nothing loaded yet: every ward with no figures, rather than an error.
            var empty = wards.Select(w => new WardFigureRow(w.Code, w.Name, w.LadCode, w.LadName, 0, w.Population, null, null, null)).ToList();
            return (new WardFigures(null, null, null, null, 0, 0, false, category?.Slug, category?.Name, force, la, empty,
                Totals(empty, previousLoaded: false), 0, 0), null);
        }

        var length = WardMapPeriods.Length(start, end);
        var previousEnd = WardMapPeriods.AddMonths(start, -1);
        var previousStart = WardMapPeriods.AddMonths(start, -length);
        var monthsLoaded = loadedMonths.Count(m => m >= start && m <= end);
        var previousLoaded = Enumerable.Range(0, length).All(i => loadedMonths.Contains(WardMapPeriods.AddMonths(previousStart, i)));

        var counts = db.Set<WardMonthlyCount>().AsNoTracking().Where(c => c.Month >= previousStart && c.Month <= end);
        if (category is not null)
        {
            var cat = category.Category;
            counts = counts.Where(c => c.Category == cat);
        }

        if (force is not null)
        {
            var forceMonthIds = db.Set<ForceMonth>().Where(fm => fm.Force == force).Select(fm => fm.Id);
            counts = counts.Where(c => forceMonthIds.Contains(c.ForceMonthId));
        }

        // One grouped query: a few hundred (ward, placement, this-or-previous period) sums.
        var groups = await counts
            .GroupBy(c => new { c.WardId, c.Placement, IsCurrent = c.Month >= start })
            .Select(g => new { g.Key.WardId, g.Key.Placement, g.Key.IsCurrent, Count = g.Sum(x => x.Count) })
            .ToListAsync(ct);

        var current = new Dictionary<int, int>();
        var previous = new Dictionary<int, int>();
        int outside = 0, noLocation = 0;
        foreach (var g in groups)
        {
            var isCurrent = g.IsCurrent;
            if (g.WardId is int wardId)
            {
                var target = isCurrent ? current : previous;
                target[wardId] = target.GetValueOrDefault(wardId) + g.Count;
            }
            else if (isCurrent && g.Placement == Placement.NoLocation)
            {
                noLocation += g.Count;
            }
            else if (isCurrent)
            {
                outside += g.Count;
            }
        }

        var rows = wards.Select(w =>
        {
            var count = current.GetValueOrDefault(w.Id);
            int? prev = previousLoaded ? previous.GetValueOrDefault(w.Id) : null;
            return new WardFigureRow(w.Code, w.Name, w.LadCode, w.LadName, count, w.Population,
                Rates.PerThousand(count, w.Population), prev, prev is int p ? Rates.PercentChange(p, count) : null);
        }).ToList();

        return (new WardFigures(WardMapPeriods.Format(start), WardMapPeriods.Format(end), WardMapPeriods.Format(previousStart),
            WardMapPeriods.Format(previousEnd), length, monthsLoaded, previousLoaded, category?.Slug, category?.Name, force, la,
            rows, Totals(rows, previousLoaded), outside, noLocation), null);
    }

    static WardFigureTotals Totals(List<WardFigureRow> rows, bool previousLoaded)
    {
        var count = rows.Sum(r => r.Count);
        // A total population only when every ward's is known: a partial sum would overstate the rate.
        long? population = rows.Count > 0 && rows.All(r => r.Population is not null) ? rows.Sum(r => r.Population!.Value) : null;
        int? previous = previousLoaded ? rows.Sum(r => r.PreviousCount ?? 0) : null;
        return new WardFigureTotals(count, population, Rates.PerThousand(count, population), previous,
            previous is int p ? Rates.PercentChange(p, count) : null);
    }

    /// <summary>The latest month with any record counted in a ward of the current set; null when there is none.</summary>
    public static async Task<int?> LatestMonthInCurrentWardsAsync(AppDb db, CancellationToken ct)
    {
        var setId = await CurrentWardSetIdAsync(db, ct);
        if (setId is null)
        {
            return null;
        }

        var wardIds = db.Set<Ward>().Where(w => w.BoundarySetId == setId).Select(w => (int?)w.Id);
        return await db.Set<WardMonthlyCount>().AsNoTracking()
            .Where(c => c.WardId != null && c.Count > 0 && wardIds.Contains(c.WardId))
            .MaxAsync(c => (int?)c.Month, ct);
    }

    /// <summary>Months with any loaded force-month (optionally one force's), ascending.</summary>
    public static async Task<List<int>> LoadedMonthsAsync(AppDb db, string? force, CancellationToken ct)
    {
        var q = db.Set<ForceMonth>().AsNoTracking();
        if (force is not null)
        {
            q = q.Where(f => f.Force == force);
        }

        return await q.Select(f => f.Month).Distinct().OrderBy(m => m).ToListAsync(ct);
    }

    /// <summary>The current ward boundary set's id, or null when no ward boundaries are loaded.</summary>
    public static Task<int?> CurrentWardSetIdAsync(AppDb db, CancellationToken ct) =>
        db.Set<BoundarySetRow>().AsNoTracking()
            .Where(s => s.Level == BoundaryLevel.Ward && s.IsCurrent)
            .OrderByDescending(s => s.Id)
            .Select(s => (int?)s.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Wards of the current set, by name. Population is the ward's own figure, else the latest
    /// <see cref="AreaPopulation"/> for its code; null when neither is loaded (rates are then not shown).
    /// </summary>
    public static async Task<List<CurrentWard>> CurrentWardsAsync(AppDb db, string? la, CancellationToken ct)
    {
        var setId = await CurrentWardSetIdAsync(db, ct);
        if (setId is null)
        {
            return [];
        }

        var q = db.Set<Ward>().AsNoTracking().Where(w => w.BoundarySetId == setId);
        if (la is not null)
        {
            q = q.Where(w => w.LadCode == la);
        }

        var wards = await q.OrderBy(w => w.Name).ThenBy(w => w.Code)
            .Select(w => new { w.Id, w.Code, w.Name, w.LadCode, w.LadName, w.Population })
            .ToListAsync(ct);
        var missing = wards.Where(w => w.Population is null).Select(w => w.Code).ToList();
        var fallback = new Dictionary<string, long>(StringComparer.Ordinal);
        if (missing.Count > 0)
        {
            var pops = await db.Set<AreaPopulation>().AsNoTracking().Where(p => missing.Contains(p.AreaCode))
                .Select(p => new { p.AreaCode, p.Year, p.Population }).ToListAsync(ct);
            foreach (var p in pops.GroupBy(p => p.AreaCode))
            {
                fallback[p.Key] = p.OrderByDescending(x => x.Year).First().Population;
            }
        }

        return wards.Select(w => new CurrentWard(w.Id, w.Code, w.Name, w.LadCode, w.LadName,
            w.Population is int own ? own : fallback.TryGetValue(w.Code, out var f) ? f : null)).ToList();
    }

    public static async Task<WardFilterOptions> FilterOptionsAsync(AppDb db, CancellationToken ct)
    {
        var forces = await db.Set<ForceMonth>().AsNoTracking().Select(f => f.Force).Distinct().OrderBy(f => f).ToListAsync(ct);
        var months = await LoadedMonthsAsync(db, null, ct);
        var setId = await CurrentWardSetIdAsync(db, ct);
        var las = setId is null ? [] : await db.Set<Ward>().AsNoTracking()
            .Where(w => w.BoundarySetId == setId && w.LadCode != null)
            .Select(w => new { w.LadCode, w.LadName }).Distinct().ToListAsync(ct);
        return new WardFilterOptions(forces,
            las.OrderBy(l => l.LadName ?? l.LadCode, StringComparer.Ordinal)
                .Select(l => new WardFilterChoice(l.LadCode!, l.LadName ?? l.LadCode!)).ToList(),
            months);
    }
}
