using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Admin;

[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(AppDb db) : PageModel
{
    public int Agencies { get; private set; }
    public int Users { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agencies = await db.Agencies.CountAsync(ct);
        Users = await db.Users.CountAsync(ct);
    }
}
