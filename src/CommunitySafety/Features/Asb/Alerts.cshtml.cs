using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>"Your alerts": repeat victims and other alerts raised to the signed-in user.</summary>
public sealed class AsbAlertsModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock) : AsbPageModel(db, access, audit, clock)
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
        var me = User.UserId();
        var alert = await Db.Set<Alert>().FirstOrDefaultAsync(a => a.Id == alertId && a.UserId == me, ct);
        if (alert is null)
        {
            return NotFound();
        }
        alert.ReadUtc ??= NowUtc;
        Audit.Add(new AuditEntry(AuditActions.Change, "alert", alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Marked as read"));
        await Db.SaveChangesAsync(ct);
        return Redirect("/asb/alerts");
    }
}
