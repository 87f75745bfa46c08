using System.CommandLine;
using CommunitySafety.Hosting;

namespace CommunitySafety.Cli;

/// <summary>
/// Parses the verbs. Anything that does not start with a known verb is treated as `serve`, so
/// `dotnet run`, hosting tools and WebApplicationFactory (which pass configuration switches such as
/// `--environment=Development`) all start the web app.
/// </summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var verbs = root.Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var isHelp = args.Length > 0 && args[0] is "--help" or "-h" or "-?" or "--version";
        if (args.Length == 0 || (!verbs.Contains(args[0]) && !isHelp))
        {
            args = ["serve", .. args];
        }

        var parse = root.Parse(args);
        return await parse.InvokeAsync();
    }

    internal static RootCommand Build()
    {
        var root = new RootCommand(
            "Community safety partnership platform: the web app and its command-line verbs. " +
            "With no verb the web app starts (`serve`).");
        root.Subcommands.Add(ServeCommand());
        root.Subcommands.Add(MigrateCommand());
        root.Subcommands.Add(UsersCommands.Build());
        root.Subcommands.Add(DemoCommands.Build());
        foreach (var command in Features.FeatureRegistry.Commands())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    static Command ServeCommand()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080." };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not seed the demo partnership (real deployments)." };
        var command = new Command("serve", "Run the web app (the default). Applies migrations on start-up.")
        {
            urls,
            noDemo,
        };
        // Configuration switches (--Database:Provider=Postgres and the like) pass straight to the host.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            var hostArgs = result.UnmatchedTokens.ToList();
            if (result.GetValue(urls) is { } u) { hostArgs.Add($"--urls={u}"); }
            if (result.GetValue(noDemo)) { hostArgs.Add("--Demo:Enabled=false"); }
            var app = AppHost.Build([.. hostArgs]);
            Console.WriteLine(AppHost.DataFolderSentence(app.Services));
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }

    static Command MigrateCommand()
    {
        var command = new Command("migrate", "Create or upgrade the database schema, then exit.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            await using var host = CliHost.Create(result.UnmatchedTokens);
            await host.MigrateAsync(ct);
            Console.WriteLine($"Database is up to date ({host.ProviderName}).");
            Console.WriteLine(AppHost.DataFolderSentence(host.Services));
            return 0;
        });
        return command;
    }
}
