using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>Shared plumbing of the ASB pages: every one needs case work and checks the case's agencies (others 404).</summary>
[Authorize(Policy = Policies.CaseWork)]
public abstract class AsbPageModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock) : PageModel
{
    protected AppDb Db => db;
    protected AsbCaseAccess Access => access;
    protected AuditLog Audit => audit;
    protected DateTime NowUtc => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(AsbTime.ToUk(NowUtc));

    public Case? Case { get; protected set; }

    /// <summary>Loads the case if the user may see it (null: answer 404).</summary>
    protected async Task<Case?> LoadCaseAsync(int id, CancellationToken ct, bool tracked = false)
    {
        var query = access.VisibleCases(User);
        Case = tracked ? await query.FirstOrDefaultAsync(c => c.Id == id, ct) : await query.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return Case;
    }

    protected static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Users of the case's lead and partner agencies, for "owner" choices.</summary>
    protected async Task<List<SelectListItem>> CaseUsersAsync(Case c, string? selected, CancellationToken ct)
    {
        var agencyIds = await db.Set<CaseAgency>().Where(a => a.CaseId == c.Id).Select(a => a.AgencyId).ToListAsync(ct);
        agencyIds.Add(c.LeadAgencyId);
        var users = await db.Users.AsNoTracking().Where(u => agencyIds.Contains(u.AgencyId) && !u.IsDisabled)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, Agency = u.Agency!.Name }).ToListAsync(ct);
        var items = new List<SelectListItem> { new("Choose an owner", "") };
        items.AddRange(users.Select(u => new SelectListItem($"{u.DisplayName} ({u.Agency})", u.Id.ToString(), u.Id.ToString() == selected)));
        return items;
    }
}
