namespace CommunitySafety.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Configuration section <c>Database</c>; also settable as Database__Provider etc.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and other local state, relative to the content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// SQLite synchronous level. FULL is the durable default (REL-DB-01); NORMAL only by explicit setting.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "FULL";
}
