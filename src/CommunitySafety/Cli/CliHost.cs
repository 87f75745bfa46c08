using CommunitySafety.Data;
using CommunitySafety.Hosting;

namespace CommunitySafety.Cli;

/// <summary>The app's services without the web server, for command-line verbs.</summary>
public sealed class CliHost : IAsyncDisposable
{
    readonly WebApplication _app;

    CliHost(WebApplication app) => _app = app;

    public static CliHost Create(IEnumerable<string> hostArgs) =>
        // Verbs never seed the demo on their own: `demo seed` does that explicitly.
        new(AppHost.Build([.. hostArgs, "--Demo:Enabled=false", "--Logging:LogLevel:Default=Warning"]));

    public IServiceProvider Services => _app.Services;

    public string ProviderName => _app.Services.GetRequiredService<DatabaseOptions>().Provider.ToString();

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await DatabaseStartup.MigrateAsync(scope.ServiceProvider, ct);
    }

    public AsyncServiceScope CreateScope() => _app.Services.CreateAsyncScope();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
