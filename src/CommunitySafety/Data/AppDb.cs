using System.Reflection;
using System.Text;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Agencies;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommunitySafety.Data;

/// <summary>
/// The one DbContext. Features contribute their entities through <c>IEntityTypeConfiguration</c>
/// classes in their own folders (found by assembly scan), and read/write with <c>Set&lt;T&gt;()</c>
/// or the few sets below. Provider-specific subclasses exist only to hold one migration set each.
/// </summary>
public abstract class AppDb(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Agency> Agencies => Set<Agency>();

    /// <summary>The Data Protection key ring, in the store every app instance shares (ADR 0009).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public abstract DatabaseProvider Provider { get; }

    readonly List<Action> _deferredAudit = [];

    /// <summary>True inside <see cref="InOneTransactionAsync"/>: this context's saves already hold the audit chain's gate.</summary>
    internal bool HoldsChainGate { get; set; }

    /// <summary>
    /// This app instance's gate around audit-chain saves (one per service container, see <see cref="AuditChainGate"/>).
    /// Null for a context made by hand (benchmarks, tests), which then uses the process-wide gate.
    /// </summary>
    internal AuditChainGate? ChainGate { get; set; }

    /// <summary>
    /// Several saves that must commit together (a record, then what depends on its id, then their timeline and audit
    /// entries): one transaction, holding the audit chain's gate until it commits (ADR 0004).
    /// </summary>
    public Task<T> InOneTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        AuditChain.InOneTransactionAsync(this, work, ct);

    /// <summary>Audit entries to stage once this save's new rows have their ids (<see cref="AuditLog.AddOnceSaved"/>).</summary>
    internal void DeferAudit(Action stage) => _deferredAudit.Add(stage);

    internal List<Action> TakeDeferredAudit()
    {
        var taken = _deferredAudit.ToList();
        _deferredAudit.Clear();
        return taken;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(Assembly.GetExecutingAssembly());

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }
        ApplySnakeCaseNames(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored in UTC and read back as UTC (SQLite would otherwise return Unspecified).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return AuditChain.SaveWithChain(this, () => base.SaveChanges(acceptAllChangesOnSuccess));
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return AuditChain.SaveWithChainAsync(this, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
            else if (entry.State == EntityState.Added && entry.Entity.Version == 0)
            {
                entry.Entity.Version = 1;
            }
        }
    }

    // snake_case names keep raw SQL (bulk import, reports) readable on PostgreSQL without quoting.
    static void ApplySnakeCaseNames(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && !entity.IsOwned())
            {
                entity.SetTableName(ToSnake(table.StartsWith("AspNet", StringComparison.Ordinal) ? "identity_" + table[6..] : table));
            }
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnake(property.GetColumnName()));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnake(key.GetName() ?? key.GetDefaultName() ?? "pk"));
            }
            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(ToSnake(fk.GetConstraintName() ?? fk.GetDefaultName() ?? "fk"));
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnake(index.GetDatabaseName() ?? index.GetDefaultDatabaseName() ?? "ix"));
            }
        }
    }

    internal static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                    (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : (v.Value.Kind == DateTimeKind.Local ? v.Value.ToUniversalTime() : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc)),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
