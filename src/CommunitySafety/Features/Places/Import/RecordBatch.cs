using CommunitySafety.Features.Places.Model;

namespace CommunitySafety.Features.Places.Import;

/// <summary>A force-month first seen in a batch: the writer replaces its stored data before writing rows.</summary>
internal readonly record struct NewForceMonth(int Key, string Force, int Month, PoliceUkFileKind Kind);

/// <summary>
/// A reusable block of parsed rows in column arrays, handed from the parsing thread to the writing
/// thread. Batches are recycled through a pool channel, so memory stays constant however big the file.
/// </summary>
internal sealed class RecordBatch
{
    public const int CrimeIdBytes = PoliceCrimeId.ByteLength;

    public RecordBatch(int capacity)
    {
        Capacity = capacity;
        ForceMonthKey = new int[capacity];
        Month = new int[capacity];
        Category = new byte[capacity];
        HasCrimeId = new bool[capacity];
        // Pinned: the SQLite writer binds Crime IDs in place (SqliteBind.Blob) without copying.
        CrimeId = GC.AllocateArray<byte>(capacity * CrimeIdBytes, pinned: true);
        HasPoint = new bool[capacity];
        Longitude = new double[capacity];
        Latitude = new double[capacity];
        LocationId = new int[capacity];
        LsoaCode = new string?[capacity];
        WardId = new int[capacity];
        Placement = new byte[capacity];
        OutcomeId = new short[capacity];
    }

    public int Capacity { get; }
    public int Count { get; set; }
    public PoliceUkFileKind Kind { get; set; }
    public List<NewForceMonth> NewForceMonths { get; } = [];

    public int[] ForceMonthKey { get; }
    public int[] Month { get; }
    public byte[] Category { get; }
    public bool[] HasCrimeId { get; }
    public byte[] CrimeId { get; }
    public bool[] HasPoint { get; }
    public double[] Longitude { get; }
    public double[] Latitude { get; }
    /// <summary>0 = none.</summary>
    public int[] LocationId { get; }
    public string?[] LsoaCode { get; }
    /// <summary>0 = not in a ward.</summary>
    public int[] WardId { get; }
    public byte[] Placement { get; }
    /// <summary>0 = none.</summary>
    public short[] OutcomeId { get; }

    public bool IsFull => Count == Capacity;

    public Span<byte> CrimeIdOf(int i) => CrimeId.AsSpan(i * CrimeIdBytes, CrimeIdBytes);

    public void Reset(PoliceUkFileKind kind)
    {
        Count = 0;
        Kind = kind;
        NewForceMonths.Clear();
        Array.Clear(LsoaCode);
    }
}

/// <summary>Writes parsed batches into the store inside the caller's transaction (one implementation per provider).</summary>
internal interface IRecordWriter : IAsyncDisposable
{
    /// <summary>Deletes a force-month's stored street records (or outcomes) and its ward counts.</summary>
    Task ClearForceMonthAsync(int forceMonthId, PoliceUkFileKind kind, CancellationToken ct);

    /// <summary>Writes the batch's rows; <paramref name="forceMonthIds"/> maps batch keys to stored ids.</summary>
    Task WriteAsync(RecordBatch batch, IReadOnlyList<int> forceMonthIds, CancellationToken ct);

    /// <summary>Ends any bulk operation in progress so ordinary commands can run.</summary>
    Task FlushAsync(CancellationToken ct);

    /// <summary>Bulk-inserts simple rows (locations, counts, rejections) into <paramref name="table"/>.</summary>
    Task InsertRowsAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct);
}
