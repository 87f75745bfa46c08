using System.Text;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Small bounded intern pool so repeated values (force names, crime types, LSOA codes, "On or near ..."
/// locations) share one string instance. Values can be looked up straight from UTF-8 bytes, so a value
/// already in the pool costs no allocation. Once <see cref="Capacity"/> distinct values are held, new
/// values are returned as fresh strings (memory stays bounded). Not thread-safe; each reader owns one.
/// </summary>
internal sealed class StringPool(int capacity)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private char[] _chars = new char[256];

    public int Capacity { get; } = capacity;

    public int Count => _values.Count;

    public string Intern(string value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (_values.TryGetValue(value, out var existing))
        {
            return existing;
        }

        if (_values.Count < Capacity)
        {
            _values.Add(value, value);
        }

        return value;
    }

    /// <summary>Interns valid UTF-8 bytes (the caller has checked validity).</summary>
    public string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }

        // A UTF-8 sequence never decodes to more UTF-16 units than it has bytes.
        var length = Encoding.UTF8.GetChars(utf8, _chars);
        var chars = _chars.AsSpan(0, length);
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var existing))
        {
            return existing;
        }

        var value = new string(chars);
        if (_values.Count < Capacity)
        {
            _values.Add(value, value);
        }

        return value;
    }
}
