namespace CommunitySafety.Features.Places.Analysis;

/// <summary>Hotspot class of one cell over time (sfhotspot's classes, reference.md §2.11).</summary>
public enum HotspotClass
{
    None,
    PersistentHotspot,
    EmergingHotspot,
    FormerHotspot,
    IntermittentHotspot,
    PersistentColdspot,
    EmergingColdspot,
    FormerColdspot,
    IntermittentColdspot,
    Mixed,
}

/// <summary>Gi* result for one cell in one period, with the p-value already adjusted (e.g. Holm across periods).</summary>
public readonly record struct PeriodStatistic(double Z, double AdjustedP);

/// <summary>Thresholds for <see cref="HotspotClassifier"/>. Defaults are sfhotspot's hotspot_classify_params() (reference.md §2.11).</summary>
public sealed record HotspotClassifierParameters
{
    /// <summary>A period is significant when its adjusted p is strictly below this.</summary>
    public double CriticalP { get; init; } = 0.05;

    /// <summary>The last this-fraction of periods are "recent" (at least one period).</summary>
    public double RecentProportion { get; init; } = 0.2;

    /// <summary>Persistent: significant in at least this share of all periods.</summary>
    public double PersistentProportion { get; init; } = 0.8;

    /// <summary>Emerging/former: the "rare" threshold applied to older (emerging) or recent (former) periods.</summary>
    public double RareProportion { get; init; } = 0.1;

    /// <summary>Emerging: significant in at least this share of recent periods.</summary>
    public double EmergingRecentProportion { get; init; } = 0.2;

    /// <summary>Former: significant in at least this share of older periods.</summary>
    public double FormerOlderProportion { get; init; } = 0.1;

    /// <summary>Intermittent: significant in at least this share of all periods.</summary>
    public double IntermittentProportion { get; init; } = 0.1;

    public static HotspotClassifierParameters Default { get; } = new();
}

/// <summary>How a cell's class was reached, so the UI can explain it.</summary>
public sealed record HotspotClassification(
    HotspotClass Class,
    HotspotClass HotClass,
    HotspotClass ColdClass,
    int Periods,
    int RecentPeriods,
    int HotPeriods,
    int ColdPeriods,
    int RecentHotPeriods,
    int RecentColdPeriods);

/// <summary>
/// Classifies a cell's sequence of per-period Gi* results into persistent / emerging / former /
/// intermittent hot- or coldspots, or mixed.
/// </summary>
/// <remarks>
/// Rules from sfhotspot hotspot_classify() defaults (reference.md §2.11; repo mpjashby/sfhotspot).
/// Precedence within hot (and, separately, within cold), first match wins:
///   1. persistent   – significant in ≥ 80% of all periods;
///   2. emerging     – &lt; 10% of older periods and ≥ 20% of recent periods;
///   3. former       – ≥ 10% of older periods and &lt; 10% of recent periods;
///   4. intermittent – ≥ 10% of all periods;
///   5. none.
/// Persistent comes first because a steady hotspot is the most actionable fact; emerging/former before
/// intermittent because a trend is more informative than "sometimes".
/// Then: hot class and cold class both not None → Mixed; otherwise whichever is not None; else None.
/// "Older" periods are those before the recent window; with no older periods their share counts as 0.
/// Proportions are compared with a 1e-9 tolerance so exact boundaries (8 of 10 = 80%) hit as intended.
/// </remarks>
public static class HotspotClassifier
{
    private const double Tolerance = 1e-9;

    /// <summary>Number of recent periods: ceil(proportion × n), at least 1 (and at most n).</summary>
    public static int RecentPeriodCount(int periods, double recentProportion = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periods);
        var count = (int)Math.Ceiling((periods * recentProportion) - Tolerance);
        return Math.Clamp(count, 1, periods);
    }

    /// <summary>Classifies one cell. <paramref name="periods"/> must be in time order, oldest first.</summary>
    public static HotspotClassification Classify(
        IReadOnlyList<PeriodStatistic> periods,
        HotspotClassifierParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0)
        {
            throw new ArgumentException("At least one period is needed to classify a cell.", nameof(periods));
        }

        var p = parameters ?? HotspotClassifierParameters.Default;
        var n = periods.Count;
        var recent = RecentPeriodCount(n, p.RecentProportion);
        var older = n - recent;

        int hot = 0, cold = 0, recentHot = 0, recentCold = 0;
        for (var i = 0; i < n; i++)
        {
            var s = periods[i];
            if (double.IsNaN(s.AdjustedP) || double.IsNaN(s.Z) || !(s.AdjustedP < p.CriticalP) || s.Z == 0)
            {
                continue;
            }

            var isRecent = i >= older;
            if (s.Z > 0)
            {
                hot++;
                recentHot += isRecent ? 1 : 0;
            }
            else
            {
                cold++;
                recentCold += isRecent ? 1 : 0;
            }
        }

        var hotClass = ClassifyOneSide(hot, recentHot, n, recent, p, hotSide: true);
        var coldClass = ClassifyOneSide(cold, recentCold, n, recent, p, hotSide: false);

        var overall = (hotClass, coldClass) switch
        {
            (not HotspotClass.None, not HotspotClass.None) => HotspotClass.Mixed,
            (not HotspotClass.None, _) => hotClass,
            (_, not HotspotClass.None) => coldClass,
            _ => HotspotClass.None,
        };

        return new HotspotClassification(overall, hotClass, coldClass, n, recent, hot, cold, recentHot, recentCold);
    }

    private static HotspotClass ClassifyOneSide(
        int significant,
        int recentSignificant,
        int periods,
        int recentPeriods,
        HotspotClassifierParameters p,
        bool hotSide)
    {
        var olderPeriods = periods - recentPeriods;
        var olderSignificant = significant - recentSignificant;
        var shareAll = significant / (double)periods;
        var shareRecent = recentSignificant / (double)recentPeriods;
        var shareOlder = olderPeriods == 0 ? 0.0 : olderSignificant / (double)olderPeriods;

        if (AtLeast(shareAll, p.PersistentProportion))
        {
            return hotSide ? HotspotClass.PersistentHotspot : HotspotClass.PersistentColdspot;
        }

        if (Below(shareOlder, p.RareProportion) && AtLeast(shareRecent, p.EmergingRecentProportion))
        {
            return hotSide ? HotspotClass.EmergingHotspot : HotspotClass.EmergingColdspot;
        }

        if (AtLeast(shareOlder, p.FormerOlderProportion) && Below(shareRecent, p.RareProportion))
        {
            return hotSide ? HotspotClass.FormerHotspot : HotspotClass.FormerColdspot;
        }

        if (significant > 0 && AtLeast(shareAll, p.IntermittentProportion))
        {
            return hotSide ? HotspotClass.IntermittentHotspot : HotspotClass.IntermittentColdspot;
        }

        return HotspotClass.None;
    }

    private static bool AtLeast(double share, double threshold) => share >= threshold - Tolerance;

    private static bool Below(double share, double threshold) => share < threshold - Tolerance;
}
