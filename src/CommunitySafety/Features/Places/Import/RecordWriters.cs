using CommunitySafety.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace CommunitySafety.Features.Places.Import;

internal static class RecordWriters
{
    public static IRecordWriter Create(AppDb db, int batchId) => db.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteRecordWriter(db, batchId),
        DatabaseProvider.Postgres => new PostgresRecordWriter(db, batchId),
        _ => throw new NotSupportedException(db.Provider.ToString()),
    };

    public const string CrimeColumns =
        "batch_id, force_month_id, month, category, crime_id, longitude, latitude, location_id, lsoa_code, ward_id, placement, last_outcome_id";

    public const string OutcomeColumns = "batch_id, force_month_id, crime_id, month, outcome_id";

    public static async Task ClearAsync(AppDb db, int forceMonthId, PoliceUkFileKind kind, CancellationToken ct)
    {
        if (kind == PoliceUkFileKind.Street)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM crime_records WHERE force_month_id = {forceMonthId}", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM ward_monthly_counts WHERE force_month_id = {forceMonthId}", ct);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM crime_outcomes WHERE force_month_id = {forceMonthId}", ct);
        }
    }
}

/// <summary>
/// SQLite: one prepared INSERT stepped through the raw SQLitePCLRaw API on EF's own connection (so it
/// runs inside the import transaction). This skips ADO.NET parameter objects and per-row allocations,
/// which dominate the cost of a multi-million-row load (SQLite docs, "Prepared statements":
/// bind/step/reset reuses the compiled statement).
/// </summary>
internal sealed class SqliteRecordWriter : IRecordWriter
{
    private readonly AppDb _db;
    private readonly int _batchId;
    private sqlite3_stmt? _crime;
    private sqlite3_stmt? _outcome;

    public SqliteRecordWriter(AppDb db, int batchId)
    {
        _db = db;
        _batchId = batchId;
    }

    private sqlite3 Handle => ((SqliteConnection)_db.Database.GetDbConnection()).Handle!;

    public Task ClearForceMonthAsync(int forceMonthId, PoliceUkFileKind kind, CancellationToken ct) =>
        RecordWriters.ClearAsync(_db, forceMonthId, kind, ct);

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public Task WriteAsync(RecordBatch batch, IReadOnlyList<int> forceMonthIds, CancellationToken ct)
    {
        if (batch.Kind == PoliceUkFileKind.Street)
        {
            WriteCrimes(batch, forceMonthIds);
        }
        else
        {
            WriteOutcomes(batch, forceMonthIds);
        }

        return Task.CompletedTask;
    }

    /// <summary>Rows per multi-row INSERT: one statement execution (and one AUTOINCREMENT
    /// sqlite_sequence update) per this many rows instead of per row.</summary>
    private const int RowsPerInsert = 64;

    private const int CrimeColumnCount = 12;

    private sqlite3_stmt? _crimeMulti;
    private readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);

    private void WriteCrimes(RecordBatch b, IReadOnlyList<int> fm)
    {
        var single = _crime ??= Prepare(CrimeInsertSql(1), _batchId, 1);
        var multi = _crimeMulti ??= Prepare(CrimeInsertSql(RowsPerInsert), _batchId, RowsPerInsert);
        var singleHandle = single.DangerousGetHandle();
        var multiHandle = multi.DangerousGetHandle();
        var i = 0;
        for (; i + RowsPerInsert <= b.Count; i += RowsPerInsert)
        {
            for (var r = 0; r < RowsPerInsert; r++)
            {
                BindCrime(multiHandle, r * CrimeColumnCount, b, i + r, fm);
            }

            Step(multi);
        }

        for (; i < b.Count; i++)
        {
            BindCrime(singleHandle, 0, b, i, fm);
            Step(single);
        }
    }

    private static string CrimeInsertSql(int rows)
    {
        var sql = new System.Text.StringBuilder($"INSERT INTO crime_records ({RecordWriters.CrimeColumns}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "" : ",").Append("(?,?,?,?,?,?,?,?,?,?,?,?)");
        }

        return sql.ToString();
    }

    /// <summary>Binds row <paramref name="i"/> of the batch to parameters base+2 .. base+12 (base+1 is the batch id).</summary>
    private void BindCrime(nint stmt, int @base, RecordBatch b, int i, IReadOnlyList<int> fm)
    {
        SqliteBind.Int(stmt, @base + 2, fm[b.ForceMonthKey[i]]);
        SqliteBind.Int(stmt, @base + 3, b.Month[i]);
        SqliteBind.Int(stmt, @base + 4, b.Category[i]);
        if (b.HasCrimeId[i])
        {
            SqliteBind.Blob(stmt, @base + 5, b.CrimeId, i * RecordBatch.CrimeIdBytes, RecordBatch.CrimeIdBytes);
        }
        else
        {
            SqliteBind.Null(stmt, @base + 5);
        }

        if (b.HasPoint[i])
        {
            SqliteBind.Double(stmt, @base + 6, b.Longitude[i]);
            SqliteBind.Double(stmt, @base + 7, b.Latitude[i]);
        }
        else
        {
            SqliteBind.Null(stmt, @base + 6);
            SqliteBind.Null(stmt, @base + 7);
        }

        BindOptionalInt(stmt, @base + 8, b.LocationId[i]);
        if (b.LsoaCode[i] is { } lsoa)
        {
            // LSOA codes repeat heavily: each distinct code is encoded to UTF-8 once, into a pinned
            // array that lives as long as the writer (so it can be bound without copying); there are at most
            // the ~70,000 LSOA codes of England and Wales (2011 and 2021).
            if (!_utf8.TryGetValue(lsoa, out var bytes))
            {
                bytes = GC.AllocateArray<byte>(System.Text.Encoding.UTF8.GetByteCount(lsoa), pinned: true);
                System.Text.Encoding.UTF8.GetBytes(lsoa, bytes);
                _utf8.Add(lsoa, bytes);
            }

            SqliteBind.Text(stmt, @base + 9, bytes);
        }
        else
        {
            SqliteBind.Null(stmt, @base + 9);
        }

        BindOptionalInt(stmt, @base + 10, b.WardId[i]);
        SqliteBind.Int(stmt, @base + 11, b.Placement[i]);
        BindOptionalInt(stmt, @base + 12, b.OutcomeId[i]);
    }

    private void WriteOutcomes(RecordBatch b, IReadOnlyList<int> fm)
    {
        var stmt = _outcome ??= Prepare($"INSERT INTO crime_outcomes ({RecordWriters.OutcomeColumns}) VALUES (?,?,?,?,?)", _batchId, 1);
        for (var i = 0; i < b.Count; i++)
        {
            var handle = stmt.DangerousGetHandle();
            SqliteBind.Int(handle, 2, fm[b.ForceMonthKey[i]]);
            SqliteBind.Blob(handle, 3, b.CrimeId, i * RecordBatch.CrimeIdBytes, RecordBatch.CrimeIdBytes);
            SqliteBind.Int(handle, 4, b.Month[i]);
            SqliteBind.Int(handle, 5, b.OutcomeId[i]);
            Step(stmt);
        }
    }

    private static void BindOptionalInt(nint stmt, int index, int value)
    {
        if (value == 0)
        {
            SqliteBind.Null(stmt, index);
        }
        else
        {
            SqliteBind.Int(stmt, index, value);
        }
    }

    private sqlite3_stmt Prepare(string sql, int batchId, int rows)
    {
        var rc = raw.sqlite3_prepare_v2(Handle, sql, out var stmt);
        Check(rc);
        // The batch id is the same for every row: bound once (bindings survive sqlite3_reset).
        var columns = raw.sqlite3_bind_parameter_count(stmt) / rows;
        for (var r = 0; r < rows; r++)
        {
            raw.sqlite3_bind_int(stmt, (r * columns) + 1, batchId);
        }

        return stmt;
    }

    private void Step(sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(Handle).utf8_to_string(), rc);
        }
    }

    public async Task InsertRowsAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var conn = (SqliteConnection)_db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = (SqliteTransaction?)_db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => cmd.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        cmd.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public ValueTask DisposeAsync()
    {
        _crime?.Dispose();
        _crimeMulti?.Dispose();
        _outcome?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: COPY FROM STDIN in PostgreSQL's binary format, which this writer encodes itself into a
/// buffer and sends through Npgsql's raw binary COPY stream. A COPY occupies the connection, so it is
/// ended before ordinary commands (force-month deletes) and reopened.
/// </summary>
/// <remarks>
/// Why raw (ADR 0006): Npgsql's typed importer resolves and binds a parameter for every value, about a
/// microsecond per row here; the binary tuple format is simple and documented (PostgreSQL manual,
/// "COPY", section "Binary Format"): a signature and header, then per row a 16-bit field count and per
/// field a 32-bit length (-1 for NULL) and the value in network byte order, and a -1 trailer. Column
/// types must match the table exactly (integer 4 bytes, smallint 2, double precision 8, bytea and
/// varchar as bytes); the import tests run this writer on a real server.
/// </remarks>
internal sealed class PostgresRecordWriter(AppDb db, int batchId) : IRecordWriter
{
    /// <summary>"PGCOPY\n\377\r\n\0".</summary>
    private static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private NpgsqlRawCopyStream? _copy;
    private PoliceUkFileKind _copyKind;

    // Ids are assigned here rather than by the identity column: a sequence call per row costs the
    // server more than the row itself. Imports are serialised by the advisory lock, so max(id) + 1
    // is free; the sequence is moved past the last id when each COPY ends.
    private long _nextId;
    private long _firstId;
    private readonly byte[] _buffer = new byte[1 << 18];
    private int _used;
    private readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    public async Task ClearForceMonthAsync(int forceMonthId, PoliceUkFileKind kind, CancellationToken ct)
    {
        await FlushAsync(ct);
        await RecordWriters.ClearAsync(db, forceMonthId, kind, ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_copy is not null)
        {
            if (_buffer.Length - _used < 2)
            {
                await SendAsync(ct);
            }

            Int16(-1);
            await SendAsync(ct);
            await _copy.DisposeAsync(); // ends the COPY; the server then checks and stores the rows
            _copy = null;
            if (_nextId > _firstId)
            {
                var last = _nextId - 1;
                await (_copyKind == PoliceUkFileKind.Street
                    ? db.Database.ExecuteSqlAsync($"SELECT setval(pg_get_serial_sequence('crime_records', 'id'), {last})", ct)
                    : db.Database.ExecuteSqlAsync($"SELECT setval(pg_get_serial_sequence('crime_outcomes', 'id'), {last})", ct));
            }
        }
    }

    public async Task WriteAsync(RecordBatch b, IReadOnlyList<int> fm, CancellationToken ct)
    {
        if (_copy is not null && _copyKind != b.Kind)
        {
            await FlushAsync(ct);
        }

        if (_copy is null)
        {
            _copyKind = b.Kind;
            _firstId = _nextId = 1 + await (b.Kind == PoliceUkFileKind.Street
                ? db.Database.SqlQuery<long>($"SELECT COALESCE(max(id), 0) AS \"Value\" FROM crime_records")
                : db.Database.SqlQuery<long>($"SELECT COALESCE(max(id), 0) AS \"Value\" FROM crime_outcomes")).SingleAsync(ct);
            _copy = await Connection.BeginRawBinaryCopyAsync(b.Kind == PoliceUkFileKind.Street
                ? $"COPY crime_records (id, {RecordWriters.CrimeColumns}) FROM STDIN (FORMAT BINARY)"
                : $"COPY crime_outcomes (id, {RecordWriters.OutcomeColumns}) FROM STDIN (FORMAT BINARY)", ct);
            Signature.CopyTo(_buffer.AsSpan(_used));
            _used += Signature.Length;
            Int32(0); // flags
            Int32(0); // header extension length
        }

        const int MaxRow = 2 + (13 * 4) + 8 + (5 * 4) + RecordBatch.CrimeIdBytes + 16 + 64;
        for (var i = 0; i < b.Count; i++)
        {
            if (_buffer.Length - _used < MaxRow)
            {
                await SendAsync(ct);
            }

            if (b.Kind == PoliceUkFileKind.Street)
            {
                Int16(13);
                Field(8); Int64(_nextId++);
                Field(4); Int32(batchId);
                Field(4); Int32(fm[b.ForceMonthKey[i]]);
                Field(4); Int32(b.Month[i]);
                Field(2); Int16(b.Category[i]);
                if (b.HasCrimeId[i])
                {
                    Bytes(b.CrimeId.AsSpan(i * RecordBatch.CrimeIdBytes, RecordBatch.CrimeIdBytes));
                }
                else
                {
                    Null();
                }

                if (b.HasPoint[i])
                {
                    Field(8); Double(b.Longitude[i]);
                    Field(8); Double(b.Latitude[i]);
                }
                else
                {
                    Null();
                    Null();
                }

                OptionalInt32(b.LocationId[i]);
                if (b.LsoaCode[i] is { } lsoa)
                {
                    if (!_utf8.TryGetValue(lsoa, out var bytes))
                    {
                        bytes = System.Text.Encoding.UTF8.GetBytes(lsoa);
                        _utf8.Add(lsoa, bytes); // at most the ~70,000 LSOA codes of England and Wales
                    }

                    Bytes(bytes);
                }
                else
                {
                    Null();
                }

                OptionalInt32(b.WardId[i]);
                Field(2); Int16(b.Placement[i]);
                if (b.OutcomeId[i] == 0)
                {
                    Null();
                }
                else
                {
                    Field(2); Int16(b.OutcomeId[i]);
                }
            }
            else
            {
                Int16(6);
                Field(8); Int64(_nextId++);
                Field(4); Int32(batchId);
                Field(4); Int32(fm[b.ForceMonthKey[i]]);
                Bytes(b.CrimeId.AsSpan(i * RecordBatch.CrimeIdBytes, RecordBatch.CrimeIdBytes));
                Field(4); Int32(b.Month[i]);
                Field(2); Int16(b.OutcomeId[i]);
            }
        }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        await _copy!.WriteAsync(_buffer.AsMemory(0, _used), ct);
        _used = 0;
    }

    private void Field(int length) => Int32(length);

    private void Null() => Int32(-1);

    private void Int16(short value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), value);
        _used += 2;
    }

    private void Int32(int value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), value);
        _used += 4;
    }

    private void Int64(long value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_used), value);
        _used += 8;
    }

    private void Double(double value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_used), value);
        _used += 8;
    }

    private void OptionalInt32(int value)
    {
        if (value == 0)
        {
            Null();
        }
        else
        {
            Field(4);
            Int32(value);
        }
    }

    private void Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        value.CopyTo(_buffer.AsSpan(_used));
        _used += value.Length;
    }

    public async Task InsertRowsAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await FlushAsync(ct);
        await using var copy = await Connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await copy.WriteNullAsync(ct); break;
                    case int v: await copy.WriteAsync(v, NpgsqlDbType.Integer, ct); break;
                    case long v: await copy.WriteAsync(v, NpgsqlDbType.Bigint, ct); break;
                    case short v: await copy.WriteAsync(v, NpgsqlDbType.Smallint, ct); break;
                    case byte v: await copy.WriteAsync((short)v, NpgsqlDbType.Smallint, ct); break;
                    case double v: await copy.WriteAsync(v, NpgsqlDbType.Double, ct); break;
                    case bool v: await copy.WriteAsync(v, NpgsqlDbType.Boolean, ct); break;
                    case string v: await copy.WriteAsync(v, NpgsqlDbType.Text, ct); break;
                    case byte[] v: await copy.WriteAsync(v, NpgsqlDbType.Bytea, ct); break;
                    case DateTime v: await copy.WriteAsync(v, NpgsqlDbType.TimestampTz, ct); break;
                    default: throw new NotSupportedException(value.GetType().Name);
                }
            }
        }

        await copy.CompleteAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null)
        {
            // Not ended with the trailer: cancel the COPY (the transaction rolls back anyway).
            try
            {
                await _copy.CancelAsync();
            }
            catch (PostgresException)
            {
                // The server reports the cancellation as an error; that is the expected outcome.
            }

            await _copy.DisposeAsync();
            _copy = null;
        }
    }
}
