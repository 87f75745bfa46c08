#!/usr/bin/env bash
# Police.uk import benchmark. Builds a big street file by repeating the real Hertfordshire months
# (in a temp dir, never committed), then times, in the same run:
#   1. sqlite3's bare `.import` of the file into an unindexed table (baseline);
#   2. the product's import into a fresh SQLite file (CommunitySafety.Bench);
#   3. the product's import into a fresh PostgreSQL database (throwaway server, or CSP_BENCH_POSTGRES);
#   4. a PostGIS pipeline (COPY + spatial join + GROUP BY) when PostGIS is available.
# Usage: bench/run.sh [ROWS]   (default 4,700,000; BENCH_SKIP_PG=1 skips PostgreSQL)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROWS="${1:-${BENCH_ROWS:-4700000}}"
DATA="${CSP_SHARED_DATA:-}"
if [[ -z "$DATA" ]]; then
  for d in "$ROOT/../shared/data" "$ROOT/../../shared/data" /work/shared/data; do
    [[ -f "$d/README.md" ]] && DATA="$(cd "$d" && pwd)" && break
  done
fi
[[ -f "$DATA/README.md" ]] || { echo "shared/data not found; set CSP_SHARED_DATA" >&2; exit 2; }
WORK="$(mktemp -d /tmp/csp-bench.XXXXXX)"
chmod 755 "$WORK"
PG_STARTED=""
cleanup() {
  if [[ -n "$PG_STARTED" ]]; then runuser -u postgres -- "$PGBIN/pg_ctl" stop -m fast -D "$WORK/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build "$ROOT/bench/CommunitySafety.Bench/CommunitySafety.Bench.csproj" -c Release -v q -nologo >/dev/null
BENCH="$ROOT/bench/CommunitySafety.Bench/bin/Release/net10.0/CommunitySafety.Bench.dll"

echo "== input: $ROWS rows from the real Hertfordshire street files"
BIG="$WORK/bench-hertfordshire-street.csv"
FILES=("$DATA"/police-uk/street/hertfordshire/*-street.csv)
head -n 1 "${FILES[0]}" > "$BIG"
have=0
pass=0
while (( have < ROWS )); do
  for f in "${FILES[@]}"; do
    # One line-ending style, so every tool reads the same rows. Each repeat gets its own Crime IDs (the first 8
    # hex digits replaced by the pass number): the import stores a Crime ID repeated within a file only once.
    tail -n +2 "$f" | tr -d '\r' | awk -F, -v OFS=, -v pass="$pass" \
      'pass > 0 && length($1) == 64 { $1 = sprintf("%08x", pass) substr($1, 9) } { print }' >> "$BIG"
    have=$(( have + $(tail -n +2 "$f" | wc -l) ))
    (( have >= ROWS )) && break
  done
  pass=$(( pass + 1 ))
done
head -n $(( ROWS + 1 )) "$BIG" > "$BIG.tmp" && mv "$BIG.tmp" "$BIG"
chmod 644 "$BIG"
echo "   $(( $(wc -l < "$BIG") - 1 )) rows, $(du -m "$BIG" | cut -f1) MB"
sync

seconds() { /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }; cat "$WORK/out.txt"; }

echo "== baseline: sqlite3 .import into an unindexed table"
seconds sqlite3 "$WORK/baseline.db" ".mode csv" ".import $BIG crimes" "SELECT 'rows imported: ' || count(*) FROM crimes;"
read -r SQLITE_BASE SQLITE_BASE_KB < "$WORK/time.txt"
echo "   sqlite3 .import: ${SQLITE_BASE} s (peak RSS $(( SQLITE_BASE_KB / 1024 )) MB)"

echo "== product: import into a fresh SQLite file"
seconds dotnet "$BENCH" sqlite "Data Source=$WORK/product.db" "$BIG" "$DATA"
read -r _ PRODUCT_SQLITE_KB < "$WORK/time.txt"
PRODUCT_SQLITE=$(grep -o '\[Sqlite\] IMPORT.*seconds=[0-9.]*' "$WORK/out.txt" | sed 's/.*seconds=//')
echo "   product SQLite import: ${PRODUCT_SQLITE} s; whole bench process peak RSS $(( PRODUCT_SQLITE_KB / 1024 )) MB"
echo "   RATIO product/sqlite3 = $(echo "scale=3; $PRODUCT_SQLITE / $SQLITE_BASE" | bc)"

if [[ "${BENCH_SKIP_PG:-}" == "1" ]]; then exit 0; fi

PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
if [[ -n "${CSP_BENCH_POSTGRES:-}" ]]; then
  PGCS="$CSP_BENCH_POSTGRES"
  PSQL=(psql "$PGCS")
else
  echo "== starting a throwaway PostgreSQL (fsync on: production durability)"
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
  runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust --locale=C.UTF-8 >/dev/null
  PORT=$(( 56000 + RANDOM % 2000 ))
  runuser -u postgres -- "$PGBIN/pg_ctl" start -w -D "$WORK/pg" -l "$WORK/pg/log" \
    -o "-p $PORT -k $WORK/pg -c listen_addresses='' -c shared_buffers=128MB -c max_wal_size=4GB" >/dev/null
  PG_STARTED=1
  runuser -u postgres -- "$PGBIN/createdb" -h "$WORK/pg" -p "$PORT" csp_bench
  PGCS="Host=$WORK/pg;Port=$PORT;Username=postgres;Database=csp_bench"
  PSQL=(runuser -u postgres -- psql -h "$WORK/pg" -p "$PORT" -d csp_bench -v ON_ERROR_STOP=1 -q)
fi

echo "== product: import into a fresh PostgreSQL database"
seconds dotnet "$BENCH" postgres "$PGCS" "$BIG" "$DATA"
read -r _ PRODUCT_PG_KB < "$WORK/time.txt"
PRODUCT_PG=$(grep -o '\[Postgres\] IMPORT.*seconds=[0-9.]*' "$WORK/out.txt" | sed 's/.*seconds=//')
echo "   product PostgreSQL import: ${PRODUCT_PG} s; whole bench process peak RSS $(( PRODUCT_PG_KB / 1024 )) MB"

if [[ ! -f "$(ls -d /usr/share/postgresql/*/extension 2>/dev/null | sort -V | tail -1)/postgis.control" ]]; then
  echo "== PostGIS not installed; installing postgresql-15-postgis-3 for the baseline"
  apt-get install -y --no-install-recommends postgresql-15-postgis-3 >/dev/null 2>&1 || echo "   (install failed: no PostGIS baseline)"
fi
if [[ -f "$(ls -d /usr/share/postgresql/*/extension 2>/dev/null | sort -V | tail -1)/postgis.control" ]]; then
  echo "== baseline: PostGIS pipeline (COPY + spatial join + GROUP BY)"
  "${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS postgis" \
    -c "DROP TABLE IF EXISTS gis_wards, gis_raw, gis_placed, gis_counts" \
    -c "CREATE TABLE gis_wards AS SELECT code, ST_GeomFromWKB(geometry, 4326) AS geom FROM wards" \
    -c "CREATE INDEX ON gis_wards USING gist (geom)" -c "ANALYZE gis_wards"
  start=$(date +%s.%N)
  "${PSQL[@]}" \
    -c "CREATE TABLE gis_raw (crime_id text, month text, reported_by text, falls_within text, longitude double precision, latitude double precision, location text, lsoa_code text, lsoa_name text, crime_type text, last_outcome text, context text)" \
    -c "COPY gis_raw FROM '$BIG' (FORMAT csv, HEADER true)" \
    -c "CREATE TABLE gis_placed AS SELECT r.month, r.crime_type, w.code FROM gis_raw r LEFT JOIN gis_wards w ON ST_Covers(w.geom, ST_SetSRID(ST_MakePoint(r.longitude, r.latitude), 4326))" \
    -c "CREATE TABLE gis_counts AS SELECT code, month, crime_type, count(*) AS n FROM gis_placed GROUP BY 1, 2, 3"
  end=$(date +%s.%N)
  POSTGIS=$(echo "$end - $start" | bc)
  echo "   PostGIS pipeline: ${POSTGIS} s"
  echo "   RATIO product/PostGIS = $(echo "scale=3; $PRODUCT_PG / $POSTGIS" | bc)  (target < 0.333)"
fi
