#!/usr/bin/env bash
# Until the first production release the schema is one "Initial" migration per provider.
# This rebuilds both from the current model (run after changing entities; never after a release).
set -euo pipefail
cd "$(dirname "$0")/../src/CommunitySafety"
dotnet tool restore >/dev/null
# Also remove the stray snapshot folder an earlier run left at CommunitySafety/Data/Migrations: EF finds the
# old snapshot there and would generate a diff instead of a full Initial migration.
rm -rf Data/Migrations CommunitySafety/Data/Migrations
dotnet ef migrations add Initial --context SqliteAppDb --output-dir Data/Migrations/Sqlite --namespace CommunitySafety.Data.Migrations.Sqlite
dotnet ef migrations add Initial --context PostgresAppDb --output-dir Data/Migrations/Postgres --namespace CommunitySafety.Data.Migrations.Postgres
rm -f design-time.db*
