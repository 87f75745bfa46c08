namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Small bounded intern pool so repeated values (force names, months, crime types, LSOA codes,
/// "On or near ..." locations) share one string instance in memory. Once <see cref="Capacity"/>
/// distinct values are held, new values are returned as-is (memory stays bounded).
/// Not thread-safe; each reader owns its own pool.
/// </summary>
internal sealed class StringPool(int capacity)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

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
}
