using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse.Pages;

/// <summary>The domestic abuse cases the user may see (need to know applies first), highest risk first.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class DomesticAbuseIndexModel(AppDb db, AuditLog audit) : PageModel
{
    public sealed record Row(int Id, string Reference, string Title, Cases.Rules.RiskBand? Band, bool Referred);

    public IReadOnlyList<Row> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var referred = db.Set<MaracReferral>().Select(r => r.CaseId);
        Cases = await CaseAccess.Cases(db, User).AsNoTracking()
            .Where(c => c.Type == DomesticAbuseStrand.Code && c.Status != CaseStatus.Closed)
            .OrderByDescending(c => c.CurrentRiskBand).ThenByDescending(c => c.OpenedUtc).Take(200)
            .Select(c => new Row(c.Id, c.Reference, c.Title, c.CurrentRiskBand, referred.Contains(c.Id))).ToListAsync(ct);
        await audit.ViewedAsync("case-list", "domestic-abuse", $"Domestic abuse cases ({Cases.Count})", ct);
    }
}
