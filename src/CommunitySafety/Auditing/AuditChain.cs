using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Auditing;

/// <summary>
/// One app instance's gate around saves that add audit rows. It keeps this instance's saves from racing each other
/// for the chain head; on PostgreSQL the chain head is also taken under a transaction-scoped advisory lock, which is
/// what keeps several instances on one database from forking the chain (ADR 0009).
/// </summary>
public sealed class AuditChainGate
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);

    /// <summary>For contexts made by hand, outside the app's services.</summary>
    internal static AuditChainGate Process { get; } = new();
}

/// <summary>
/// Links each new audit row to the one before it: Hash = SHA-256(previous hash + the row's fields).
/// Saves that add audit rows are serialised so the chain cannot fork: within an instance by its
/// <see cref="AuditChainGate"/>, and across instances on PostgreSQL by an advisory lock held until the save commits
/// (docs/adr/0004-audit-trail.md, 0009-several-instances.md). Each row's
/// <see cref="AuditEvent.Sequence"/> is assigned here, because EF does not promise to insert several new rows in
/// the order they were added, so the id cannot be the chain order.
/// </summary>
public static class AuditChain
{
    /// <summary>The advisory-lock key of the chain head (any fixed 64-bit number; "audit" in ASCII).</summary>
    internal const long ChainLockKey = 0x6175646974;

    static SemaphoreSlim GateOf(AppDb db) => (db.ChainGate ?? AuditChainGate.Process).Semaphore;

    /// <summary>
    /// Runs <paramref name="work"/> (several saves) in one transaction that holds the chain's gate until it commits, so
    /// its audit rows cannot be overtaken by another save's before they are visible. Everything commits or nothing does.
    /// </summary>
    internal static async Task<T> InOneTransactionAsync<T>(AppDb db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.HoldsChainGate)
        {
            return await work(ct);
        }
        var gate = GateOf(db);
        await gate.WaitAsync(ct);
        db.HoldsChainGate = true;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockHeadAsync(db, ct);
            var result = await work(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            db.HoldsChainGate = false;
            gate.Release();
        }
    }

    internal static int SaveWithChain(AppDb db, Func<int> save)
    {
        var deferred = db.TakeDeferredAudit();
        var added = AddedEvents(db);
        if (added.Count == 0 && deferred.Count == 0)
        {
            return save();
        }
        var held = db.HoldsChainGate;
        var gate = GateOf(db);
        if (!held)
        {
            gate.Wait();
        }
        try
        {
            using var own = NeedsOwnTransaction(db) ? db.Database.BeginTransaction() : null;
            LockHead(db);
            if (deferred.Count == 0)
            {
                LinkToLast(db, added);
                var one = save();
                own?.Commit();
                return one;
            }
            Detach(db, added);
            int saved;
            try
            {
                saved = save();
            }
            catch
            {
                Restore(db, added, deferred);
                throw;
            }
            var entries = StageDeferred(db, added, deferred);
            LinkToLast(db, entries);
            saved += save();
            own?.Commit();
            return saved;
        }
        finally
        {
            if (!held)
            {
                gate.Release();
            }
        }
    }

    internal static async Task<int> SaveWithChainAsync(AppDb db, Func<Task<int>> save, CancellationToken ct)
    {
        var deferred = db.TakeDeferredAudit();
        var added = AddedEvents(db);
        if (added.Count == 0 && deferred.Count == 0)
        {
            return await save();
        }
        var held = db.HoldsChainGate;
        var gate = GateOf(db);
        if (!held)
        {
            await gate.WaitAsync(ct);
        }
        try
        {
            // Two saves in one transaction: the new records first (so their ids are known), then the audit entries
            // that name them. A failure in either leaves neither. Even one save has a transaction of its own, to hold
            // the chain head from reading it until the new rows commit.
            await using var own = NeedsOwnTransaction(db) ? await db.Database.BeginTransactionAsync(ct) : null;
            await LockHeadAsync(db, ct);
            if (deferred.Count == 0)
            {
                await LinkToLastAsync(db, added, ct);
                var one = await save();
                if (own is not null)
                {
                    await own.CommitAsync(ct);
                }
                return one;
            }
            Detach(db, added);
            int saved;
            try
            {
                saved = await save();
            }
            catch
            {
                Restore(db, added, deferred);
                throw;
            }
            var entries = StageDeferred(db, added, deferred);
            await LinkToLastAsync(db, entries, ct);
            saved += await save();
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
            return saved;
        }
        finally
        {
            if (!held)
            {
                gate.Release();
            }
        }
    }

    /// <summary>
    /// Whether a chain save needs a transaction of its own to hold the head from reading it to committing: always.
    /// On PostgreSQL the transaction holds the advisory lock; on SQLite it is begun IMMEDIATE (Microsoft.Data.Sqlite's
    /// default), which takes the database's write lock first, so another process cannot read the same head.
    /// </summary>
    static bool NeedsOwnTransaction(AppDb db) => db.Database.CurrentTransaction is null;

    static bool LocksHead(AppDb db) => db.Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// Takes the chain head's advisory lock for the current transaction (released when it commits or rolls back).
    /// Taking it again in the same transaction is harmless: PostgreSQL counts it, and ends them all together.
    /// </summary>
    static void LockHead(AppDb db)
    {
        if (LocksHead(db))
        {
            db.Database.ExecuteSqlRaw("SELECT pg_advisory_xact_lock({0})", ChainLockKey);
        }
    }

    static async Task LockHeadAsync(AppDb db, CancellationToken ct)
    {
        if (LocksHead(db))
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [ChainLockKey], ct);
        }
    }

    /// <summary>Entries staged before the save wait for the second save, so the chain stays in staging order.</summary>
    static void Detach(AppDb db, List<AuditEvent> added)
    {
        foreach (var e in added)
        {
            db.Entry(e).State = EntityState.Detached;
        }
    }

    /// <summary>A first save that failed leaves the audit work as it was staged, for a caller that retries.</summary>
    static void Restore(AppDb db, List<AuditEvent> added, List<Action> deferred)
    {
        foreach (var e in added)
        {
            db.AuditEvents.Add(e);
        }
        foreach (var stage in deferred)
        {
            db.DeferAudit(stage);
        }
    }

    /// <summary>The entries staged before the save, in their order, then those made now that the ids are known.</summary>
    static List<AuditEvent> StageDeferred(AppDb db, List<AuditEvent> added, List<Action> deferred)
    {
        foreach (var stage in deferred)
        {
            stage();
        }
        var made = AddedEvents(db);
        foreach (var e in added)
        {
            db.AuditEvents.Add(e);
        }
        return [.. added, .. made];
    }

    static void LinkToLast(AppDb db, List<AuditEvent> added)
    {
        var last = db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefault();
        Link(added, last?.Sequence ?? 0, last?.Hash ?? "");
    }

    static async Task LinkToLastAsync(AppDb db, List<AuditEvent> added, CancellationToken ct)
    {
        var last = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        Link(added, last?.Sequence ?? 0, last?.Hash ?? "");
    }

    static List<AuditEvent> AddedEvents(AppDb db) =>
        db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    static void Link(List<AuditEvent> added, long lastSequence, string previous)
    {
        foreach (var e in added)
        {
            e.Sequence = ++lastSequence;
            e.PreviousHash = previous;
            e.Hash = Compute(e);
            previous = e.Hash;
        }
    }

    public static string Compute(AuditEvent e)
    {
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.PreviousHash,
            // Microsecond precision: PostgreSQL keeps no finer, so the hash must not depend on it.
            e.OccurredUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            e.UserId?.ToString() ?? "",
            e.UserName,
            e.AgencyId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.AgencyName,
            e.Action,
            e.RecordType ?? "",
            e.RecordId ?? "",
            e.Purpose ?? "",
            e.Details ?? "",
            e.IpAddress ?? "",
            e.Outcome.ToString());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Walks the whole log in order and returns the id of the first row that does not verify.</summary>
    public static async Task<long?> FindFirstBrokenAsync(AppDb db, CancellationToken ct)
    {
        var previous = "";
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.PreviousHash != previous || Compute(e) != e.Hash)
            {
                return e.Id;
            }
            previous = e.Hash;
        }
        return null;
    }
}
