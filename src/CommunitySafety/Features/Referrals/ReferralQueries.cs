using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Features.Referrals.Rules;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals;

public sealed record SharedFieldView(string Field, string Name, string Value);

public sealed record ContactView(DateTime OccurredUtc, ContactMethod Method, bool Reached, string? Notes, string RecordedBy);

public sealed record VisitView(DateOnly VisitDate, IReadOnlyList<string> Delivered, string? Notes, string RecordedBy);

/// <summary>
/// A referral as one user may see it. The provider side gets the shared fields and the work on the referral; only the
/// referrer side gets the person and case (ids and links) and the eligibility details, which came from the referrer's records.
/// </summary>
public sealed record ReferralView(
    int Id, int Version, int ServiceId, string ServiceName, ServiceKind ServiceKind, string ProviderAgency, IReadOnlyList<string> ServiceDeliverables,
    ReferralStatus Status, DateTime ReferredUtc, string ReferredByName, string ReferringAgency, string Reason,
    ConsentDecision Consent, string? ConsentJustification, string LawfulBasis, string SharingPower, string? SpecialCategoryCondition,
    bool MadeOutsideEligibility, string? EligibilityWarnings, string? EligibilityOverrideReason,
    IReadOnlyList<SharedFieldView> Shared, IReadOnlyList<ContactView> Contacts, IReadOnlyList<VisitView> Visits,
    DateTime? DecidedUtc, string? DecidedByName, string? DeclineReason, DateTime? ClosedUtc, ReferralOutcome? Outcome, string? OutcomeNotes,
    ClockReading FirstContactClock, ClockReading? DeliveryClock,
    bool IsProvider, bool IsReferrerSide, int? PersonId, int? CaseId, string? CaseReference);

public sealed record ReferralRow(
    int Id, DateTime ReferredUtc, string ServiceName, string ProviderAgency, string ReferringAgency, string? Name, ReferralStatus Status,
    ReferralOutcome? Outcome, ClockReading FirstContactClock, ClockReading? DeliveryClock, int? CaseId);

public static class ReferralQueries
{
    public static ClockReading FirstContactClock(Referral r, CommissionedService s, DateOnly today) =>
        WaitingClock.Read(UkDate(r.ReferredUtc), s.FirstContactWorkingDays, r.FirstContactUtc is { } fc ? UkDate(fc) : null, today,
            r.Status is ReferralStatus.Declined or ReferralStatus.Closed, ReferralService.Calendar);

    public static ClockReading? DeliveryClock(Referral r, CommissionedService s, DateOnly today) =>
        s.DeliveryWorkingDays is int days
            ? WaitingClock.Read(UkDate(r.ReferredUtc), days, r.FirstVisitDate, today, r.Status is ReferralStatus.Declined or ReferralStatus.Closed, ReferralService.Calendar)
            : null;

    public static DateOnly UkDate(DateTime utc) => DateOnly.FromDateTime(UkTime.ToUk(utc));

    public static async Task<ReferralView?> DetailAsync(AppDb db, ClaimsPrincipal user, int id, DateOnly today, CancellationToken ct)
    {
        var r = await ReferralAccess.Visible(db, user).AsNoTracking()
            .Include(x => x.Service).ThenInclude(s => s!.ProviderAgency)
            .Include(x => x.Service).ThenInclude(s => s!.Deliverables)
            .Include(x => x.SharedFields).Include(x => x.Contacts).Include(x => x.Visits)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }
        var s = r.Service!;
        var referringAgency = await db.Agencies.AsNoTracking().Where(a => a.Id == r.ReferringAgencyId).Select(a => a.Name).FirstAsync(ct);
        var canSeeCase = r.CaseId is int caseId && await CaseAccess.CanSeeCaseAsync(db, user, caseId, ct);
        var referrer = ReferralAccess.IsReferrerSide(user, r, canSeeCase);
        var caseReference = canSeeCase ? await db.Set<Case>().Where(c => c.Id == r.CaseId).Select(c => c.Reference).FirstAsync(ct) : null;
        return new ReferralView(
            r.Id, r.Version, s.Id, s.Name, s.Kind, s.ProviderAgency!.Name, s.Deliverables.Select(d => d.Code).ToList(),
            r.Status, r.ReferredUtc, r.ReferredByName, referringAgency, r.Reason,
            r.Consent, r.ConsentJustification, r.LawfulBasis, r.SharingPower, r.SpecialCategoryCondition,
            r.EligibilityWarnings is not null, referrer ? r.EligibilityWarnings : null, r.EligibilityOverrideReason,
            SharedFields.All.SelectMany(f => r.SharedFields.Where(x => x.Field == f.Code).Select(x => new SharedFieldView(x.Field, f.Name, x.Value))).ToList(),
            r.Contacts.OrderBy(c => c.OccurredUtc).Select(c => new ContactView(c.OccurredUtc, c.Method, c.Reached, c.Notes, c.RecordedByName)).ToList(),
            r.Visits.OrderBy(v => v.VisitDate).Select(v => new VisitView(v.VisitDate, v.DeliveredCodes, v.Notes, v.RecordedByName)).ToList(),
            r.DecidedUtc, r.DecidedByName, r.DeclineReason, r.ClosedUtc, r.Outcome, r.OutcomeNotes,
            FirstContactClock(r, s, today), DeliveryClock(r, s, today),
            ReferralAccess.IsProvider(user, s.ProviderAgencyId), referrer,
            referrer ? r.PersonId : null, canSeeCase ? r.CaseId : null, caseReference);
    }

    /// <summary>Rows for a work list. The name shown is the one shared with the provider (or "Name not shared").</summary>
    public static async Task<IReadOnlyList<ReferralRow>> RowsAsync(IQueryable<Referral> query, DateOnly today, CancellationToken ct, int take = 500)
    {
        var rows = await query.AsNoTracking().OrderByDescending(r => r.ReferredUtc).Take(take)
            .Select(r => new
            {
                Referral = r,
                r.Service,
                Provider = r.Service!.ProviderAgency!.Name,
                Referrer = r.ReferringAgency!.Name,
                Name = r.SharedFields.Where(f => f.Field == SharedFields.Name).Select(f => f.Value).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(x => new ReferralRow(x.Referral.Id, x.Referral.ReferredUtc, x.Service!.Name, x.Provider, x.Referrer, x.Name, x.Referral.Status, x.Referral.Outcome,
            FirstContactClock(x.Referral, x.Service, today), DeliveryClock(x.Referral, x.Service, today), x.Referral.CaseId)).ToList();
    }
}
