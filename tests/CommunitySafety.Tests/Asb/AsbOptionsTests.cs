using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Asb.Rules;
using Microsoft.Extensions.Configuration;

namespace CommunitySafety.Tests.Asb;

public class AsbOptionsTests
{
    static AsbOptions From(Dictionary<string, string?> settings) =>
        AsbOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void From_NoSettings_UsesRuleDefaults()
    {
        var options = From([]);

        Assert.Equal(RepeatRule.Default, options.RepeatRule);
        Assert.Equal(CaseReviewThreshold.Default, options.Threshold);
        Assert.Equal(28, options.ExpiringWithinDays);
        Assert.Equal(TimeSpan.FromHours(1), options.RepeatSweepInterval);
    }

    [Fact]
    public void From_SweepIntervalMinutes_SetsHowOftenLapsedRepeatFlagsAreClearedAndZeroTurnsItOff()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), From(new() { ["Asb:RepeatRule:SweepIntervalMinutes"] = "15" }).RepeatSweepInterval);
        Assert.Equal(TimeSpan.Zero, From(new() { ["Asb:RepeatRule:SweepIntervalMinutes"] = "0" }).RepeatSweepInterval);
        // A timer cannot wait years: a very long interval is held at the longest one allowed.
        Assert.Equal(AsbOptions.MaxRepeatSweepInterval, From(new() { ["Asb:RepeatRule:SweepIntervalMinutes"] = "5256000" }).RepeatSweepInterval);
    }

    [Fact]
    public void From_LocalRepeatRuleAndThreshold_OverridesOnlyWhatIsSet()
    {
        var options = From(new()
        {
            ["Asb:RepeatRule:MinimumIncidents"] = "2",
            ["Asb:RepeatRule:WindowMonths"] = "6",
            ["Asb:CaseReview:Threshold:HateIncidentRuleEnabled"] = "true",
        });

        Assert.Equal(new RepeatRule(2, 6), options.RepeatRule);
        Assert.Equal(CaseReviewThreshold.Default with { HateIncidentRuleEnabled = true }, options.Threshold);
    }

    [Theory]
    [InlineData(AgencyType.Police, ReceivingBody.Police)]
    [InlineData(AgencyType.LocalAuthority, ReceivingBody.Council)]
    [InlineData(AgencyType.Health, ReceivingBody.Health)]
    public void BodyFor_RelevantAgencyType_MapsToReceivingBody(AgencyType type, ReceivingBody expected)
    {
        Assert.Equal(expected, From([]).BodyFor(type, "Any agency"));
    }

    [Fact]
    public void BodyFor_FireOrProvider_IsNotARelevantBody()
    {
        var options = From([]);

        Assert.Null(options.BodyFor(AgencyType.FireAndRescue, "Fire"));
        Assert.Null(options.BodyFor(AgencyType.VoluntarySectorProvider, "Safer Homes"));
    }

    [Fact]
    public void BodyFor_AgencyListedAsSocialLandlord_IsSocialLandlord()
    {
        var options = From(new() { ["Asb:CaseReview:SocialLandlordAgencies:0"] = "Wyvern Homes" });

        Assert.Equal(ReceivingBody.SocialLandlord, options.BodyFor(AgencyType.VoluntarySectorProvider, "wyvern homes"));
    }
}

public class AsbOptionsLocalClocksAndPowersTests
{
    static AsbOptions From(Dictionary<string, string?> settings) =>
        AsbOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void From_LocalDecisionDays_ChangesOnlyThatStep()
    {
        var options = From(new() { ["Asb:CaseReview:Timetable:Decision"] = "20" });

        var decision = options.Timetable.Steps.Single(s => s.Kind == CaseReviewStepKind.Decision);
        Assert.Equal((20, TimetableAnchor.Receipt, DayCountUnit.WorkingDays), (decision.Amount, decision.Anchor, decision.Unit));
        Assert.Contains("local setting", decision.Source, StringComparison.Ordinal);
        Assert.Equal(CaseReviewTimetable.Default.Steps.Where(s => s.Kind != CaseReviewStepKind.Decision), options.Timetable.Steps.Where(s => s.Kind != CaseReviewStepKind.Decision));
    }

    [Fact]
    public void From_LocalPowerLimit_OverridesOnlyThatLimit()
    {
        var options = From(new() { ["Asb:Powers:CpnMinimumDaysAfterWarning"] = "14" });

        Assert.Equal(PowerRulesConfig.Default with { CpnMinimumDaysAfterWarning = 14 }, options.Powers);
    }
}
