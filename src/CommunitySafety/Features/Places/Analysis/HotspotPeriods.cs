namespace CommunitySafety.Features.Places.Analysis;

/// <summary>Length of the time periods hotspots are computed over.</summary>
public enum HotspotPeriod
{
    Daily,
    Weekly,
    TwentyEightDay,
    Monthly,
    Quarterly,
    Yearly,
}

/// <summary>Chooses and applies hotspot periods.</summary>
public static class HotspotPeriods
{
    // Year limits are the longest calendar spans (with leap days) so that, e.g., 1 Jan 2023 → 1 Jan 2025
    // (731 days) still counts as "two years" rather than tipping into quarterly.
    private const double TwoYearsInDays = 731;
    private const double TenYearsInDays = 3653;

    /// <summary>
    /// sfhotspot automatic period (reference.md §2.11): ≤14 days daily; ≤91 days weekly; ≤2 years 28-day;
    /// ≤10 years quarterly; else yearly.
    /// </summary>
    public static HotspotPeriod Choose(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(span), span, "Span must not be negative.");
        }

        var days = span.TotalDays;
        return days switch
        {
            <= 14 => HotspotPeriod.Daily,
            <= 91 => HotspotPeriod.Weekly,
            <= TwoYearsInDays => HotspotPeriod.TwentyEightDay,
            <= TenYearsInDays => HotspotPeriod.Quarterly,
            _ => HotspotPeriod.Yearly,
        };
    }

    /// <summary>
    /// As <see cref="Choose"/>, but for data dated only to the month (police.uk street-level crime is monthly):
    /// anything finer than a month would split one month's records arbitrarily, so it becomes Monthly.
    /// </summary>
    public static HotspotPeriod ChooseForMonthlyData(TimeSpan span) => Choose(span) switch
    {
        HotspotPeriod.Daily or HotspotPeriod.Weekly or HotspotPeriod.TwentyEightDay => HotspotPeriod.Monthly,
        var other => other,
    };

    /// <summary>
    /// Zero-based period number of <paramref name="date"/> counting from <paramref name="origin"/>
    /// (the start of period 0). Dates before the origin give negative indices.
    /// </summary>
    public static int PeriodIndex(HotspotPeriod period, DateOnly origin, DateOnly date)
    {
        var dayDiff = date.DayNumber - origin.DayNumber;
        var monthDiff = ((date.Year - origin.Year) * 12) + (date.Month - origin.Month);
        if (date.Day < origin.Day)
        {
            monthDiff--; // the month anniversary has not yet been reached
        }

        return period switch
        {
            HotspotPeriod.Daily => dayDiff,
            HotspotPeriod.Weekly => FloorDiv(dayDiff, 7),
            HotspotPeriod.TwentyEightDay => FloorDiv(dayDiff, 28),
            HotspotPeriod.Monthly => monthDiff,
            HotspotPeriod.Quarterly => FloorDiv(monthDiff, 3),
            HotspotPeriod.Yearly => FloorDiv(monthDiff, 12),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period."),
        };
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);
}
