using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Orders;
using CommunitySafety.Features.Asb.Rules;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>The powers register: the ASB order types on the ASB cases the user can see, expired, expiring soon, and in force.</summary>
public sealed class AsbPowersRegisterModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, AsbOptions options)
    : AsbPageModel(db, access, audit, clock)
{
    public sealed record Row(int Id, int CaseId, string CaseReference, AsbPower Power, string Subject, DateTime IssuedUtc, DateTime? ExpiresUtc, int Breaches,
        bool IssuedTimeKnown, bool ExpiresTimeKnown);

    public List<Row> Expired { get; private set; } = [];
    public List<Row> Expiring { get; private set; } = [];
    public List<Row> InForce { get; private set; } = [];
    public int ExpiringWithinDays => options.ExpiringWithinDays;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var cases = Access.VisibleCases(User).Select(c => c.Id);
        var rows = (await Db.Set<Order>().AsNoTracking().Where(p => cases.Contains(p.CaseId) && AsbOrderTypes.AllCodes.Contains(p.TypeCode))
            .Select(p => new { p.Id, p.CaseId, p.Case!.Reference, p.TypeCode, p.SubjectDescription, p.IssuedUtc, p.ExpiresUtc, Breaches = p.Breaches.Count, p.IssuedTimeKnown, p.ExpiresTimeKnown })
            .ToListAsync(ct))
            .Select(p => new Row(p.Id, p.CaseId, p.Reference, AsbOrderTypes.PowerOf(p.TypeCode)!.Value, p.SubjectDescription, p.IssuedUtc, p.ExpiresUtc, p.Breaches,
                p.IssuedTimeKnown, p.ExpiresTimeKnown))
            .ToList();
        var now = NowUtc;
        var soon = now.AddDays(options.ExpiringWithinDays);
        Expired = rows.Where(r => r.ExpiresUtc is { } e && e <= now).OrderByDescending(r => r.ExpiresUtc).ToList();
        Expiring = rows.Where(r => r.ExpiresUtc is { } e && e > now && e <= soon).OrderBy(r => r.ExpiresUtc).ToList();
        InForce = rows.Where(r => r.ExpiresUtc is null || r.ExpiresUtc > soon).OrderBy(r => r.IssuedUtc).ToList();
        await Audit.WriteAsync(new AuditEntry(AuditActions.View, "asb-power-register", null, $"{rows.Count} power use(s) listed"), ct);
    }
}
