using CommunitySafety.Features.DomesticAbuse.Idva.Orders;
using CommunitySafety.Features.Orders;
using CommunitySafety.Shared;

namespace CommunitySafety.Tests.DomesticAbuse.Idva;

/// <summary>The DA protective orders' legal limits at their boundaries (Crime and Security Act 2010 s.24–28; Family Law Act 1996).</summary>
public class DaOrderRulesTests
{
    // 1 June 2026, 10:00 BST: the UK day the order is made is 1 June.
    static readonly DateTime Made = new(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);
    static readonly OrderSubject Adult = new("person:7", OrderSubjectKind.Person, new DateOnly(1985, 3, 2));

    static Order Proposed(DaOrderKind kind, DateTime? expires, bool superintendent = false, DateTime? issued = null) => new()
    {
        TypeCode = DaOrderTypes.CodeOf(kind), SubjectKind = OrderSubjectKind.Person, SubjectPersonId = 7, SubjectDescription = "Lee Cole",
        IssuedUtc = issued ?? Made, ExpiresUtc = expires, SeniorAuthorisation = superintendent,
    };

    static readonly Order EarlierDvpn = new()
    {
        Id = 1, TypeCode = "DA-DVPN", SubjectKind = OrderSubjectKind.Person, SubjectPersonId = 7, IssuedUtc = Made.AddHours(-30), SeniorAuthorisation = true,
    };

    static IReadOnlyList<string> Codes(DaOrderKind kind, Order o, OrderSubject? subject = null, IReadOnlyList<Order>? prior = null) =>
        [.. DaOrderRules.Validate(kind, o, subject ?? Adult, prior ?? [EarlierDvpn]).Select(v => v.Code)];

    static DateTime LastDay(int daysAfterMade) => DaOrderRules.EndOfLastDay(new DateOnly(2026, 6, 1).AddDays(daysAfterMade));

    [Theory]
    [InlineData(12, "BelowMinimumTerm")] // 13 days counting the day made
    [InlineData(13, null)] // 14 days: the shortest allowed
    [InlineData(27, null)] // 28 days: the longest allowed
    [InlineData(28, "ExceedsMaximum")] // 29 days
    public void Dvpo_TermBoundaries(int lastDayAfterMade, string? expected)
    {
        var codes = Codes(DaOrderKind.Dvpo, Proposed(DaOrderKind.Dvpo, LastDay(lastDayAfterMade)));

        Assert.Equal(expected is null ? [] : [expected], codes);
    }

    [Fact]
    public void Dvpo_EndingBeforeItStarts_SaysItMustEndAfterItIsMade()
    {
        var v = DaOrderRules.Validate(DaOrderKind.Dvpo, Proposed(DaOrderKind.Dvpo, Made.AddDays(-3)), Adult, [EarlierDvpn]);

        Assert.Equal(["ExpiryBeforeIssue"], v.Select(x => x.Code));
        Assert.Contains("must end after it is made", v[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dvpo_WithoutEndDate_NeedsOne()
    {
        Assert.Equal(["EndDateRequired"], Codes(DaOrderKind.Dvpo, Proposed(DaOrderKind.Dvpo, null)));
    }

    [Fact]
    public void Dvpo_WithoutEarlierDvpnToSamePerson_IsRefused()
    {
        var otherPersonsDvpn = new Order { Id = 2, TypeCode = "DA-DVPN", SubjectKind = OrderSubjectKind.Person, SubjectPersonId = 8, IssuedUtc = Made.AddHours(-5) };

        Assert.Equal(["DvpnRequired"], Codes(DaOrderKind.Dvpo, Proposed(DaOrderKind.Dvpo, LastDay(20)), prior: [otherPersonsDvpn]));
    }

    [Fact]
    public void Dvpo_TermCountsUkDaysAcrossTheClockChange()
    {
        // Made 20 October 2026; clocks go back on 25 October. Last day 16 November is day 28.
        var made = new DateTime(2026, 10, 20, 9, 0, 0, DateTimeKind.Utc);
        var order = Proposed(DaOrderKind.Dvpo, DaOrderRules.EndOfLastDay(new DateOnly(2026, 11, 16)), issued: made);

        Assert.Equal(28, DaOrderRules.DaysInForce(made, order.ExpiresUtc!.Value));
        Assert.Empty(Codes(DaOrderKind.Dvpo, order, prior: [new Order { Id = 3, TypeCode = "DA-DVPN", SubjectPersonId = 7, IssuedUtc = made.AddHours(-20) }]));
    }

    [Theory]
    [InlineData(48, null)]
    [InlineData(49, "ExceedsMaximum")]
    public void Dvpn_LastsAtMost48Hours(int hours, string? expected)
    {
        var codes = Codes(DaOrderKind.Dvpn, Proposed(DaOrderKind.Dvpn, Made.AddHours(hours), superintendent: true), prior: []);

        Assert.Equal(expected is null ? [] : [expected], codes);
    }

    [Fact]
    public void Dvpn_DefaultsTo48Hours_AndNeedsASuperintendent()
    {
        Assert.Equal(Made.AddHours(48), DaOrderRules.DefaultExpiry(DaOrderKind.Dvpn, Made));
        Assert.Equal(["SuperintendentRequired"], Codes(DaOrderKind.Dvpn, Proposed(DaOrderKind.Dvpn, Made.AddHours(48)), prior: []));
    }

    [Theory]
    [InlineData(1, "UnderMinimumAge")] // 18th birthday tomorrow
    [InlineData(0, null)] // 18 today
    public void Dvpn_OnlyForAdults(int birthdayInDays, string? expected)
    {
        var subject = new OrderSubject("person:7", OrderSubjectKind.Person, UkTime.Today(Made).AddYears(-18).AddDays(birthdayInDays));

        var codes = Codes(DaOrderKind.Dvpn, Proposed(DaOrderKind.Dvpn, null, superintendent: true), subject, []);

        Assert.Equal(expected is null ? [] : [expected], codes);
    }

    [Fact]
    public void NonMolestationOrder_UntilFurtherOrder_IsAllowed_ButNotEndingBeforeItIsMade()
    {
        Assert.Empty(Codes(DaOrderKind.NonMolestationOrder, Proposed(DaOrderKind.NonMolestationOrder, null), prior: []));
        Assert.Null(DaOrderRules.DefaultExpiry(DaOrderKind.NonMolestationOrder, Made));
        Assert.Equal(["ExpiryBeforeIssue"], Codes(DaOrderKind.OccupationOrder, Proposed(DaOrderKind.OccupationOrder, Made), prior: []));
    }

    [Fact]
    public void Orders_AgainstPremises_AreRefused()
    {
        var premises = new OrderSubject("Premises:1 HIGH ST", OrderSubjectKind.Premises);

        Assert.Contains("WrongSubjectKind", Codes(DaOrderKind.NonMolestationOrder, Proposed(DaOrderKind.NonMolestationOrder, null), premises, []));
    }
}
