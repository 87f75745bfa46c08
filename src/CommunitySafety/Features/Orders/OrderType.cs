namespace CommunitySafety.Features.Orders;

/// <summary>Who or what an order or notice is made against.</summary>
public enum OrderSubjectKind
{
    Person = 0,
    Body = 1,
    Premises = 2,
    Area = 3,
}

/// <summary>The subject as the legal checks see it: a stable id tying orders to one subject, and a person's date of birth.</summary>
public sealed record OrderSubject(string Id, OrderSubjectKind Kind, DateOnly? DateOfBirth = null);

/// <summary>A legal check an order fails; <see cref="Code"/> lets a page put the message on the right field.</summary>
public sealed record OrderRuleViolation(string Code, string Message);

/// <summary>
/// The legal checks of one family of order types, supplied by the strand that registers them (the 2014 Act powers by the
/// ASB strand; banning orders, DVPN/DVPO by later strands). Resolved from the service container, so the checks may take
/// the strand's configuration.
/// </summary>
public interface IOrderTypeRules
{
    /// <summary>Violations of the law or local limits (empty when the order may be recorded); <paramref name="prior"/> are the case's earlier orders.</summary>
    IReadOnlyList<OrderRuleViolation> Validate(Order proposed, OrderSubject subject, IReadOnlyList<Order> prior);

    /// <summary>The end an order takes when none is entered (null: no fixed end).</summary>
    DateTime? DefaultExpiry(Order proposed, OrderSubject subject);
}

/// <summary>An order or notice type. <see cref="Code"/> is stored on the order ("ASB-CPN").</summary>
/// <param name="Rules">The <see cref="IOrderTypeRules"/> implementation, registered in the container by the strand.</param>
public sealed record OrderTypeDefinition(string Code, string Name, string Strand, Type Rules);
