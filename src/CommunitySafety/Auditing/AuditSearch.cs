using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Auditing;

/// <summary>Filters for the audit trail, shared by the search page, its CSV export and the API.</summary>
public sealed class AuditFilter
{
    public string? User { get; set; }
    public string? Action { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    public IQueryable<AuditEvent> Apply(AppDb db)
    {
        var q = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(User))
        {
            var u = User.Trim().ToLowerInvariant();
            q = q.Where(e => e.UserName.ToLower().Contains(u));
        }
        if (!string.IsNullOrWhiteSpace(Action)) { q = q.Where(e => e.Action == Action); }
        if (!string.IsNullOrWhiteSpace(RecordType)) { q = q.Where(e => e.RecordType == RecordType.Trim()); }
        if (!string.IsNullOrWhiteSpace(RecordId)) { q = q.Where(e => e.RecordId == RecordId.Trim()); }
        // Dates are UK calendar days; stored times are UTC.
        if (From is { } from) { var f = Shared.UkTime.StartOfUkDayUtc(from); q = q.Where(e => e.OccurredUtc >= f); }
        if (To is { } to) { var t = Shared.UkTime.StartOfUkDayUtc(to.AddDays(1)); q = q.Where(e => e.OccurredUtc < t); }
        return q.OrderByDescending(e => e.Id);
    }

    public string Describe() => string.Join("; ", new[]
    {
        User is null ? null : $"user contains '{User}'",
        Action is null ? null : $"action {Action}",
        RecordType is null ? null : $"record type {RecordType}",
        RecordId is null ? null : $"record {RecordId}",
        From is null ? null : $"from {From:yyyy-MM-dd}",
        To is null ? null : $"to {To:yyyy-MM-dd}",
    }.Where(s => s is not null));
}
