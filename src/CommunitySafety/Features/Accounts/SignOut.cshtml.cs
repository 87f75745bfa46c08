using CommunitySafety.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Accounts;

/// <summary>Sign-out is a POST (with antiforgery); the server-side session is revoked by the ticket store.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/account") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(new AuditEntry(AuditActions.SignOut, "user", User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value), ct);
            await signIn.SignOutAsync();
        }
        return Page();
    }
}
