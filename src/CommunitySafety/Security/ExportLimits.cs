using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CommunitySafety.Features.Errors;
using CommunitySafety.Shared;
using Microsoft.Extensions.Options;

namespace CommunitySafety.Security;

/// <summary>
/// The caps on exports of personal data (DP-EXP-01 and SEC-RL-01 in shared/security/requirements.md): at most
/// <see cref="SecurityOptions.ExportRowLimit"/> rows in one file and <see cref="SecurityOptions.ExportsPerHour"/>
/// exports per user in an hour, so a compromised or careless account cannot take the partnership's caseload away
/// in bulk. Only exports that go ahead are counted: a refused one (too many rows, no purpose) costs nothing.
/// </summary>
public sealed class ExportLimits : IDisposable
{
    private readonly SecurityOptions _options;
    private readonly PartitionedRateLimiter<string> _perUser;

    public ExportLimits(IOptions<SecurityOptions> options)
    {
        _options = options.Value;
        // A fixed window per user that starts at their first export: simple to explain ("5 in the hour from your
        // first") and its limiter says when the window ends, which becomes Retry-After.
        _perUser = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetFixedWindowLimiter(user,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = _options.ExportsPerHour,
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public int RowLimit => _options.ExportRowLimit;

    public int PerHour => _options.ExportsPerHour;

    /// <summary>Counts one export for the user; null when it may go ahead, else how long until the next is allowed.</summary>
    public TimeSpan? TryStart(ClaimsPrincipal user)
    {
        var key = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "anonymous";
        using var lease = _perUser.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromHours(1);
    }

    /// <summary>
    /// Counts one export for the user when it may go ahead (null), else sets Retry-After and the error page's
    /// explanation and returns the 429 to send. Case and audit exports share the one allowance.
    /// </summary>
    public IResult? Start(HttpContext http, DateTime nowUtc)
    {
        if (TryStart(http.User) is not { } wait)
        {
            return null;
        }
        http.Response.Headers.RetryAfter = RetryAfterSeconds(wait);
        ErrorExplanation.Set(http, "You have reached the limit of exports for now",
            $"Each person may export personal data (cases or audit entries) {PerHour} times an hour. You can export again from {UkTime.Format(NextMinute(nowUtc + wait))}.");
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// Sets the error page's explanation for an export of more rows than one file may hold and returns the 422 to send.
    /// <paramref name="wouldHold"/> says what the file would hold ("1,200 closed cases"), <paramref name="rows"/> names
    /// its rows in the plural ("cases").
    /// </summary>
    public IResult TooLarge(HttpContext http, string wouldHold, string rows, string narrower)
    {
        ErrorExplanation.Set(http, "This export is too large",
            $"It would hold {wouldHold}. One export may hold at most {RowLimit:N0} {rows}, so that personal data is never taken away in bulk.",
            narrower);
        return Results.StatusCode(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Rounded up to the whole minute, as the time is shown in minutes: never a minute too early.</summary>
    static DateTime NextMinute(DateTime utc) =>
        new((utc.Ticks + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    /// <summary>Whole seconds for a Retry-After header, never 0.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _perUser.Dispose();
}
