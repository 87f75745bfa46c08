using System.Collections.Concurrent;
using System.Threading.Channels;
using CommunitySafety.Features.Places.Import;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>A web upload waiting to be imported: its queued batch and the temp folder holding the file.</summary>
/// <param name="Kind">police.uk data, boundaries, an LSOA lookup or population estimates (each runs the same code as its CLI verb).</param>
/// <param name="Year">The year of population estimates (null: the year in the file name).</param>
/// <param name="Files">Boundary files uploaded together, in the order chosen (one set); <paramref name="Path"/> is the first.</param>
/// <param name="Use">What boundary files do to the current ward set.</param>
public sealed record QueuedImport(int BatchId, string Path, string TempFolder, string UserName, bool ReplaceSmaller = false,
    Model.ImportKind Kind = Model.ImportKind.PoliceUk, int? Year = null, IReadOnlyList<string>? Files = null, WardSetUse Use = WardSetUse.Keep);

/// <summary>
/// Uploads are imported one at a time in the background, so a 200 MB file never holds a request open;
/// the progress view reads <see cref="Progress"/> (in memory: the import's own transaction holds the
/// SQLite write lock, so progress cannot be written to the database while it runs).
/// </summary>
public sealed class ImportQueue
{
    private readonly Channel<QueuedImport> _channel = Channel.CreateUnbounded<QueuedImport>(new UnboundedChannelOptions { SingleReader = true });

    public ConcurrentDictionary<int, ImportProgress> Progress { get; } = new();

    public bool Enqueue(QueuedImport item) => _channel.Writer.TryWrite(item);

    public IAsyncEnumerable<QueuedImport> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);

    public bool TryDequeue(out QueuedImport item) => _channel.Reader.TryRead(out item!);
}

/// <summary>
/// Runs queued imports; always deletes the uploaded file's folder afterwards, also on failure (ASVS 14.2.2).
/// Uploads still waiting when the server stops are deleted and their batches marked interrupted; folders a
/// killed server left behind are removed at the next start (<see cref="InterruptedImports"/>).
/// </summary>
public sealed class ImportQueueWorker(ImportQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var progress = new Latest(queue, item.BatchId);
                    var reference = scope.ServiceProvider.GetRequiredService<ReferenceImporter>();
                    _ = item.Kind switch
                    {
                        Model.ImportKind.Lookup => await reference.ImportLookupAsync(item.Path, item.UserName, progress, item.BatchId, stoppingToken),
                        Model.ImportKind.Population => await reference.ImportPopulationAsync(item.Path, item.Year, item.UserName, progress, item.BatchId, stoppingToken),
                        Model.ImportKind.Boundaries => await reference.ImportQueuedBoundariesAsync(item.BatchId, item.Files ?? [item.Path], item.Use, item.UserName, progress, stoppingToken),
                        _ => await scope.ServiceProvider.GetRequiredService<PoliceUkImporter>().ImportAsync(
                            item.Path, item.UserName, new PoliceUkImportOptions { ReplaceSmaller = item.ReplaceSmaller }, progress, item.BatchId, ct: stoppingToken),
                    };
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.QueuedImportFailed(ex, item.BatchId);
                }
                finally
                {
                    queue.Progress.TryRemove(item.BatchId, out _);
                    UploadFolders.TryDelete(item.TempFolder, logger);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await AbandonWaitingAsync();
        }
    }

    /// <summary>The server is stopping: nothing more will be imported by this process.</summary>
    private async Task AbandonWaitingAsync()
    {
        var waiting = new List<QueuedImport>();
        while (queue.TryDequeue(out var item))
        {
            UploadFolders.TryDelete(item.TempFolder, logger);
            waiting.Add(item);
        }

        if (waiting.Count == 0)
        {
            return;
        }

        try
        {
            // Bounded: shutdown must not hang on a busy database; the next start marks them anyway.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.AppDb>();
            var ids = waiting.Select(w => w.BatchId).ToList();
            await db.Set<Model.ImportBatch>()
                .Where(b => ids.Contains(b.Id) && b.Status == Model.ImportStatus.Queued)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(b => b.Status, Model.ImportStatus.Interrupted)
                    .SetProperty(b => b.FinishedUtc, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(b => b.ErrorMessage, InterruptedImports.Message), timeout.Token);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or OperationCanceledException or ObjectDisposedException)
        {
            logger.CouldNotMarkWaiting(ex, waiting.Count);
        }
    }

    private sealed class Latest(ImportQueue queue, int batchId) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => queue.Progress[batchId] = value;
    }
}
