using System.CommandLine;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Cli;

static class UsersCommands
{
    public static Command Build()
    {
        var users = new Command("users", "Manage user accounts.");
        users.Subcommands.Add(Add());
        return users;
    }

    static Command Add()
    {
        var email = new Option<string>("--email") { Description = "Sign-in email address.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name, e.g. \"Sam Patel\".", Required = true };
        var agency = new Option<string>("--agency") { Description = "Agency name; created if it does not exist (then --agency-type is needed).", Required = true };
        var agencyType = new Option<AgencyType?>("--agency-type") { Description = "Type for a new agency: " + string.Join(", ", Enum.GetNames<AgencyType>()) };
        // One value per --role (repeat it, or separate roles with commas): a list option that took every following
        // token swallowed the configuration switches given after it (--Database:Provider=... became a "role").
        var role = new Option<string[]>("--role")
        {
            Description = "Role, repeated or comma-separated (--role Analyst,Manager): " + string.Join(", ", Roles.All),
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var password = new Option<string?>("--password") { Description = "Initial password (12+ characters). Read from CSP_NEW_PASSWORD when omitted." };
        var command = new Command("add", "Add a user (for example the first administrator of a real deployment).")
        {
            email, name, agency, agencyType, role, password,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            var roles = SplitRoles(result.GetValue(role) ?? []);
            if (result.UnmatchedTokens.FirstOrDefault(Roles.IsKnown) is { } stray)
            {
                Console.Error.WriteLine($"'{stray}' follows --role without its own --role. Give each role with its own --role, or separate roles with commas (--role Analyst,Manager).");
                return 2;
            }

            var unknown = roles.Where(r => !Roles.IsKnown(r)).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"Unknown role {string.Join(", ", unknown)}. Roles are: {string.Join(", ", Roles.All)}.");
                return 2;
            }
            var secret = result.GetValue(password) ?? Environment.GetEnvironmentVariable("CSP_NEW_PASSWORD");
            if (string.IsNullOrEmpty(secret))
            {
                Console.Error.WriteLine("Give --password or set CSP_NEW_PASSWORD.");
                return 2;
            }

            await using var host = CliHost.Create(result.UnmatchedTokens);
            await host.MigrateAsync(ct);
            await using var scope = host.CreateScope();
            var sp = scope.ServiceProvider;
            await sp.GetRequiredService<DemoSeeder>().EnsureRolesAsync(ct);
            var db = sp.GetRequiredService<AppDb>();
            var agencyName = result.GetValue(agency)!.Trim();
            var found = await db.Agencies.FirstOrDefaultAsync(a => a.Name == agencyName, ct);
            if (found is null)
            {
                if (result.GetValue(agencyType) is not { } type)
                {
                    Console.Error.WriteLine($"No agency called '{agencyName}'. Give --agency-type to create it.");
                    return 2;
                }
                found = new Agency { Name = agencyName, Type = type, CreatedUtc = DateTime.UtcNow };
                db.Agencies.Add(found);
                await db.SaveChangesAsync(ct);
            }

            var manager = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser
            {
                UserName = result.GetValue(email)!.Trim(),
                Email = result.GetValue(email)!.Trim(),
                EmailConfirmed = true,
                DisplayName = result.GetValue(name)!.Trim(),
                AgencyId = found.Id,
                CreatedUtc = DateTime.UtcNow,
            };
            var created = await manager.CreateAsync(user, secret);
            if (!created.Succeeded)
            {
                Console.Error.WriteLine("User not added: " + string.Join("; ", created.Errors.Select(e => e.Description)));
                return 1;
            }
            await manager.AddToRolesAsync(user, roles);
            var audit = sp.GetRequiredService<AuditLog>();
            await audit.WriteAsync(new AuditEntry(AuditActions.UserCreated, "user", user.Id.ToString(),
                $"Added from the command line with roles {string.Join(", ", roles)} in {found.Name}"), "(command line)", ct);
            Console.WriteLine($"Added {user.Email} ({string.Join(", ", roles.Select(Roles.Display))}) in {found.Name}.");
            return 0;
        });
        return command;
    }

    internal static List<string> SplitRoles(IEnumerable<string> values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)];
}

static class DemoCommands
{
    public static Command Build()
    {
        var demo = new Command("demo", "The fictional demo partnership.");
        var seed = new Command("seed", "Seed the demo partnership into an empty database and print the sign-in details.");
        seed.TreatUnmatchedTokensAsErrors = false;
        seed.SetAction(async (result, ct) =>
        {
            await using var host = CliHost.Create(result.UnmatchedTokens);
            await host.MigrateAsync(ct);
            await using var scope = host.CreateScope();
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            var outcome = await seeder.SeedIfEmptyAsync(ct);
            if (!outcome.Seeded)
            {
                Console.WriteLine("The database already has agencies; the demo was not seeded again.");
            }
            seeder.PrintSignInDetails(outcome);
            return 0;
        });
        demo.Subcommands.Add(seed);
        return demo;
    }
}
