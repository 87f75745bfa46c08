using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Auditing;

/// <summary>What is being recorded; the actor and address come from the current request.</summary>
public sealed record AuditEntry(
    string Action,
    string? RecordType = null,
    string? RecordId = null,
    string? Details = null,
    string? Purpose = null,
    AuditOutcome Outcome = AuditOutcome.Success);

/// <summary>
/// The one way features write to the audit trail. <see cref="Add"/> stages the entry in the
/// caller's unit of work so it commits or rolls back with the change it describes;
/// <see cref="WriteAsync"/> saves at once (views, searches, sign-in events).
/// </summary>
public sealed class AuditLog(AppDb db, IHttpContextAccessor http, TimeProvider clock, BulkAccessMonitor bulkAccess)
{
    public void Add(AuditEntry entry, ClaimsPrincipal? actor = null, string? userNameOverride = null)
    {
        var user = actor ?? http.HttpContext?.User;
        var now = clock.GetUtcNow().UtcDateTime;
        Stage(entry, user, userNameOverride, now);
        // Staged with the view that crossed the threshold, so the alert is kept exactly when the view is. Work lists
        // ("case-list", "alert-list") are not counted: one page load shows several, and reloading it is ordinary work.
        if (entry.Action == AuditActions.View && entry.RecordType?.EndsWith("-list", StringComparison.Ordinal) == false &&
            user?.UserId() is { } userId && bulkAccess.RecordView(userId, now))
        {
            Stage(new AuditEntry(AuditActions.BulkAccess,
                Details: $"{bulkAccess.Views} views of personal records within {bulkAccess.Window.TotalMinutes:0} minutes, the last of {entry.RecordType} {entry.RecordId}: far faster than casework; check with the user and their manager."),
                user, userNameOverride, now);
        }
    }

    /// <summary>
    /// Stages an entry about a record the same save creates, whose database-generated id is not known yet. The entry is
    /// made after the new rows have their ids and commits in the same transaction as them, so the record and its audit
    /// entry are kept or lost together (ADR 0004). Use it for creates; <see cref="Add"/> for records that already exist.
    /// </summary>
    public void AddOnceSaved(Func<AuditEntry> entry, ClaimsPrincipal? actor = null)
    {
        var user = actor ?? http.HttpContext?.User;
        db.DeferAudit(() => Add(entry(), user));
    }

    void Stage(AuditEntry entry, ClaimsPrincipal? user, string? userNameOverride, DateTime now) =>
        db.AuditEvents.Add(new AuditEvent
        {
            // Truncated to microseconds so the stored value (PostgreSQL precision) still verifies.
            OccurredUtc = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc),
            UserId = user?.UserId(),
            UserName = userNameOverride ?? user?.Identity?.Name ?? "(anonymous)",
            AgencyId = user?.AgencyId(),
            AgencyName = user?.FindFirstValue(AppClaims.AgencyName) ?? "",
            Action = entry.Action,
            RecordType = entry.RecordType,
            RecordId = entry.RecordId,
            Details = Truncate(entry.Details, 4000),
            Purpose = Truncate(entry.Purpose, 500),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Outcome = entry.Outcome,
        });

    public async Task WriteAsync(AuditEntry entry, CancellationToken ct = default)
    {
        Add(entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>For an entry about someone who is not the signed-in user (a failed sign-in, the command line).</summary>
    public async Task WriteAsync(AuditEntry entry, string userNameOverride, CancellationToken ct = default)
    {
        Add(entry, userNameOverride: userNameOverride);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>For events about a known account before or outside its session (sign-in, lockout).</summary>
    public async Task WriteForUserAsync(Features.Accounts.AppUser user, AuditEntry entry, CancellationToken ct = default)
    {
        Add(entry, userNameOverride: user.UserName);
        var added = db.ChangeTracker.Entries<AuditEvent>().Last(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added).Entity;
        added.UserId = user.Id;
        added.AgencyId = user.AgencyId;
        added.AgencyName = await db.Agencies.Where(a => a.Id == user.AgencyId).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? "";
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records that personal data was looked at (DPA 2018 s.62 "consultation").</summary>
    public Task ViewedAsync(string recordType, string recordId, string? purpose = null, CancellationToken ct = default) =>
        WriteAsync(new AuditEntry(AuditActions.View, recordType, recordId, Purpose: purpose), ct);

    static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
