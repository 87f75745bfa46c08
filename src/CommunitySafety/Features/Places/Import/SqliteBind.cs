using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// The bind calls of the SQLite bulk import, made straight into the e_sqlite3 library that
/// Microsoft.Data.Sqlite has already loaded (same library name, resolved from the same package).
/// </summary>
/// <remarks>
/// Why (ADR 0006): a national import binds about a dozen values per row, tens of millions of calls.
/// Through SQLitePCLRaw each call takes and releases a SafeHandle and a full native transition, which
/// cost more than SQLite's own work. These functions only copy a value into the statement and never
/// block or call back, which is what <see cref="SuppressGCTransitionAttribute"/> requires. Statement
/// steps (which do I/O) still go through SQLitePCLRaw.
/// </remarks>
internal static unsafe class SqliteBind
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_STATIC: the bytes stay valid and unchanged until the statement is stepped.</summary>
    private static readonly nint Static = 0;

    [DllImport(Library, EntryPoint = "sqlite3_bind_int", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindInt(nint statement, int index, int value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_double", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindDouble(nint statement, int index, double value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindNull(nint statement, int index);

    [DllImport(Library, EntryPoint = "sqlite3_bind_blob", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindBlob(nint statement, int index, byte* value, int length, nint destructor);

    [DllImport(Library, EntryPoint = "sqlite3_bind_text", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindText(nint statement, int index, byte* value, int length, nint destructor);

    public static void Int(nint statement, int index, int value) => Check(BindInt(statement, index, value));

    public static void Double(nint statement, int index, double value) => Check(BindDouble(statement, index, value));

    public static void Null(nint statement, int index) => Check(BindNull(statement, index));

    /// <summary>Binds bytes without copying: <paramref name="pinned"/> must be a pinned array that outlives the step.</summary>
    public static void Blob(nint statement, int index, byte[] pinned, int offset, int length) =>
        Check(BindBlob(statement, index, (byte*)Unsafe.AsPointer(ref pinned[offset]), length, Static));

    /// <summary>Binds UTF-8 text without copying: <paramref name="pinned"/> must be a pinned array that outlives the step.</summary>
    public static void Text(nint statement, int index, byte[] pinned) =>
        Check(BindText(statement, index, (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned)), pinned.Length, Static));

    private static void Check(int rc)
    {
        if (rc != 0)
        {
            throw new Microsoft.Data.Sqlite.SqliteException($"SQLite bind failed (code {rc})", rc);
        }
    }
}
