using System.Data.Common;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>
/// Finds import batches left "Queued" or "Running" by a process that no longer exists (a crash, kill -9, a
/// stopped server) and marks them <see cref="ImportStatus.Interrupted"/>; deletes upload folders such processes
/// left behind. Runs at every start-up (<see cref="IAfterMigration"/>) and before every new import.
/// </summary>
/// <remarks>
/// The data of an interrupted import is already safe: each import is one transaction, and the database rolls an
/// unfinished one back (SQLite on the next open, PostgreSQL when the connection drops). Only the batch row, saved
/// before the transaction so the history can show "Importing", is left behind. Whether its process still runs is
/// decided by the owner's liveness lock (<see cref="ImportOwner"/>), never by age, so a long import running in
/// another process right now is left alone. See docs/adr/0005-interrupted-imports.md.
/// </remarks>
public sealed class InterruptedImports(ImportOwner owner, UploadFolders uploads, TimeProvider clock, ILogger<InterruptedImports> logger)
    : IAfterMigration
{
    public const string Message = "The import was interrupted (the server stopped) and nothing from it was kept; run it again.";

    async Task IAfterMigration.RunAsync(AppDb db, CancellationToken ct) => await RecoverSafelyAsync(db, ct);

    /// <summary>Recovers, then returns this process's owner token for a new batch (its liveness lock is held).</summary>
    public async Task<string> PrepareNewImportAsync(AppDb db, CancellationToken ct)
    {
        await RecoverSafelyAsync(db, ct);
        return await owner.ClaimAsync(db, ct);
    }

    /// <summary>Marks batches of dead owners interrupted and removes their uploads; returns how many were marked.</summary>
    public async Task<int> RecoverAsync(AppDb db, CancellationToken ct)
    {
        var open = await db.Set<ImportBatch>().AsNoTracking()
            .Where(b => b.Status == ImportStatus.Queued || b.Status == ImportStatus.Running)
            .Select(b => new { b.Id, b.OwnerInstance }).ToListAsync(ct);
        var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
        var dead = new List<int>();
        foreach (var batch in open)
        {
            // A batch without an owner was started by a version that did not record one: no process of this
            // version can be running it.
            if (batch.OwnerInstance is not { } token || !await IsAliveAsync(db, token, alive, ct))
            {
                dead.Add(batch.Id);
            }
        }

        var marked = 0;
        if (dead.Count > 0)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Conditional on the status still being open, so a batch that finished meanwhile is never overwritten.
            marked = await db.Set<ImportBatch>()
                .Where(b => dead.Contains(b.Id) && (b.Status == ImportStatus.Queued || b.Status == ImportStatus.Running))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(b => b.Status, ImportStatus.Interrupted)
                    .SetProperty(b => b.FinishedUtc, now)
                    .SetProperty(b => b.RowsImported, 0L)
                    .SetProperty(b => b.ErrorMessage, Message), ct);
            if (marked > 0)
            {
                logger.MarkedInterrupted(marked, string.Join(", ", dead));
            }
        }

        foreach (var token in uploads.Owners())
        {
            if (!await IsAliveAsync(db, token, alive, ct))
            {
                UploadFolders.TryDelete(Path.Combine(uploads.Root, token), logger);
            }
        }

        // Lock files of owners that died without releasing them (checking removes them).
        foreach (var token in ImportOwner.KnownSqliteTokens(db))
        {
            await IsAliveAsync(db, token, alive, ct);
        }

        return marked;
    }

    private async Task RecoverSafelyAsync(AppDb db, CancellationToken ct)
    {
        try
        {
            await RecoverAsync(db, ct);
        }
        catch (DbException ex)
        {
            // E.g. SQLite busy for the whole command timeout because another process's import holds the write
            // lock: nothing is lost by trying again at the next start or import.
            logger.CouldNotCheckInterrupted(ex);
        }
    }

    private async Task<bool> IsAliveAsync(AppDb db, string token, Dictionary<string, bool> known, CancellationToken ct)
    {
        if (!known.TryGetValue(token, out var alive))
        {
            alive = await owner.IsAliveAsync(db, token, ct);
            known[token] = alive;
        }

        return alive;
    }
}
