using System.Net;

namespace CommunitySafety.Security;

/// <summary>
/// Browsers treat http://127.0.0.1 and http://localhost as a secure context and keep Secure and
/// __Host- cookies there (checked with Debian's Chromium). ASP.NET Core does not, and would refuse
/// to issue them, so a request that really arrived on a loopback address over plain HTTP is marked
/// secure. Anything else must come over TLS (directly or via a proxy's X-Forwarded-Proto).
/// See docs/adr/0003-cookies-and-sessions.md.
/// </summary>
public sealed class LoopbackIsSecure(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.IsHttps && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote) &&
            context.Request.Host.Host is "127.0.0.1" or "localhost" or "[::1]" or "::1")
        {
            context.Request.Scheme = "https";
        }
        return next(context);
    }
}
