using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>The ASB strand's start page: the ASB cases the user's agency works, and what can be done.</summary>
public sealed class AsbIndexModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock) : AsbPageModel(db, access, audit, clock)
{
    public sealed record Row(int Id, string Reference, string Title, CaseStatus Status, string? Band);

    public List<Row> Cases { get; private set; } = [];
    public int UnreadAlerts { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cases = await Access.VisibleCases(User).AsNoTracking().OrderByDescending(c => c.OpenedUtc).Take(100)
            .Select(c => new Row(c.Id, c.Reference, c.Title, c.Status, c.CurrentRiskBand == null ? null : c.CurrentRiskBand.ToString())).ToListAsync(ct);
        var me = User.UserId();
        UnreadAlerts = await Db.Set<Alert>().CountAsync(a => a.UserId == me && a.ReadUtc == null, ct);
        await Audit.WriteAsync(new AuditEntry(AuditActions.View, "case-list", "asb", $"{Cases.Count} ASB case(s) listed"), ct);
    }
}
