#!/usr/bin/env bash
# People-search benchmark: 1,000,000 people and 200,000 cases into a fresh SQLite file and a fresh
# PostgreSQL database (throwaway server like the tests', or CSP_BENCH_POSTGRES), then p50/p95 of the
# product's name search over 500 random queries. Extra arguments pass through, e.g.
#   bench/people-search.sh --people 100000 --cases 20000 --provider sqlite
#   bench/people-search.sh --reuse-sqlite   (measure again on the SQLite file of a previous run)
# Set CSP_BENCH_SHOW_SQL=1 to print the SQL of one query of each kind.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/CommunitySafety.Bench -- people-search "$@"
