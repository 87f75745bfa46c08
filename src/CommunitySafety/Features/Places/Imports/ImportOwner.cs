using System.Buffers.Binary;
using System.Globalization;
using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>
/// This process as the owner of the import batches it queues and runs, with a lock that proves it is still
/// alive: another process can then tell a batch left "Running" by a crash from one running right now.
/// </summary>
/// <remarks>
/// <para>The lock is one the operating system or the database server releases by itself when the process dies
/// (kill -9 included), so no heartbeat or clock is involved (docs/adr/0005-interrupted-imports.md):</para>
/// <list type="bullet">
/// <item>SQLite: an exclusive lock (<c>flock</c>, which .NET takes for <see cref="FileShare.None"/>) on
/// <c>&lt;database file&gt;-owners/&lt;token&gt;.lock</c>. Every process using a SQLite file runs on the machine
/// that holds it, so a file lock next to the database is visible to all of them.</item>
/// <item>PostgreSQL: a session advisory lock held on a connection of its own (not pooled, so it is never handed
/// to other work), visible to every app server in <c>pg_locks</c>. A dead client's connection is closed and
/// the server drops its locks.</item>
/// </list>
/// <para>The lock is taken on first use (the first import this process queues or runs), before any batch row
/// names this process, and released when the host is disposed. A lost PostgreSQL connection gives the process a
/// new token, because other processes may already have treated the old one as dead.</para>
/// </remarks>
public sealed class ImportOwner : IAsyncDisposable
{
    /// <summary>First key of the two-key advisory lock space: "import owners" (the import's own lock uses the one-key space).</summary>
    private const int AdvisoryClass = 7_271_102;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private FileStream? _lockFile;
    private string? _lockPath;
    private NpgsqlConnection? _connection;

    /// <summary>This process's token once it has claimed ownership (null before its first import).</summary>
    public string? Token => _token;

    /// <summary>Takes (or checks) this process's liveness lock and returns the token to store on its batches.</summary>
    public async Task<string> ClaimAsync(AppDb db, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_token is not null && (_lockFile is not null || await ConnectionIsUsableAsync(ct)))
            {
                return _token;
            }

            await ReleaseAsync();
            if (db.Provider == DatabaseProvider.Postgres)
            {
                await ClaimPostgresAsync(db, ct);
            }
            else
            {
                ClaimSqlite(db);
            }

            return _token!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// True when the process that holds <paramref name="token"/> is alive (it still holds its lock). A token
    /// that is malformed or was never locked counts as dead. On SQLite a dead owner's lock file is removed.
    /// </summary>
    public async Task<bool> IsAliveAsync(AppDb db, string token, CancellationToken ct)
    {
        if (token == _token)
        {
            return true;
        }

        if (!Guid.TryParseExact(token, "N", out var guid))
        {
            return false;
        }

        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                // pg_locks shows the two-key form as classid/objid with objsubid = 2 (PostgreSQL docs, "pg_locks").
                command.CommandText =
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted " +
                    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
                    "AND classid = @class::oid AND objid = @key::oid AND objsubid = 2)";
                command.Parameters.Add(new NpgsqlParameter("class", AdvisoryClass));
                command.Parameters.Add(new NpgsqlParameter("key", KeyOf(guid)));
                return (bool)(await command.ExecuteScalarAsync(ct))!;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var path = Path.Combine(OwnersFolder(db), token + ".lock");
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            // Getting the exclusive lock means nobody holds it: the owner is gone.
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }

        TryDelete(path);
        return false;
    }

    /// <summary>Tokens of processes that have (or had) a lock file for this SQLite database; none on PostgreSQL.</summary>
    public static IEnumerable<string> KnownSqliteTokens(AppDb db)
    {
        if (db.Provider != DatabaseProvider.Sqlite || !Directory.Exists(OwnersFolder(db)))
        {
            return [];
        }

        return Directory.EnumerateFiles(OwnersFolder(db), "*.lock").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
    }

    private void ClaimSqlite(AppDb db)
    {
        var folder = OwnersFolder(db);
        Directory.CreateDirectory(folder);
        while (true)
        {
            var token = Guid.NewGuid().ToString("N");
            var path = Path.Combine(folder, token + ".lock");
            try
            {
                // CreateNew + FileShare.None: created and locked by this open, or it fails.
                _lockFile = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                _lockFile.Write(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTime.UtcNow:O}\n")));
                _lockFile.Flush();
                _lockPath = path;
                _token = token;
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process checked this brand-new file before it was locked; take another token.
            }
        }
    }

    private async Task ClaimPostgresAsync(AppDb db, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false, Enlist = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        try
        {
            while (true)
            {
                var guid = Guid.NewGuid();
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, @key)", connection);
                command.Parameters.AddWithValue("class", AdvisoryClass);
                command.Parameters.AddWithValue("key", KeyOf(guid));
                if ((bool)(await command.ExecuteScalarAsync(ct))!)
                {
                    _connection = connection;
                    _token = guid.ToString("N");
                    return;
                }

                // A live process already holds this key (tokens share 2^31 keys): take another token.
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> ConnectionIsUsableAsync(CancellationToken ct)
    {
        if (_connection is null)
        {
            return false;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A non-negative key from the token, so it reads the same as an oid in pg_locks.</summary>
    private static int KeyOf(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes) & int.MaxValue;
    }

    private static string OwnersFolder(AppDb db)
    {
        // No file to sit beside: only this process can use such a database anyway.
        return DataServices.SqliteDatabaseFile(db.Database.GetConnectionString()!) is { } file
            ? file + "-owners"
            : Path.Combine(Path.GetTempPath(), "csp-import-owners-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task ReleaseAsync()
    {
        if (_lockFile is not null)
        {
            // Removed while still locked, so no other process can see an unlocked file of a live owner.
            TryDelete(_lockPath!);
            await _lockFile.DisposeAsync();
            _lockFile = null;
        }

        if (_connection is not null)
        {
            // Closing a non-pooled connection ends the session, which releases its advisory lock.
            await _connection.DisposeAsync();
            _connection = null;
        }

        _token = null;
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _gate.Dispose();
    }
}
