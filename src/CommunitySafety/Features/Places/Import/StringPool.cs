using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Small bounded intern pool so repeated values (force names, crime types, LSOA codes, "On or near ..."
/// locations) share one string instance. Values are looked up by their UTF-8 bytes in an open-addressing
/// table, so a value already in the pool costs neither an allocation nor a decode. Once
/// <see cref="Capacity"/> distinct values are held, new values are returned as fresh strings (memory
/// stays bounded). Not thread-safe; each reader owns one.
/// </summary>
internal sealed class StringPool
{
    private byte[]?[] _keys;
    private string[] _values;
    private int[] _hashes;
    private int _mask;
    private char[] _chars = new char[256];

    public StringPool(int capacity)
    {
        Capacity = capacity;
        const int initial = 1024;
        _keys = new byte[initial][];
        _values = new string[initial];
        _hashes = new int[initial];
        _mask = initial - 1;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>Interns valid UTF-8 bytes (the caller has checked validity).</summary>
    public string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        var hash = Hash(utf8);
        var slot = hash & _mask;
        while (_keys[slot] is { } key)
        {
            if (_hashes[slot] == hash && utf8.SequenceEqual(key))
            {
                return _values[slot];
            }

            slot = (slot + 1) & _mask;
        }

        var value = Decode(utf8);
        if (Count < Capacity)
        {
            _keys[slot] = utf8.ToArray();
            _values[slot] = value;
            _hashes[slot] = hash;
            Count++;
            if (Count * 2 > _keys.Length)
            {
                Grow();
            }
        }

        return value;
    }

    private string Decode(ReadOnlySpan<byte> utf8)
    {
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }

        // A UTF-8 sequence never decodes to more UTF-16 units than it has bytes.
        var length = Encoding.UTF8.GetChars(utf8, _chars);
        return new string(_chars, 0, length);
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        var hashes = _hashes;
        _keys = new byte[keys.Length * 2][];
        _values = new string[keys.Length * 2];
        _hashes = new int[keys.Length * 2];
        _mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key)
            {
                var slot = hashes[i] & _mask;
                while (_keys[slot] is not null)
                {
                    slot = (slot + 1) & _mask;
                }

                _keys[slot] = key;
                _values[slot] = values[i];
                _hashes[slot] = hashes[i];
            }
        }
    }

    /// <summary>A fast multiplicative hash over 8-byte words; collisions only cost a byte comparison.</summary>
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        var h = (ulong)bytes.Length * Prime;
        while (bytes.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Prime, 31);
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        h = (h ^ tail) * Prime;
        return (int)((h ^ (h >> 32)) & 0x7FFFFFFF);
    }
}
