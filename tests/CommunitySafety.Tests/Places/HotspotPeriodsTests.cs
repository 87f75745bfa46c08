using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class HotspotPeriodsTests
{
    [Theory]
    [InlineData(0, HotspotPeriod.Daily)]
    [InlineData(14, HotspotPeriod.Daily)]
    [InlineData(15, HotspotPeriod.Weekly)]
    [InlineData(91, HotspotPeriod.Weekly)]
    [InlineData(92, HotspotPeriod.TwentyEightDay)]
    [InlineData(731, HotspotPeriod.TwentyEightDay)] // two calendar years including a leap day
    [InlineData(732, HotspotPeriod.Quarterly)]
    [InlineData(3653, HotspotPeriod.Quarterly)]
    [InlineData(3654, HotspotPeriod.Yearly)]
    public void Choose_SpanInDays_FollowsSfhotspotThresholds(int days, HotspotPeriod expected)
    {
        Assert.Equal(expected, HotspotPeriods.Choose(TimeSpan.FromDays(days)));
    }

    [Fact]
    public void Choose_TwoCalendarYearsAcrossLeapDay_IsTwentyEightDay()
    {
        var span = new DateTime(2025, 1, 1) - new DateTime(2023, 1, 1);

        Assert.Equal(HotspotPeriod.TwentyEightDay, HotspotPeriods.Choose(span));
    }

    [Fact]
    public void Choose_NegativeSpan_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HotspotPeriods.Choose(TimeSpan.FromDays(-1)));
    }

    [Theory]
    [InlineData(60, HotspotPeriod.Monthly)]
    [InlineData(365, HotspotPeriod.Monthly)]
    [InlineData(5 * 365, HotspotPeriod.Quarterly)]
    [InlineData(20 * 365, HotspotPeriod.Yearly)]
    public void ChooseForMonthlyData_SubMonthlyChoice_BecomesMonthly(int days, HotspotPeriod expected)
    {
        Assert.Equal(expected, HotspotPeriods.ChooseForMonthlyData(TimeSpan.FromDays(days)));
    }

    [Theory]
    [InlineData(HotspotPeriod.Daily, "2024-01-01", "2024-01-31", 30)]
    [InlineData(HotspotPeriod.Weekly, "2024-01-01", "2024-01-08", 1)]
    [InlineData(HotspotPeriod.Weekly, "2024-01-01", "2023-12-31", -1)]
    [InlineData(HotspotPeriod.TwentyEightDay, "2024-01-01", "2024-01-29", 1)]
    [InlineData(HotspotPeriod.Monthly, "2024-01-01", "2024-03-31", 2)]
    [InlineData(HotspotPeriod.Monthly, "2024-01-15", "2024-02-14", 0)]
    [InlineData(HotspotPeriod.Quarterly, "2024-01-01", "2024-04-01", 1)]
    [InlineData(HotspotPeriod.Yearly, "2024-04-01", "2025-03-31", 0)]
    public void PeriodIndex_Date_CountsWholePeriodsFromOrigin(HotspotPeriod period, string origin, string date, int expected)
    {
        var index = HotspotPeriods.PeriodIndex(
            period,
            DateOnly.Parse(origin, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, index);
    }
}
