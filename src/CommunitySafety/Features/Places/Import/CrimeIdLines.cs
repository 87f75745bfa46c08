using System.Numerics;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// The Crime IDs of one file seen so far, each with the line it was first on, for the duplicate check: 12 bytes a slot
/// (a 64-bit fingerprint and the line), about 16–24 bytes an ID, where a dictionary of the 32-byte IDs cost about 50. At 4.7M
/// rows in one file that is the difference between ~100 MB and ~420 MB (peak 695 MB against the 400 MB target, issue 12).
/// </summary>
/// <remarks>
/// Open addressing with linear probing, at most three quarters full. The fingerprint mixes all 256 bits, so IDs
/// that share leading bytes do not collide; two different IDs share a fingerprint with odds of about n²/2⁶⁵ (one in
/// a million for 4.7M IDs), and such a row would be listed as a repeat in the import report, never dropped silently.
/// </remarks>
internal sealed class CrimeIdLines
{
    private const int MinimumCapacity = 1 << 10;
    private ulong[] _keys;
    private uint[] _lines;
    private int _count;
    private int _shift;

    /// <param name="expected">IDs expected (an estimate from the file size), so a big file need not grow the table.</param>
    public CrimeIdLines(long expected = 0)
    {
        var capacity = (int)Math.Min(1L << 30, Math.Max(MinimumCapacity, (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, expected * 4 / 3 + 1))));
        _keys = new ulong[capacity];
        _lines = new uint[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    public int Count => _count;

    public int Capacity => _keys.Length;

    /// <summary>Records <paramref name="id"/> on <paramref name="line"/>, or gives the line it was first on.</summary>
    /// <returns>True when the ID was seen before (<paramref name="firstLine"/> is where).</returns>
    public bool SeenBefore(in PoliceCrimeId id, long line, out long firstLine)
    {
        var key = Fingerprint(id);
        var mask = _keys.Length - 1;
        for (var i = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift); ; i = (i + 1) & mask)
        {
            if (_keys[i] == key)
            {
                firstLine = _lines[i];
                return true;
            }

            if (_keys[i] == 0)
            {
                _keys[i] = key;
                _lines[i] = (uint)Math.Min(line, uint.MaxValue);
                firstLine = line;
                if (++_count * 4L > _keys.Length * 3L)
                {
                    Grow();
                }

                return false;
            }
        }
    }

    /// <summary>Forgets every ID (the next file), keeping the table when it is small.</summary>
    public void Clear()
    {
        if (_keys.Length > MinimumCapacity * 64)
        {
            _keys = new ulong[MinimumCapacity];
            _lines = new uint[MinimumCapacity];
            _shift = 64 - BitOperations.Log2(MinimumCapacity);
        }
        else
        {
            Array.Clear(_keys);
        }

        _count = 0;
    }

    /// <summary>Ensures room for <paramref name="expected"/> IDs before a file is read.</summary>
    /// <remarks>Capped at 8M IDs (~200 MB): a size claimed by a zip entry must not reserve memory it never fills.</remarks>
    public void Reserve(long expected)
    {
        expected = Math.Min(expected, 8_000_000);
        while (expected * 4 > _keys.Length * 3L)
        {
            Grow();
        }
    }

    private void Grow()
    {
        var (keys, lines) = (_keys, _lines);
        _keys = new ulong[keys.Length * 2];
        _lines = new uint[keys.Length * 2];
        _shift--;
        var mask = _keys.Length - 1;
        for (var j = 0; j < keys.Length; j++)
        {
            if (keys[j] == 0)
            {
                continue;
            }

            var i = (int)((keys[j] * 0x9E3779B97F4A7C15UL) >> _shift);
            while (_keys[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _keys[i] = keys[j];
            _lines[i] = lines[j];
        }
    }

    /// <summary>A 64-bit mix of all four words (MurmurHash3's finaliser on each); never 0, which marks an empty slot.</summary>
    internal static ulong Fingerprint(in PoliceCrimeId id)
    {
        var h = Mix(id.A);
        h = Mix(h ^ Mix(id.B + 0x9E3779B97F4A7C15UL));
        h = Mix(h ^ Mix(id.C + 0xC2B2AE3D27D4EB4FUL));
        h = Mix(h ^ Mix(id.D + 0x165667B19E3779F9UL));
        return h == 0 ? 1 : h;
    }

    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xFF51AFD7ED558CCDUL;
        k ^= k >> 33;
        k *= 0xC4CEB9FE1A85EC53UL;
        k ^= k >> 33;
        return k;
    }
}
