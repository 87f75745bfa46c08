using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Orders;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse.Idva.Orders;

/// <summary>What a user submits to record a DA order (API field names; the page binds the same as Input.X).</summary>
/// <param name="LastDayInForce">The last day the order is in force (blank: a DVPN's 48 hours, or until further order).</param>
public sealed record DaOrderInput(
    string? Type,
    int? SubjectPersonId,
    DateOnly? IssuedOn,
    string? IssuedAt,
    DateOnly? LastDayInForce,
    bool SuperintendentAuthorised,
    string? AuthorisedBy,
    string? Notes);

/// <summary>A DA order as the case's orders list shows it.</summary>
public sealed record DaOrderRow(int Id, string Type, string Name, string Subject, DateTime IssuedUtc, DateTime? ExpiresUtc, bool Expired, string AuthorisedBy,
    IReadOnlyList<DaBreachRow> Breaches);

public sealed record DaBreachRow(DateOnly OccurredOn, string Details, string RecordedBy);

/// <summary>
/// Recording DA orders and breaches for the page and the API: checks the input, builds the core <see cref="Order"/> and
/// hands it to the core's <see cref="OrderService"/>, which runs <see cref="DaOrderRules"/> and saves the order, its
/// timeline line and audit entry together. Errors are keyed by API field name; nothing is saved when there are any.
/// </summary>
public sealed class DaOrderRecording(AppDb db, OrderService orders, TimeProvider clock)
{
    public DateOnly Today => UkTime.Today(clock.GetUtcNow().UtcDateTime);

    /// <summary>People on the case the user may see, as (id, label) for a perpetrator choice.</summary>
    public async Task<List<(int Id, string Label, DateOnly? DateOfBirth)>> SubjectsAsync(ClaimsPrincipal user, int caseId, CancellationToken ct)
    {
        var visible = CaseAccess.People(db, user);
        var rows = await db.Set<CasePerson>().AsNoTracking().Where(p => p.CaseId == caseId && visible.Any(x => x.Id == p.PersonId))
            .Select(p => new { p.PersonId, p.Person!.Forename, p.Person.Surname, p.Role, p.Person.DateOfBirth }).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.Role == CasePersonRole.Perpetrator).ThenBy(r => r.Surname)
            .Select(r => (r.PersonId, $"{r.Forename} {r.Surname} ({r.Role})", r.DateOfBirth))];
    }

    public async Task<(Dictionary<string, string> Errors, Order? Order)> RecordAsync(ClaimsPrincipal user, Case c, DaOrderInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var kind = Enum.TryParse<DaOrderKind>(input.Type, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : (DaOrderKind?)null;
        if (kind is null)
        {
            errors["type"] = "Select the order: DVPN, DVPO, non-molestation order or occupation order";
        }
        var subjects = await SubjectsAsync(user, c.Id, ct);
        var subject = subjects.FirstOrDefault(s => s.Id == input.SubjectPersonId);
        if (input.SubjectPersonId is null || subject.Id == 0)
        {
            errors["subjectPersonId"] = "Select the person the order is made against from the people on the case";
        }
        if (input.IssuedOn is null)
        {
            errors["issuedOn"] = "Enter the date the order was made or the notice given";
        }
        else if (input.IssuedOn > Today)
        {
            errors["issuedOn"] = "The date made must be today or in the past";
        }
        TimeOnly? at = null;
        if (!string.IsNullOrWhiteSpace(input.IssuedAt))
        {
            if (TimeOnly.TryParseExact(input.IssuedAt.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                at = t;
            }
            else
            {
                errors["issuedAt"] = "Enter the time in 24-hour format, like 14:30";
            }
        }
        if (string.IsNullOrWhiteSpace(input.AuthorisedBy))
        {
            errors["authorisedBy"] = "Enter who authorised or made the order (an officer's name and rank, or the court)";
        }
        if (errors.Count > 0)
        {
            return (errors, null);
        }
        var issued = UkTime.StartOfUkDayUtc(input.IssuedOn!.Value) + (at ?? new TimeOnly(9, 0)).ToTimeSpan();
        var order = new Order
        {
            TypeCode = DaOrderTypes.CodeOf(kind!.Value),
            SubjectKind = OrderSubjectKind.Person,
            SubjectPersonId = subject.Id,
            SubjectDescription = subject.Label[..subject.Label.LastIndexOf(" (", StringComparison.Ordinal)],
            IssuedUtc = issued,
            ExpiresUtc = input.LastDayInForce is { } last ? DaOrderRules.EndOfLastDay(last) : null,
            SeniorAuthorisation = input.SuperintendentAuthorised,
            AuthorisedBy = input.AuthorisedBy!.Trim(),
            IssuingAgencyId = user.AgencyId()!.Value,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
        };
        var violations = await orders.RecordAsync(user, c, order, subject.DateOfBirth, defaultExpiry: true, ct);
        foreach (var v in violations)
        {
            var field = FieldFor(v.Code);
            errors[field] = errors.TryGetValue(field, out var earlier) ? earlier + " " + v.Message : v.Message;
        }
        return (errors, errors.Count == 0 ? order : null);
    }

    public static string FieldFor(string code) => code switch
    {
        "ExpiryBeforeIssue" or "EndDateRequired" or "BelowMinimumTerm" or "ExceedsMaximum" => "lastDayInForce",
        "UnderMinimumAge" or "WrongSubjectKind" => "subjectPersonId",
        "SuperintendentRequired" => "superintendentAuthorised",
        _ => "type",
    };

    public async Task<IReadOnlyList<DaOrderRow>> ListAsync(int caseId, CancellationToken ct)
    {
        var codes = DaOrderTypes.All.Select(t => t.Code).ToList();
        var rows = await db.Set<Order>().AsNoTracking().Include(o => o.Breaches).Where(o => o.CaseId == caseId && codes.Contains(o.TypeCode))
            .OrderByDescending(o => o.IssuedUtc).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. rows.Select(o => new DaOrderRow(o.Id, o.TypeCode, DaOrderTypes.TitleOf(DaOrderTypes.KindOf(o.TypeCode)!.Value), o.SubjectDescription, o.IssuedUtc, o.ExpiresUtc,
            o.IsExpired(now), o.AuthorisedBy, [.. o.Breaches.OrderBy(b => b.OccurredOn).Select(b => new DaBreachRow(b.OccurredOn, b.Details, b.CreatedByName))]))];
    }

    /// <summary>Records a breach of a DA order on the case; errors keyed by API field name.</summary>
    public async Task<Dictionary<string, string>?> RecordBreachAsync(ClaimsPrincipal user, int caseId, int orderId, DateOnly? occurredOn, string? details, CancellationToken ct)
    {
        var codes = DaOrderTypes.All.Select(t => t.Code).ToList();
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.CaseId == caseId && codes.Contains(o.TypeCode), ct);
        if (order is null)
        {
            return null;
        }
        var errors = new Dictionary<string, string>();
        if (occurredOn is null)
        {
            errors["occurredOn"] = "Enter the date of the breach";
        }
        else if (occurredOn > Today)
        {
            errors["occurredOn"] = "The date of the breach must be today or in the past";
        }
        else if (occurredOn < UkTime.Today(order.IssuedUtc))
        {
            errors["occurredOn"] = "The breach must be on or after the day the order was made";
        }
        if (string.IsNullOrWhiteSpace(details))
        {
            errors["details"] = "Enter what happened";
        }
        if (errors.Count == 0)
        {
            await orders.RecordBreachAsync(user, order, occurredOn!.Value, details!, ct);
        }
        return errors;
    }
}
