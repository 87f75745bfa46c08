using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Auditing;

/// <summary>
/// Makes the audit table append-only at the database, whatever the application does (DP-AUD-03):
/// on SQLite BEFORE UPDATE/DELETE triggers abort; on PostgreSQL a trigger raises and the app's
/// role loses UPDATE, DELETE and TRUNCATE. Applied idempotently after every migration.
/// </summary>
public static class AuditProtection
{
    public static async Task ApplyAsync(AppDb db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
                """, ct);
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
                """, ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_events is append-only'; END; $$;
                DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events;
                CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
                REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
                REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM CURRENT_USER;
                """, ct);
        }
    }
}
