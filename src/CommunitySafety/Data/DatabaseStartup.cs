using CommunitySafety.Auditing;
using CommunitySafety.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CommunitySafety.Data;

/// <summary>Applies migrations (and seeds the demo partnership when enabled) before the server takes requests.</summary>
public sealed class DatabaseStartup(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await MigrateAsync(scope.ServiceProvider, cancellationToken);
        if (DemoOptions.IsEnabled(configuration))
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            var result = await seeder.SeedIfEmptyAsync(cancellationToken);
            seeder.PrintSignInDetails(result);
        }
        else
        {
            logger.DemoOff();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceProvider provider, CancellationToken ct)
    {
        var db = provider.GetRequiredService<AppDb>();
        await using (await SqliteMigrationGuard.AcquireAsync(db, provider.GetRequiredService<ILogger<SqliteMigrationGuard>>(), ct))
        {
            await CreateHistoryTableOnPostgresAsync(db, ct);
            await db.Database.MigrateAsync(ct);
        }

        await AuditProtection.ApplyAsync(db, ct);
        foreach (var task in provider.GetServices<IAfterMigration>())
        {
            await task.RunAsync(db, ct);
        }
    }

    /// <summary>
    /// On a new PostgreSQL database the Npgsql provider reads the migrations history table before creating it and
    /// logs the "relation does not exist" it expects as an error (npgsql/efcore.pg#3407), which tells an operator's
    /// first start that something failed. Creating the table first, with the provider's own script, avoids it.
    /// </summary>
    static async Task CreateHistoryTableOnPostgresAsync(AppDb db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        try
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another process starting at the same moment created it between the check and the CREATE: as wanted.
        }
    }
}
