using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse.Idva;

/// <summary>
/// Domestic abuse cases the user may see: the case core's need-to-know rule (<see cref="CaseAccess"/>) narrowed to the
/// DA case type. Anything else is "not found", which the core's refusal middleware audits as <c>authz.denied</c>.
/// </summary>
public static class DaCases
{
    public static IQueryable<Case> Visible(AppDb db, ClaimsPrincipal user) =>
        CaseAccess.Cases(db, user).Where(c => c.Type == DomesticAbuseStrand.Code);

    public static Task<Case?> FindAsync(AppDb db, ClaimsPrincipal user, int caseId, CancellationToken ct) =>
        Visible(db, user).AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
}
