using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Funding;
using CommunitySafety.Features.Referrals.Rules;

namespace CommunitySafety.Tests.Referrals;

public class EligibilityTests
{
    static readonly DateOnly Today = new(2026, 11, 23);

    static readonly EligibilityRuleData[] SaferHomes =
    [
        new(EligibilityRuleKind.Area, "WY1,WY4"),
        new(EligibilityRuleKind.VictimOf, "CRIME-BURGLARY,CRIME-DISTRACTION-BURGLARY"),
        new(EligibilityRuleKind.MinimumAge, "65"),
    ];

    static EligibilityFacts Facts(DateOnly? dob, string? postcode, params (string, DateOnly)[] crimes) => new(dob, postcode, crimes, false, Today);

    [Fact]
    public void BurglaryVictimAged78InArea_IsEligible() =>
        Assert.Empty(Eligibility.NotEligibleBecause(SaferHomes, Facts(new DateOnly(1948, 6, 1), "WY4 3EG", ("CRIME-DISTRACTION-BURGLARY", Today.AddDays(-6)))));

    [Fact]
    public void TurningSixtyFiveToday_IsEligible_DayBefore_IsNot()
    {
        var crime = ("CRIME-BURGLARY", Today.AddDays(-1));
        Assert.Empty(Eligibility.NotEligibleBecause(SaferHomes, Facts(Today.AddYears(-65), "WY4 3EG", crime)));
        var reasons = Eligibility.NotEligibleBecause(SaferHomes, Facts(Today.AddYears(-65).AddDays(1), "WY4 3EG", crime));
        Assert.Equal("The person is 64; the service is for people aged 65 or over.", Assert.Single(reasons));
    }

    [Fact]
    public void OutsideArea_SaysWhichDistrict()
    {
        var reasons = Eligibility.NotEligibleBecause(SaferHomes, Facts(new DateOnly(1940, 1, 1), "WY9 1AA", ("CRIME-BURGLARY", Today)));
        Assert.Contains("postcode district WY9, outside the service's area (WY1, WY4)", Assert.Single(reasons));
    }

    [Fact]
    public void BurglaryOlderThanTwelveMonths_DoesNotCount_ExactlyTwelveMonths_Does()
    {
        var dob = new DateOnly(1940, 1, 1);
        Assert.Single(Eligibility.NotEligibleBecause(SaferHomes, Facts(dob, "WY1 2AB", ("CRIME-BURGLARY", Today.AddMonths(-12).AddDays(-1)))));
        Assert.Empty(Eligibility.NotEligibleBecause(SaferHomes, Facts(dob, "WY1 2AB", ("CRIME-BURGLARY", Today.AddMonths(-12)))));
    }

    [Fact]
    public void NothingKnown_GivesOneReasonPerRule()
    {
        var reasons = Eligibility.NotEligibleBecause(SaferHomes, Facts(null, null), c => c == "CRIME-BURGLARY" ? "burglary" : "distraction burglary");
        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("No record that the person was the victim of burglary or distraction burglary", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("No date of birth", StringComparison.Ordinal));
    }

    [Fact]
    public void RepeatVictim_NeedsTheCountOrTheFlag()
    {
        EligibilityRuleData[] rules = [new(EligibilityRuleKind.VictimOf, "CRIME-BURGLARY"), new(EligibilityRuleKind.RepeatVictim, "2")];
        var once = Facts(null, null, ("CRIME-BURGLARY", Today.AddDays(-10)));
        Assert.Contains("Not a repeat victim: 1 recorded incident(s)", Assert.Single(Eligibility.NotEligibleBecause(rules, once)));
        Assert.Empty(Eligibility.NotEligibleBecause(rules, once with { FlaggedRepeatVictim = true }));
        Assert.Empty(Eligibility.NotEligibleBecause(rules, Facts(null, null, ("CRIME-BURGLARY", Today.AddDays(-10)), ("CRIME-BURGLARY", Today.AddDays(-90)))));
    }

    [Theory]
    [InlineData("WY4 3EG", "WY4")]
    [InlineData("wy43eg", "WY4")]
    [InlineData("SW1A 1AA", "SW1A")]
    [InlineData("WY4", null)]
    [InlineData(null, null)]
    public void PostcodeDistrict_IsTheOutwardCode(string? postcode, string? district) => Assert.Equal(district, Eligibility.PostcodeDistrict(postcode));

    [Theory]
    [InlineData(2000, 2, 29, 2026, 2, 28, 25)]
    [InlineData(2000, 2, 29, 2026, 3, 1, 26)]
    [InlineData(1948, 11, 23, 2026, 11, 23, 78)]
    public void AgeOn_CountsCompletedYears(int y, int m, int d, int ty, int tm, int td, int age) =>
        Assert.Equal(age, Eligibility.AgeOn(new DateOnly(y, m, d), new DateOnly(ty, tm, td)));

    [Theory]
    [InlineData(64, "60 to 69")]
    [InlineData(65, "65 to 74")]
    [InlineData(78, "75 to 84")]
    [InlineData(85, "85 or over")]
    public void AgeBands(int age, string band) => Assert.Equal(band, SharedFields.AgeBandOf(age));
}

public class FireRiskScreenTests
{
    [Fact]
    public void NoFactors_IsRoutine() => Assert.Equal(FirePriority.Routine, FireRiskScreen.Priority(FireRiskFactors.None));

    [Theory]
    [InlineData(FireRiskFactors.LivingAlone)]
    [InlineData(FireRiskFactors.Smoking | FireRiskFactors.Alcohol)]
    [InlineData(FireRiskFactors.NoWorkingSmokeAlarm | FireRiskFactors.Hoarding)]
    public void OneOrTwoFactors_AreMedium(FireRiskFactors factors) => Assert.Equal(FirePriority.Medium, FireRiskScreen.Priority(factors));

    [Fact]
    public void ThreeFactors_AreHigh() =>
        Assert.Equal(FirePriority.High, FireRiskScreen.Priority(FireRiskFactors.LivingAlone | FireRiskFactors.Alcohol | FireRiskFactors.Hoarding));

    [Theory]
    [InlineData(FireRiskFactors.LimitedMobility | FireRiskFactors.Smoking)]
    [InlineData(FireRiskFactors.LimitedMobility | FireRiskFactors.NoWorkingSmokeAlarm)]
    public void LimitedMobilityWithSmokingOrNoAlarm_IsHighEvenAsAPair(FireRiskFactors factors) => Assert.Equal(FirePriority.High, FireRiskScreen.Priority(factors));

    [Fact]
    public void LimitedMobilityWithLivingAlone_IsOnlyMedium() =>
        Assert.Equal(FirePriority.Medium, FireRiskScreen.Priority(FireRiskFactors.LimitedMobility | FireRiskFactors.LivingAlone));

    [Fact]
    public void AllEightFactors_AreListedOnce()
    {
        Assert.Equal(8, FireRiskScreen.Factors.Count);
        var all = FireRiskScreen.Factors.Aggregate(FireRiskFactors.None, (a, f) => a | f.Factor);
        Assert.Equal(8, FireRiskScreen.Count(all));
    }
}

public class WaitingClockTests
{
    // Monday 23 November 2026; five working days later is Monday 30 November.
    static readonly DateOnly Referred = new(2026, 11, 23);

    [Fact]
    public void DueDayItself_IsStillRunning_DayAfter_IsOverdue()
    {
        var cal = WorkingDays.RuleBasedOnly;
        Assert.Equal(new DateOnly(2026, 11, 30), WaitingClock.Read(Referred, 5, null, new DateOnly(2026, 11, 30), false, cal).Due);
        Assert.Equal(ClockState.Running, WaitingClock.Read(Referred, 5, null, new DateOnly(2026, 11, 30), false, cal).State);
        Assert.Equal(ClockState.Overdue, WaitingClock.Read(Referred, 5, null, new DateOnly(2026, 12, 1), false, cal).State);
    }

    [Fact]
    public void ChristmasBankHolidays_AreNotCounted()
    {
        // Referred Wednesday 23 December 2026: 24th is day 1; 25th (Fri) and 28th (Boxing Day substitute) are holidays.
        var due = WaitingClock.Read(new DateOnly(2026, 12, 23), 2, null, new DateOnly(2026, 12, 23), false, WorkingDays.RuleBasedOnly).Due;
        Assert.Equal(new DateOnly(2026, 12, 29), due);
    }

    [Fact]
    public void DoneOnTheDueDay_IsMet_DayLater_IsMissed()
    {
        var cal = WorkingDays.RuleBasedOnly;
        var met = WaitingClock.Read(Referred, 5, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 20), false, cal);
        Assert.Equal((ClockState.Met, 5), (met.State, met.WorkingDaysElapsed));
        Assert.Equal(ClockState.Missed, WaitingClock.Read(Referred, 5, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 20), false, cal).State);
    }

    [Fact]
    public void DeclinedBeforeContact_StopsTheClock() =>
        Assert.Equal(ClockState.Stopped, WaitingClock.Read(Referred, 5, null, new DateOnly(2027, 1, 20), true, WorkingDays.RuleBasedOnly).State);
}

public class OutcomeStatisticsTests
{
    [Fact]
    public void Median_OddAndEvenCounts()
    {
        Assert.Equal(3, Percentiles.Median([5, 1, 3]));
        Assert.Equal(2.5, Percentiles.Median([4, 1, 3, 2]));
        Assert.Null(Percentiles.Median([]));
    }

    [Fact]
    public void NinetiethPercentile_IsNearestRank()
    {
        double[] ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(9, Percentiles.NearestRank(ten, 90));
        // Eleven values: rank ceil(9.9) = 10.
        Assert.Equal(10, Percentiles.NearestRank([.. ten, 11], 90));
        Assert.Equal(7, Percentiles.NearestRank([7], 90));
        Assert.Null(Percentiles.NearestRank([], 90));
    }

    [Fact]
    public void CostPerVisit_RoundsToThePenny_AndIsNullWithoutVisits()
    {
        Assert.Equal(33_333, CostPer.Unit(100_000, 3));
        Assert.Equal(25_001, CostPer.Unit(100_002, 4));
        Assert.Null(CostPer.Unit(100_000, 0));
    }

    [Fact]
    public void CoFundedOutputs_AreSharedBySpend()
    {
        // 10 visits, 3,000 of 4,000 spent by this line: 7.5 visits are this line's.
        Assert.Equal(7.5, CostPer.Attributed(10, 300_000, 400_000));
        Assert.Equal(0, CostPer.Attributed(10, 0, 0));
        Assert.Equal(40_000, CostPer.Unit(300_000, CostPer.Attributed(10, 300_000, 400_000)));
    }

    [Fact]
    public void VisitsPerThousandPounds() => Assert.Equal(2.5, CostPer.PerThousandPounds(10, 400_000));

    [Fact]
    public void FinancialYear_StartsInApril()
    {
        Assert.Equal(2025, FundingDisplay.YearOf(new DateOnly(2026, 3, 31)));
        Assert.Equal(2026, FundingDisplay.YearOf(new DateOnly(2026, 4, 1)));
        Assert.Equal("2026/27", FundingDisplay.Year(2026));
    }
}

public class RepeatBurglaryTests
{
    static readonly DateOnly From = new(2026, 4, 1);
    static readonly DateOnly To = new(2027, 3, 31);

    [Fact]
    public void TreatedAndUntreated_CountedSeparately_WithRepeatsWithinTwelveMonths()
    {
        BurglaryAtPlace[] burglaries =
        [
            new(1, new(2026, 5, 1)), new(1, new(2026, 9, 1)), // treated 10 May, burgled again 1 Sep: repeat
            new(2, new(2026, 6, 1)),                           // treated, no repeat
            new(3, new(2026, 6, 1)), new(3, new(2027, 6, 1)), // untreated, repeat exactly 12 months later: counts
            new(4, new(2026, 7, 1)), new(4, new(2027, 7, 2)), // untreated, repeat after 12 months: does not
            new(5, new(2025, 12, 1)),                          // outside the period
        ];
        TreatmentAtPlace[] treated = [new(1, new(2026, 5, 10)), new(2, new(2026, 6, 10)), new(5, new(2025, 12, 5))];
        var result = RepeatBurglary.Compare(burglaries, treated, From, To);
        Assert.Equal(new RepeatComparison(2, 1, 2, 1), result);
        Assert.Equal(0.5, result.TreatedRate);
    }

    [Fact]
    public void BurglaryBeforeTheVisit_IsNotARepeatOfTheTreatment()
    {
        BurglaryAtPlace[] burglaries = [new(1, new(2026, 5, 1)), new(1, new(2026, 5, 5))];
        var result = RepeatBurglary.Compare(burglaries, [new TreatmentAtPlace(1, new(2026, 5, 20))], From, To);
        Assert.Equal(new RepeatComparison(1, 0, 0, 0), result);
    }

    [Fact]
    public void VisitBeforeTheFirstBurglary_DoesNotMakeTheAddressTreated()
    {
        var result = RepeatBurglary.Compare([new BurglaryAtPlace(1, new(2026, 8, 1))], [new TreatmentAtPlace(1, new(2026, 5, 1))], From, To);
        Assert.Equal(new RepeatComparison(0, 0, 1, 0), result);
    }
}
