using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Auditing;

[Authorize(Policy = Policies.Administration)]
public sealed class AuditTrailModel(AppDb db, AuditLog audit, ExportLimits limits, TimeProvider clock) : PageModel
{
    const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public IReadOnlyList<AuditEvent> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public ExportLimits Limits => limits;

    /// <summary>Bulk-access alerts of the last 7 days, newest first: shown above the search until they age out.</summary>
    public IReadOnlyList<AuditEvent> RecentBulkAccess { get; private set; } = [];

    public string ExportHref => "/admin/audit?handler=Export&" + string.Join('&', new[]
    {
        Pair("User", Filter.User), Pair("Action", Filter.Action), Pair("RecordType", Filter.RecordType), Pair("RecordId", Filter.RecordId),
        Pair("From", Filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Pair("To", Filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    }.Where(p => p is not null));

    static string? Pair(string key, string? value) => string.IsNullOrEmpty(value) ? null : $"{key}={Uri.EscapeDataString(value)}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Filter.Apply(db);
        Total = await query.CountAsync(ct);
        Rows = await query.Take(PageSize).ToListAsync(ct);
        Actions = await db.AuditEvents.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        var weekAgo = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        RecentBulkAccess = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.BulkAccess && e.OccurredUtc >= weekAgo).OrderByDescending(e => e.Id).Take(20).ToListAsync(ct);
        if (Filter.Describe() is { Length: > 0 } described)
        {
            await audit.WriteAsync(new AuditEntry(AuditActions.AuditSearched, "audit", null, described), ct);
        }
    }

    /// <summary>
    /// The export is itself a disclosure of personal data, so it is audited with its filter, says in its first line
    /// who made it and when, and is capped like every export (DP-EXP-01): a larger trail is downloaded in parts.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var query = Filter.Apply(db);
        var count = await query.CountAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var refused = count > limits.RowLimit
            ? limits.TooLarge(HttpContext, $"{count:N0} audit entries", "entries",
                "Narrow the search by user, action, record or dates and download each part on its own.")
            : await limits.StartAsync(HttpContext, now, ct);
        if (refused is not null)
        {
            await refused.ExecuteAsync(HttpContext);
            return new EmptyResult();
        }

        var described = Filter.Describe() is { Length: > 0 } d ? d : "all entries";
        var entries = count == 1 ? "1 entry" : $"{count:N0} entries";
        var fileName = $"audit-trail-{now:yyyyMMdd-HHmm}.csv";
        await audit.WriteAsync(new AuditEntry(AuditActions.AuditExported, "audit", null, $"{entries} ({described}) as {fileName}"), ct);
        var rows = query.AsAsyncEnumerable().Select(e => (IReadOnlyList<string?>)
        [
            e.Id.ToString(CultureInfo.InvariantCulture), e.OccurredUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            e.UserName, e.AgencyName, e.Action, e.Outcome.ToString(), e.RecordType, e.RecordId, e.Purpose, e.Details, e.IpAddress, e.Hash,
        ]);
        await CsvExport.WriteAsync(Response, fileName,
            ["id", "occurred_utc", "user", "agency", "action", "outcome", "record_type", "record_id", "purpose", "details", "ip_address", "hash"], rows, ct,
            $"Audit trail, {described}: {entries}, exported by {User.DisplayName()} ({User.Identity?.Name}) on {UkTime.Format(now)}");
        // The CSV is the response: a void handler would go on to render the page into it.
        return new EmptyResult();
    }
}
