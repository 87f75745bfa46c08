using System.ComponentModel.DataAnnotations;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Demo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Accounts;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, IConfiguration configuration, TimeProvider clock, AppDb db) : PageModel
{
    // One message for unknown users, wrong passwords, disabled and locked accounts: no user enumeration.
    public const string FailureMessage =
        "Email address or password not recognised. After 5 failed attempts an account is locked for 5 minutes.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool ShowDemoHint => DemoOptions.IsEnabled(configuration);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [Display(Name = "Email address")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password")]
        [Display(Name = "Password")]
        public string? Password { get; set; }
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email!.Trim();
        var user = await users.FindByEmailAsync(email) ?? await users.FindByNameAsync(email);
        if (user is null)
        {
            await audit.WriteAsync(new AuditEntry(AuditActions.SignInFailed, "user", null, "Unknown user", Outcome: AuditOutcome.Failure), email, ct);
            return Failed();
        }
        if (user.IsDisabled)
        {
            await audit.WriteForUserAsync(user, new AuditEntry(AuditActions.SignInFailed, "user", user.Id.ToString(), "Account disabled", Outcome: AuditOutcome.Denied), ct);
            return Failed();
        }
        // An inactive agency's users cannot sign in (the agency form says so).
        if (!await db.Agencies.AnyAsync(a => a.Id == user.AgencyId && a.IsActive, ct))
        {
            await audit.WriteForUserAsync(user, new AuditEntry(AuditActions.SignInFailed, "user", user.Id.ToString(), "Agency inactive", Outcome: AuditOutcome.Denied), ct);
            return Failed();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordSignInAsync(user, "Password", ct);
            return LocalRedirect(SafeReturnUrl());
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Features/Accounts/TwoFactor", new { ReturnUrl });
        }
        var action = result.IsLockedOut ? AuditActions.SignInLockedOut : AuditActions.SignInFailed;
        await audit.WriteForUserAsync(user, new AuditEntry(action, "user", user.Id.ToString(), result.IsLockedOut ? "Account locked" : "Wrong password", Outcome: AuditOutcome.Failure), ct);
        return Failed();
    }

    internal async Task RecordSignInAsync(AppUser user, string method, CancellationToken ct) =>
        await RecordSignInAsync(users, audit, clock, user, method, ct);

    internal static async Task RecordSignInAsync(UserManager<AppUser> users, AuditLog audit, TimeProvider clock, AppUser user, string method, CancellationToken ct)
    {
        user.LastSignInUtc = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await audit.WriteForUserAsync(user, new AuditEntry(AuditActions.SignIn, "user", user.Id.ToString(), method), ct);
    }

    PageResult Failed()
    {
        ModelState.AddModelError(string.Empty, FailureMessage);
        Input.Password = null;
        return Page();
    }

    string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
