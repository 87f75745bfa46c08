using System.Collections.Concurrent;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Point-in-polygon assignment of WGS84 points to ward (or any area) codes using an STR-tree of
/// envelopes plus prepared geometries.
/// </summary>
/// <remarks>
/// <para>Caching: police.uk never publishes true crime locations; every crime is snapped to one of
/// roughly 750,000 anonymised map points nationally (reference 2.9), so a county-month has only a few
/// thousand distinct coordinate pairs and the same pairs recur month after month. Results are
/// therefore cached per exact (longitude, latitude) pair — turning millions of polygon tests into a
/// few thousand. The cache is bounded by the number of distinct points seen.</para>
/// <para>Thread-safety: <see cref="Assign"/> may be called concurrently. Cache hits are lock-free
/// (<see cref="ConcurrentDictionary{TKey,TValue}"/>); misses take a lock because NTS prepared
/// geometries build their internal indexes lazily and are not documented as thread-safe.</para>
/// <para>Points exactly on a shared boundary are covered by both wards; the ward with the lowest
/// code (ordinal) wins so results are deterministic.</para>
/// </remarks>
public sealed class WardAssigner
{
    private readonly STRtree<(string Code, IPreparedGeometry Geometry)> _index = new();
    private readonly ConcurrentDictionary<(double Lon, double Lat), string?> _cache = new();
    private readonly Lock _evaluateLock = new();
    private readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);

    /// <param name="areas">Code and polygon (WGS84 lon/lat). Codes must be unique.</param>
    public WardAssigner(IEnumerable<KeyValuePair<string, Geometry>> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, geometry) in areas)
        {
            if (!codes.Add(code))
            {
                throw new ArgumentException($"duplicate area code {code}", nameof(areas));
            }

            _index.Insert(geometry.EnvelopeInternal, (code, PreparedGeometryFactory.Prepare(geometry)));
        }

        _index.Build();
        Count = codes.Count;
    }

    public WardAssigner(BoundarySet boundaries)
        : this((boundaries ?? throw new ArgumentNullException(nameof(boundaries))).Features
            .Select(f => KeyValuePair.Create(f.Code, f.Geometry)))
    {
    }

    /// <summary>Number of areas loaded.</summary>
    public int Count { get; }

    /// <summary>Number of distinct coordinate pairs cached so far.</summary>
    public int CachedPoints => _cache.Count;

    /// <summary>Returns the code of the area containing (lon, lat), or null when outside all areas.</summary>
    public string? Assign(double longitude, double latitude)
    {
        var key = (longitude, latitude);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        string? result;
        lock (_evaluateLock)
        {
            result = Evaluate(longitude, latitude);
        }

        _cache.TryAdd(key, result);
        return result;
    }

    private string? Evaluate(double longitude, double latitude)
    {
        var point = _factory.CreatePoint(new Coordinate(longitude, latitude));
        var candidates = _index.Query(point.EnvelopeInternal);
        string? best = null;
        foreach (var (code, geometry) in candidates)
        {
            if (geometry.Covers(point) && (best is null || string.CompareOrdinal(code, best) < 0))
            {
                best = code;
            }
        }

        return best;
    }
}
