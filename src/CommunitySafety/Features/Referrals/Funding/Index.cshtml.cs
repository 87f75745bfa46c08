using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Referrals.Funding;

/// <summary>Funding lines by stream and year, with what is allocated to each service and spent. Aggregate figures only.</summary>
[Authorize(Policy = Policies.Reports)]
public sealed class IndexModel(AppDb db) : PageModel
{
    public IReadOnlyList<FundingLineView> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Lines = await FundingCatalogue.LinesAsync(db, ct);
}
