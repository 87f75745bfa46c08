using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
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

    /// <summary>Whole seconds for a Retry-After header, never 0.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _perUser.Dispose();
}
