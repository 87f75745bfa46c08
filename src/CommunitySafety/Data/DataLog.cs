using Microsoft.Extensions.Logging;

namespace CommunitySafety.Data;

// Source-generated log messages (CA1848): no formatting work unless the level is enabled.
internal static partial class DataLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Demo partnership is off (Demo:Enabled=false).")]
    public static partial void DemoOff(this ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Waiting for another process to finish migrating the database (it holds {LockFile})")]
    public static partial void WaitingForMigrationLock(this ILogger logger, string lockFile);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Removed a database migration lock left by a process that stopped while starting up; starting normally")]
    public static partial void RemovedStaleMigrationLock(this ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Seeded the {County} demo partnership.")]
    public static partial void DemoSeeded(this ILogger logger, string county);
}
