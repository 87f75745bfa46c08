using Microsoft.Extensions.Logging;

namespace CommunitySafety.Features.Asb;

// Source-generated log messages (CA1848): no formatting work unless the level is enabled.
internal static partial class AsbLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "ASB repeat rule: the scheduled check is off (Asb:RepeatRule:SweepIntervalMinutes = 0)")]
    public static partial void RepeatSweepOff(this ILogger logger);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "ASB repeat rule: ended {Flags} repeat-victim flag(s) and {Markers} repeat-location marker(s)")]
    public static partial void RepeatSweepEnded(this ILogger logger, int flags, int markers);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "ASB repeat rule check failed")]
    public static partial void RepeatSweepFailed(this ILogger logger, Exception ex);
}
