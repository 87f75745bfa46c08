using CommunitySafety.Data;

namespace CommunitySafety.Features.Demo;

/// <summary>
/// Demo:Enabled turns the fictional demo partnership on or off. Unset, it is on for the embedded
/// SQLite store (a newcomer's first run) and off for PostgreSQL (real deployments).
/// </summary>
public static class DemoOptions
{
    public static bool IsEnabled(IConfiguration configuration)
    {
        var value = configuration["Demo:Enabled"];
        if (bool.TryParse(value, out var enabled))
        {
            return enabled;
        }
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        return provider == DatabaseProvider.Sqlite;
    }
}

/// <summary>A feature's share of the demo partnership (places data, cases, referrals…).</summary>
public interface IDemoContributor
{
    /// <summary>Lower runs first; the core (agencies and users) is 0.</summary>
    int Order { get; }

    Task SeedAsync(DemoPartnership demo, CancellationToken ct);
}

/// <summary>What the core seed made, for contributors to build on.</summary>
public sealed class DemoPartnership
{
    public required string CountyName { get; init; }
    public Dictionary<string, Agencies.Agency> Agencies { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Accounts.AppUser> Users { get; } = new(StringComparer.Ordinal);
    /// <summary>Seed for generated data, so every fresh demo is the same.</summary>
    public int RandomSeed { get; init; } = 20261123;
}
