using CommunitySafety.Data;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Assessment;
using CommunitySafety.Features.Places.Model;

namespace CommunitySafety.Features.Places.Trends;

/// <summary>One category (or the all-crime total) compared between two windows.</summary>
/// <param name="Category">Null for the all-crime total.</param>
/// <param name="PercentChange">Change in the monthly rate over the months present; null when the previous window had none.</param>
/// <param name="PValue">Exact Poisson (conditional binomial) p-value; null when a window has no months of data.</param>
/// <param name="Verdict">Null when no comparison can be made.</param>
public sealed record TrendRow(
    CrimeCategory? Category,
    string Name,
    long Current,
    long Previous,
    long Change,
    double? PercentChange,
    double? PValue,
    ChangeVerdict? Verdict)
{
    public bool IsRealRise => Verdict == ChangeVerdict.RealIncrease;

    public string VerdictText => Verdict switch
    {
        ChangeVerdict.RealIncrease => "Real rise",
        ChangeVerdict.RealDecrease => "Real fall",
        ChangeVerdict.NoRealChange => "No real change",
        _ => "Cannot compare",
    };
}

/// <summary>A category's monthly counts; null = the month is missing (no force-month loaded), not zero.</summary>
public sealed record TrendSeries(CrimeCategory Category, string Name, IReadOnlyList<long?> Counts);

/// <summary>Two windows (current and previous) and what is missing in each.</summary>
public sealed record ComparisonWindows(int CurrentFrom, int CurrentTo, int PreviousFrom, int PreviousTo,
    IReadOnlyList<int> CurrentMissing, IReadOnlyList<int> PreviousMissing)
{
    public int CurrentMonths => MonthKey.Range(CurrentFrom, CurrentTo).Count - CurrentMissing.Count;

    public int PreviousMonths => MonthKey.Range(PreviousFrom, PreviousTo).Count - PreviousMissing.Count;

    public bool HasMissingMonths => CurrentMissing.Count > 0 || PreviousMissing.Count > 0;
}

public sealed record TrendReport(
    string Area,
    string AreaName,
    int ToMonth,
    ComparisonWindows Windows,
    IReadOnlyList<string> Forces,
    IReadOnlyList<int> Months,
    IReadOnlyList<int> MissingMonths,
    TrendRow AllCrime,
    IReadOnlyList<TrendRow> Categories,
    IReadOnlyList<TrendRow> RisingFastest,
    IReadOnlyList<TrendSeries> Series);

/// <summary>
/// Last 12 months against the previous 12, per category, with an exact Poisson test so small counts are
/// not read as change (PoissonComparison; reference.md §2.12 "changes since the previous SA").
/// </summary>
public static class TrendAnalysis
{
    /// <summary>
    /// Compares two windows per category. Missing months are left out of both the counts and the exposure
    /// (exposure = months present), so a window with a missing month is compared by monthly rate rather than
    /// as if the month had no crime; the page says the comparison covers fewer months.
    /// </summary>
    public static IReadOnlyList<TrendRow> Compare(IReadOnlyList<MonthCategoryCount> counts, ComparisonWindows w, IEnumerable<CrimeCategory> categories)
    {
        var missing = w.CurrentMissing.Concat(w.PreviousMissing).ToHashSet();
        var rows = new List<TrendRow>();
        foreach (var category in categories)
        {
            var current = Sum(counts, category, w.CurrentFrom, w.CurrentTo, missing);
            var previous = Sum(counts, category, w.PreviousFrom, w.PreviousTo, missing);
            rows.Add(Row(category, CategoryNames.Of(category), current, previous, w));
        }

        return rows;
    }

    /// <summary>All recorded crime, i.e. every category except anti-social behaviour (an incident, not a crime).</summary>
    public static TrendRow AllCrime(IReadOnlyList<MonthCategoryCount> counts, ComparisonWindows w)
    {
        var rows = Compare(counts, w, CategoryNames.All.Where(c => c != CrimeCategory.AntiSocialBehaviour));
        return Row(null, "All crime (excluding anti-social behaviour)", rows.Sum(r => r.Current), rows.Sum(r => r.Previous), w);
    }

    /// <summary>Categories that went up, fastest first (% change of the monthly rate; rises from zero last as they have no %).</summary>
    public static IReadOnlyList<TrendRow> RisingFastest(IEnumerable<TrendRow> rows) =>
        rows.Where(r => r.Verdict is not null && IsUp(r))
            .OrderByDescending(r => r.PercentChange.HasValue)
            .ThenByDescending(r => r.PercentChange ?? 0)
            .ThenByDescending(r => r.Change)
            .ToList();

    static bool IsUp(TrendRow r) => r.PercentChange is { } p ? p > 0 : r.Current > 0;

    static TrendRow Row(CrimeCategory? category, string name, long current, long previous, ComparisonWindows w)
    {
        if (w.CurrentMonths <= 0 || w.PreviousMonths <= 0)
        {
            return new TrendRow(category, name, current, previous, current - previous, null, null, null);
        }

        var result = PoissonComparison.Compare(current, previous, w.CurrentMonths, w.PreviousMonths);
        return new TrendRow(category, name, current, previous, result.Change, result.PercentChange, result.PValue, result.Verdict);
    }

    static long Sum(IReadOnlyList<MonthCategoryCount> counts, CrimeCategory category, int from, int to, HashSet<int> missing) =>
        counts.Where(c => c.Category == category && c.Month >= from && c.Month <= to && !missing.Contains(c.Month)).Sum(c => c.Count);

    /// <summary>Builds the windows for "12 months to <paramref name="toMonth"/>" vs the 12 before, with their missing months.</summary>
    public static ComparisonWindows Windows(int currentFrom, int currentTo, IReadOnlySet<int> missing)
    {
        var length = MonthKey.Range(currentFrom, currentTo).Count;
        var previousTo = MonthKey.Add(currentFrom, -1);
        var previousFrom = MonthKey.Add(currentFrom, -length);
        return new ComparisonWindows(currentFrom, currentTo, previousFrom, previousTo,
            MonthKey.Range(currentFrom, currentTo).Where(missing.Contains).ToList(),
            MonthKey.Range(previousFrom, previousTo).Where(missing.Contains).ToList());
    }

    /// <summary>Runs the trend report for an area and "to" month (defaults to the latest month loaded).</summary>
    public static async Task<TrendReport?> RunAsync(AppDb db, AreaSelection selection, int? toMonth, CancellationToken ct)
    {
        var area = await PlacesAreaFigures.ResolveAsync(db, selection, ct);
        if (area is null)
        {
            return null;
        }

        var to = toMonth ?? await PlacesAreaFigures.LatestMonthAsync(db, ct) ?? MonthKey.Add(DateTime.UtcNow.Year * 100 + DateTime.UtcNow.Month, -2);
        var currentFrom = MonthKey.Add(to, -11);
        var forces = await PlacesAreaFigures.ForcesCoveringAsync(db, area.WardIds, ct);
        var previousFrom = MonthKey.Add(currentFrom, -12);
        var missing = await PlacesAreaFigures.MissingMonthsAsync(db, forces, previousFrom, to, ct);
        var counts = await PlacesAreaFigures.MonthlyCountsAsync(db, area.WardIds, previousFrom, to, ct);
        var windows = Windows(currentFrom, to, missing);
        var rows = Compare(counts, windows, CategoryNames.All);
        var months = MonthKey.Range(previousFrom, to);
        var series = CategoryNames.All.Select(c => new TrendSeries(c, CategoryNames.Of(c),
            months.Select(m => missing.Contains(m) ? (long?)null : counts.Where(x => x.Month == m && x.Category == c).Sum(x => x.Count)).ToList())).ToList();
        return new TrendReport(selection.ToString(), area.Name, to, windows, forces, months, months.Where(missing.Contains).ToList(),
            AllCrime(counts, windows), rows, RisingFastest(rows), series);
    }
}
