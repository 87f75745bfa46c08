using System.Data.Common;
using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.IO;

namespace CommunitySafety.Features.Places.Import;

/// <summary>What a re-placement did, for the command line and the import history.</summary>
public sealed record ReplacementSummary(long Records, int MapPoints, int LsoaCodes, long InWardByPoint, long InWardByLsoa, long OutsideArea, long NoLocation)
{
    public string Note => Records == 0
        ? "No stored police.uk records to re-place."
        : string.Create(CultureInfo.InvariantCulture,
            $"Re-placed the {Records:N0} stored police.uk records in the current wards: {InWardByPoint:N0} in a ward by map point, {InWardByLsoa:N0} by LSOA, {OutsideArea:N0} outside the area, {NoLocation:N0} without a location. Ward counts rebuilt.");
}

/// <summary>
/// Makes stored records follow the current ward boundary set: every street record is placed again exactly as
/// the importer places a new one (its map point in a current ward by point-in-polygon, <see cref="WardAssigner"/>;
/// a record with no coordinates through its LSOA, <see cref="LsoaPlacement"/>), then ward_monthly_counts — what
/// the map and analysis pages read — is rebuilt from the records.
/// </summary>
/// <remarks>
/// <para>Runs inside the caller's transaction (the boundary or lookup import that changed placement), so the new
/// wards and the figures built on them become visible together, or not at all.</para>
/// <para>Work is per distinct map point and LSOA code, not per record: police.uk snaps crimes to a limited set of
/// anonymous points (reference 2.9), so a county's millions of records share tens of thousands of points. Those
/// are placed in memory and written to a temporary table; two set-based UPDATEs then copy the placement onto the
/// records (changed rows only) and one INSERT … SELECT … GROUP BY rebuilds the counts. The grouping is the one
/// the importer accumulates while parsing (ward, force-month, month, category, placement; with-outcome = records
/// with a last outcome), so the rebuilt table equals a fresh import of the same files.</para>
/// </remarks>
public static class WardReplacement
{
    /// <param name="points">False when only the LSOA lookups changed: records with a map point keep their ward.</param>
    public static async Task<ReplacementSummary> RunAsync(AppDb db, bool points, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Re-placement must run inside the transaction that changed the wards or lookups.");
        }

        var records = await db.Set<CrimeRecord>().LongCountAsync(ct);
        if (records == 0)
        {
            return new ReplacementSummary(0, 0, 0, 0, 0, 0, 0);
        }

        void Report(string stage, long done, long total) => progress?.Report(new ImportProgress(stage, null, done, total, records, "stored records"));

        var wards = await db.Set<Ward>().AsNoTracking()
            .Where(w => db.Set<Model.BoundarySet>().Any(s => s.Id == w.BoundarySetId && s.IsCurrent && s.Level == BoundaryLevel.Ward))
            .Select(w => new { w.Id, w.Code, w.Geometry }).ToListAsync(ct);
        var wardIdByCode = wards.ToDictionary(w => w.Code, w => w.Id, StringComparer.Ordinal);

        var mapPoints = 0;
        if (points)
        {
            Report("Re-placing records: finding map points", 0, 1);
            var distinct = await ReadAsync(db, "SELECT DISTINCT longitude, latitude FROM crime_records WHERE longitude IS NOT NULL",
                r => (Lon: r.GetDouble(0), Lat: r.GetDouble(1)), ct);
            mapPoints = distinct.Count;
            var reader = new WKBReader();
            var assigner = wards.Count == 0 ? null : new WardAssigner(wards.Select(w => KeyValuePair.Create(w.Code, reader.Read(w.Geometry))));
            var placed = new List<object?[]>(distinct.Count);
            for (var i = 0; i < distinct.Count; i++)
            {
                if ((i & 0xFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    Report("Re-placing records: placing map points in wards", i, distinct.Count);
                }

                var (lon, lat) = distinct[i];
                var code = assigner?.Assign(lon, lat);
                placed.Add([lon, lat, code is null ? null : wardIdByCode[code], (short)(code is null ? Placement.OutsideArea : Placement.InWardByPoint)]);
            }

            Report("Re-placing records: updating records with a map point", 0, 1);
            await FillTempTableAsync(db, "replace_points", "longitude DOUBLE PRECISION NOT NULL, latitude DOUBLE PRECISION NOT NULL, ward_id INTEGER NULL, placement SMALLINT NOT NULL, PRIMARY KEY (longitude, latitude)",
                ["longitude", "latitude", "ward_id", "placement"], placed, ct);
            await db.Database.ExecuteSqlRawAsync(db.Provider == DatabaseProvider.Postgres
                ? """
                  UPDATE crime_records c SET ward_id = p.ward_id, placement = p.placement
                  FROM replace_points p
                  WHERE c.longitude = p.longitude AND c.latitude = p.latitude
                    AND (c.ward_id IS DISTINCT FROM p.ward_id OR c.placement <> p.placement)
                  """
                // SQLite: a correlated subquery keeps the plan "scan the records once, look each point up by the
                // temporary table's key" (the records have no index on their coordinates).
                : """
                  UPDATE crime_records SET (ward_id, placement) =
                      (SELECT p.ward_id, p.placement FROM replace_points p WHERE p.longitude = crime_records.longitude AND p.latitude = crime_records.latitude)
                  WHERE longitude IS NOT NULL AND EXISTS (
                      SELECT 1 FROM replace_points p WHERE p.longitude = crime_records.longitude AND p.latitude = crime_records.latitude
                        AND (p.ward_id IS NOT crime_records.ward_id OR p.placement <> crime_records.placement))
                  """, ct);
        }

        Report("Re-placing records: records with only an LSOA code", 0, 1);
        var lsoaCodes = await ReadAsync(db, "SELECT DISTINCT lsoa_code FROM crime_records WHERE longitude IS NULL AND lsoa_code IS NOT NULL",
            r => r.GetString(0), ct);
        if (lsoaCodes.Count > 0)
        {
            var byLsoa = await LsoaPlacement.BuildAsync(db, wardIdByCode, ct);
            var placed = lsoaCodes.Select(code => byLsoa.TryGetValue(code, out var wardId)
                ? new object?[] { code, wardId, (short)Placement.InWardByLsoa }
                : new object?[] { code, null, (short)Placement.OutsideArea }).ToList();
            await FillTempTableAsync(db, "replace_lsoas", "lsoa_code VARCHAR(20) NOT NULL PRIMARY KEY, ward_id INTEGER NULL, placement SMALLINT NOT NULL",
                ["lsoa_code", "ward_id", "placement"], placed, ct);
            await db.Database.ExecuteSqlRawAsync(db.Provider == DatabaseProvider.Postgres
                ? """
                  UPDATE crime_records c SET ward_id = l.ward_id, placement = l.placement
                  FROM replace_lsoas l
                  WHERE c.longitude IS NULL AND c.lsoa_code = l.lsoa_code
                    AND (c.ward_id IS DISTINCT FROM l.ward_id OR c.placement <> l.placement)
                  """
                : """
                  UPDATE crime_records SET (ward_id, placement) =
                      (SELECT l.ward_id, l.placement FROM replace_lsoas l WHERE l.lsoa_code = crime_records.lsoa_code)
                  WHERE longitude IS NULL AND EXISTS (
                      SELECT 1 FROM replace_lsoas l WHERE l.lsoa_code = crime_records.lsoa_code
                        AND (l.ward_id IS NOT crime_records.ward_id OR l.placement <> crime_records.placement))
                  """, ct);
        }

        Report("Re-placing records: rebuilding ward counts", 0, 1);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM ward_monthly_counts", ct);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO ward_monthly_counts (ward_id, force_month_id, month, category, placement, count, with_outcome_count)
            SELECT ward_id, force_month_id, month, category, placement, COUNT(*), COUNT(last_outcome_id)
            FROM crime_records
            GROUP BY ward_id, force_month_id, month, category, placement
            """, ct);
        await DropTempTablesAsync(db, ct);

        var byPlacement = await db.Set<WardMonthlyCount>().GroupBy(c => c.Placement)
            .Select(g => new { Placement = g.Key, Count = g.Sum(c => (long)c.Count) }).ToDictionaryAsync(x => x.Placement, x => x.Count, ct);
        Report("Re-placing records: done", 1, 1);
        return new ReplacementSummary(records, mapPoints, lsoaCodes.Count,
            byPlacement.GetValueOrDefault(Placement.InWardByPoint), byPlacement.GetValueOrDefault(Placement.InWardByLsoa),
            byPlacement.GetValueOrDefault(Placement.OutsideArea), byPlacement.GetValueOrDefault(Placement.NoLocation));
    }

    private static async Task<List<T>> ReadAsync<T>(AppDb db, string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(read(reader));
        }

        return result;
    }

    private static async Task FillTempTableAsync(AppDb db, string table, string definition, string[] columns, List<object?[]> rows, CancellationToken ct)
    {
        // Table names and definitions are constants of this class, never input.
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // ON COMMIT DROP: gone with the transaction whatever happens.
            var create = $"CREATE TEMP TABLE {table} ({definition}) ON COMMIT DROP";
            await db.Database.ExecuteSqlRawAsync(create, ct);
        }
        else
        {
            // SQLite temporary tables belong to the (pooled) connection: start clean, and
            // DropTempTablesAsync removes them before the connection goes back to the pool.
            var drop = $"DROP TABLE IF EXISTS temp.{table}";
            var createSqlite = $"CREATE TEMP TABLE {table} ({definition})";
            await db.Database.ExecuteSqlRawAsync(drop, ct);
            await db.Database.ExecuteSqlRawAsync(createSqlite, ct);
        }

        await using (var writer = RecordWriters.Create(db, batchId: 0))
        {
            await writer.InsertRowsAsync(table, columns, rows, ct);
        }

        if (db.Provider == DatabaseProvider.Postgres)
        {
            var analyze = $"ANALYZE {table}";
            await db.Database.ExecuteSqlRawAsync(analyze, ct);
        }
    }

    private static async Task DropTempTablesAsync(AppDb db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS temp.replace_points", ct);
            await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS temp.replace_lsoas", ct);
        }
    }
}
