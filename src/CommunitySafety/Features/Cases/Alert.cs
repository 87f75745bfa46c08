using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// A message to one user about a case or person (repeat victim detected, review due, action overdue…).
/// <see cref="DedupKey"/> lets a rule raise the same alert once (e.g. "RepeatVictim:person 42:2026-11").
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public int? CaseId { get; set; }
    public int? PersonId { get; set; }
    /// <summary>One of <see cref="AlertTypes"/> or a strand's own type.</summary>
    public string Type { get; set; } = "";
    public string Text { get; set; } = "";
    public string? DedupKey { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
}

public static class AlertTypes
{
    public const string RepeatVictim = "RepeatVictim";
    public const string RepeatLocation = "RepeatLocation";
    public const string ReviewDue = "ReviewDue";
    public const string ActionOverdue = "ActionOverdue";
    public const string HighRisk = "HighRisk";
}

sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("alerts");
        b.Property(a => a.Type).HasMaxLength(40).IsRequired();
        b.Property(a => a.Text).HasMaxLength(1000);
        b.Property(a => a.DedupKey).HasMaxLength(200);
        b.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<People.Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.UserId, a.ReadUtc });
        b.HasIndex(a => new { a.UserId, a.Type, a.DedupKey });
    }
}

/// <summary>Next sequence number per reference prefix and year (ASB-2026-000001…), versioned so two openings never share one.</summary>
public sealed class CaseReferenceCounter : Data.IVersioned
{
    public string Prefix { get; set; } = "";
    public int Year { get; set; }
    public int LastSequence { get; set; }
    public int Version { get; set; }
}

sealed class CaseReferenceCounterConfiguration : IEntityTypeConfiguration<CaseReferenceCounter>
{
    public void Configure(EntityTypeBuilder<CaseReferenceCounter> b)
    {
        b.ToTable("case_reference_counters");
        b.HasKey(c => new { c.Prefix, c.Year });
        b.Property(c => c.Prefix).HasMaxLength(5);
    }
}

/// <summary>Changes to a user's alerts, for every strand's alert pages: the change and its audit entry commit together.</summary>
public sealed class CaseAlerts(AppDb db, Auditing.AuditLog audit, TimeProvider clock)
{
    /// <summary>Marks one of <paramref name="userId"/>'s own alerts as read; false when there is no such alert of theirs.</summary>
    public async Task<bool> MarkReadAsync(Guid? userId, long alertId, CancellationToken ct)
    {
        var alert = await db.Set<Alert>().FirstOrDefaultAsync(a => a.Id == alertId && a.UserId == userId, ct);
        if (alert is null)
        {
            return false;
        }
        alert.ReadUtc ??= clock.GetUtcNow().UtcDateTime;
        audit.Add(new Auditing.AuditEntry(Auditing.AuditActions.Change, "alert", alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Marked as read"));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
