using System.Globalization;
using System.Security.Claims;

namespace CommunitySafety.Security;

public static class AppClaims
{
    public const string AgencyId = "csp:agency_id";
    public const string AgencyName = "csp:agency_name";
    public const string DisplayName = "csp:display_name";
    /// <summary>Present when the user passed a second factor in this session.</summary>
    public const string Mfa = "csp:mfa";
    /// <summary>Present when two-factor is required but the user has not yet set it up.</summary>
    public const string MfaEnrolmentRequired = "csp:mfa_enrol";
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static int? AgencyId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AppClaims.AgencyId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(AppClaims.DisplayName) ?? user.Identity?.Name ?? "";
}
