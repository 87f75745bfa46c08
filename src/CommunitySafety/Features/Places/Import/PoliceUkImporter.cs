using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Imports;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Imports police.uk street and outcomes CSVs (a file, a folder or a monthly .zip).
/// </summary>
/// <remarks>
/// <para>Atomicity: the whole import is one database transaction. Each force-month in the input
/// replaces the stored one (its records and ward counts are deleted, the new rows inserted, its counts
/// rebuilt); a failure anywhere rolls everything back and the previous data stays as it was.</para>
/// <para>Idempotence (REL-IMP-03): every CSV's SHA-256 is recorded; a file whose bytes were imported
/// before (whatever its name) and not since replaced is skipped as "already imported (sha256 …)".</para>
/// <para>Throughput: one thread parses and places rows (point-in-polygon with a per-point cache, see
/// <see cref="WardAssigner"/>), another writes them (SQLite prepared statement / PostgreSQL binary COPY),
/// joined by a bounded channel of recycled column batches so memory stays constant. Ward counts are
/// accumulated while parsing — every record of an imported force-month passes through here, so the
/// totals are exact — which saves a GROUP BY pass over millions of stored rows.</para>
/// </remarks>
public sealed class PoliceUkImporter(AppDb db, AuditLog audit, TimeProvider clock, ILogger<PoliceUkImporter> logger, Imports.InterruptedImports interrupted)
{
    /// <summary>At most this many rejections are stored per import (all are counted).</summary>
    public const int MaxStoredRejections = 100_000;

    /// <summary>PostgreSQL advisory lock serialising imports (and ward re-placement) with each other.</summary>
    internal const long AdvisoryLockKey = 7_271_101;

    /// <summary>Seconds spent in each stage of the last import (for the benchmark).</summary>
    internal Dictionary<string, double> StageSeconds { get; } = [];

    private void Stage(string name, Stopwatch watch)
    {
        StageSeconds[name] = watch.Elapsed.TotalSeconds;
        watch.Restart();
    }

    /// <summary>Creates a queued batch row for an import that will run later (web uploads).</summary>
    public async Task<int> QueueAsync(string fileName, string? sha256, string userName, CancellationToken ct)
    {
        var batch = new ImportBatch
        {
            Kind = ImportKind.PoliceUk,
            FileName = fileName,
            Sha256 = sha256,
            StartedUtc = clock.GetUtcNow().UtcDateTime,
            Status = ImportStatus.Queued,
            UserName = userName,
            OwnerInstance = await interrupted.PrepareNewImportAsync(db, ct),
        };
        db.Add(batch);
        await db.SaveChangesAsync(ct);
        return batch.Id;
    }

    public async Task<ImportResult> ImportAsync(
        string path,
        string userName,
        PoliceUkImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        int? queuedBatchId = null,
        string? displayName = null,
        CancellationToken ct = default)
    {
        options ??= new PoliceUkImportOptions();
        var watch = Stopwatch.StartNew();
        var batch = queuedBatchId is { } queued
            ? await db.Set<ImportBatch>().SingleAsync(b => b.Id == queued, ct)
            : new ImportBatch
            {
                Kind = ImportKind.PoliceUk,
                FileName = displayName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(path)),
                UserName = userName,
            };
        batch.Status = ImportStatus.Running;
        batch.StartedUtc = clock.GetUtcNow().UtcDateTime;
        batch.OwnerInstance = await interrupted.PrepareNewImportAsync(db, ct);
        if (batch.Id == 0)
        {
            db.Add(batch);
        }

        await db.SaveChangesAsync(ct);
        var run = new Run(options, progress);
        try
        {
            return await ImportCoreAsync(path, batch, run, watch, ct);
        }
        catch (Exception ex) when (ex is ImportFormatException or RejectedRowsException
            || (ex is not OperationCanceledException && !ct.IsCancellationRequested))
        {
            if (ex is not (ImportFormatException or RejectedRowsException))
            {
                logger.PoliceUkImportFailed(ex, batch.Id);
            }

            var message = ex switch
            {
                ImportFormatException f => f.Message,
                RejectedRowsException r => r.Message,
                _ => "The import failed and nothing was changed: " + ex.Message,
            };
            return await FailAsync(batch.Id, run, message, watch, CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            // The server stopping or Ctrl+C on the command line: nothing is wrong with the file, so the history says
            // "Interrupted" (run it again), as it does for a process that was killed, not "Failed".
            await FailAsync(batch.Id, run, StoppedMessage, watch, CancellationToken.None, ImportStatus.Interrupted);
            throw;
        }
    }

    private async Task<ImportResult> ImportCoreAsync(string path, ImportBatch batch, Run run, Stopwatch watch, CancellationToken ct)
    {
        var stage = Stopwatch.StartNew();
        using var source = PoliceUkSource.Open(path);
        run.Notes.AddRange(source.Notes);
        if (source.Inputs.Count == 0)
        {
            throw new ImportFormatException(batch.FileName, null, null,
                "no police.uk street or outcomes CSV found (names must end -street.csv or -outcomes.csv)");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // One import at a time: serialises the "already imported?" check with the writes.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        }

        // Only a file the same size as one imported before (or as another file in this import) can be a
        // repeat, so only those are hashed before parsing; every other file is hashed in the same pass
        // that parses it, which saves reading a national month twice.
        var lengths = source.Inputs.Where(i => i.Length is not null).Select(i => i.Length!.Value).Distinct().ToList();
        var sameSize = await db.Set<ImportedFile>().Where(f => !f.Superseded && (f.Bytes == null || lengths.Contains(f.Bytes.Value)))
            .Select(f => f.Bytes).Distinct().ToListAsync(ct);
        var repeatedInImport = source.Inputs.GroupBy(i => i.Length).Where(g => g.Key is not null && g.Count() > 1).Select(g => g.Key).ToHashSet();
        var files = new List<InputFile>();
        foreach (var input in source.Inputs)
        {
            ct.ThrowIfCancellationRequested();
            if (input.Length is null || sameSize.Contains(null) || sameSize.Contains(input.Length) || repeatedInImport.Contains(input.Length))
            {
                run.Progress?.Report(new ImportProgress("Checking files", input.DisplayName, 0, 0, 0));
                var (sha, bytes) = Hash(input);
                files.Add(new InputFile(input) { Sha256 = sha, Bytes = bytes });
            }
            else
            {
                files.Add(new InputFile(input) { Bytes = input.Length.Value });
            }
        }

        var singleCsv = File.Exists(path) && files.Count == 1 && !path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        if (File.Exists(path) && !singleCsv)
        {
            batch.Sha256 = HashFile(path);
        }

        Stage("hash", stage);
        var shas = files.Where(f => f.Sha256 is not null).Select(f => f.Sha256!).Distinct().ToList();
        var known = (await db.Set<ImportedFile>().Where(f => !f.Superseded && shas.Contains(f.Sha256))
            .Select(f => f.Sha256).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var todo = new List<InputFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Sha256 is null)
            {
                todo.Add(file);
            }
            else if (known.Contains(file.Sha256))
            {
                run.Notes.Add($"{file.Input.DisplayName}: already imported (sha256 {file.Sha256})");
            }
            else if (!seen.Add(file.Sha256))
            {
                run.Notes.Add($"{file.Input.DisplayName}: same bytes as another file in this import (sha256 {file.Sha256}); skipped");
            }
            else
            {
                todo.Add(file);
            }
        }

        if (todo.Count == 0)
        {
            batch.Sha256 ??= files[0].Sha256;
            var message = files.Count == 1
                ? $"already imported (sha256 {files[0].Sha256})"
                : $"already imported: all {files.Count} files were imported before with the same bytes (sha256 {string.Join(", ", shas.Take(3))}{(shas.Count > 3 ? ", …" : "")})";
            batch.Status = ImportStatus.AlreadyImported;
            batch.FinishedUtc = clock.GetUtcNow().UtcDateTime;
            batch.Notes = JoinNotes(run.Notes);
            batch.ErrorMessage = null;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result(batch, message, run, watch);
        }

        var ukNow = Shared.UkTime.ToUk(clock.GetUtcNow().UtcDateTime);
        run.LatestMonth = new YearMonth(ukNow.Year, ukNow.Month);
        var context = await PlacementContext.LoadAsync(db, ct);
        if (context.WardCount == 0 && todo.Any(f => f.Input.Kind == PoliceUkFileKind.Street))
        {
            run.Notes.Add("No current ward boundaries are loaded: every record with a location counts as outside the area until ward boundaries are imported (that places the stored records).");
        }

        Stage("load-context", stage);
        run.Progress?.Report(new ImportProgress("Importing", null, 0, todo.Sum(f => f.Bytes), 0));
        var deferredIndexes = new List<DeferredIndexes>();
        if (todo.Any(f => f.Input.Kind == PoliceUkFileKind.Street) && await DeferredIndexes.DropIfEmptyAsync<CrimeRecord>(db, ct) is { } records)
        {
            deferredIndexes.Add(records);
        }

        if (todo.Any(f => f.Input.Kind == PoliceUkFileKind.Outcomes) && await DeferredIndexes.DropIfEmptyAsync<CrimeOutcome>(db, ct) is { } outcomes)
        {
            deferredIndexes.Add(outcomes);
        }

        await using (var writer = RecordWriters.Create(db, batch.Id))
        {
            var forceMonths = await PipelineAsync(todo, context, run, writer, batch.Id, ct);
            if (run.Rejected > 0 && !run.Options.AcceptRowRejections)
            {
                throw new RejectedRowsException(run);
            }

            await writer.FlushAsync(ct);
            Stage("parse-and-write", stage);
            if (!run.Options.ReplaceSmaller)
            {
                RefuseDrasticShrink(forceMonths, run);
            }

            foreach (var deferred in deferredIndexes)
            {
                run.Progress?.Report(new ImportProgress("Building indexes", null, 1, 1, run.Read));
                await deferred.RestoreAsync(db, ct);
            }

            Stage("index", stage);
            await CheckHashedWhileReadingAsync(todo, ct);
            if (singleCsv)
            {
                batch.Sha256 = todo[0].Sha256;
            }

            await FinishAsync(batch, todo, context, run, forceMonths, writer, ct);
            Stage("finish", stage);
            if (context.WardCount > 0 && run.Outside * 2 > run.Imported && run.Imported > 0)
            {
                // A force whose wards are not loaded (or another force's file): say what to do next.
                var forces = string.Join(", ", forceMonths.Select(f => f.New.Force).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(3));
                run.Notes.Insert(0, $"Most rows ({run.Outside:N0} of {run.Imported:N0}) lie outside the current ward set ({context.WardCount:N0} wards). " +
                    $"Next step: load the ward boundaries for the area {forces} covers (Imports > Boundaries, or import boundaries FILE... --current); the stored records are placed in them then.");
            }
        }

        batch.Status = ImportStatus.Succeeded;
        batch.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        batch.Notes = JoinNotes(run.Notes);
        run.CopyCountsTo(batch);
        audit.Add(new AuditEntry(AuditActions.PlacesImport, "import-batch", batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"police.uk import of {batch.FileName}: {run.Read} rows read, {run.Imported} imported, {run.Rejected} rejected"),
            userNameOverride: batch.UserName);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Stage("commit", stage);
        var summary = $"Imported {run.Imported:N0} of {run.Read:N0} rows from {todo.Count} file(s)" +
            (run.Rejected > 0 ? $"; {run.Rejected:N0} rows rejected (see the import report)" : "") +
            (run.Duplicates > 0 ? $"; {run.Duplicates:N0} rows repeated a Crime ID of the same file and were stored once (see the import report)" : "");
        return Result(batch, summary, run, watch);
    }

    /// <summary>Parses on a worker thread and writes on this one; returns the force-months touched.</summary>
    private async Task<List<ForceMonthState>> PipelineAsync(
        List<InputFile> files, PlacementContext context, Run run, IRecordWriter writer, int batchId, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var full = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var empty = Channel.CreateUnbounded<RecordBatch>();
        for (var i = 0; i < 6; i++)
        {
            empty.Writer.TryWrite(new RecordBatch(run.Options.BatchSize));
        }

        var parser = new Parser(files, context, run, full.Writer, empty.Reader, cts.Token);
        var producer = Task.Factory.StartNew(parser.Run, cts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var states = new List<ForceMonthState>();
        var ids = new List<int>();
        long writeTicks = 0;
        try
        {
            await foreach (var batch in full.Reader.ReadAllAsync(cts.Token))
            {
                if (batch.NewForceMonths.Count > 0)
                {
                    await writer.FlushAsync(cts.Token);
                    foreach (var fm in batch.NewForceMonths)
                    {
                        var state = await StartForceMonthAsync(fm, writer, cts.Token);
                        states.Add(state);
                        ids.Add(state.Entity.Id);
                    }
                }

                // In strict mode nothing more is written once a row has been rejected (it will all roll back).
                if ((run.Rejected == 0 || run.Options.AcceptRowRejections))
                {
                    var writeStart = Stopwatch.GetTimestamp();
                    await writer.WriteAsync(batch, ids, cts.Token);
                    writeTicks += Stopwatch.GetTimestamp() - writeStart;
                }

                empty.Writer.TryWrite(batch);
            }
        }
        catch
        {
            await cts.CancelAsync();
            try
            {
                await producer;
            }
            catch (Exception) when (cts.IsCancellationRequested)
            {
                // The writer's failure is the one reported.
            }

            throw;
        }

        await producer;
        StageSeconds["of which writing rows"] = Stopwatch.GetElapsedTime(0, writeTicks).TotalSeconds;
        return states;
    }

    /// <summary>
    /// A file far smaller than the force-month it replaces is more often a cut-down or broken copy than a
    /// re-publication, so it needs the user's say-so (<see cref="PoliceUkImportOptions.ReplaceSmaller"/>).
    /// </summary>
    private static void RefuseDrasticShrink(List<ForceMonthState> forceMonths, Run run)
    {
        var shrinking = new List<string>();
        string? file = null;
        foreach (var fm in forceMonths)
        {
            var stored = fm.New.Kind == PoliceUkFileKind.Street ? fm.Entity.RecordCount : fm.Entity.OutcomeCount;
            var incoming = run.RecordsPerForceMonth.GetValueOrDefault(fm.New.Key);
            if (ForceMonthShrink.IsDrastic(stored, incoming))
            {
                file ??= run.ForceMonthFiles.GetValueOrDefault(fm.New.Key);
                var what = fm.New.Kind == PoliceUkFileKind.Street ? "rows" : "outcome rows";
                shrinking.Add($"{fm.New.Force} {fm.New.Month / 100:D4}-{fm.New.Month % 100:D2}: {incoming:N0} {what} would replace the {stored:N0} stored, so {stored - incoming:N0} would go");
            }
        }

        if (shrinking.Count > 0)
        {
            throw new ImportFormatException(file ?? "(import)", null, null,
                string.Join("; ", shrinking.Take(5)) + (shrinking.Count > 5 ? $"; and {shrinking.Count - 5} more force-months" : "") +
                ". Nothing was changed. If the smaller file is right, import it again confirming the replacement (--replace-smaller on the command line, \"Replace months with fewer rows\" on the upload page).");
        }
    }

    private async Task<ForceMonthState> StartForceMonthAsync(NewForceMonth fm, IRecordWriter writer, CancellationToken ct)
    {
        var entity = await db.Set<ForceMonth>().SingleOrDefaultAsync(f => f.Force == fm.Force && f.Month == fm.Month, ct);
        int? replacedBatch = null;
        if (entity is null)
        {
            entity = new ForceMonth { Force = fm.Force, Month = fm.Month, UpdatedUtc = clock.GetUtcNow().UtcDateTime };
            db.Add(entity);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            replacedBatch = fm.Kind == PoliceUkFileKind.Street ? entity.StreetBatchId : entity.OutcomesBatchId;
            await writer.ClearForceMonthAsync(entity.Id, fm.Kind, ct);
        }

        return new ForceMonthState(fm, entity, replacedBatch);
    }

    private async Task FinishAsync(
        ImportBatch batch, List<InputFile> files, PlacementContext context, Run run,
        List<ForceMonthState> forceMonths, IRecordWriter writer, CancellationToken ct)
    {
        run.Progress?.Report(new ImportProgress("Updating ward counts", null, 1, 1, run.Read));
        var now = clock.GetUtcNow().UtcDateTime;
        if (context.NewLocations.Count > 0)
        {
            await writer.InsertRowsAsync("crime_locations", ["id", "name", "longitude", "latitude"],
                context.NewLocations.Select(l => new object?[] { l.Id, l.Name, l.Longitude, l.Latitude }), ct);
            if (db.Provider == DatabaseProvider.Postgres)
            {
                // Ids are assigned here, so move the identity sequence past them.
                await db.Database.ExecuteSqlRawAsync(
                    "SELECT setval(pg_get_serial_sequence('crime_locations', 'id'), (SELECT max(id) FROM crime_locations))", ct);
            }
        }

        if (context.NewOutcomes.Count > 0)
        {
            await writer.InsertRowsAsync("outcome_categories", ["id", "name"],
                context.NewOutcomes.Select(o => new object?[] { o.Id, o.Name }), ct);
        }

        var idByKey = forceMonths.ToDictionary(f => f.New.Key, f => f.Entity.Id);
        await writer.InsertRowsAsync("ward_monthly_counts",
            ["ward_id", "force_month_id", "month", "category", "placement", "count", "with_outcome_count"],
            run.Counts.Select(c => new object?[]
            {
                c.Key.WardId == 0 ? null : c.Key.WardId, idByKey[c.Key.ForceMonthKey], forceMonths.First(f => f.New.Key == c.Key.ForceMonthKey).New.Month,
                c.Key.Category, c.Key.Placement, c.Value.Count, c.Value.WithOutcome,
            }), ct);

        // In strict mode only duplicate Crime IDs reach here (any other rejection failed the import).
        if (run.StoredRejections.Count > 0)
        {
            await InsertRejectionsAsync(writer, batch.Id, run.StoredRejections, ct);
        }

        var replaced = new List<(int BatchId, PoliceUkFileKind Kind, int Month)>();
        foreach (var fm in forceMonths)
        {
            if (fm.New.Kind == PoliceUkFileKind.Street)
            {
                fm.Entity.StreetBatchId = batch.Id;
                fm.Entity.RecordCount = run.RecordsPerForceMonth.GetValueOrDefault(fm.New.Key);
            }
            else
            {
                fm.Entity.OutcomesBatchId = batch.Id;
                fm.Entity.OutcomeCount = run.RecordsPerForceMonth.GetValueOrDefault(fm.New.Key);
            }

            fm.Entity.UpdatedUtc = now;
            if (fm.ReplacedBatchId is { } old && old != batch.Id)
            {
                replaced.Add((old, fm.New.Kind, fm.New.Month));
            }
        }

        // Files whose force-months were replaced are no longer "already imported": importing them
        // again must put their data back (REL-IMP-03 "change 1 row" then re-import the original).
        if (replaced.Count > 0)
        {
            var oldBatches = replaced.Select(r => r.BatchId).Distinct().ToList();
            var oldFiles = await db.Set<ImportedFile>().Where(f => oldBatches.Contains(f.BatchId) && !f.Superseded).ToListAsync(ct);
            foreach (var file in oldFiles)
            {
                var month = PoliceUkNames.MonthFromFileName(file.FileName);
                var yyyymm = month is { } m ? (m.Year * 100) + m.Month : (int?)null;
                if (replaced.Any(r => r.BatchId == file.BatchId && r.Kind == file.Kind && (yyyymm is null || r.Month == yyyymm)))
                {
                    file.Superseded = true;
                }
            }
        }

        foreach (var file in files)
        {
            db.Add(new ImportedFile
            {
                BatchId = batch.Id,
                FileName = file.Input.DisplayName,
                Sha256 = file.Sha256!,
                Bytes = file.Bytes,
                Kind = file.Input.Kind,
                RowsRead = run.RowsPerFile.GetValueOrDefault(file.Input.DisplayName),
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static Task InsertRejectionsAsync(IRecordWriter writer, int batchId, IEnumerable<RowRejection> rejections, CancellationToken ct) =>
        writer.InsertRowsAsync("import_rejections", ["batch_id", "file_name", "line", "field", "reason"],
            rejections.Select(r => new object?[] { batchId, Truncate(r.File, 400), r.Line, r.Field is null ? null : Truncate(r.Field, 100), Truncate(r.Reason, 1000) }), ct);

    public const string StoppedMessage = "The import was stopped before it finished (the server stopped or the import was cancelled) and nothing from it was kept; run it again.";

    private async Task<ImportResult> FailAsync(int batchId, Run run, string message, Stopwatch watch, CancellationToken ct,
        ImportStatus status = ImportStatus.Failed)
    {
        if (db.Database.CurrentTransaction is { } open)
        {
            await open.RollbackAsync(ct);
        }

        db.ChangeTracker.Clear();
        var batch = await db.Set<ImportBatch>().SingleAsync(b => b.Id == batchId, ct);
        batch.Status = status;
        batch.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        batch.ErrorMessage = Truncate(message, 4000);
        batch.Notes = JoinNotes(run.Notes);
        run.CopyCountsTo(batch);
        batch.RowsImported = 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            if (run.StoredRejections.Count > 0)
            {
                await using var writer = RecordWriters.Create(db, batchId);
                await InsertRejectionsAsync(writer, batchId, run.StoredRejections, ct);
            }

            await tx.CommitAsync(ct);
        }

        return Result(batch, message, run, watch) with { RowsImported = 0 };
    }

    private static ImportResult Result(ImportBatch batch, string message, Run run, Stopwatch watch) => new(
        batch.Id, batch.Status, message, run.Read, batch.Status == ImportStatus.Succeeded ? run.Imported : 0, run.Rejected,
        run.Outside, run.NoLocation, watch.Elapsed, run.StoredRejections.Take(20).ToList(), run.Notes)
    {
        RowsDuplicate = run.Duplicates,
    };

    private static (string Sha, long Bytes) Hash(PoliceUkInput input)
    {
        try
        {
            using var stream = input.Open();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                total += n;
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFormatException(input.DisplayName, null, null, "cannot read file bytes (corrupt archive?): " + ex.Message, ex);
        }
    }

    internal static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string? JoinNotes(List<string> notes) =>
        notes.Count == 0 ? null : Truncate(string.Join('\n', notes.Take(200)), 8000);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>
    /// Files hashed while parsing were assumed new because no imported file had their size. Checked now,
    /// inside the transaction, in case a size was misreported (e.g. by an archive's directory): a repeat
    /// must never be imported twice.
    /// </summary>
    private async Task CheckHashedWhileReadingAsync(List<InputFile> files, CancellationToken ct)
    {
        var late = files.Where(f => f.HashedWhileReading).Select(f => f.Sha256!).ToList();
        if (late.Count == 0)
        {
            return;
        }

        var repeat = await db.Set<ImportedFile>().Where(f => !f.Superseded && late.Contains(f.Sha256)).Select(f => f.Sha256).FirstOrDefaultAsync(ct)
            ?? files.GroupBy(f => f.Sha256).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
        if (repeat is not null)
        {
            var file = files.First(f => f.Sha256 == repeat);
            throw new ImportFormatException(file.Input.DisplayName, null, null,
                $"has the same bytes (sha256 {repeat}) as a file already imported, although its stated size differed; nothing was imported");
        }
    }

    private sealed class InputFile(PoliceUkInput input)
    {
        public PoliceUkInput Input { get; } = input;

        /// <summary>Known before parsing, or set by the parser once it has read the whole file.</summary>
        public string? Sha256 { get; set; }

        public long Bytes { get; set; }

        public bool HashedWhileReading { get; set; }
    }

    private sealed record ForceMonthState(NewForceMonth New, ForceMonth Entity, int? ReplacedBatchId);

    internal readonly record struct CountKey(int WardId, int ForceMonthKey, byte Category, byte Placement);

    internal struct CountValue
    {
        public int Count;
        public int WithOutcome;
    }

    /// <summary>Counters and findings of one import (written by the parser thread, read after it ends).</summary>
    private sealed class Run(PoliceUkImportOptions options, IProgress<ImportProgress>? progress)
    {
        public PoliceUkImportOptions Options { get; } = options;
        public IProgress<ImportProgress>? Progress { get; } = progress;
        public List<string> Notes { get; } = [];
        public List<RowRejection> StoredRejections { get; } = [];
        public Dictionary<CountKey, CountValue> Counts { get; } = [];
        public Dictionary<int, int> RecordsPerForceMonth { get; } = [];
        public Dictionary<string, long> RowsPerFile { get; } = new(StringComparer.Ordinal);

        /// <summary>The file that brought each force-month (by parser key), for messages.</summary>
        public Dictionary<int, string> ForceMonthFiles { get; } = [];

        /// <summary>Rows for a later month are refused (set before parsing, from the clock in UK time).</summary>
        public YearMonth? LatestMonth { get; set; }

        public long Read;
        public long Duplicates;
        public long Imported;
        public long Rejected;
        public long Outside;
        public long NoLocation;

        public void CopyCountsTo(ImportBatch batch)
        {
            batch.RowsRead = Read;
            batch.RowsImported = Imported;
            batch.RowsRejected = Rejected;
            batch.RowsOutsideArea = Outside;
            batch.RowsWithoutLocation = NoLocation;
            batch.RowsDuplicate = Duplicates;
        }
    }

    private sealed class RejectedRowsException(Run run) : Exception(Describe(run))
    {
        private static string Describe(Run run)
        {
            var first = run.StoredRejections.Count > 0 ? " First: " + run.StoredRejections[0] : "";
            return $"{run.Rejected:N0} row(s) could not be read, so nothing was imported.{first}";
        }
    }

    /// <summary>Everything the parser needs to place a row, loaded once per import.</summary>
    private sealed class PlacementContext
    {
        public WardAssigner? Assigner { get; private init; }
        public Dictionary<string, int> WardIdByCode { get; private init; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> WardIdByLsoa11 { get; private init; } = new(StringComparer.Ordinal);
        public Dictionary<(string Name, double Lon, double Lat), int> Locations { get; private init; } = [];
        public List<CrimeLocation> NewLocations { get; } = [];
        public int NextLocationId { get; set; }
        public Dictionary<string, short> Outcomes { get; private init; } = new(StringComparer.Ordinal);
        public List<OutcomeCategory> NewOutcomes { get; } = [];
        public short NextOutcomeId { get; set; }
        public int WardCount => WardIdByCode.Count;

        public static async Task<PlacementContext> LoadAsync(AppDb db, CancellationToken ct)
        {
            var wards = await db.Set<Ward>().AsNoTracking()
                .Where(w => db.Set<Model.BoundarySet>().Any(s => s.Id == w.BoundarySetId && s.IsCurrent && s.Level == BoundaryLevel.Ward))
                .Select(w => new { w.Id, w.Code, w.Geometry }).ToListAsync(ct);
            var reader = new WKBReader();
            var byCode = wards.ToDictionary(w => w.Code, w => w.Id, StringComparer.Ordinal);
            var assigner = wards.Count == 0 ? null
                : new WardAssigner(wards.Select(w => KeyValuePair.Create(w.Code, reader.Read(w.Geometry))));

            var byLsoa11 = await LsoaPlacement.BuildAsync(db, byCode, ct);
            var locations = new Dictionary<(string, double, double), int>();
            var maxLocation = 0;
            await foreach (var l in db.Set<CrimeLocation>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                locations[(l.Name, l.Longitude ?? double.NaN, l.Latitude ?? double.NaN)] = l.Id;
                maxLocation = Math.Max(maxLocation, l.Id);
            }

            var outcomes = await db.Set<OutcomeCategory>().AsNoTracking().ToDictionaryAsync(o => o.Name, o => o.Id, StringComparer.Ordinal, ct);
            return new PlacementContext
            {
                Assigner = assigner,
                WardIdByCode = byCode,
                WardIdByLsoa11 = byLsoa11,
                Locations = locations,
                NextLocationId = maxLocation + 1,
                Outcomes = outcomes,
                NextOutcomeId = (short)(outcomes.Count == 0 ? 1 : outcomes.Values.Max() + 1),
            };
        }

        public int LocationId(string name, double? lon, double? lat)
        {
            var key = (name, lon ?? double.NaN, lat ?? double.NaN);
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(Locations, key, out var exists);
            if (!exists)
            {
                id = NextLocationId++;
                NewLocations.Add(new CrimeLocation { Id = id, Name = name, Longitude = lon, Latitude = lat });
            }

            return id;
        }

        public short OutcomeId(string name)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(Outcomes, name, out var exists);
            if (!exists)
            {
                id = NextOutcomeId++;
                NewOutcomes.Add(new OutcomeCategory { Id = id, Name = name });
            }

            return id;
        }
    }

    /// <summary>The parsing thread: reads every file in order and fills batches.</summary>
    private sealed class Parser(
        List<InputFile> files, PlacementContext context, Run run,
        ChannelWriter<RecordBatch> output, ChannelReader<RecordBatch> pool, CancellationToken ct)
    {
        private readonly Dictionary<(string Force, int Month, PoliceUkFileKind Kind), int> _forceMonthKeys = [];
        private readonly Dictionary<(double, double), PointInfo> _byPoint = [];
        private readonly CrimeIdLines _crimeIdLines = new();
        private string _currentFile = "";
        private RecordBatch? _batch;
        private string? _lastCrimeType;
        private byte _lastCategory;
        private string? _lastForce;
        private int _lastMonth;
        private PoliceUkFileKind _lastKind;
        private int _lastForceMonthKey;
        private long _bytesBefore;
        private readonly long _bytesTotal = files.Sum(f => f.Bytes);

        public void Run()
        {
            try
            {
                foreach (var file in files)
                {
                    ct.ThrowIfCancellationRequested();
                    _currentFile = file.Input.DisplayName;
                    _crimeIdLines.Clear();
                    // Sized from the file once rather than grown step by step (growing holds the old and new tables at
                    // once): a street row with a Crime ID is about 220 bytes (4.7M rows in 1,029 MB).
                    _crimeIdLines.Reserve(file.Bytes / 200);
                    using var stream = new CountingStream(file.Input.Open(), hash: file.Sha256 is null);
                    if (file.Input.Kind == PoliceUkFileKind.Street)
                    {
                        using var reader = new StreetCsvReader(stream, file.Input.DisplayName, file.Input.FileMonth, run.LatestMonth);
                        ReadStreet(reader, file, stream);
                        run.Notes.AddRange(reader.Notes);
                    }
                    else
                    {
                        using var reader = new OutcomesCsvReader(stream, file.Input.DisplayName, file.Input.FileMonth, run.LatestMonth);
                        ReadOutcomes(reader, file, stream);
                        run.Notes.AddRange(reader.Notes);
                    }

                    if (file.Sha256 is null)
                    {
                        file.Sha256 = stream.Sha256;
                        file.Bytes = stream.BytesRead;
                        file.HashedWhileReading = true;
                    }

                    _bytesBefore += file.Bytes;
                }

                if (_batch is { Count: > 0 } || _batch?.NewForceMonths.Count > 0)
                {
                    Send();
                }

                output.Complete();
            }
            catch (Exception ex)
            {
                output.Complete(ex);
                throw;
            }
        }

        private void ReadStreet(StreetCsvReader reader, InputFile file, CountingStream stream)
        {
            long rows = 0;
            foreach (var result in reader.Read())
            {
                rows++;
                run.Read++;
                if ((run.Read & 0x7FFF) == 0)
                {
                    Report(file, stream);
                }

                if (!result.IsRow)
                {
                    Reject(result.Rejection!);
                    continue;
                }

                var row = result.Row;
                if (row.CrimeId is { } id)
                {
                    // police.uk files do repeat a Crime ID now and then (three times in Hertfordshire 2021-12): one
                    // crime, so one record, the first; the repeat is listed in the import report.
                    if (_crimeIdLines.SeenBefore(id, row.Line, out var firstLine))
                    {
                        Duplicate(row.Line, firstLine);
                        continue;
                    }
                }

                var month = (row.Month.Year * 100) + row.Month.Month;
                var fmKey = ForceMonthKey(row.FallsWithin, month, PoliceUkFileKind.Street);
                var b = Batch(PoliceUkFileKind.Street);
                var i = b.Count;
                b.ForceMonthKey[i] = fmKey;
                b.Month[i] = month;
                var category = CategoryOf(row.CrimeType);
                b.Category[i] = category;
                if (row.CrimeId is { } crimeId)
                {
                    crimeId.CopyTo(b.CrimeIdOf(i));
                    b.HasCrimeId[i] = true;
                }
                else
                {
                    b.HasCrimeId[i] = false;
                }
                var wardId = 0;
                Placement placement;
                if (row.Longitude is { } lon && row.Latitude is { } lat)
                {
                    b.HasPoint[i] = true;
                    b.Longitude[i] = lon;
                    b.Latitude[i] = lat;
                    ref var point = ref AtPoint(lon, lat);
                    wardId = point.WardId;
                    // police.uk points nearly always carry one location name: reuse its id when the
                    // (interned) name is the one last seen at this point, skipping the string-keyed lookup.
                    if (row.Location.Length != 0 && !ReferenceEquals(row.Location, point.Name))
                    {
                        point.Name = row.Location;
                        point.LocationId = context.LocationId(row.Location, lon, lat);
                    }

                    b.LocationId[i] = row.Location.Length == 0 ? 0 : point.LocationId;
                    placement = wardId == 0 ? Placement.OutsideArea : Placement.InWardByPoint;
                }
                else
                {
                    b.HasPoint[i] = false;
                    if (row.LsoaCode is { } lsoa)
                    {
                        placement = context.WardIdByLsoa11.TryGetValue(lsoa, out wardId) ? Placement.InWardByLsoa : Placement.OutsideArea;
                    }
                    else
                    {
                        placement = Placement.NoLocation;
                    }

                    b.LocationId[i] = row.Location.Length == 0 ? 0 : context.LocationId(row.Location, null, null);
                }

                b.LsoaCode[i] = row.LsoaCode;
                b.WardId[i] = wardId;
                b.Placement[i] = (byte)placement;
                b.OutcomeId[i] = row.LastOutcome is { } outcome ? context.OutcomeId(outcome) : (short)0;
                b.Count++;

                run.Imported++;
                if (placement == Placement.OutsideArea)
                {
                    run.Outside++;
                }
                else if (placement == Placement.NoLocation)
                {
                    run.NoLocation++;
                }

                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(run.Counts, new CountKey(wardId, fmKey, category, (byte)placement), out _);
                count.Count++;
                if (row.LastOutcome is not null)
                {
                    count.WithOutcome++;
                }

                CollectionsMarshal.GetValueRefOrAddDefault(run.RecordsPerForceMonth, fmKey, out _)++;
                if (b.IsFull)
                {
                    Send();
                }
            }

            run.RowsPerFile[file.Input.DisplayName] = rows;
        }

        private void ReadOutcomes(OutcomesCsvReader reader, InputFile file, CountingStream stream)
        {
            long rows = 0;
            foreach (var result in reader.Read())
            {
                rows++;
                run.Read++;
                if ((run.Read & 0x7FFF) == 0)
                {
                    Report(file, stream);
                }

                if (!result.IsRow)
                {
                    Reject(result.Rejection!);
                    continue;
                }

                var row = result.Row;
                var month = (row.Month.Year * 100) + row.Month.Month;
                var fmKey = ForceMonthKey(row.FallsWithin, month, PoliceUkFileKind.Outcomes);
                var b = Batch(PoliceUkFileKind.Outcomes);
                var i = b.Count;
                b.ForceMonthKey[i] = fmKey;
                b.Month[i] = month;
                row.CrimeId.CopyTo(b.CrimeIdOf(i));
                b.HasCrimeId[i] = true;
                b.OutcomeId[i] = context.OutcomeId(row.OutcomeType);
                b.Count++;
                run.Imported++;
                CollectionsMarshal.GetValueRefOrAddDefault(run.RecordsPerForceMonth, fmKey, out _)++;
                if (b.IsFull)
                {
                    Send();
                }
            }

            run.RowsPerFile[file.Input.DisplayName] = rows;
        }

        /// <summary>The cached ward (and last location) of a point; the ward is computed on first sight.</summary>
        private ref PointInfo AtPoint(double lon, double lat)
        {
            ref var info = ref CollectionsMarshal.GetValueRefOrAddDefault(_byPoint, (lon, lat), out var exists);
            if (!exists)
            {
                info.WardId = context.Assigner?.Assign(lon, lat) is { } code ? context.WardIdByCode[code] : 0;
            }

            return ref info;
        }

        private struct PointInfo
        {
            public int WardId;
            public string? Name;
            public int LocationId;
        }

        private void Duplicate(long line, long firstLine)
        {
            run.Duplicates++;
            if (run.Duplicates == 1)
            {
                run.Notes.Add($"Some rows repeat a Crime ID given earlier in the same file (first: {_currentFile}, line {line}, as on line {firstLine}); each crime was stored once, from its first row. The repeats are listed with the rows not imported.");
            }

            if (run.StoredRejections.Count < MaxStoredRejections)
            {
                run.StoredRejections.Add(new RowRejection(_currentFile, line, "Crime ID",
                    $"duplicate Crime ID: the same Crime ID is on line {firstLine}; the crime was stored once, from line {firstLine}"));
            }
        }

        private void Reject(RowRejection rejection)
        {
            run.Rejected++;
            if (run.StoredRejections.Count < MaxStoredRejections)
            {
                run.StoredRejections.Add(rejection);
            }
        }

        private byte CategoryOf(string crimeType)
        {
            // The reader returns the canonical instance of each crime type: compare references first.
            if (!ReferenceEquals(crimeType, _lastCrimeType))
            {
                _lastCategory = (byte)PoliceUkCrimeTypes.CodeOf(crimeType)!.Value;
                _lastCrimeType = crimeType;
            }

            return _lastCategory;
        }

        private int ForceMonthKey(string force, int month, PoliceUkFileKind kind)
        {
            // Rows of one force-month come together: the previous row's key usually applies.
            if (ReferenceEquals(force, _lastForce) && month == _lastMonth && kind == _lastKind)
            {
                return _lastForceMonthKey;
            }

            _lastForceMonthKey = ForceMonthKeyCore(force, month, kind);
            (_lastForce, _lastMonth, _lastKind) = (force, month, kind);
            return _lastForceMonthKey;
        }

        private int ForceMonthKeyCore(string force, int month, PoliceUkFileKind kind)
        {
            ref var key = ref CollectionsMarshal.GetValueRefOrAddDefault(_forceMonthKeys, (force, month, kind), out var exists);
            if (!exists)
            {
                key = _forceMonthKeys.Count - 1;
                run.ForceMonthFiles[key] = _currentFile;
                // Announced with the batch that carries its first row, so the writer clears it first.
                Batch(kind).NewForceMonths.Add(new NewForceMonth(key, force, month, kind));
            }

            return key;
        }

        private RecordBatch Batch(PoliceUkFileKind kind)
        {
            if (_batch is not null && _batch.Kind != kind && (_batch.Count > 0 || _batch.NewForceMonths.Count > 0))
            {
                Send();
            }

            if (_batch is null)
            {
                _batch = pool.TryRead(out var recycled) ? recycled : pool.ReadAsync(ct).AsTask().GetAwaiter().GetResult();
                _batch.Reset(kind);
            }

            _batch.Kind = kind;
            return _batch;
        }

        private void Send()
        {
            var b = _batch!;
            _batch = null;
            if (!output.TryWrite(b))
            {
                output.WriteAsync(b, ct).AsTask().GetAwaiter().GetResult();
            }
        }

        private void Report(InputFile file, CountingStream stream) =>
            run.Progress?.Report(new ImportProgress("Importing", file.Input.DisplayName,
                _bytesBefore + Math.Min(stream.BytesRead, file.Bytes), _bytesTotal, run.Read));
    }
}
