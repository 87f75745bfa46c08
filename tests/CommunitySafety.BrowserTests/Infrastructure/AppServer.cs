using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CommunitySafety.BrowserTests.Infrastructure;

/// <summary>
/// The built app as a child process on a free loopback port (Kestrel, as in production), on a SQLite
/// database in a temporary folder with the demo partnership seeded with a known password.
/// The content root is the project folder, so wwwroot and the static web assets resolve as with `dotnet run`.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    public const string DemoPassword = "browser otter lantern meadow";

    readonly Process _process;
    readonly string _dataFolder;
    readonly StringBuilder _output = new();

    AppServer(Process process, string dataFolder, Uri baseUrl)
    {
        _process = process;
        _dataFolder = dataFolder;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>What the app printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the app on the demo partnership. <paramref name="settings"/> are extra configuration switches
    /// (<c>--Key=Value</c>); <paramref name="prepare"/> are command-line verbs run first on the same database, e.g. the
    /// real imports (<c>["import", "boundaries", file, "--current"]</c>), each of which must succeed.
    /// </summary>
    public static async Task<AppServer> StartAsync(IReadOnlyList<string>? settings = null, IReadOnlyList<string[]>? prepare = null, CancellationToken ct = default)
    {
        var dll = AppDll();
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var dataFolder = Directory.CreateTempSubdirectory("csp-browser-").FullName;
        string[] common = ["--Database:Provider=Sqlite", $"--Database:DataFolder={dataFolder}", .. settings ?? []];
        try
        {
            foreach (var verb in prepare ?? [])
            {
                await RunVerbAsync(dll, [.. verb, .. common], ct);
            }
        }
        catch
        {
            try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }

        var start = Start();
        foreach (var arg in new[]
        {
            dll, "--urls", baseUrl.ToString().TrimEnd('/'),
            "--Demo:Enabled=true", $"--Demo:Password={DemoPassword}",
            "--Logging:LogLevel:Default=Warning",
            // Every journey signs in from 127.0.0.1; the per-address limit is tested in the integration tests.
            "--Security:SignInAttemptsPerMinute=100",
        }.Concat(common))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var server = new AppServer(process, dataFolder, baseUrl);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitForHealthAsync(TimeSpan.FromSeconds(120), ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    static string AppDll()
    {
        var projectDir = TestEnvironment.Metadata("AppProjectDir");
        var dll = Path.Combine(projectDir, "bin", TestEnvironment.Metadata("AppConfiguration"), "net10.0", "CommunitySafety.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The app is not built: {dll} is missing. Build the solution first.");
    }

    /// <summary>The built app with the working directory and environment every run here gets.</summary>
    static ProcessStartInfo Start()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = TestEnvironment.Metadata("AppProjectDir"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment.Remove("ConnectionStrings__Sqlite");
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment.Remove("Database__Provider");
        return start;
    }

    static async Task RunVerbAsync(string dll, string[] args, CancellationToken ct)
    {
        var start = Start();
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', args)}` exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    async Task WaitForHealthAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was healthy:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync("/health", ct)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"The app did not answer /health within {timeout.TotalSeconds} s:\n{Output}");
    }

    void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
