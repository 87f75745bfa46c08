#!/usr/bin/env bash
# Until the first production release the schema is one "Initial" migration per provider.
# This rebuilds both from the current model (run after changing entities; never after a release).
set -euo pipefail
cd "$(dirname "$0")/../src/CommunitySafety"
dotnet tool restore >/dev/null
# The design-time package is referenced only for this (see CommunitySafety.csproj).
export EfDesignTime=true
# The snapshot must go too, or EF would generate a diff against it instead of a full Initial migration.
# (Earlier runs left it in CommunitySafety/Data/Migrations; the namespace now follows the folder.)
rm -rf Data/Migrations CommunitySafety/Data/Migrations CommunitySafety
dotnet ef migrations add Initial --context SqliteAppDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add Initial --context PostgresAppDb --output-dir Data/Migrations/Postgres
rm -f design-time.db*
