using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals;

/// <summary>The referrals made from a case, with their progress and outcomes. The case itself decides who sees it (<see cref="CaseAccess"/>).</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class CaseReferralsModel(AppDb db, AuditLog audit, ReferralService referrals) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public string Reference { get; private set; } = "";
    public string Title { get; private set; } = "";
    public IReadOnlyList<ReferralRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var c = await CaseAccess.Cases(db, User).AsNoTracking().Where(x => x.Id == Id).Select(x => new { x.Reference, x.Title }).FirstOrDefaultAsync(ct);
        if (c is null)
        {
            await audit.WriteAsync(new AuditEntry(ReferralService.DeniedAction, "case", ReferralService.Id(Id), "case referrals: case not visible to the user", Outcome: AuditOutcome.Denied), ct);
            return NotFound();
        }
        Reference = c.Reference;
        Title = c.Title;
        Rows = await ReferralQueries.RowsAsync(db.Set<Referral>().Where(r => r.CaseId == Id), referrals.Today, ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.View, "case", ReferralService.Id(Id), $"referrals from the case: {Rows.Count}"), ct);
        return Page();
    }
}
