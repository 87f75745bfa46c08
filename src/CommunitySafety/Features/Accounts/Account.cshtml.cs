using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Accounts;

/// <summary>Any signed-in user: their own details and sessions.</summary>
[Authorize]
public sealed class AccountModel(AppDb db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string Agency { get; private set; } = "";
    public IReadOnlyList<string> RoleNames { get; private set; } = [];
    public bool TwoFactorEnabled { get; private set; }
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        DisplayName = user.DisplayName;
        Email = user.Email ?? "";
        Agency = User.FindFirst(AppClaims.AgencyName)?.Value ?? "";
        RoleNames = (await users.GetRolesAsync(user)).Select(Roles.Display).ToList();
        TwoFactorEnabled = user.TwoFactorEnabled;
        Sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == user.Id && s.RevokedUtc == null)
            .OrderByDescending(s => s.CreatedUtc).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(string sessionId, CancellationToken ct)
    {
        var userId = User.UserId();
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, ct);
        if (session is null)
        {
            return NotFound();
        }
        session.RevokedUtc = clock.GetUtcNow().UtcDateTime;
        session.RevokedReason = "ended by user";
        audit.Add(new AuditEntry(AuditActions.SessionRevoked, "session", sessionId[..8], "Ended by the user"));
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }
}
