using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CommunitySafety.Security;

/// <summary>
/// Notices one user viewing personal records in bulk: <see cref="SecurityOptions.BulkAccessViews"/> views within
/// <see cref="SecurityOptions.BulkAccessWindowMinutes"/> (200 in 10 minutes by default, SEC-RL-01 / ASVS 5.0 2.4.1
/// anti-automation in shared/security/requirements.md). A scraping script or a stolen session reads records far
/// faster than casework does; the alert goes to the audit trail, where administrators and the data protection
/// officer look. Counts are kept in memory per server: a restart starts them again, as it does the export limits.
/// </summary>
public sealed class BulkAccessMonitor(IOptions<SecurityOptions> options)
{
    private readonly ConcurrentDictionary<Guid, UserViews> _users = new();

    public int Views => options.Value.BulkAccessViews;

    public TimeSpan Window => TimeSpan.FromMinutes(options.Value.BulkAccessWindowMinutes);

    /// <summary>
    /// Counts one view of personal data by the user. True when this view makes their views within the window reach
    /// the threshold: the moment to raise the alert. Once raised, it is not raised again for that user until a whole
    /// window has passed, so one burst gives one alert, not one per view after it.
    /// </summary>
    public bool RecordView(Guid userId, DateTime nowUtc)
    {
        var views = _users.GetOrAdd(userId, _ => new UserViews());
        lock (views)
        {
            var from = nowUtc - Window;
            while (views.Times.Count > 0 && views.Times.Peek() <= from)
            {
                views.Times.Dequeue();
            }
            views.Times.Enqueue(nowUtc);
            // Only the latest threshold-many times matter, so memory per user stays bounded whatever the rate.
            while (views.Times.Count > Views)
            {
                views.Times.Dequeue();
            }
            if (views.Times.Count < Views || views.LastAlertUtc is { } last && nowUtc - last < Window)
            {
                return false;
            }
            views.LastAlertUtc = nowUtc;
            return true;
        }
    }

    private sealed class UserViews
    {
        public Queue<DateTime> Times { get; } = new();
        public DateTime? LastAlertUtc { get; set; }
    }
}
