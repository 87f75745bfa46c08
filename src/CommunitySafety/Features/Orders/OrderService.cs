using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Strands;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Orders;

/// <summary>
/// Recording orders and their breaches on a case, for every strand: the order type's own legal checks run against the
/// case's earlier orders, then the order, its timeline entry and its audit entry are written in one save (ADR 0004).
/// </summary>
public sealed class OrderService(AppDb db, CaseService cases, AuditLog audit, StrandCatalogue strands, IServiceProvider services)
{
    public IOrderTypeRules RulesFor(OrderTypeDefinition type) => (IOrderTypeRules)services.GetRequiredService(type.Rules);

    /// <summary>
    /// Checks and records <paramref name="order"/> on the case <paramref name="c"/> (which the caller has checked the user
    /// may see). A null expiry takes the type's default when <paramref name="defaultExpiry"/> is set. Nothing is saved
    /// when there are violations.
    /// </summary>
    public async Task<IReadOnlyList<OrderRuleViolation>> RecordAsync(ClaimsPrincipal user, Case c, Order order, DateOnly? subjectDateOfBirth, bool defaultExpiry, CancellationToken ct)
    {
        if (strands.OrderType(order.TypeCode) is not { } type)
        {
            return [new OrderRuleViolation("UnknownType", $"'{order.TypeCode}' is not an order type any strand registers.")];
        }
        order.CaseId = c.Id;
        order.CreatedUtc = cases.Now;
        order.CreatedByUserId = user.UserId();
        var rules = RulesFor(type);
        var subject = new OrderSubject(order.SubjectId, order.SubjectKind, subjectDateOfBirth);
        if (order.ExpiresUtc is null && defaultExpiry)
        {
            order.ExpiresUtc = rules.DefaultExpiry(order, subject);
        }
        var prior = await db.Set<Order>().AsNoTracking().Where(o => o.CaseId == c.Id).ToListAsync(ct);
        var violations = rules.Validate(order, subject, prior);
        if (violations.Count > 0)
        {
            return violations;
        }
        db.Set<Order>().Add(order);
        cases.Changed(user, c.Id, CaseEventKinds.OrderRecorded, $"{type.Name} recorded against {order.SubjectDescription}");
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "order", Id(order.Id), $"Case {c.Reference}: {order.TypeCode} against {order.SubjectKind} {order.SubjectId}"));
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Records a breach of an order the caller has checked the user may see.</summary>
    public async Task<OrderBreach> RecordBreachAsync(ClaimsPrincipal user, Order order, DateOnly occurredOn, string details, CancellationToken ct)
    {
        var breach = new OrderBreach
        {
            OrderId = order.Id,
            OccurredOn = occurredOn,
            Details = details.Trim(),
            CreatedUtc = cases.Now,
            CreatedByUserId = user.UserId(),
            CreatedByName = user.DisplayName(),
        };
        db.Set<OrderBreach>().Add(breach);
        var name = strands.OrderType(order.TypeCode)?.Name ?? order.TypeCode;
        cases.Changed(user, order.CaseId, CaseEventKinds.OrderBreached, $"Breach of {name} on {UkTimeDate(occurredOn)}");
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "order-breach", Id(breach.Id), $"Breach of order {order.Id}"));
        await db.SaveChangesAsync(ct);
        return breach;
    }

    static string UkTimeDate(DateOnly d) => Shared.UkTime.FormatDate(d);

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
