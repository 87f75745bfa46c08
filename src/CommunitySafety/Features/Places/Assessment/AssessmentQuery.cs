using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Features.Places.Trends;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Assessment;

/// <summary>The benchmark figures set beside the area's.</summary>
/// <param name="Rate">Offences per 1,000 residents.</param>
/// <param name="PercentChange">The benchmark's own change against its previous period, when entered.</param>
public sealed record BenchmarkFigures(int Id, string Name, string PeriodLabel, int StartMonth, int EndMonth, long Offences, long Population,
    double Rate, double? PercentChange, string Source, bool PeriodMatches);

/// <summary>The numbers a strategic assessment needs for one area and period (reference.md §2.12: levels, changes, E&amp;W comparison).</summary>
public sealed record AssessmentFigures(
    string Area,
    string AreaName,
    ComparisonWindows Windows,
    IReadOnlyList<int> MissingMonths,
    long? Population,
    long Offences,
    double? OffencesPerThousand,
    TrendRow AllCrime,
    BenchmarkFigures? Benchmark,
    RateComparison? AgainstBenchmark,
    long AsbIncidents,
    double? AsbSharePercent,
    IReadOnlyList<TrendRow> Categories,
    IReadOnlyList<TrendRow> Up,
    IReadOnlyList<TrendRow> Down,
    TrendRow? RisingFastest,
    IReadOnlyList<string> Summary)
{
    /// <summary>
    /// True when both periods are fully loaded, so changes can be given. A comparison must cover equal, fully loaded
    /// periods: a rate over the months present would set one loaded month against twelve and call it a trend.
    /// </summary>
    public bool Comparable => !Windows.HasMissingMonths;

    /// <summary>Benchmark offences per 1,000 by category, for categories the benchmark has counts for.</summary>
    public IReadOnlyDictionary<CrimeCategory, double> BenchmarkCategoryRates { get; init; } = new Dictionary<CrimeCategory, double>();

    /// <summary>The area's rate per 1,000 for one row; null without a population.</summary>
    public double? RateOf(TrendRow row) => Rates.PerThousand(row.Current, Population);

    public double? BenchmarkRateOf(TrendRow row) => row.Category is { } c && BenchmarkCategoryRates.TryGetValue(c, out var r) ? r : null;
}

/// <summary>Builds <see cref="AssessmentFigures"/> from the ward monthly counts and a <see cref="Benchmark"/>.</summary>
public static class AssessmentQuery
{
    public static async Task<AssessmentFigures?> RunAsync(AppDb db, AreaSelection selection, int? fromMonth, int? toMonth, int? benchmarkId, CancellationToken ct)
    {
        var area = await PlacesAreaFigures.ResolveAsync(db, selection, ct);
        if (area is null)
        {
            return null;
        }

        var to = toMonth ?? await PlacesAreaFigures.LatestMonthAsync(db, ct) ?? (DateTime.UtcNow.Year * 100) + DateTime.UtcNow.Month;
        var from = fromMonth is { } f && f <= to ? f : MonthKey.Add(to, -11);
        var length = MonthKey.Range(from, to).Count;
        var previousFrom = MonthKey.Add(from, -length);
        var forces = await PlacesAreaFigures.ForcesCoveringAsync(db, area.WardIds, ct);
        var missing = await PlacesAreaFigures.MissingMonthsAsync(db, forces, previousFrom, to, ct);
        var counts = await PlacesAreaFigures.MonthlyCountsAsync(db, area.WardIds, previousFrom, to, ct);
        var windows = TrendAnalysis.Windows(from, to, missing);
        var rows = TrendAnalysis.Compare(counts, windows, CategoryNames.All);
        var allCrime = TrendAnalysis.AllCrime(counts, windows);
        if (windows.HasMissingMonths)
        {
            rows = [.. rows.Select(NotCompared)];
            allCrime = NotCompared(allCrime);
        }

        var crimeRows = rows.Where(r => r.Category != CrimeCategory.AntiSocialBehaviour).ToList();
        var asb = rows.Single(r => r.Category == CrimeCategory.AntiSocialBehaviour).Current;
        var offences = allCrime.Current;
        var rate = Rates.PerThousand(offences, area.Population);

        var benchmark = benchmarkId is null
            ? await db.Set<Benchmark>().AsNoTracking().OrderByDescending(b => b.EndMonth).ThenByDescending(b => b.Id).FirstOrDefaultAsync(ct)
            : await db.Set<Benchmark>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == benchmarkId, ct);
        BenchmarkFigures? bench = null;
        RateComparison? against = null;
        var categoryRates = new Dictionary<CrimeCategory, double>();
        if (benchmark is not null)
        {
            foreach (var c in await db.Set<BenchmarkCategoryCount>().AsNoTracking().Where(c => c.BenchmarkId == benchmark.Id).ToListAsync(ct))
            {
                categoryRates[c.Category] = Rates.PerThousand(c.Count, benchmark.Population) ?? 0;
            }

            var benchRate = Rates.PerThousand(benchmark.TotalOffences, benchmark.Population) ?? 0;
            bench = new BenchmarkFigures(benchmark.Id, benchmark.Name, benchmark.PeriodLabel, benchmark.StartMonth, benchmark.EndMonth,
                benchmark.TotalOffences, benchmark.Population, benchRate,
                benchmark.PreviousTotalOffences is { } prev ? Rates.PercentChange(prev, benchmark.TotalOffences) : null,
                benchmark.Source, benchmark.StartMonth == from && benchmark.EndMonth == to);
            if (rate is { } r)
            {
                against = Rates.Compare(r, benchRate);
            }
        }

        var up = crimeRows.Where(r => r.Change > 0).OrderByDescending(r => r.Change).ToList();
        var down = crimeRows.Where(r => r.Change < 0).OrderBy(r => r.Change).ToList();
        var rising = TrendAnalysis.RisingFastest(crimeRows).FirstOrDefault(r => r.IsRealRise);
        double? asbShare = Rates.SharePercent(asb, asb + offences);
        var figures = new AssessmentFigures(selection.ToString(), area.Name, windows, MonthKey.Range(previousFrom, to).Where(missing.Contains).ToList(),
            area.Population, offences, rate, allCrime, bench, against, asb, asbShare, rows, up, down, rising, []);
        return figures with { Summary = Sentences(figures), BenchmarkCategoryRates = categoryRates };
    }

    /// <summary>A row whose periods are not both fully loaded: its counts stand, but no change is given.</summary>
    private static TrendRow NotCompared(TrendRow r) => r with { Change = 0, PercentChange = null, PValue = null, Verdict = null };

    /// <summary>"Feb 2020 to Dec 2020, Mar 2021" for a sorted list of months.</summary>
    public static string MonthRanges(IReadOnlyList<int> months)
    {
        var parts = new List<string>();
        for (var i = 0; i < months.Count; i++)
        {
            var start = months[i];
            while (i + 1 < months.Count && months[i + 1] == MonthKey.Add(months[i], 1))
            {
                i++;
            }

            parts.Add(start == months[i] ? MonthKey.Display(start) : $"{MonthKey.Display(start)} to {MonthKey.Display(months[i])}");
        }

        return string.Join(", ", parts);
    }

    /// <summary>Plain-English sentences for the report, built only from the figures above (never hard-coded).</summary>
    public static IReadOnlyList<string> Sentences(AssessmentFigures a)
    {
        var en = CultureInfo.GetCultureInfo("en-GB");
        var list = new List<string>();
        var w = a.Windows;
        var period = $"{MonthKey.Display(w.CurrentFrom)} to {MonthKey.Display(w.CurrentTo)}";
        var length = MonthKey.Range(w.CurrentFrom, w.CurrentTo).Count;
        if (a.MissingMonths.Count > 0)
        {
            // First, so nothing below is read without it.
            list.Add($"Not every month is loaded: no data for {MonthRanges(a.MissingMonths)}.");
        }

        if (w.CurrentMissing.Count > 0)
        {
            period += $" (the {w.CurrentMonths} of {length} months loaded)";
        }

        if (a.OffencesPerThousand is { } rate)
        {
            var s = $"{a.AreaName} had {a.Offences.ToString("N0", en)} recorded offences in {period}: {rate.ToString("N0", en)} per 1,000 residents";
            if (a.Benchmark is { } b)
            {
                s += $", against {b.Rate.ToString("N0", en)} for {b.Name} ({b.PeriodLabel})";
            }

            list.Add(s + ".");
        }
        else
        {
            list.Add($"{a.AreaName} had {a.Offences.ToString("N0", en)} recorded offences in {period} (no rate: the population is not known for every ward).");
        }

        if (!a.Comparable)
        {
            var gaps = new List<string>();
            if (w.CurrentMissing.Count > 0)
            {
                gaps.Add($"this period has {w.CurrentMonths} of its {length} months loaded");
            }

            if (w.PreviousMissing.Count > 0)
            {
                gaps.Add($"the previous {length} months ({MonthKey.Display(w.PreviousFrom)} to {MonthKey.Display(w.PreviousTo)}) have {w.PreviousMonths} loaded");
            }

            list.Add($"No change on the previous {length} months can be given: {string.Join(" and ", gaps)}, and a comparison needs two equal, fully loaded periods.");
            AsbShare();
            return list;
        }

        if (a.AllCrime.PercentChange is { } change)
        {
            var s = $"Recorded crime {(change >= 0 ? "rose" : "fell")} {Math.Abs(change).ToString("0", en)}% on the previous {a.Windows.PreviousMonths} months ({a.AllCrime.VerdictText.ToLowerInvariant()})";
            if (a.Benchmark?.PercentChange is { } bc)
            {
                s += $"; {a.Benchmark.Name} {(bc >= 0 ? "rose" : "fell")} {Math.Abs(bc).ToString("0", en)}%";
            }

            list.Add(s + ".");
        }

        if (a.RisingFastest is { } r)
        {
            list.Add($"{r.Name} rose fastest ({(r.PercentChange is { } p ? "+" + p.ToString("0", en) + "%" : "up from none")}, {r.Previous.ToString("N0", en)} to {r.Current.ToString("N0", en)}).");
        }
        else
        {
            list.Add("No crime category showed a real rise.");
        }

        AsbShare();
        return list;

        void AsbShare()
        {
            if (a.AsbSharePercent is { } share)
            {
                list.Add($"{a.AsbIncidents.ToString("N0", en)} anti-social behaviour incidents were {share.ToString("0", en)}% of all incidents.");
            }
        }
    }
}
