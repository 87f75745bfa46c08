namespace CommunitySafety.Features.Referrals.Rules;

/// <summary>Small summary statistics for the outcomes page, written out so their definitions are plain.</summary>
public static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile (Hyndman and Fan type 1; the definition NHS waiting-time statistics use for
    /// "92% within 18 weeks"-style figures): the smallest value with at least p% of the values at or below it.
    /// Null for no values. p in (0, 100].
    /// </summary>
    public static double? NearestRank(IEnumerable<double> values, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>The median: the middle value, or the mean of the two middle values for an even count.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}

/// <summary>Money per output. Amounts are whole pence so sums are exact on both databases.</summary>
public static class CostPer
{
    /// <summary>Pence per output, rounded to the nearest penny (half away from zero); null when there were no outputs.</summary>
    public static long? Unit(long spentPence, double outputs) =>
        outputs <= 0 ? null : (long)Math.Round(spentPence / outputs, MidpointRounding.AwayFromZero);

    /// <summary>Outputs per £1,000 spent (one decimal place); null when nothing was spent.</summary>
    public static double? PerThousandPounds(double outputs, long spentPence) =>
        spentPence <= 0 ? null : Math.Round(outputs / (spentPence / 100_000.0), 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A co-funded service's outputs shared between its funding lines in proportion to each line's spend on it,
    /// so a line is never credited with visits another line paid for (and the shares add up to the whole).
    /// </summary>
    public static double Attributed(double serviceOutputs, long lineSpendOnService, long allSpendOnService) =>
        allSpendOnService <= 0 ? 0 : serviceOutputs * lineSpendOnService / allSpendOnService;

    public static string Pounds(long pence) =>
        (pence / 100m).ToString("£#,##0.00", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
