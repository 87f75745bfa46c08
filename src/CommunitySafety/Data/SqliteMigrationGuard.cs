using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Data;

/// <summary>
/// Lets only one process at a time migrate a SQLite database, with a lock the operating system drops when the
/// process dies, and clears the migration lock row EF Core leaves behind when a process is killed while migrating.
/// </summary>
/// <remarks>
/// <para>EF Core (9 and later) guards <c>Migrate()</c> on SQLite with a row in <c>__EFMigrationsLock</c>, taken on
/// every start even when nothing is pending and deleted when it finishes. A process killed in between (kill -9, a
/// container restart, a power cut) leaves the row, and every later start then waits for it forever: the web app
/// never comes up and every command-line verb hangs (dotnet/efcore#38958 describes the same row left by an
/// exception). The crash test REL-IMP-01 found it: a kill early in an import's start-up hung every run after it.</para>
/// <para>So every process of this app migrates only while holding an exclusive <c>flock</c> on
/// <c>&lt;database file&gt;-migrations.lock</c>. Whoever holds that lock knows no other process of the app is
/// migrating, so a lock row found then is a dead process's and is deleted. The lock file is left in place (like
/// SQLite's own <c>-shm</c> file): deleting it could let two processes lock two different files of the same name.
/// See docs/adr/0007-sqlite-migration-lock.md.</para>
/// </remarks>
public sealed class SqliteMigrationGuard : IAsyncDisposable
{
    /// <summary>EF Core's fixed name for the table (it is not renamed with the migrations history table).</summary>
    public const string EfLockTable = "__EFMigrationsLock";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan QuietWait = TimeSpan.FromSeconds(2);

    private readonly FileStream? _lock;

    private SqliteMigrationGuard(FileStream? lockFile) => _lock = lockFile;

    /// <summary>The lock file beside a file database; null for an in-memory or URI database (one process only).</summary>
    public static string? LockPath(string connectionString) =>
        DataServices.SqliteDatabaseFile(connectionString) is { } file ? file + "-migrations.lock" : null;

    /// <summary>
    /// Waits for the lock (telling the operator once if another process has it), then removes a dead process's
    /// EF Core lock row. Does nothing on PostgreSQL, whose migration lock is a session lock the server releases itself.
    /// </summary>
    public static async Task<SqliteMigrationGuard> AcquireAsync(AppDb db, ILogger logger, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Sqlite || LockPath(db.Database.GetConnectionString()!) is not { } path)
        {
            return new SqliteMigrationGuard(null);
        }

        var guard = new SqliteMigrationGuard(await LockAsync(path, logger, ct));
        try
        {
            await ClearDeadLockRowAsync(db, logger, ct);
            return guard;
        }
        catch
        {
            await guard.DisposeAsync();
            throw;
        }
    }

    private static async Task<FileStream> LockAsync(string path, ILogger logger, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                // Says who holds it, for an operator who finds a start waiting.
                stream.SetLength(0);
                stream.Write(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"migrating: process {Environment.ProcessId} on {Environment.MachineName}, since {DateTime.UtcNow:O}\n")));
                stream.Flush();
                return stream;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another live process holds it (a dead one's lock is gone with it): wait for it to finish.
                if (!told && waited.Elapsed >= QuietWait)
                {
                    logger.WaitingForMigrationLock(path);
                    told = true;
                }

                await Task.Delay(Poll, ct);
            }
        }
    }

    private static async Task ClearDeadLockRowAsync(AppDb db, ILogger logger, CancellationToken ct)
    {
        var exists = await db.Database.SqlQueryRaw<long>(
            $"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{EfLockTable}'").SingleAsync(ct);
        if (exists == 0)
        {
            return;
        }

        var removed = await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{EfLockTable}\"", ct);
        if (removed > 0)
        {
            logger.RemovedStaleMigrationLock();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_lock is not null)
        {
            await _lock.DisposeAsync();
        }
    }
}
