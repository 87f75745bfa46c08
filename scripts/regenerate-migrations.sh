#!/usr/bin/env bash
# Until the first production release the schema is one "Initial" migration per provider.
# This rebuilds both from the current model (run after changing entities; never after a release).
set -euo pipefail
cd "$(dirname "$0")/../src/CommunitySafety"
dotnet tool restore >/dev/null
# EF writes the model snapshot under CommunitySafety/Data/… (namespace path); a stale one left there
# would make "Initial" only a diff, so remove both locations.
rm -rf Data/Migrations CommunitySafety/Data/Migrations
dotnet ef migrations add Initial --context SqliteAppDb --output-dir Data/Migrations/Sqlite --namespace CommunitySafety.Data.Migrations.Sqlite
dotnet ef migrations add Initial --context PostgresAppDb --output-dir Data/Migrations/Postgres --namespace CommunitySafety.Data.Migrations.Postgres
rm -f design-time.db*
