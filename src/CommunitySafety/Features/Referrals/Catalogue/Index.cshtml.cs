using CommunitySafety.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Referrals.Catalogue;

/// <summary>The services catalogue: who provides what, for whom, how fast, and how busy this month. No personal data.</summary>
[Authorize(Policy = ReferralPolicies.ServicesRead)]
public sealed class IndexModel(AppDb db, TimeProvider clock, Strands.StrandCatalogue strands) : PageModel
{
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Services = await ServiceCatalogue.ListAsync(db, strands, clock.GetUtcNow().UtcDateTime, ct);
}
