using System.Collections.Concurrent;
using System.Threading.Channels;
using CommunitySafety.Features.Places.Import;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>A web upload waiting to be imported: its queued batch and the temp folder holding the file.</summary>
public sealed record QueuedImport(int BatchId, string Path, string TempFolder, string UserName);

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
}

/// <summary>Runs queued imports; always deletes the uploaded temp file afterwards, also on failure (ASVS 14.2.2).</summary>
public sealed class ImportQueueWorker(ImportQueue queue, IServiceScopeFactory scopes, ILogger<ImportQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<PoliceUkImporter>();
                var progress = new Latest(queue, item.BatchId);
                await importer.ImportAsync(item.Path, item.UserName, new PoliceUkImportOptions(), progress, item.BatchId, ct: stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Queued import {BatchId} failed", item.BatchId);
            }
            finally
            {
                queue.Progress.TryRemove(item.BatchId, out _);
                try
                {
                    Directory.Delete(item.TempFolder, recursive: true);
                }
                catch (IOException ex)
                {
                    logger.LogWarning(ex, "Could not delete upload folder {Folder}", item.TempFolder);
                }
            }
        }
    }

    private sealed class Latest(ImportQueue queue, int batchId) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => queue.Progress[batchId] = value;
    }
}
