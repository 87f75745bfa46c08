using CommunitySafety.Features.Orders;
using CommunitySafety.Shared;

namespace CommunitySafety.Features.DomesticAbuse.Idva.Orders;

/// <summary>The domestic abuse protective orders recorded on the case core's orders.</summary>
public enum DaOrderKind
{
    /// <summary>Domestic violence protection notice: police, Crime and Security Act 2010 s.24.</summary>
    Dvpn,
    /// <summary>Domestic violence protection order: magistrates' court on a police application, 2010 Act s.27–28.</summary>
    Dvpo,
    /// <summary>Non-molestation order: family court, Family Law Act 1996 s.42.</summary>
    NonMolestationOrder,
    /// <summary>Occupation order: family court, Family Law Act 1996 s.33–38.</summary>
    OccupationOrder,
}

/// <summary>
/// The legal checks of the domestic abuse orders, as pure code. Periods are counted from the start of the UK day the
/// order is made, because the 2010 Act counts a DVPO's term in days "beginning with the day on which it is made".
/// </summary>
public static class DaOrderRules
{
    /// <summary>
    /// A DVPN lapses when the DVPO application is heard, which must be within 48 hours of the notice being served
    /// (Crime and Security Act 2010 s.27(3)); recorded here as a 48-hour notice.
    /// </summary>
    public static readonly TimeSpan DvpnTerm = TimeSpan.FromHours(48);

    /// <summary>A DVPO is in force for not less than 14 and not more than 28 days (2010 Act s.28(10)).</summary>
    public const int DvpoMinimumDays = 14;

    public const int DvpoMaximumDays = 28;

    /// <summary>A DVPN or DVPO can be given only to a person aged 18 or over (2010 Act s.24(1), s.28(2)).</summary>
    public const int DvpnMinimumAge = 18;

    /// <summary>
    /// Violations of the law for <paramref name="proposed"/> (empty when it may be recorded). Each message says what to
    /// change; <see cref="OrderRuleViolation.Code"/> lets a page or the API put it on the right field.
    /// </summary>
    public static IReadOnlyList<OrderRuleViolation> Validate(DaOrderKind kind, Order proposed, OrderSubject subject, IReadOnlyList<Order> prior)
    {
        var v = new List<OrderRuleViolation>();
        var name = DaOrderTypes.NameOf(kind);
        if (subject.Kind != OrderSubjectKind.Person)
        {
            v.Add(new("WrongSubjectKind", $"A {name} is made against a person: choose the perpetrator from the people on the case."));
        }
        if (proposed.ExpiresUtc is { } end && end <= proposed.IssuedUtc)
        {
            v.Add(new("ExpiryBeforeIssue", $"The {name} must end after it is made: enter an end date after {UkTime.FormatDate(UkDay(proposed.IssuedUtc))}."));
        }
        if (kind is DaOrderKind.Dvpn or DaOrderKind.Dvpo && subject.DateOfBirth is { } dob && AgeOn(dob, UkDay(proposed.IssuedUtc)) < DvpnMinimumAge)
        {
            v.Add(new("UnderMinimumAge", $"A {name} can only be given to someone aged {DvpnMinimumAge} or over (Crime and Security Act 2010 s.24)."));
        }
        switch (kind)
        {
            case DaOrderKind.Dvpn:
                // 2010 Act s.24(1): only an officer of superintendent rank or above may issue a DVPN.
                if (!proposed.SeniorAuthorisation)
                {
                    v.Add(new("SuperintendentRequired", "A DVPN must be authorised by an officer of superintendent rank or above (Crime and Security Act 2010 s.24)."));
                }
                if (proposed.ExpiresUtc is { } dvpnEnd && dvpnEnd > proposed.IssuedUtc && dvpnEnd - proposed.IssuedUtc > DvpnTerm)
                {
                    v.Add(new("ExceedsMaximum", "A DVPN lasts at most 48 hours, until the DVPO application is heard (Crime and Security Act 2010 s.27)."));
                }
                break;
            case DaOrderKind.Dvpo:
                if (proposed.ExpiresUtc is not { } dvpoEnd)
                {
                    v.Add(new("EndDateRequired", $"Enter the date the DVPO ends: it lasts {DvpoMinimumDays} to {DvpoMaximumDays} days (Crime and Security Act 2010 s.28)."));
                }
                else if (dvpoEnd > proposed.IssuedUtc)
                {
                    var days = DaysInForce(proposed.IssuedUtc, dvpoEnd);
                    if (days < DvpoMinimumDays)
                    {
                        v.Add(new("BelowMinimumTerm", $"A DVPO lasts at least {DvpoMinimumDays} days, counting the day it is made; this one lasts {days}."));
                    }
                    else if (days > DvpoMaximumDays)
                    {
                        v.Add(new("ExceedsMaximum", $"A DVPO lasts at most {DvpoMaximumDays} days, counting the day it is made; this one lasts {days}."));
                    }
                }
                // 2010 Act s.27(1): a DVPO is applied for after a DVPN has been issued to the same person.
                if (!prior.Any(o => o.Id != proposed.Id && o.TypeCode == DaOrderTypes.CodeOf(DaOrderKind.Dvpn) && o.SubjectId == subject.Id && o.IssuedUtc <= proposed.IssuedUtc))
                {
                    v.Add(new("DvpnRequired", "A DVPO follows a DVPN given to the same person: record the DVPN first (Crime and Security Act 2010 s.27)."));
                }
                break;
            case DaOrderKind.NonMolestationOrder:
            case DaOrderKind.OccupationOrder:
                // Family Law Act 1996 s.42(7) and s.33(10): a specified period or until further order; the court
                // sets the term (s.35–38 orders for non-entitled applicants are limited to six months at a time).
                break;
        }
        return v;
    }

    /// <summary>The end a DA order takes when none is entered: a DVPN its 48 hours; the others have none by law.</summary>
    public static DateTime? DefaultExpiry(DaOrderKind kind, DateTime issuedUtc) => kind switch
    {
        DaOrderKind.Dvpn => issuedUtc + DvpnTerm,
        _ => null,
    };

    /// <summary>Days in force, the day it is made counting as the first (2010 Act s.28(10)).
    /// Counted on UK calendar days, so a term across a clock change is not a day out.</summary>
    public static int DaysInForce(DateTime issuedUtc, DateTime expiresUtc) =>
        UkDay(expiresUtc.AddTicks(-1)).DayNumber - UkDay(issuedUtc).DayNumber + 1;

    /// <summary>The moment an order whose last day in force is <paramref name="lastDay"/> ends: the start of the next UK day.</summary>
    public static DateTime EndOfLastDay(DateOnly lastDay) => UkTime.StartOfUkDayUtc(lastDay.AddDays(1));

    static DateOnly UkDay(DateTime utc) => UkTime.Today(utc);

    static int AgeOn(DateOnly dob, DateOnly day)
    {
        var age = day.Year - dob.Year;
        return dob.AddYears(age) > day ? age - 1 : age;
    }
}
