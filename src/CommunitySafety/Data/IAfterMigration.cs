namespace CommunitySafety.Data;

/// <summary>
/// Work that must run once the schema is current and before the database is used: at web start-up and at the
/// start of every command-line verb (both go through <see cref="DatabaseStartup.MigrateAsync"/>). Features
/// register implementations; they run in registration order.
/// </summary>
public interface IAfterMigration
{
    Task RunAsync(AppDb db, CancellationToken ct);
}
