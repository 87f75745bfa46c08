using CommunitySafety.Features.Demo;
using Microsoft.Extensions.Options;

namespace CommunitySafety.Security;

/// <summary>
/// Two-factor sign-in is required for every role outside demo mode (ASVS 5.0 6.3.3): a user who
/// signed in with a password only may reach nothing but the authenticator set-up and sign-out.
/// Identity marks a session that passed a second factor with the claim amr=mfa.
/// </summary>
public sealed class TwoFactorEnforcement(RequestDelegate next, IOptions<SecurityOptions> options, IConfiguration configuration)
{
    readonly bool _required = options.Value.RequireTwoFactor ?? !DemoOptions.IsEnabled(configuration);

    public Task InvokeAsync(HttpContext context)
    {
        if (!_required || context.User.Identity?.IsAuthenticated != true || context.User.HasClaim("amr", "mfa"))
        {
            return next(context);
        }
        var path = context.Request.Path;
        if (path.StartsWithSegments("/account/two-factor", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/account/sign-out", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsJsonAsync(new { title = "Set up two-factor sign-in before using the service.", status = 403 });
        }
        context.Response.Redirect("/account/two-factor/set-up");
        return Task.CompletedTask;
    }

    public static bool IsRequired(IOptions<SecurityOptions> options, IConfiguration configuration) =>
        options.Value.RequireTwoFactor ?? !DemoOptions.IsEnabled(configuration);
}
