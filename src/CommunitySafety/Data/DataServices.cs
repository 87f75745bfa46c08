using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunitySafety.Data;

public static class DataServices
{
    /// <summary>
    /// Registers <see cref="AppDb"/> for the configured provider (SQLite by default). EF interceptors registered in the
    /// container as <see cref="IInterceptor"/> (singletons) are added to every context on either provider: the tests use
    /// one to make a save fail at the database and check that nothing of it was kept.
    /// </summary>
    public static IServiceCollection AddAppData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddSingleton<Auditing.AuditChainGate>();
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(configuration, environment, options);
                services.AddDbContext<SqliteAppDb>((sp, o) => o
                    .UseSqlite(sqlite, x => x.MigrationsHistoryTable("ef_migrations_history"))
                    .AddInterceptors(new SqlitePragmas(options.SqliteSynchronous))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddScoped<AppDb>(sp => WithGate(sp, sp.GetRequiredService<SqliteAppDb>()));
                break;
            case DatabaseProvider.Postgres:
                var pg = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(pg))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but no connection string is set. Set ConnectionStrings:Postgres " +
                        "(environment variable ConnectionStrings__Postgres), e.g. Host=127.0.0.1;Database=csp;Username=csp;Password=...");
                }
                services.AddDbContext<PostgresAppDb>((sp, o) => o
                    .UseNpgsql(pg, x => x.MigrationsHistoryTable("ef_migrations_history"))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddScoped<AppDb>(sp => WithGate(sp, sp.GetRequiredService<PostgresAppDb>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite or Postgres.");
        }
        return services;
    }

    static AppDb WithGate(IServiceProvider sp, AppDb db)
    {
        db.ChainGate = sp.GetRequiredService<Auditing.AuditChainGate>();
        return db;
    }

    /// <summary>The full path of a SQLite database file, or null for an in-memory or URI database (which no other process shares).</summary>
    public static string? SqliteDatabaseFile(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(source);
    }

    public static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment, DatabaseOptions options)
    {
        var configured = configuration.GetConnectionString("Sqlite");
        SqliteConnectionStringBuilder builder;
        if (!string.IsNullOrWhiteSpace(configured) && !configured.Contains('=', StringComparison.Ordinal))
        {
            // A plain file path ("data/csp.db"), as people naturally write it, rather than "Data Source=data/csp.db".
            builder = new SqliteConnectionStringBuilder { DataSource = configured.Trim() };
        }
        else
        {
            try
            {
                builder = new SqliteConnectionStringBuilder(configured ?? "");
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:Sqlite is not readable ({ex.Message}): give a file path such as data/community-safety.db, or a SQLite connection string such as \"Data Source=data/community-safety.db\".", ex);
            }
        }

        if (string.IsNullOrEmpty(builder.DataSource))
        {
            builder.DataSource = Path.Combine(options.DataFolder, "community-safety.db");
        }
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(environment.ContentRootPath, builder.DataSource));
        }
        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}

/// <summary>
/// Per-connection SQLite settings (REL-DB-01): WAL for readers alongside the writer, FULL sync
/// by default so a commit survives power loss, foreign keys on, and a busy wait instead of an error.
/// </summary>
sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    readonly string _sql = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={Validate(synchronous)}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static string Validate(string value) => value.ToUpperInvariant() switch
    {
        "FULL" or "NORMAL" or "EXTRA" => value.ToUpperInvariant(),
        _ => throw new InvalidOperationException($"Database:SqliteSynchronous must be FULL, NORMAL or EXTRA, not '{value}'."),
    };
}
