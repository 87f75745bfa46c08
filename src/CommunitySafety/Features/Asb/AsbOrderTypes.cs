using System.Globalization;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Orders;

namespace CommunitySafety.Features.Asb;

/// <summary>The 2014 Act powers (and the ABC) as order types of the case core, each checked by <see cref="AsbOrderRules"/>.</summary>
public static class AsbOrderTypes
{
    static readonly (AsbPower Power, string Code)[] Codes =
    [
        (AsbPower.CommunityProtectionWarning, "ASB-CPW"),
        (AsbPower.CommunityProtectionNotice, "ASB-CPN"),
        (AsbPower.CivilInjunction, "ASB-INJUNCTION"),
        (AsbPower.CriminalBehaviourOrder, "ASB-CBO"),
        (AsbPower.ClosureNotice, "ASB-CLOSURE-NOTICE"),
        (AsbPower.ClosureOrder, "ASB-CLOSURE-ORDER"),
        (AsbPower.PublicSpacesProtectionOrder, "ASB-PSPO"),
        (AsbPower.DispersalDirection, "ASB-DISPERSAL"),
        (AsbPower.AcceptableBehaviourContract, "ASB-ABC"),
    ];

    public static IReadOnlyList<string> AllCodes { get; } = [.. Codes.Select(c => c.Code)];

    public static IReadOnlyList<OrderTypeDefinition> All { get; } =
        [.. Codes.Select(c => new OrderTypeDefinition(c.Code, AsbCaseSummary.PowerName(c.Power), AsbStrand.Code, typeof(AsbOrderRules)))];

    public static string CodeOf(AsbPower power) => Codes.First(c => c.Power == power).Code;

    public static AsbPower? PowerOf(string code) => Codes.Where(c => c.Code == code).Select(c => (AsbPower?)c.Power).FirstOrDefault();
}

/// <summary>The ASB strand's order-type rules: the core's orders checked with <see cref="PowerRules"/> and the local limits.</summary>
public sealed class AsbOrderRules(AsbOptions options) : IOrderTypeRules
{
    public IReadOnlyList<OrderRuleViolation> Validate(Order proposed, OrderSubject subject, IReadOnlyList<Order> prior) =>
        PowerRules.Validate(ToRule(proposed), ToRule(subject), prior.Where(p => p.Id != proposed.Id && AsbOrderTypes.PowerOf(p.TypeCode) is not null).Select(ToRule), options.Powers)
            .Select(v => new OrderRuleViolation(v.Code, v.Message)).ToList();

    public DateTime? DefaultExpiry(Order proposed, OrderSubject subject) =>
        PowerRules.DefaultExpiry(PowerOf(proposed), proposed.IssuedUtc, ToRule(subject), proposed.SeniorAuthorisation, options.Powers);

    static AsbPower PowerOf(Order o) => AsbOrderTypes.PowerOf(o.TypeCode) ?? throw new ArgumentException($"'{o.TypeCode}' is not an ASB order type.", nameof(o));

    static PowerSubject ToRule(OrderSubject s) => new(s.Id, (PowerSubjectKind)(int)s.Kind, s.DateOfBirth);

    static PowerUse ToRule(Order o) => new(
        o.Id == 0 ? "new" : o.Id.ToString(CultureInfo.InvariantCulture), PowerOf(o), o.SubjectId, o.IssuedUtc, o.ExpiresUtc, o.SeniorAuthorisation,
        o.CourtHearingUtc, o.ExtendsOrderId?.ToString(CultureInfo.InvariantCulture));
}
