#!/usr/bin/env bash
# People-search benchmark: 1,000,000 people and 200,000 cases into a fresh SQLite file and a fresh
# PostgreSQL database (throwaway server like the tests', or CSP_BENCH_POSTGRES), then p50/p95 of the
# product's name search over 500 random queries. Extra arguments pass through, e.g.
#   bench/people-search.sh --people 100000 --cases 20000 --provider sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/CommunitySafety.Bench -- "$@"
