using CommunitySafety.Data;
using CommunitySafety.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.BrowserTests.Places;

/// <summary>
/// Minimal local fixture (until the foundation-tests fixture is merged): the real app on Kestrel on a
/// free loopback port, a temporary SQLite database with the demo partnership, seeded by an
/// <see cref="IWardMapSeed"/>. http://127.0.0.1 counts as secure for the __Host- cookies (LoopbackIsSecure).
/// </summary>
public sealed class PlacesBrowserApp : IAsyncDisposable
{
    public const string DemoPassword = "test harbour lantern meadow";

    readonly WebApplication _app;
    readonly string _folder;

    PlacesBrowserApp(WebApplication app, string folder, string baseUrl)
    {
        _app = app;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<PlacesBrowserApp> StartAsync(IWardMapSeed seed, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("csp-browser-").FullName;
        var app = AppHost.Build(
        [
            // The entry assembly is the test runner: name the app so its Razor pages and static web assets are found.
            "--applicationName=CommunitySafety",
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            "--Database:Provider=Sqlite",
            $"--Database:DataFolder={folder}",
            $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(folder, "browser.db")}",
            "--Demo:Enabled=true",
            "--Demo:PlacesData=false",
            $"--Demo:Password={DemoPassword}",
            $"--DataProtection:KeyFolder={Path.Combine(folder, "keys")}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(ct);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await seed.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), ct);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlacesBrowserApp(app, folder, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
