using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Tests.Cases;

public class WorkingDaysTests
{
    [Theory]
    [InlineData(1818, 3, 22)]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void EasterSunday_KnownYears_ReturnsDate(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), EnglandAndWalesBankHolidays.EasterSunday(year));

    [Fact]
    public void ForYear_2026_ReturnsEightHolidays()
    {
        var dates = EnglandAndWalesBankHolidays.ForYear(2026).Select(h => h.Date);

        Assert.Equal(
            [
                new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6), new DateOnly(2026, 5, 4),
                new DateOnly(2026, 5, 25), new DateOnly(2026, 8, 31), new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28),
            ],
            dates);
    }

    [Theory]
    [InlineData("2022-01-03")] // New Year's Day on Saturday
    [InlineData("2023-01-02")] // New Year's Day on Sunday
    [InlineData("2022-12-26")] // Boxing Day on Monday
    [InlineData("2022-12-27")] // substitute for Christmas Day on Sunday
    [InlineData("2027-12-27")] // substitute for Christmas Day on Saturday
    [InlineData("2027-12-28")] // substitute for Boxing Day on Sunday
    [InlineData("2020-12-28")] // substitute for Boxing Day on Saturday
    public void IsHoliday_SubstituteDays_True(string date) =>
        Assert.True(WorkingDays.RuleBasedOnly.IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void IsHoliday_ChristmasOnSunday_SundayNotListedAsHoliday()
    {
        var dates = EnglandAndWalesBankHolidays.ForYear(2022).Select(h => h.Date).ToList();

        Assert.DoesNotContain(new DateOnly(2022, 12, 25), dates);
        Assert.Contains(new DateOnly(2022, 12, 27), dates);
    }

    [Fact]
    public void AddWorkingDays_AcrossEaster_SkipsGoodFridayAndEasterMonday()
    {
        var calendar = WorkingDays.RuleBasedOnly;

        Assert.Equal(new DateOnly(2026, 4, 15), calendar.AddWorkingDays(new DateOnly(2026, 3, 30), 10));
    }

    [Fact]
    public void AddWorkingDays_FromSaturday_StartsCountingMonday()
    {
        Assert.Equal(new DateOnly(2026, 3, 9), WorkingDays.RuleBasedOnly.AddWorkingDays(new DateOnly(2026, 3, 7), 1));
    }

    [Fact]
    public void AddWorkingDays_Zero_ReturnsStart()
    {
        Assert.Equal(new DateOnly(2026, 3, 7), WorkingDays.RuleBasedOnly.AddWorkingDays(new DateOnly(2026, 3, 7), 0));
    }

    [Fact]
    public void AddWorkingDays_Negative_CountsBackwards()
    {
        Assert.Equal(new DateOnly(2026, 4, 2), WorkingDays.RuleBasedOnly.AddWorkingDays(new DateOnly(2026, 4, 7), -1));
    }

    [Fact]
    public void IsWorkingDay_ExtraHoliday_False()
    {
        var calendar = new WorkingDays(extraHolidays: [new DateOnly(2026, 7, 1)]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 7, 1)));
        Assert.True(WorkingDays.RuleBasedOnly.IsWorkingDay(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void IsHoliday_KnownOneOffs2022_MovedSpringHolidayAndJubilee()
    {
        var calendar = WorkingDays.WithKnownOneOffs;

        Assert.True(calendar.IsWorkingDay(new DateOnly(2022, 5, 30)));
        Assert.True(calendar.IsHoliday(new DateOnly(2022, 6, 2)));
        Assert.True(calendar.IsHoliday(new DateOnly(2022, 6, 3)));
        Assert.True(calendar.IsHoliday(new DateOnly(2022, 9, 19)));
        Assert.True(calendar.IsHoliday(new DateOnly(2023, 5, 8)));
    }

    [Fact]
    public void CountBetween_WeekWithBankHoliday_ExcludesIt()
    {
        // After Fri 22 May 2026 up to Thu 28 May: the weekend and Mon 25 May (spring bank holiday) are skipped.
        Assert.Equal(3, WorkingDays.RuleBasedOnly.CountBetween(new DateOnly(2026, 5, 22), new DateOnly(2026, 5, 28)));
    }
}
