using CommunitySafety.Features.Places.Model;
using Microsoft.Extensions.Logging;

namespace CommunitySafety.Features.Places.Imports;

// Source-generated log messages (CA1848): no formatting work unless the level is enabled.
internal static partial class ImportLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "police.uk import {BatchId} failed")]
    public static partial void PoliceUkImportFailed(this ILogger logger, Exception ex, int batchId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "{Kind} import {BatchId} failed")]
    public static partial void ReferenceImportFailed(this ILogger logger, Exception ex, ImportKind kind, int batchId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Queued import {BatchId} failed")]
    public static partial void QueuedImportFailed(this ILogger logger, Exception ex, int batchId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Could not mark {Count} waiting import(s) as interrupted at shutdown")]
    public static partial void CouldNotMarkWaiting(this ILogger logger, Exception ex, int count);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Marked {Count} import(s) as interrupted (their process stopped before finishing): batch {Ids}")]
    public static partial void MarkedInterrupted(this ILogger logger, int count, string ids);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning,
        Message = "Could not check for interrupted imports now; will check again before the next import")]
    public static partial void CouldNotCheckInterrupted(this ILogger logger, Exception ex);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Could not delete upload folder {Folder}")]
    public static partial void CouldNotDeleteUploadFolder(this ILogger logger, Exception ex, string folder);
}
