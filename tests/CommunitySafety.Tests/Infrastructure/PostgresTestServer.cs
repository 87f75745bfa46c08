using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace CommunitySafety.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for tests.
/// <para>
/// Resolution order:
/// <list type="number">
/// <item>env <c>CSP_TEST_POSTGRES</c> = a full Npgsql connection string to an existing server: nothing is started,
/// databases made by <see cref="CreateDatabaseAsync"/> are dropped again on dispose;</item>
/// <item><c>initdb</c>/<c>pg_ctl</c>/<c>postgres</c> found on PATH, else in the highest <c>/usr/lib/postgresql/N/bin</c>:
/// a private server is initialised in a temp dir, listening on 127.0.0.1 on a free port (plus a unix socket in the temp dir);</item>
/// <item>no binaries: <see cref="IsAvailable"/> is false and <see cref="SkipReason"/> says what to install, except when
/// env <c>CI=true</c>, where <see cref="StartAsync"/> throws instead, so a CI run can never silently skip Postgres.</item>
/// </list>
/// When the process runs as root, the server binaries run as the <c>postgres</c> system user (via <c>runuser</c>),
/// because initdb/postgres refuse to run as root; the temp dir is chowned to that user.
/// </para>
/// <para>
/// DURABILITY IS DELIBERATELY OFF: the server runs with <c>fsync=off</c>, <c>synchronous_commit=off</c> and
/// <c>full_page_writes=off</c> (and initdb with <c>--no-sync</c>). That makes tests fast but means a crash can corrupt
/// the cluster. That is acceptable only because the data dir is a throwaway temp dir deleted on dispose;
/// never copy these settings to a server holding real data.
/// </para>
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    /// <summary>Env var holding a full connection string to an existing server; when set, no server is started.</summary>
    public const string ExternalServerEnvVar = "CSP_TEST_POSTGRES";

    /// <summary>What to run when the binaries are missing (Debian 12).</summary>
    public const string InstallHint = "apt-get install --no-install-recommends postgresql";

    private const string TempDirPrefix = "csp-pgtest-";
    private const string OwnerFileName = "owner.pid";
    private const string ServerUser = "postgres";
    private const string DebianRoot = "/usr/lib/postgresql";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private static readonly object SharedGate = new();
    private static Task<PostgresTestServer>? shared;
    private static bool processExitHooked;

    private readonly string? binDir;
    private readonly string? externalConnectionString;
    private readonly bool runAsServerUser;
    private readonly List<string> createdDatabases = [];
    private readonly object stateGate = new();
    private bool disposed;

    private PostgresTestServer(string skipReason)
    {
        IsAvailable = false;
        SkipReason = skipReason;
    }

    private PostgresTestServer(string externalConnectionString, bool external)
    {
        Debug.Assert(external);
        IsAvailable = true;
        IsExternal = true;
        this.externalConnectionString = externalConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(externalConnectionString);
        Port = builder.Port;
    }

    private PostgresTestServer(string binDir, string baseDir, int port, bool runAsServerUser)
    {
        IsAvailable = true;
        this.binDir = binDir;
        BaseDirectory = baseDir;
        Port = port;
        this.runAsServerUser = runAsServerUser;
    }

    /// <summary>False when no PostgreSQL binaries were found (never false when env CI=true: then start throws).</summary>
    public bool IsAvailable { get; }

    /// <summary>Why the server is unavailable, naming the package to install; null when available.</summary>
    public string? SkipReason { get; }

    /// <summary>True when the server comes from <c>CSP_TEST_POSTGRES</c> rather than being started here.</summary>
    public bool IsExternal { get; }

    /// <summary>TCP port on 127.0.0.1 (or the external server's port).</summary>
    public int Port { get; }

    /// <summary>Temp dir holding <c>data/</c>, <c>sock/</c> and <c>postgres.log</c>; null for external/unavailable servers.</summary>
    public string? BaseDirectory { get; }

    /// <summary>The cluster's data directory; null for external/unavailable servers.</summary>
    public string? DataDirectory => BaseDirectory is null ? null : Path.Combine(BaseDirectory, "data");

    /// <summary>Unix socket directory; null for external/unavailable servers.</summary>
    public string? SocketDirectory => BaseDirectory is null ? null : Path.Combine(BaseDirectory, "sock");

    /// <summary>Server log file (useful when a test fails); null for external/unavailable servers.</summary>
    public string? LogFile => BaseDirectory is null ? null : Path.Combine(BaseDirectory, "postgres.log");

    /// <summary>True when env CI is "true" (or "1"): missing binaries are then a failure, not a skip.</summary>
    public static bool IsCi
    {
        get
        {
            var ci = Environment.GetEnvironmentVariable("CI");
            return string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        }
    }

    /// <summary>
    /// The process-wide server, started on first use and stopped at process exit (or by <see cref="StopSharedAsync"/>,
    /// which the assembly fixture calls). Concurrent callers share the same start.
    /// </summary>
    public static Task<PostgresTestServer> GetSharedAsync()
    {
        lock (SharedGate)
        {
            if (!processExitHooked)
            {
                // Backstop: if the fixture's DisposeAsync never runs (runner aborted, Environment.Exit, ...),
                // still stop the server and delete its temp dir.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopSharedOnExit();
                processExitHooked = true;
            }

            return shared ??= StartAsync();
        }
    }

    /// <summary>Stops the shared server if one was started. A later <see cref="GetSharedAsync"/> starts a new one.</summary>
    public static async Task StopSharedAsync()
    {
        Task<PostgresTestServer>? task;
        lock (SharedGate)
        {
            task = shared;
            shared = null;
        }

        if (task is null)
        {
            return;
        }

        PostgresTestServer server;
        try
        {
            server = await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return; // start failed; nothing to stop (the failure was reported to whoever awaited the start)
        }

        await server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a new, private server (or wraps <c>CSP_TEST_POSTGRES</c>). Returns an unavailable instance when the
    /// binaries are missing, or throws <see cref="InvalidOperationException"/> for that when env CI=true.
    /// Throws when binaries exist but the server cannot be started (that is a real error, never a skip).
    /// </summary>
    public static async Task<PostgresTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerEnvVar);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new PostgresTestServer(external, external: true);
            await using (var conn = new NpgsqlConnection(server.ConnectionString("postgres")))
            {
                await conn.OpenAsync(cancellationToken).ConfigureAwait(false); // fail early on a bad CSP_TEST_POSTGRES
            }

            return server;
        }

        return await StartLocalAsync(
            Environment.GetEnvironmentVariable("PATH") ?? "", DebianRoot, IsCi, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a local server, searching <paramref name="pathVariable"/> then <paramref name="debianRoot"/>/N/bin.</summary>
    internal static async Task<PostgresTestServer> StartLocalAsync(
        string pathVariable, string debianRoot, bool isCi, CancellationToken cancellationToken)
    {
        var binDir = FindBinDirectory(pathVariable, debianRoot);
        if (binDir is null)
        {
            var reason = "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH or in /usr/lib/postgresql/*/bin. "
                + $"Install them with: {InstallHint} (or set {ExternalServerEnvVar} to a connection string of an existing server).";
            if (isCi)
            {
                throw new InvalidOperationException("CI=true, so PostgreSQL tests must not be skipped: " + reason);
            }

            return new PostgresTestServer(reason);
        }

        var runAsServerUser = IsRoot();
        if (runAsServerUser && !SystemUserExists(ServerUser))
        {
            throw new InvalidOperationException(
                $"Running as root, so the PostgreSQL binaries must run as the '{ServerUser}' system user, which does not exist. "
                + $"Install the Debian package (it creates the user): {InstallHint}");
        }

        CleanUpStaleServers(binDir, runAsServerUser);

        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var baseDir = CreateBaseDirectory(runAsServerUser);
            var server = new PostgresTestServer(binDir, baseDir, FindFreeLoopbackPort(), runAsServerUser);
            try
            {
                await server.InitAndStartAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (PortInUseException) when (attempt < attempts)
            {
                // Another process grabbed the port between probing and binding: try again with a new one.
                server.DeleteBaseDirectory();
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Npgsql connection string for <paramref name="databaseName"/> on this server.</summary>
    public string ConnectionString(string databaseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        EnsureAvailable();
        var builder = externalConnectionString is not null
            ? new NpgsqlConnectionStringBuilder(externalConnectionString)
            : new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = Port,
                Username = ServerUser,
            };
        builder.Database = databaseName;
        builder.IncludeErrorDetail = true;
        return builder.ConnectionString;
    }

    /// <summary>Creates an empty database (UTF8, from template0) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        EnsureAvailable();
        ObjectDisposedException.ThrowIf(disposed, this);

        await using (var conn = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            // CREATE DATABASE takes no parameters: quote the identifier instead.
            cmd.CommandText = $"CREATE DATABASE {QuoteIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'";
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (stateGate)
        {
            createdDatabases.Add(name);
        }

        return ConnectionString(name);
    }

    /// <summary>Creates a database with a unique name (<paramref name="prefix"/> + random suffix); returns its connection string.</summary>
    public Task<string> CreateUniqueDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        return CreateDatabaseAsync(name, cancellationToken);
    }

    /// <summary>
    /// Started server: <c>pg_ctl stop -m fast</c>, then the temp dir is deleted.
    /// External server: the databases this instance created are dropped. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (stateGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        if (!IsAvailable)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();

        if (IsExternal)
        {
            await DropCreatedDatabasesAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            if (DataDirectory is not null && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunServerCommandAsync(
                    "pg_ctl", ["stop", "-m", "fast", "-w", "-t", "60", "-D", DataDirectory], CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            DeleteBaseDirectory();
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void StopSharedOnExit()
    {
        Task<PostgresTestServer>? task;
        lock (SharedGate)
        {
            task = shared;
            shared = null;
        }

        if (task is null || !task.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            task.Result.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(60));
        }
        catch (Exception)
        {
            // Best effort at process exit; a leftover dir is reclaimed by CleanUpStaleServers on the next run.
        }
    }

    private void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("PostgreSQL test server is not available: " + SkipReason);
        }
    }

    private async Task InitAndStartAsync(CancellationToken cancellationToken)
    {
        var data = DataDirectory!;
        var sock = SocketDirectory!;

        // initdb: prefer the C.UTF-8 locale (byte-order collation, UTF-8 ctype); fall back to plain C if it is missing.
        var initResult = await RunInitDbAsync("C.UTF-8", cancellationToken).ConfigureAwait(false);
        if (initResult.ExitCode != 0)
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }

            var fallback = await RunInitDbAsync("C", cancellationToken).ConfigureAwait(false);
            if (fallback.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"initdb failed (exit {fallback.ExitCode}) with locale C.UTF-8 and with C.\n"
                    + $"--- C.UTF-8 ---\n{initResult.Output}\n--- C ---\n{fallback.Output}");
            }
        }

        // fsync/synchronous_commit/full_page_writes off: throwaway test server only (see class remarks).
        var options = string.Join(
            ' ',
            "-c listen_addresses=127.0.0.1",
            "-p " + Port.ToString(CultureInfo.InvariantCulture),
            "-k '" + sock + "'",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200");

        // -l: the postmaster's output goes to a file, so it never holds our redirected stdout/stderr pipes open.
        var start = await RunServerCommandAsync(
            "pg_ctl", ["start", "-w", "-t", "60", "-D", data, "-l", LogFile!, "-o", options], cancellationToken)
            .ConfigureAwait(false);
        if (start.ExitCode != 0)
        {
            var log = ReadLogTail();
            if (log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new PortInUseException();
            }

            throw new InvalidOperationException(
                $"pg_ctl start failed (exit {start.ExitCode}):\n{start.Output}\n--- {LogFile} ---\n{log}");
        }
    }

    private Task<CommandResult> RunInitDbAsync(string locale, CancellationToken cancellationToken) =>
        RunServerCommandAsync(
            "initdb",
            [
                "-D", DataDirectory!,
                "-A", "trust",
                "-U", ServerUser,
                "--encoding=UTF8",
                "--locale=" + locale,
                "--no-sync", // throwaway cluster: skip flushing the new files to disk
            ],
            cancellationToken);

    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (stateGate)
        {
            names = [.. createdDatabases];
            createdDatabases.Clear();
        }

        if (names.Length == 0)
        {
            return;
        }

        try
        {
            await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
            await conn.OpenAsync().ConfigureAwait(false);
            foreach (var name in names)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)";
                await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // Best effort: an external server may have gone away; leftovers have unique names.
        }
    }

    private string ReadLogTail()
    {
        try
        {
            var text = LogFile is not null && File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
            return text.Length > 4000 ? text[^4000..] : text;
        }
        catch (IOException)
        {
            return "";
        }
    }

    private void DeleteBaseDirectory()
    {
        if (BaseDirectory is null || !Directory.Exists(BaseDirectory))
        {
            return;
        }

        for (var i = 0; ; i++)
        {
            try
            {
                Directory.Delete(BaseDirectory, recursive: true);
                return;
            }
            catch (Exception ex) when ((ex is IOException || ex is UnauthorizedAccessException) && i < 5)
            {
                Thread.Sleep(200); // the postmaster may still be removing its socket/lock files
            }
        }
    }

    private Task<CommandResult> RunServerCommandAsync(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunServerTool(binDir!, runAsServerUser, BaseDirectory!, tool, args, cancellationToken);

    private static Task<CommandResult> RunServerTool(
        string binDir, bool runAsServerUser, string workingDirectory, string tool, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var exe = Path.Combine(binDir, tool);
        return runAsServerUser
            ? RunAsync("runuser", ["-u", ServerUser, "--", exe, .. args], workingDirectory, cancellationToken)
            : RunAsync(exe, args, workingDirectory, cancellationToken);
    }

    /// <summary>PATH first (a dir holding all three tools), then /usr/lib/postgresql/N/bin with the highest N.</summary>
    internal static string? FindBinDirectory(string pathVariable, string debianRoot)
    {
        static bool HasAll(string dir) =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

        foreach (var dir in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasAll(dir))
            {
                return dir;
            }
        }

        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(debianRoot)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: ParseVersion(Path.GetFileName(d))))
            .Where(x => x.Version is not null && HasAll(x.Dir))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var v) ? v : null;

    private static bool IsRoot() => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()
        ? Environment.UserName == "root"
        : false;

    private static bool SystemUserExists(string user)
    {
        try
        {
            return File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string CreateBaseDirectory(bool runAsServerUser)
    {
        // Short path on purpose: a unix socket path must stay under ~107 bytes.
        // As root, use /tmp: $TMPDIR may sit under /root, which the postgres user cannot traverse.
        var tempRoot = runAsServerUser ? "/tmp" : Path.GetTempPath();
        var dir = Path.Combine(tempRoot, TempDirPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(dir, "sock"));
        if (runAsServerUser)
        {
            // initdb creates data/ inside this dir, the postmaster writes sock/ and postgres.log: all as 'postgres'.
            var chown = RunAsync("chown", ["-R", ServerUser + ":", dir], dir, CancellationToken.None).GetAwaiter().GetResult();
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"chown {ServerUser} {dir} failed: {chown.Output}");
            }
        }

        return dir;
    }

    /// <summary>Stops and deletes servers left behind by test processes that died without cleaning up.</summary>
    private static void CleanUpStaleServers(string binDir, bool runAsServerUser)
    {
        var roots = new HashSet<string>(StringComparer.Ordinal) { Path.GetTempPath(), "/tmp/" };
        foreach (var root in roots.Where(Directory.Exists))
        {
            string[] candidates;
            try
            {
                candidates = Directory.GetDirectories(root, TempDirPrefix + "*");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var dir in candidates)
            {
                try
                {
                    var ownerFile = Path.Combine(dir, OwnerFileName);
                    if (!File.Exists(ownerFile)
                        || !int.TryParse(File.ReadAllText(ownerFile).Trim(), CultureInfo.InvariantCulture, out var pid)
                        || IsProcessAlive(pid))
                    {
                        continue;
                    }

                    var data = Path.Combine(dir, "data");
                    if (File.Exists(Path.Combine(data, "postmaster.pid")))
                    {
                        RunServerTool(binDir, runAsServerUser, dir, "pg_ctl", ["stop", "-m", "immediate", "-w", "-D", data], CancellationToken.None)
                            .GetAwaiter().GetResult();
                    }

                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
                {
                    // Not ours to fight over; skip it.
                }
            }
        }
    }

    private static bool IsProcessAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
        }

        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<CommandResult> RunAsync(
        string fileName, IReadOnlyList<string> args, string workingDirectory, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory, // not the caller's cwd: /root is not readable by 'postgres'
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{fileName}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }

            throw new TimeoutException(
                $"'{fileName} {string.Join(' ', args)}' did not finish within {CommandTimeout.TotalSeconds:0}s.\n{output}");
        }

        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return new CommandResult(process.ExitCode, text);
    }

    private sealed record CommandResult(int ExitCode, string Output);

    private sealed class PortInUseException : Exception
    {
        public PortInUseException()
            : base("port in use")
        {
        }
    }
}
