using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Errors;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace CommunitySafety.Security;

/// <summary>
/// The caps on exports of personal data (DP-EXP-01 and SEC-RL-01 in shared/security/requirements.md): at most
/// <see cref="SecurityOptions.ExportRowLimit"/> rows in one file and <see cref="SecurityOptions.ExportsPerHour"/>
/// exports per user in an hour, so a compromised or careless account cannot take the partnership's caseload away
/// in bulk. Only exports that go ahead are counted: a refused one (too many rows, no purpose) costs nothing.
/// The allowance is a fixed window per user that starts at their first export (simple to explain: "5 in the hour
/// from your first"), kept in the database so that spreading exports across app instances gains nothing (ADR 0009).
/// Each step is one conditional update, so two instances cannot both spend the last export.
/// </summary>
public sealed class ExportLimits(IOptions<SecurityOptions> options, AppDb db, TimeProvider clock)
{
    static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly SecurityOptions _options = options.Value;

    public int RowLimit => _options.ExportRowLimit;

    public int PerHour => _options.ExportsPerHour;

    /// <summary>Counts one export for the user; null when it may go ahead, else how long until the next is allowed.</summary>
    public async Task<TimeSpan?> TryStartAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var key = "export:" + (user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "anonymous");
        var now = clock.GetUtcNow().UtcDateTime;
        var windows = db.Set<UsageWindow>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            // A window that has ended starts again with this export.
            var ended = now - Window;
            if (await windows.Where(w => w.Key == key && w.StartedUtc <= ended)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.StartedUtc, now).SetProperty(w => w.Count, 1), ct) == 1)
            {
                return null;
            }
            var limit = PerHour;
            if (await windows.Where(w => w.Key == key && w.Count < limit)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Count, w => w.Count + 1), ct) == 1)
            {
                return null;
            }
            var started = await windows.Where(w => w.Key == key).Select(w => (DateTime?)w.StartedUtc).FirstOrDefaultAsync(ct);
            if (started is { } from)
            {
                return from + Window - now;
            }
            // The user's first export: start the window, unless another instance did so at the same moment (then
            // count against theirs on the next pass). A plain insert, so nothing else this request has staged is saved.
            if (await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO usage_windows (key, started_utc, count) VALUES ({0}, {1}, 1) ON CONFLICT DO NOTHING", [key, now], ct) == 1)
            {
                return null;
            }
        }
        return Window;
    }

    /// <summary>
    /// Counts one export for the user when it may go ahead (null), else sets Retry-After and the error page's
    /// explanation and returns the 429 to send. Case and audit exports share the one allowance.
    /// </summary>
    public async Task<IResult?> StartAsync(HttpContext http, DateTime nowUtc, CancellationToken ct)
    {
        if (await TryStartAsync(http.User, ct) is not { } wait)
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
}

/// <summary>A user's use of a limited allowance (exports per hour) in its current window.</summary>
public sealed class UsageWindow
{
    public required string Key { get; set; }

    public DateTime StartedUtc { get; set; }

    public int Count { get; set; }
}

sealed class UsageWindowConfiguration : IEntityTypeConfiguration<UsageWindow>
{
    public void Configure(EntityTypeBuilder<UsageWindow> b)
    {
        b.ToTable("usage_windows");
        b.HasKey(w => w.Key);
        b.Property(w => w.Key).HasMaxLength(200);
    }
}
