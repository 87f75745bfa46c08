using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// Need-to-know access to ASB cases: the case core's rule (<see cref="CaseAccess"/>: lead or partner agency
/// and a case-work role) narrowed to ASB cases. Anyone else gets a 404, never a 403, so the existence of a
/// case is not disclosed.
/// </summary>
public sealed class AsbCaseAccess(AppDb db)
{
    public static bool HasCaseWorkRole(ClaimsPrincipal user) => CaseAccess.HasCaseWorkRole(user);

    /// <summary>ASB cases the user may see (none without a case-work role or an agency).</summary>
    public IQueryable<Case> VisibleCases(ClaimsPrincipal user)
        => CaseAccess.Cases(db, user).Where(c => c.Type == AsbFeature.CaseType);

    /// <summary>The ASB case if the user may see it, else null (answer 404).</summary>
    public Task<Case?> FindAsync(ClaimsPrincipal user, int caseId, CancellationToken ct) =>
        VisibleCases(user).FirstOrDefaultAsync(c => c.Id == caseId, ct);

    public Task<bool> CanSeeAsync(ClaimsPrincipal user, int caseId, CancellationToken ct) =>
        VisibleCases(user).AnyAsync(c => c.Id == caseId, ct);
}
