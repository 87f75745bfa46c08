using System.ComponentModel.DataAnnotations;
using CommunitySafety.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Accounts;

/// <summary>Second step of sign-in for users who have set up an authenticator app.</summary>
[AllowAnonymous]
public sealed class TwoFactorModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit security code")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Security code must be 6 digits")]
        [Display(Name = "Security code")]
        public string? Code { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Features/Accounts/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Features/Accounts/SignIn");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Input.Code!.Replace(" ", "", StringComparison.Ordinal).Trim();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await SignInModel.RecordSignInAsync(users, audit, clock, user, "Password and authenticator app", ct);
            return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        await audit.WriteForUserAsync(user, new AuditEntry(result.IsLockedOut ? AuditActions.SignInLockedOut : AuditActions.TwoFactorFailed,
            "user", user.Id.ToString(), "Wrong security code", Outcome: AuditOutcome.Failure), ct);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, SignInModel.FailureMessage);
            return Page();
        }
        ModelState.AddModelError("Input.Code", "The security code is not right or has already been used. Enter the next code your authenticator app shows");
        return Page();
    }
}
