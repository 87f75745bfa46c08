using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>"Your alerts": repeat victims and other alerts raised to the signed-in user.</summary>
public sealed class AsbAlertsModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, CaseAlerts alerts) : AsbPageModel(db, access, audit, clock)
{
    public List<Alert> Alerts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        Alerts = await Db.Set<Alert>().AsNoTracking().Where(a => a.UserId == me).OrderByDescending(a => a.CreatedUtc).Take(200).ToListAsync(ct);
        await Audit.WriteAsync(new AuditEntry(AuditActions.View, "alert-list", me?.ToString(), $"{Alerts.Count} alert(s)"), ct);
    }

    public async Task<IActionResult> OnPostReadAsync(long alertId, CancellationToken ct)
    {
        return await alerts.MarkReadAsync(User.UserId(), alertId, ct) ? Redirect("/asb/alerts") : NotFound();
    }
}
