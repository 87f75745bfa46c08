using CommunitySafety.Features.Orders;

namespace CommunitySafety.Features.DomesticAbuse.Idva.Orders;

/// <summary>The domestic abuse orders as order types of the case core, each checked by <see cref="DaOrderTypeRules"/>.</summary>
public static class DaOrderTypes
{
    static readonly (DaOrderKind Kind, string Code, string Name)[] Types =
    [
        (DaOrderKind.Dvpn, "DA-DVPN", "Domestic violence protection notice (DVPN)"),
        (DaOrderKind.Dvpo, "DA-DVPO", "Domestic violence protection order (DVPO)"),
        (DaOrderKind.NonMolestationOrder, "DA-NON-MOLESTATION", "Non-molestation order"),
        (DaOrderKind.OccupationOrder, "DA-OCCUPATION", "Occupation order"),
    ];

    public static IReadOnlyList<OrderTypeDefinition> All { get; } =
        [.. Types.Select(t => new OrderTypeDefinition(t.Code, t.Name, DomesticAbuseStrand.Code, typeof(DaOrderTypeRules)))];

    public static IReadOnlyList<DaOrderKind> Kinds { get; } = [.. Types.Select(t => t.Kind)];

    public static string CodeOf(DaOrderKind kind) => Types.First(t => t.Kind == kind).Code;

    public static string NameOf(DaOrderKind kind) => kind switch
    {
        DaOrderKind.Dvpn => "DVPN",
        DaOrderKind.Dvpo => "DVPO",
        DaOrderKind.NonMolestationOrder => "non-molestation order",
        _ => "occupation order",
    };

    public static string TitleOf(DaOrderKind kind) => Types.First(t => t.Kind == kind).Name;

    public static DaOrderKind? KindOf(string code) => Types.Where(t => t.Code == code).Select(t => (DaOrderKind?)t.Kind).FirstOrDefault();
}

/// <summary>The domestic abuse strand's order-type rules for the core's <see cref="OrderService"/>.</summary>
public sealed class DaOrderTypeRules : IOrderTypeRules
{
    public IReadOnlyList<OrderRuleViolation> Validate(Order proposed, OrderSubject subject, IReadOnlyList<Order> prior) =>
        DaOrderRules.Validate(KindOf(proposed), proposed, subject, prior);

    public DateTime? DefaultExpiry(Order proposed, OrderSubject subject) => DaOrderRules.DefaultExpiry(KindOf(proposed), proposed.IssuedUtc);

    static DaOrderKind KindOf(Order o) => DaOrderTypes.KindOf(o.TypeCode) ?? throw new ArgumentException($"'{o.TypeCode}' is not a domestic abuse order type.", nameof(o));
}
