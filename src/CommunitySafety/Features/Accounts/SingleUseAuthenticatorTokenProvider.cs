using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace CommunitySafety.Features.Accounts;

/// <summary>
/// Authenticator-app (TOTP, RFC 6238) codes that work once. Identity's own provider accepts the same code again for
/// as long as it is current (about 90 seconds with its ±1 step window), so a code read over a shoulder or taken by a
/// phishing page could be used a second time. ASVS 5.0 6.5.1 requires a time-based code to be usable only once
/// (shared/security/requirements.md, 6.3.3). The last accepted time step is kept per user as an Identity user token;
/// a code from that step or an earlier one is refused.
/// </summary>
/// <remarks>
/// Same code format as Identity's provider (6 digits, 30-second steps, HMAC-SHA1, one step either side for clock
/// drift) and the same time source, the system clock, as the authenticator app on the user's phone. Two requests
/// racing with one code cannot both pass: saving the step updates the user row under Identity's concurrency stamp,
/// so the second save fails and its code is refused.
/// </remarks>
public sealed class SingleUseAuthenticatorTokenProvider : AuthenticatorTokenProvider<AppUser>
{
    private const string Store = "CommunitySafety";
    private const string LastStep = "AuthenticatorLastStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        if (long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            && step <= used)
        {
            return false;
        }

        var saved = await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }
}
