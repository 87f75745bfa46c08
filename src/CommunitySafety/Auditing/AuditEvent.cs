using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Auditing;

/// <summary>
/// One append-only audit entry: who, when, which agency, what action, which record, from where,
/// and why. Rows are chained by hash so a changed or removed row is detectable (DP-AUD-03), and
/// the table refuses UPDATE and DELETE at the database (see <see cref="AuditProtection"/>).
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    /// <summary>Position in the hash chain, assigned by <see cref="AuditChain"/> (EF may insert in another order).</summary>
    public long Sequence { get; set; }
    public DateTime OccurredUtc { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public int? AgencyId { get; set; }
    public string AgencyName { get; set; } = "";
    public string Action { get; set; } = "";
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public string? Purpose { get; set; }
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
    public AuditOutcome Outcome { get; set; } = AuditOutcome.Success;
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}

sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        // The chain's order; unique, so two writers can never fork the chain silently.
        b.HasIndex(e => e.Sequence).IsUnique();
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.AgencyName).HasMaxLength(200);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.RecordType).HasMaxLength(100);
        b.Property(e => e.RecordId).HasMaxLength(100);
        b.Property(e => e.Purpose).HasMaxLength(500);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.OccurredUtc);
        b.HasIndex(e => new { e.RecordType, e.RecordId });
        b.HasIndex(e => e.UserId);
        b.HasIndex(e => e.Action);
    }
}
