using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Queries;

/// <summary>An area's count and rate per 1,000 residents over the profile period (rate null without a population).</summary>
public sealed record WardProfileArea(string Name, int Count, long? Population, double? RatePerThousand);

public sealed record WardProfileCategory(string Slug, string Name, IReadOnlyList<int> Counts, int Total);

public sealed record WardProfileLocation(string Name, int Count);

public sealed record WardProfileOutcome(string Name, int Count, double? Percent);

/// <summary>Everything on a ward profile, also served as JSON.</summary>
public sealed record WardProfile(
    string Code,
    string Name,
    string? LaCode,
    string? LaName,
    long? Population,
    string? From,
    string? To,
    int MonthsInPeriod,
    int MonthsLoaded,
    IReadOnlyList<string> Months,
    IReadOnlyList<WardProfileCategory> Categories,
    IReadOnlyList<int> MonthlyTotals,
    int Total,
    WardProfileArea Ward,
    WardProfileArea? LocalAuthority,
    WardProfileArea County,
    WardProfileArea? EnglandAndWales,
    string BenchmarkNote,
    int AntiSocialBehaviour,
    double? AntiSocialBehaviourSharePercent,
    IReadOnlyList<WardProfileLocation> TopLocations,
    IReadOnlyList<WardProfileOutcome> Outcomes,
    int CrimesInOutcomes);

/// <summary>
/// A ward's profile. Area comparisons reuse <see cref="WardFiguresQuery"/> so the profile, the map,
/// its table and the CSV can never disagree about a ward's count or rate.
/// </summary>
public static class WardProfileQuery
{
    public const int TopLocationCount = 10;

    public const string NoBenchmarkNote =
        "No England and Wales benchmark is loaded, so the ward cannot be compared with the national rate.";

    /// <returns>Null profile when the ward is not in the current boundary set; an error when the period cannot be read.</returns>
    public static async Task<(WardProfile? Profile, string? Error)> RunAsync(AppDb db, string code, string? from, string? to, CancellationToken ct)
    {
        var (figures, error) = await WardFiguresQuery.RunAsync(db, new WardFigureRequest(from, to), ct);
        if (figures is null)
        {
            return (null, error);
        }

        var setId = await WardFiguresQuery.CurrentWardSetIdAsync(db, ct);
        var ward = setId is null ? null : await db.Set<Ward>().AsNoTracking()
            .Where(w => w.BoundarySetId == setId && w.Code == code)
            .Select(w => new { w.Id, w.Code, w.Name, w.LadCode, w.LadName })
            .FirstOrDefaultAsync(ct);
        var row = ward is null ? null : figures.Wards.FirstOrDefault(r => r.Code == ward.Code);
        if (ward is null || row is null)
        {
            return (null, null);
        }

        var wardArea = new WardProfileArea(ward.Name, row.Count, row.Population, row.RatePerThousand);
        WardProfileArea? laArea = null;
        if (ward.LadCode is not null)
        {
            var laRows = figures.Wards.Where(r => r.LaCode == ward.LadCode).ToList();
            laArea = Area(ward.LadName ?? ward.LadCode, laRows);
        }

        var county = Area("All loaded wards", figures.Wards);

        if (figures.From is null || figures.To is null)
        {
            return (new WardProfile(ward.Code, ward.Name, ward.LadCode, ward.LadName, row.Population, null, null, 0, 0, [],
                [.. WardMapCategories.All.Select(c => new WardProfileCategory(c.Slug, c.Name, [], 0))], [], 0,
                wardArea, laArea, county, null, NoBenchmarkNote, 0, null, [], [], 0), null);
        }

        var start = WardMapPeriods.Parse(figures.From)!.Value;
        var end = WardMapPeriods.Parse(figures.To)!.Value;
        var months = Enumerable.Range(0, figures.MonthsInPeriod).Select(i => WardMapPeriods.AddMonths(start, i)).ToList();
        var monthIndex = months.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);

        var cells = await db.Set<WardMonthlyCount>().AsNoTracking()
            .Where(c => c.WardId == ward.Id && c.Month >= start && c.Month <= end)
            .GroupBy(c => new { c.Month, c.Category })
            .Select(g => new { g.Key.Month, g.Key.Category, Count = g.Sum(x => x.Count) })
            .ToListAsync(ct);
        var categories = WardMapCategories.All.Select(c =>
        {
            var counts = new int[months.Count];
            foreach (var cell in cells.Where(x => x.Category == c.Category))
            {
                counts[monthIndex[cell.Month]] += cell.Count;
            }

            return new WardProfileCategory(c.Slug, c.Name, counts, counts.Sum());
        }).ToList();
        var monthlyTotals = Enumerable.Range(0, months.Count).Select(i => categories.Sum(c => c.Counts[i])).ToList();
        var total = monthlyTotals.Sum();
        var asb = categories.First(c => c.Slug == WardMapCategories.Of(CrimeCategory.AntiSocialBehaviour).Slug).Total;

        // Crime records are only indexed by force-month, so narrow by the period's force-months first.
        var forceMonthIds = db.Set<ForceMonth>().Where(f => f.Month >= start && f.Month <= end).Select(f => f.Id);
        var records = db.Set<CrimeRecord>().AsNoTracking()
            .Where(r => forceMonthIds.Contains(r.ForceMonthId) && r.WardId == ward.Id && r.Month >= start && r.Month <= end);

        var topLocationIds = await records.Where(r => r.LocationId != null)
            .GroupBy(r => r.LocationId)
            .Select(g => new { LocationId = g.Key!.Value, Count = g.Count() })
            .Where(g => g.Count > 1) // a "repeat" location has more than one record
            .OrderByDescending(g => g.Count).ThenBy(g => g.LocationId)
            .Take(TopLocationCount)
            .ToListAsync(ct);
        var ids = topLocationIds.Select(l => l.LocationId).ToList();
        var locationNames = await db.Set<CrimeLocation>().AsNoTracking().Where(l => ids.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var topLocations = topLocationIds
            .Select(l => new WardProfileLocation(locationNames.GetValueOrDefault(l.LocationId) ?? "Unnamed location", l.Count)).ToList();

        // ASB records never carry an outcome (police.uk), so outcomes are over crimes only.
        var outcomeCounts = await records.Where(r => r.Category != CrimeCategory.AntiSocialBehaviour)
            .GroupBy(r => r.LastOutcomeId)
            .Select(g => new { OutcomeId = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var outcomeNames = await db.Set<OutcomeCategory>().AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var crimes = outcomeCounts.Sum(o => o.Count);
        var outcomes = outcomeCounts
            .Select(o => new WardProfileOutcome(
                o.OutcomeId is short id ? outcomeNames.GetValueOrDefault(id) ?? $"Outcome {id}" : "No outcome recorded",
                o.Count, Rates.SharePercent(o.Count, crimes)))
            .OrderByDescending(o => o.Count).ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();

        return (new WardProfile(ward.Code, ward.Name, ward.LadCode, ward.LadName, row.Population, figures.From, figures.To,
            figures.MonthsInPeriod, figures.MonthsLoaded, [.. months.Select(WardMapPeriods.Format)], categories, monthlyTotals, total,
            wardArea, laArea, county, null, NoBenchmarkNote, asb, Rates.SharePercent(asb, total), topLocations, outcomes, crimes), null);
    }

    static WardProfileArea Area(string name, IReadOnlyList<WardFigureRow> rows)
    {
        var count = rows.Sum(r => r.Count);
        // Only when every ward's population is known; otherwise the rate would be overstated.
        long? population = rows.Count > 0 && rows.All(r => r.Population is not null) ? rows.Sum(r => r.Population!.Value) : null;
        return new WardProfileArea(name, count, population, Rates.PerThousand(count, population));
    }
}
