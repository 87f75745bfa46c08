namespace CommunitySafety.Security;

/// <summary>Configuration section <c>Security</c>. Defaults follow ASVS 4.0.3 3.3.2 (L2).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public int IdleTimeoutMinutes { get; set; } = 30;
    public int AbsoluteTimeoutHours { get; set; } = 12;
    public int MaxSessionsPerUser { get; set; } = 3;

    /// <summary>Sign-in attempts allowed per client address per minute before 429 (SEC-RL-01).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Rows one export of personal data may hold; a bigger one is refused (DP-EXP-01).</summary>
    public int ExportRowLimit { get; set; } = 1000;

    /// <summary>Exports of personal data one user may make in an hour; the next gets 429 (DP-EXP-01, SEC-RL-01).</summary>
    public int ExportsPerHour { get; set; } = 5;

    /// <summary>Views of personal records by one user within <see cref="BulkAccessWindowMinutes"/> that raise a bulk-access alert (SEC-RL-01).</summary>
    public int BulkAccessViews { get; set; } = 200;

    public int BulkAccessWindowMinutes { get; set; } = 10;

    /// <summary>
    /// Two-factor sign-in is required for every role. Null means "required unless the demo
    /// partnership is enabled" (the issue's rule); true/false force it either way.
    /// </summary>
    public bool? RequireTwoFactor { get; set; }

    /// <summary>Optional map tile server URL template; when set it is also allowed by the CSP.</summary>
    public string? MapTileUrl { get; set; }
}
