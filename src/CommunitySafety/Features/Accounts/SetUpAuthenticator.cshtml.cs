using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using CommunitySafety.Auditing;
using CommunitySafety.Hosting;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;

namespace CommunitySafety.Features.Accounts;

/// <summary>Enrols an authenticator app (TOTP, RFC 6238) for the signed-in user.</summary>
[Authorize]
public sealed class SetUpAuthenticatorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit,
    IOptions<SecurityOptions> security, IConfiguration configuration) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool AlreadyEnabled { get; private set; }
    public bool Required => TwoFactorEnforcement.IsRequired(security, configuration);
    public string FormattedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit security code")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Security code must be 6 digits")]
        [Display(Name = "Security code")]
        public string? Code { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var code = Input.Code!.Replace(" ", "", StringComparison.Ordinal).Trim();
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", "The security code is not right. Check the app shows this service and try again");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.WriteAsync(new AuditEntry(AuditActions.TwoFactorEnabled, "user", user.Id.ToString()), ct);
        // The session now counts as two-factor: sign in again with the amr=mfa marker Identity uses.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        TempData["Success"] = "Two-factor sign-in is on. You will be asked for a code each time you sign in.";
        return Redirect("/account");
    }

    async Task LoadAsync(AppUser user)
    {
        AlreadyEnabled = await users.GetTwoFactorEnabledAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        key ??= "";
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        FormattedKey = sb.ToString().TrimEnd().ToLowerInvariant();
        var issuer = Uri.EscapeDataString(AppHost.ServiceName);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer={issuer}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }
}
