using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// Need-to-know access to ASB cases, until the case core's access helper is on this branch (the integrator
/// switches this to it): a user may see a case when their agency is the case's lead agency or a partner agency
/// (<see cref="CaseAgency"/>) and they hold a case-work role. Anyone else gets a 404, never a 403, so the
/// existence of a case is not disclosed.
/// </summary>
public sealed class AsbCaseAccess(AppDb db)
{
    public static bool HasCaseWorkRole(ClaimsPrincipal user) =>
        user.IsInRole(Roles.CaseOfficer) || user.IsInRole(Roles.AgencyManager) || user.IsInRole(Roles.ProviderWorker);

    /// <summary>ASB cases the user may see (none without a case-work role or an agency).</summary>
    public IQueryable<Case> VisibleCases(ClaimsPrincipal user)
    {
        var agencyId = user.AgencyId();
        if (agencyId is not { } a || !HasCaseWorkRole(user))
        {
            return db.Set<Case>().Where(c => false);
        }
        return db.Set<Case>().Where(c => c.Type == AsbFeature.CaseType && (c.LeadAgencyId == a || c.Agencies.Any(x => x.AgencyId == a)));
    }

    /// <summary>The ASB case if the user may see it, else null (answer 404).</summary>
    public Task<Case?> FindAsync(ClaimsPrincipal user, int caseId, CancellationToken ct) =>
        VisibleCases(user).FirstOrDefaultAsync(c => c.Id == caseId, ct);

    public Task<bool> CanSeeAsync(ClaimsPrincipal user, int caseId, CancellationToken ct) =>
        VisibleCases(user).AnyAsync(c => c.Id == caseId, ct);
}
