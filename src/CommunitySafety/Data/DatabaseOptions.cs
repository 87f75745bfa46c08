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

    /// <summary>
    /// Folder for the SQLite file, uploads, documents and keys, relative to the content root: <c>src/CommunitySafety/data</c>
    /// when run from the checkout, otherwise <c>data</c> beside the app's own files (a build's <c>bin/.../data</c>). Printed at start.
    /// </summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The data folder as a full path (relative settings are taken from the content root).</summary>
    public string DataFolderPath(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataFolder));

    /// <summary>
    /// SQLite synchronous level. FULL is the durable default (REL-DB-01); NORMAL only by explicit setting.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "FULL";
}
