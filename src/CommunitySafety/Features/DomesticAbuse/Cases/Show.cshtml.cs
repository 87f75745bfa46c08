using CommunitySafety.Auditing;
using CommunitySafety.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse.Pages;

/// <summary>The domestic abuse case: its people, the current DASH and DARA, drafts to finish, and Marac referrals.</summary>
public sealed class DomesticAbuseCaseModel(DashService dashes, DomesticAbuseCaseSummary summary, AppDb db, AuditLog audit) : DomesticAbusePageModel(dashes)
{
    public DomesticAbuseCasePicture Picture { get; private set; } = null!;

    public Dictionary<int, string> AgencyNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, false, ct))
        {
            return NotFound();
        }
        Picture = await summary.LoadAsync(User, Case, ct);
        var agencyIds = Picture.Referrals.Select(r => r.ReferringAgencyId).Distinct().ToList();
        AgencyNames = await db.Set<Agencies.Agency>().AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        await audit.ViewedAsync("case", Id(id), "Domestic abuse case", ct);
        return Page();
    }
}
