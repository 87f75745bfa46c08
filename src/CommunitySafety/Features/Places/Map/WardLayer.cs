using System.Text.Json;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;
using BoundarySetRow = CommunitySafety.Features.Places.Model.BoundarySet;

namespace CommunitySafety.Features.Places.Map;

/// <summary>
/// The current ward boundary set as display GeoJSON. Built once per boundary set and kept in memory:
/// the polygons only change when a new boundary file is made current, and simplifying 200 ward
/// polygons on every map view would cost far more than the figures query.
/// </summary>
public sealed class WardLayer
{
    /// <summary>
    /// About 50 m at UK latitudes: invisible at county zoom, and it shrinks ONS "generalised" (BGC)
    /// polygons several-fold. Topology-preserving so no ward collapses or self-intersects.
    /// </summary>
    public const double SimplifyToleranceDegrees = 0.0005;

    static readonly JsonSerializerOptions GeoJsonOptions = CreateOptions();
    static readonly PrecisionModel Micro = new(1e6);

    // One entry: the layer for the newest current set. Replaced atomically when the ETag changes.
    volatile Built? _built;

    public sealed record Built(string ETag, byte[] Body);

    /// <summary>
    /// The ETag names the boundary set (id and file hash), so re-importing a different file —
    /// even one that reuses an id — gives a new tag and browsers fetch the new polygons.
    /// </summary>
    public static async Task<string> CurrentETagAsync(AppDb db, CancellationToken ct)
    {
        var set = await db.Set<BoundarySetRow>().AsNoTracking()
            .Where(s => s.Level == BoundaryLevel.Ward && s.IsCurrent)
            .OrderByDescending(s => s.Id)
            .Select(s => new { s.Id, s.Sha256, s.FeatureCount })
            .FirstOrDefaultAsync(ct);
        return set is null ? "\"wards-none\"" : $"\"wards-{set.Id}-{set.Sha256[..Math.Min(16, set.Sha256.Length)]}\"";
    }

    public async Task<Built> GetAsync(AppDb db, string etag, CancellationToken ct)
    {
        if (_built is { } cached && cached.ETag == etag)
        {
            return cached;
        }

        var built = new Built(etag, await BuildAsync(db, ct));
        _built = built;
        return built;
    }

    static async Task<byte[]> BuildAsync(AppDb db, CancellationToken ct)
    {
        var setId = await db.Set<BoundarySetRow>().AsNoTracking()
            .Where(s => s.Level == BoundaryLevel.Ward && s.IsCurrent)
            .OrderByDescending(s => s.Id)
            .Select(s => (int?)s.Id)
            .FirstOrDefaultAsync(ct);
        var collection = new FeatureCollection();
        if (setId is not null)
        {
            var wards = await db.Set<Ward>().AsNoTracking().Where(w => w.BoundarySetId == setId).OrderBy(w => w.Code)
                .Select(w => new { w.Code, w.Name, w.LadCode, w.LadName, w.Geometry })
                .ToListAsync(ct);
            var reader = new WKBReader();
            foreach (var w in wards)
            {
                var geometry = TopologyPreservingSimplifier.Simplify(reader.Read(w.Geometry), SimplifyToleranceDegrees);
                // Six decimal places (~0.1 m) is far beyond the boundaries' own accuracy and keeps the download small.
                geometry = GeometryPrecisionReducer.ReducePointwise(geometry, Micro);
                var attributes = new AttributesTable
                {
                    { "code", w.Code },
                    { "name", w.Name },
                    { "laCode", w.LadCode },
                    { "laName", w.LadName },
                };
                collection.Add(new Feature(geometry, attributes));
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(collection, GeoJsonOptions);
    }

    static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
