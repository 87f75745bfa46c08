using CommunitySafety.Features.Asb.Rules;

namespace CommunitySafety.Tests.Asb;

public class PowerRulesTests
{
    private static readonly DateTime Issued = new(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly PowerSubject Adult = PowerSubject.Person("S1", new DateOnly(1990, 1, 1));

    private static PowerSubject PersonBornYearsBefore(int years, int daysAfter = 0) =>
        PowerSubject.Person("S1", DateOnly.FromDateTime(Issued).AddYears(-years).AddDays(daysAfter));

    private static PowerUse Use(AsbPower power, DateTime? expires = null, string subjectId = "S1", DateTime? issued = null, bool senior = false, DateTime? hearing = null, string id = "U1", string? extends = null) =>
        new(id, power, subjectId, issued ?? Issued, expires, senior, hearing, extends);

    private static IReadOnlyList<string> Codes(IReadOnlyList<PowerRuleViolation> violations) => [.. violations.Select(v => v.Code)];

    [Fact]
    public void Validate_CpnWithEarlierWarningToSameAdult_NoViolations()
    {
        var warning = Use(AsbPower.CommunityProtectionWarning, id: "W1", issued: Issued.AddDays(-14));

        Assert.Empty(PowerRules.Validate(Use(AsbPower.CommunityProtectionNotice), Adult, [warning]));
    }

    [Fact]
    public void Validate_CpnWithoutWarning_Violation()
    {
        var v = PowerRules.Validate(Use(AsbPower.CommunityProtectionNotice), Adult, []);

        Assert.Equal(["NoPriorWarning"], Codes(v));
        Assert.Contains("prior written warning", v[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CpnWarningToDifferentSubject_Violation()
    {
        var warning = Use(AsbPower.CommunityProtectionWarning, id: "W1", subjectId: "S2", issued: Issued.AddDays(-14));

        Assert.Equal(["NoPriorWarning"], Codes(PowerRules.Validate(Use(AsbPower.CommunityProtectionNotice), Adult, [warning])));
    }

    [Fact]
    public void Validate_CpnWarningIssuedAfterNotice_Violation()
    {
        var warning = Use(AsbPower.CommunityProtectionWarning, id: "W1", issued: Issued.AddHours(1));

        Assert.Equal(["WarningNotBeforeNotice"], Codes(PowerRules.Validate(Use(AsbPower.CommunityProtectionNotice), Adult, [warning])));
    }

    [Fact]
    public void Validate_CpnSubjectTurns16NextDay_Violation()
    {
        var warning = Use(AsbPower.CommunityProtectionWarning, id: "W1", issued: Issued.AddDays(-14));

        var v = PowerRules.Validate(Use(AsbPower.CommunityProtectionNotice), PersonBornYearsBefore(16, 1), [warning]);

        Assert.Equal(["UnderMinimumAge"], Codes(v));
        Assert.Contains("aged 16 or over", v[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CpnSubject16OnIssueDate_NoViolations()
    {
        var warning = Use(AsbPower.CommunityProtectionWarning, id: "W1", issued: Issued.AddDays(-14));

        Assert.Empty(PowerRules.Validate(Use(AsbPower.CommunityProtectionNotice), PersonBornYearsBefore(16), [warning]));
    }

    [Fact]
    public void Validate_CpnToBody_NoAgeCheck()
    {
        var warning = Use(AsbPower.CommunityProtectionWarning, id: "W1", subjectId: "B1", issued: Issued.AddDays(-14));

        Assert.Empty(PowerRules.Validate(Use(AsbPower.CommunityProtectionNotice, subjectId: "B1"), PowerSubject.Body("B1"), [warning]));
    }

    [Fact]
    public void Validate_InjunctionSubjectAged9_Violation()
    {
        Assert.Equal(["UnderMinimumAge"], Codes(PowerRules.Validate(Use(AsbPower.CivilInjunction, Issued.AddMonths(6)), PersonBornYearsBefore(9), [])));
    }

    [Fact]
    public void Validate_InjunctionAdultUntilFurtherOrder_NoViolations()
    {
        Assert.Empty(PowerRules.Validate(Use(AsbPower.CivilInjunction), Adult, []));
    }

    [Fact]
    public void Validate_InjunctionUnder18WithoutEndDate_Violation()
    {
        Assert.Equal(["YouthEndDateRequired"], Codes(PowerRules.Validate(Use(AsbPower.CivilInjunction), PersonBornYearsBefore(15), [])));
    }

    [Fact]
    public void Validate_InjunctionUnder18TwelveMonths_NoViolations()
    {
        Assert.Empty(PowerRules.Validate(Use(AsbPower.CivilInjunction, Issued.AddMonths(12)), PersonBornYearsBefore(17), []));
    }

    [Fact]
    public void Validate_InjunctionUnder18OverTwelveMonths_Violation()
    {
        Assert.Equal(["ExceedsMaximum"], Codes(PowerRules.Validate(Use(AsbPower.CivilInjunction, Issued.AddMonths(12).AddDays(1)), PersonBornYearsBefore(17), [])));
    }

    [Fact]
    public void Validate_ClosureNotice24Hours_NoViolations()
    {
        var notice = Use(AsbPower.ClosureNotice, Issued.AddHours(24), subjectId: "PR1", hearing: Issued.AddHours(40));

        Assert.Empty(PowerRules.Validate(notice, PowerSubject.Premises("PR1"), []));
    }

    [Fact]
    public void Validate_ClosureNotice48HoursWithoutSeniorAuthorisation_Violation()
    {
        var notice = Use(AsbPower.ClosureNotice, Issued.AddHours(48), subjectId: "PR1", hearing: Issued.AddHours(40));

        var v = PowerRules.Validate(notice, PowerSubject.Premises("PR1"), []);

        Assert.Equal(["ExceedsMaximum"], Codes(v));
        Assert.Contains("superintendent", v[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClosureNotice48HoursWithSeniorAuthorisation_NoViolations()
    {
        var notice = Use(AsbPower.ClosureNotice, Issued.AddHours(48), subjectId: "PR1", senior: true, hearing: Issued.AddHours(48));

        Assert.Empty(PowerRules.Validate(notice, PowerSubject.Premises("PR1"), []));
    }

    [Fact]
    public void Validate_ClosureNoticeHearingAfter48Hours_Violation()
    {
        var notice = Use(AsbPower.ClosureNotice, Issued.AddHours(24), subjectId: "PR1", hearing: Issued.AddHours(49));

        Assert.Equal(["HearingOutsideWindow"], Codes(PowerRules.Validate(notice, PowerSubject.Premises("PR1"), [])));
    }

    [Fact]
    public void Validate_ClosureOrderOverThreeMonths_Violation()
    {
        var order = Use(AsbPower.ClosureOrder, Issued.AddMonths(3).AddDays(1), subjectId: "PR1");

        Assert.Equal(["ExceedsMaximum"], Codes(PowerRules.Validate(order, PowerSubject.Premises("PR1"), [])));
    }

    [Fact]
    public void Validate_ClosureOrderExtensionsToSixMonths_NoViolations()
    {
        var original = Use(AsbPower.ClosureOrder, Issued.AddMonths(3), subjectId: "PR1", id: "O1");
        var first = Use(AsbPower.ClosureOrder, Issued.AddMonths(5), subjectId: "PR1", id: "O2", issued: Issued.AddMonths(3).AddDays(-7), extends: "O1");
        var second = Use(AsbPower.ClosureOrder, Issued.AddMonths(6), subjectId: "PR1", id: "O3", issued: Issued.AddMonths(5).AddDays(-7), extends: "O2");

        Assert.Empty(PowerRules.Validate(second, PowerSubject.Premises("PR1"), [original, first]));
    }

    [Fact]
    public void Validate_ClosureOrderExtensionBeyondSixMonthsTotal_Violation()
    {
        var original = Use(AsbPower.ClosureOrder, Issued.AddMonths(3), subjectId: "PR1", id: "O1");
        var extension = Use(AsbPower.ClosureOrder, Issued.AddMonths(6).AddDays(1), subjectId: "PR1", id: "O2", issued: Issued.AddMonths(3).AddDays(-7), extends: "O1");

        var v = PowerRules.Validate(extension, PowerSubject.Premises("PR1"), [original]);

        Assert.Equal(["ExceedsMaximum"], Codes(v));
        Assert.Contains("6 months in total", v[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClosureOrderExtensionOfUnknownOrder_Violation()
    {
        var extension = Use(AsbPower.ClosureOrder, Issued.AddMonths(2), subjectId: "PR1", extends: "missing");

        Assert.Equal(["ExtendedOrderNotFound"], Codes(PowerRules.Validate(extension, PowerSubject.Premises("PR1"), [])));
    }

    [Fact]
    public void Validate_PspoOverThreeYears_Violation()
    {
        Assert.Equal(["ExceedsMaximum"], Codes(PowerRules.Validate(Use(AsbPower.PublicSpacesProtectionOrder, Issued.AddYears(3).AddDays(1), subjectId: "A1"), PowerSubject.Area("A1"), [])));
        Assert.Empty(PowerRules.Validate(Use(AsbPower.PublicSpacesProtectionOrder, Issued.AddYears(3), subjectId: "A1"), PowerSubject.Area("A1"), []));
    }

    [Fact]
    public void Validate_DispersalOver48Hours_Violation()
    {
        Assert.Equal(["ExceedsMaximum"], Codes(PowerRules.Validate(Use(AsbPower.DispersalDirection, Issued.AddHours(49)), Adult, [])));
        Assert.Empty(PowerRules.Validate(Use(AsbPower.DispersalDirection, Issued.AddHours(48)), Adult, []));
    }

    [Fact]
    public void Validate_CboAdultUnderTwoYears_Violation()
    {
        Assert.Equal(["BelowMinimumTerm"], Codes(PowerRules.Validate(Use(AsbPower.CriminalBehaviourOrder, Issued.AddYears(2).AddDays(-1)), Adult, [])));
        Assert.Empty(PowerRules.Validate(Use(AsbPower.CriminalBehaviourOrder), Adult, []));
    }

    [Fact]
    public void Validate_CboYouthOutsideOneToThreeYears_Violation()
    {
        var youth = PersonBornYearsBefore(15);

        Assert.Equal(["BelowMinimumTerm"], Codes(PowerRules.Validate(Use(AsbPower.CriminalBehaviourOrder, Issued.AddMonths(11)), youth, [])));
        Assert.Equal(["ExceedsMaximum"], Codes(PowerRules.Validate(Use(AsbPower.CriminalBehaviourOrder, Issued.AddYears(3).AddDays(1)), youth, [])));
        Assert.Empty(PowerRules.Validate(Use(AsbPower.CriminalBehaviourOrder, Issued.AddYears(2)), youth, []));
    }

    [Fact]
    public void Validate_ConfiguredLimit_UsesConfiguration()
    {
        var config = new PowerRulesConfig(DispersalMaxHours: 24);

        Assert.Equal(["ExceedsMaximum"], Codes(PowerRules.Validate(Use(AsbPower.DispersalDirection, Issued.AddHours(36)), Adult, [], config)));
    }

    [Fact]
    public void DefaultExpiry_EachPower_ReturnsConfiguredTerm()
    {
        Assert.Null(PowerRules.DefaultExpiry(AsbPower.CommunityProtectionNotice, Issued));
        Assert.Null(PowerRules.DefaultExpiry(AsbPower.CivilInjunction, Issued, Adult));
        Assert.Equal(Issued.AddMonths(12), PowerRules.DefaultExpiry(AsbPower.CivilInjunction, Issued, PersonBornYearsBefore(14)));
        Assert.Equal(Issued.AddHours(24), PowerRules.DefaultExpiry(AsbPower.ClosureNotice, Issued));
        Assert.Equal(Issued.AddHours(48), PowerRules.DefaultExpiry(AsbPower.ClosureNotice, Issued, seniorAuthorisation: true));
        Assert.Equal(Issued.AddMonths(3), PowerRules.DefaultExpiry(AsbPower.ClosureOrder, Issued));
        Assert.Equal(Issued.AddYears(3), PowerRules.DefaultExpiry(AsbPower.PublicSpacesProtectionOrder, Issued));
        Assert.Equal(Issued.AddHours(48), PowerRules.DefaultExpiry(AsbPower.DispersalDirection, Issued));
        Assert.Equal(Issued.AddYears(2), PowerRules.DefaultExpiry(AsbPower.CriminalBehaviourOrder, Issued, Adult));
        Assert.Equal(Issued.AddYears(3), PowerRules.DefaultExpiry(AsbPower.CriminalBehaviourOrder, Issued, PersonBornYearsBefore(16)));
    }

    [Fact]
    public void IsExpired_AtAndAfterExpiry_True()
    {
        var use = Use(AsbPower.DispersalDirection, Issued.AddHours(48));

        Assert.False(use.IsExpired(Issued.AddHours(47)));
        Assert.True(use.IsExpired(Issued.AddHours(48)));
        Assert.False(Use(AsbPower.CivilInjunction).IsExpired(Issued.AddYears(50)));
    }

    [Fact]
    public void AgeOn_LeapDayBirthday_BirthdayReachedOnFirstMarch()
    {
        var dob = new DateOnly(2008, 2, 29);

        Assert.Equal(17, PowerRules.AgeOn(dob, new DateOnly(2026, 2, 28)));
        Assert.Equal(18, PowerRules.AgeOn(dob, new DateOnly(2026, 3, 1)));
    }
}
