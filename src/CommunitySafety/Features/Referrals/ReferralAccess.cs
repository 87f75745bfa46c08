using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals;

/// <summary>
/// Who sees a referral, in one place. A referral is visible to case-work users of (a) the provider agency of its
/// service, (b) the referring agency, and (c) agencies that can see the case it came from (<see cref="CaseAccess"/>).
/// The provider side sees only the shared-field snapshot: seeing a referral never makes the person, the case or the
/// incidents visible (those stay with <see cref="CaseAccess"/>, which knows nothing of referrals). Who may MAKE a
/// referral is <see cref="CaseAccess"/> too: only someone who may see the person (and the case, when made from one).
/// </summary>
public static class ReferralAccess
{
    static int? Agency(ClaimsPrincipal user) => CaseAccess.HasCaseWorkRole(user) ? user.AgencyId() : null;

    public static IQueryable<Referral> Visible(AppDb db, ClaimsPrincipal user)
    {
        if (Agency(user) is not int agency)
        {
            return db.Set<Referral>().Where(r => false);
        }
        var caseIds = CaseAccess.VisibleCaseIds(db, user);
        return db.Set<Referral>().Where(r =>
            r.Service!.ProviderAgencyId == agency ||
            r.ReferringAgencyId == agency ||
            (r.CaseId != null && caseIds.Contains(r.CaseId.Value)));
    }

    /// <summary>Referrals to the user's own agency's services: the provider's work list.</summary>
    public static IQueryable<Referral> ToMyServices(AppDb db, ClaimsPrincipal user) =>
        Agency(user) is int agency ? db.Set<Referral>().Where(r => r.Service!.ProviderAgencyId == agency) : db.Set<Referral>().Where(r => false);

    /// <summary>Referrals the user's agency made, and referrals from cases the user can see.</summary>
    public static IQueryable<Referral> MadeByMySide(AppDb db, ClaimsPrincipal user)
    {
        if (Agency(user) is not int agency)
        {
            return db.Set<Referral>().Where(r => false);
        }
        var caseIds = CaseAccess.VisibleCaseIds(db, user);
        return db.Set<Referral>().Where(r => r.ReferringAgencyId == agency || (r.CaseId != null && caseIds.Contains(r.CaseId.Value)));
    }

    /// <summary>The provider works the referral: accepts, declines, records contacts and visits, closes.</summary>
    public static bool IsProvider(ClaimsPrincipal user, int providerAgencyId) =>
        Agency(user) is int agency && agency == providerAgencyId &&
        (user.IsInRole(Roles.ProviderWorker) || user.IsInRole(Roles.AgencyManager));

    /// <summary>
    /// The referrer's side sees who the person is (links to the person and case when <see cref="CaseAccess"/> allows).
    /// A provider worker who is also on the referring side (a referral between two services of one agency) is treated
    /// as the referrer.
    /// </summary>
    public static bool IsReferrerSide(ClaimsPrincipal user, Referral r, bool canSeeCase) =>
        Agency(user) is int agency && (agency == r.ReferringAgencyId || canSeeCase);

    /// <summary>May the user refer this person (from this case)? The one need-to-know rule decides.</summary>
    public static async Task<bool> CanReferAsync(AppDb db, ClaimsPrincipal user, int personId, int? caseId, CancellationToken ct)
    {
        if (!await CaseAccess.CanSeePersonAsync(db, user, personId, ct))
        {
            return false;
        }
        if (caseId is not int c)
        {
            return true;
        }
        return await CaseAccess.CanSeeCaseAsync(db, user, c, ct) &&
            await db.Set<CasePerson>().AnyAsync(cp => cp.CaseId == c && cp.PersonId == personId, ct);
    }
}
