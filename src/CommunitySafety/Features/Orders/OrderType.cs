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

/// <summary>An order or notice type. <see cref="Code"/> is stored on the order ("ASB-CPN").</summary>
/// <param name="Rules">The implementation of the type's legal checks, registered in the container by the strand.</param>
public sealed record OrderTypeDefinition(string Code, string Name, string Strand, Type Rules);
