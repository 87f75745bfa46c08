using System.Security.Cryptography;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Agencies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Demo;

public sealed record DemoSeedResult(bool Seeded, string? Password, IReadOnlyList<(string Email, string Name, string Agency, string Role)> Users);

/// <summary>
/// Seeds the fictional county of Wyvernshire: its partner agencies, one or more users of every
/// role, and (through <see cref="IDemoContributor"/>) each feature's generated data. Everything is
/// made up here; nothing is copied from real records.
/// </summary>
public sealed class DemoSeeder(
    AppDb db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IEnumerable<IDemoContributor> contributors,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const string CountyName = "Wyvernshire";

    static readonly (string Key, string Name, AgencyType Type)[] DemoAgencies =
    [
        ("police", "Wyvernshire Constabulary", AgencyType.Police),
        ("county", "Wyvernshire County Council", AgencyType.LocalAuthority),
        ("district", "Ashcombe District Council", AgencyType.LocalAuthority),
        ("fire", "Wyvernshire Fire and Rescue Service", AgencyType.FireAndRescue),
        ("probation", "Wyvernshire Probation Delivery Unit", AgencyType.Probation),
        ("health", "Wyvernshire Integrated Care Board", AgencyType.Health),
        ("saferhomes", "Safer Homes Wyvernshire", AgencyType.VoluntarySectorProvider),
        ("recovery", "Wyvern Recovery Partnership", AgencyType.VoluntarySectorProvider),
        ("idva", "Wyvernshire Domestic Abuse Service", AgencyType.VoluntarySectorProvider),
    ];

    static readonly (string Email, string Name, string Agency, string Role)[] DemoUsers =
    [
        ("priya.shah@council.wyvernshire.example", "Priya Shah", "county", Roles.Administrator),
        ("tom.green@council.wyvernshire.example", "Tom Green", "county", Roles.Analyst),
        ("dan.okafor@police.wyvernshire.example", "Dan Okafor", "police", Roles.CaseOfficer),
        ("ellie.hughes@ashcombe.wyvernshire.example", "Ellie Hughes", "district", Roles.CaseOfficer),
        ("rachel.moore@police.wyvernshire.example", "Rachel Moore", "police", Roles.AgencyManager),
        ("james.lee@council.wyvernshire.example", "Cllr James Lee", "county", Roles.BoardMember),
        ("amina.begum@saferhomes.wyvernshire.example", "Amina Begum", "saferhomes", Roles.ProviderWorker),
        ("mark.evans@probation.wyvernshire.example", "Mark Evans", "probation", Roles.CaseOfficer),
        ("kate.wilson@fire.wyvernshire.example", "Kate Wilson", "fire", Roles.CaseOfficer),
        ("nina.roberts@icb.wyvernshire.example", "Nina Roberts", "health", Roles.CaseOfficer),
        ("sean.murphy@council.wyvernshire.example", "Sean Murphy", "county", Roles.Analyst),
        ("leon.price@recovery.wyvernshire.example", "Leon Price", "recovery", Roles.ProviderWorker),
        ("grace.obi@wdas.wyvernshire.example", "Grace Obi", "idva", Roles.ProviderWorker),
    ];

    public async Task<DemoSeedResult> SeedIfEmptyAsync(CancellationToken ct)
    {
        var summary = DemoUsers.Select(u => (u.Email, u.Name, DemoAgencies.First(a => a.Key == u.Agency).Name, Roles.Display(u.Role))).ToList();
        await EnsureRolesAsync(ct);
        if (await db.Agencies.AnyAsync(ct))
        {
            return new DemoSeedResult(false, ReadSavedPassword(), summary);
        }

        var password = configuration["Demo:Password"] ?? NewPassphrase();
        var demo = new DemoPartnership { CountyName = CountyName };
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, name, type) in DemoAgencies)
        {
            var agency = new Agency { Name = name, Type = type, CreatedUtc = now };
            db.Agencies.Add(agency);
            demo.Agencies[key] = agency;
        }
        await db.SaveChangesAsync(ct);

        foreach (var (email, name, agencyKey, role) in DemoUsers)
        {
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                AgencyId = demo.Agencies[agencyKey].Id,
                CreatedUtc = now,
            };
            Check(await users.CreateAsync(user, password), email);
            Check(await users.AddToRoleAsync(user, role), email);
            demo.Users[email] = user;
        }

        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            await contributor.SeedAsync(demo, ct);
        }
        SavePassword(password);
        logger.DemoSeeded(CountyName);
        return new DemoSeedResult(true, password, summary);
    }

    public async Task EnsureRolesAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            ct.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)), role);
            }
        }
    }

    public void PrintSignInDetails(DemoSeedResult result)
    {
        Console.WriteLine();
        Console.WriteLine($"  Demo partnership: {CountyName} (fictional). Sign in with any of these users:");
        foreach (var (email, name, agency, role) in result.Users)
        {
            Console.WriteLine($"    {email,-46} {role,-16} {agency}");
        }
        Console.WriteLine(result.Password is null
            ? "  Password: set when the demo was first seeded (see Demo:Password)."
            : $"  Password for every demo user: {result.Password}");
        Console.WriteLine("  Two-factor sign-in is optional in demo mode. Turn the demo off with --no-demo.");
        Console.WriteLine();
    }

    string PasswordFile => Path.Combine(Path.GetFullPath(Path.Combine(environment.ContentRootPath,
        configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.DataFolder ?? "data")), "demo-sign-in.txt");

    void SavePassword(string password)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PasswordFile)!);
        File.WriteAllText(PasswordFile, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    string? ReadSavedPassword() => configuration["Demo:Password"] ?? (File.Exists(PasswordFile) ? File.ReadAllText(PasswordFile).Trim() : null);

    static readonly string[] Words =
    [
        "amber", "harbour", "lantern", "meadow", "orchard", "pebble", "quarry", "saddle", "thistle", "willow",
        "beacon", "copper", "falcon", "granite", "heather", "juniper", "kestrel", "marble", "nettle", "otter",
    ];

    static string NewPassphrase() =>
        string.Join('-', Enumerable.Range(0, 4).Select(_ => Words[RandomNumberGenerator.GetInt32(Words.Length)])) +
        "-" + RandomNumberGenerator.GetInt32(10, 100).ToString(System.Globalization.CultureInfo.InvariantCulture);

    static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo seed failed for {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
