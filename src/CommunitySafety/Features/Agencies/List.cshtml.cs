using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Agencies;

[Authorize(Policy = Policies.Administration)]
public sealed class ListModel(AppDb db) : PageModel
{
    public sealed record Row(int Id, string Name, AgencyType Type, bool IsActive, int Users);

    public IReadOnlyList<Row> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new Row(a.Id, a.Name, a.Type, a.IsActive, db.Users.Count(u => u.AgencyId == a.Id)))
            .ToListAsync(ct);
}
