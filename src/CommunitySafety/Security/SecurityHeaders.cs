using Microsoft.Extensions.Options;

namespace CommunitySafety.Security;

/// <summary>
/// Security headers on every response (ASVS 5.0 3.4.3–3.4.6): a strict Content Security Policy
/// with no inline script, nosniff, a referrer policy and no framing.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SecurityOptions> options)
{
    readonly string _csp = BuildCsp(options.Value);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            if (!h.ContainsKey("Content-Security-Policy"))
            {
                // A response may set a stricter policy of its own (document downloads use "sandbox").
                h.ContentSecurityPolicy = _csp;
            }
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            h.XFrameOptions = "DENY";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!h.ContainsKey("Cache-Control"))
            {
                // Pages hold personal data: never keep them in shared or back-button caches.
                h.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }

    static string BuildCsp(SecurityOptions o)
    {
        var img = "'self' data:";
        if (!string.IsNullOrWhiteSpace(o.MapTileUrl) && Uri.TryCreate(o.MapTileUrl.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var tiles))
        {
            img += " " + tiles.GetLeftPart(UriPartial.Authority).Replace("//a.", "//*.", StringComparison.Ordinal);
        }
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src {img}; font-src 'self'; connect-src 'self'; " +
               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }
}
