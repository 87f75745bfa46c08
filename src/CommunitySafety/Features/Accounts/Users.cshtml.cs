using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Accounts;

[Authorize(Policy = Policies.Administration)]
public sealed class UsersModel(AppDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Email, string Agency, IReadOnlyList<string> Roles, DateTime? LastSignInUtc, bool Disabled, bool LockedOut);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToLower(System.Globalization.CultureInfo.InvariantCulture);
            query = query.Where(u => u.DisplayName.ToLower().Contains(q) || u.Email!.ToLower().Contains(q) || u.Agency!.Name.ToLower().Contains(q));
        }
        var rows = await query.OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, Agency = u.Agency!.Name, u.LastSignInUtc, u.IsDisabled, u.LockoutEnd,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .Take(500).ToListAsync(ct);
        Users = rows.Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", u.Agency, u.Roles, u.LastSignInUtc, u.IsDisabled,
            u.LockoutEnd is { } end && end > now)).ToList();
    }
}
