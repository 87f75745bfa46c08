using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Hosting;

/// <summary>Who runs a scheduled job until when. One row per job; the database is what every instance shares.</summary>
public sealed class JobLease
{
    public required string Job { get; set; }

    public required string Holder { get; set; }

    public DateTime ExpiresUtc { get; set; }
}

sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("job_leases");
        b.HasKey(l => l.Job);
        b.Property(l => l.Job).HasMaxLength(100);
        b.Property(l => l.Holder).HasMaxLength(100);
    }
}

/// <summary>This running instance, as named in job leases (a new name each start).</summary>
public sealed class AppInstance
{
    public string Name { get; } = Limit($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    // The unique tail is what matters, so a long machine name loses its start.
    static string Limit(string name) => name.Length <= 100 ? name : name[^100..];
}

/// <summary>
/// Scheduled jobs (the repeat-flag sweep, reminders) run on one instance at a time when several serve one database
/// (ADR 0009). An instance runs a job only while it holds the job's lease: it takes a free or expired lease, or renews
/// its own, with one conditional update, so two instances can never both take it. A lease outlives the job's interval
/// by a margin; if its holder stops, another instance takes over once it expires.
/// </summary>
public sealed class JobLeases(AppDb db, AppInstance instance, TimeProvider clock)
{
    /// <summary>True when this instance now holds <paramref name="job"/> for <paramref name="length"/>.</summary>
    public async Task<bool> TryHoldAsync(string job, TimeSpan length, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + length;
        var me = instance.Name;
        var taken = await db.Set<JobLease>()
            .Where(l => l.Job == job && (l.Holder == me || l.ExpiresUtc <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresUtc, until), ct);
        if (taken == 1)
        {
            return true;
        }
        // No row yet: make it, unless another instance just did (then it holds the lease). A plain insert, so
        // nothing else the caller has staged is saved with it.
        return await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO job_leases (job, holder, expires_utc) VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING", [job, me, until], ct) == 1;
    }
}
