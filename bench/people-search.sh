#!/usr/bin/env bash
# People-search and core-writes benchmark (issue 9). Into a fresh SQLite file and a fresh PostgreSQL database, through
# the product's own host: the demo partnership (product seed), then 1,000,000 people (~100k aliases), 200,000 cases and
# 200,000 ASB incidents at 50,000 places by bulk insert/COPY. Then, per provider:
#   - p50/p95 of the product's name search (PeopleSearch.FindIdsAsync) over 500 random queries;
#   - p50/p95/p99/max of 300 of each write through the core services, after a warm-up, each with its audit entries,
#     timeline line and the audit chain's gate: opening a case (CaseService.OpenAsync), recording an ASB incident
#     (AsbIncidentRecorder.RecordAsync: the victim-match check, a chosen match, a confirmed new victim), the general
#     incident form (IncidentService) and making a referral from a case (ReferralService.MakeAsync).
# Target: p95 < 50 ms for each, on both databases. Commits are durable: SQLite synchronous=FULL (the product default),
# and PostgreSQL is a throwaway server started here with fsync, synchronous_commit and full_page_writes on (the tests'
# server turns them off, which would flatter every write). CSP_BENCH_POSTGRES=<connection string> uses a server of yours.
# Extra arguments pass through, e.g.
#   bench/people-search.sh --people 100000 --cases 20000 --provider sqlite
#   bench/people-search.sh --reuse-sqlite        (measure again on the SQLite file of a previous run)
#   bench/people-search.sh --writes 0            (search only)
# Set CSP_BENCH_SHOW_SQL=1 to print the SQL of one query of each kind and of one write of each kind.
#
# Figures of the last full run (machine, load, the printed table): README.md, Benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/CommunitySafety.Bench -c Release -v q -nologo >/dev/null
BENCH="bench/CommunitySafety.Bench/bin/Release/net10.0/CommunitySafety.Bench.dll"

WORK=""
cleanup() {
  if [[ -n "$WORK" ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" stop -m fast -D "$WORK/pg" >/dev/null 2>&1 || true
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

if [[ -z "${CSP_BENCH_POSTGRES:-}" && " $* " != *" --provider sqlite "* ]] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 && id postgres >/dev/null 2>&1; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  WORK="$(mktemp -d /tmp/csp-people-bench.XXXXXX)"
  chmod 755 "$WORK"
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
  runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust --locale=C.UTF-8 >/dev/null
  PORT=$(( 58000 + RANDOM % 2000 ))
  runuser -u postgres -- "$PGBIN/pg_ctl" start -w -D "$WORK/pg" -l "$WORK/pg/log" \
    -o "-p $PORT -k $WORK/pg -c listen_addresses='' -c shared_buffers=256MB -c max_wal_size=4GB" >/dev/null
  export CSP_BENCH_POSTGRES="Host=$WORK/pg;Port=$PORT;Username=postgres;Database=postgres"
fi
dotnet "$BENCH" people-search "$@"
