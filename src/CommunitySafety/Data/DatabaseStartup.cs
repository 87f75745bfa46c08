using CommunitySafety.Auditing;
using CommunitySafety.Features.Demo;
using Microsoft.EntityFrameworkCore;

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
            logger.LogInformation("Demo partnership is off (Demo:Enabled=false).");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceProvider provider, CancellationToken ct)
    {
        var db = provider.GetRequiredService<AppDb>();
        await using (await SqliteMigrationGuard.AcquireAsync(db, provider.GetRequiredService<ILogger<SqliteMigrationGuard>>(), ct))
        {
            await db.Database.MigrateAsync(ct);
        }

        await AuditProtection.ApplyAsync(db, ct);
        foreach (var task in provider.GetServices<IAfterMigration>())
        {
            await task.RunAsync(db, ct);
        }
    }
}
