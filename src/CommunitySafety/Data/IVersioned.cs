namespace CommunitySafety.Data;

/// <summary>
/// A record edited by people. <see cref="Version"/> is the optimistic concurrency token: it is
/// raised by <see cref="AppDb"/> on every save, so a second save based on a stale read fails
/// instead of silently overwriting (portable: SQLite has no rowversion, and we avoid PostgreSQL xmin).
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
