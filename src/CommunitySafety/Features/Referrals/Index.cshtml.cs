using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals;

/// <summary>Work lists: referrals to the user's agency's services (with overdue clocks first), and referrals their side made.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(AppDb db, AuditLog audit, ReferralService referrals) : PageModel
{
    public IReadOnlyList<ReferralRow> ToUs { get; private set; } = [];
    public IReadOnlyList<ReferralRow> ByUs { get; private set; } = [];
    public bool IsProviderAgency { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var agency = User.AgencyId();
        IsProviderAgency = await db.Set<Catalogue.CommissionedService>().AnyAsync(s => s.ProviderAgencyId == agency, ct);
        ToUs = [.. (await ReferralQueries.RowsAsync(ReferralAccess.ToMyServices(db, User), referrals.Today, ct))
            .OrderByDescending(r => r.FirstContactClock.IsOverdue || r.DeliveryClock?.IsOverdue == true).ThenBy(r => r.Status == ReferralStatus.Closed || r.Status == ReferralStatus.Declined)];
        ByUs = await ReferralQueries.RowsAsync(ReferralAccess.MadeByMySide(db, User), referrals.Today, ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.View, "referral-list", null, $"referral work lists: {ToUs.Count} to our services, {ByUs.Count} made"), ct);
    }
}
