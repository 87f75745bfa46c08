using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO.Converters;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace CommunitySafety.Features.Places.Import;

public enum BoundaryLevel
{
    Ward,
    Lsoa,
}

/// <summary>One boundary polygon, always in WGS84 longitude/latitude (SRID 4326).</summary>
public sealed record BoundaryFeature(string Code, string? Name, string? LadCode, string? LadName, Geometry Geometry);

/// <summary>A parsed ONS ward or LSOA boundary file.</summary>
public sealed record BoundarySet(
    string File,
    BoundaryLevel Level,
    int Vintage,
    string CodeProperty,
    string? NameProperty,
    string? LadCodeProperty,
    string? LadNameProperty,
    bool ConvertedFromBritishNationalGrid,
    IReadOnlyList<BoundaryFeature> Features,
    IReadOnlyList<string> Notes,
    long Positions = 0);

/// <summary>
/// Reads an ONS GeoJSON FeatureCollection of wards (WDyyCD/WDyyNM) or LSOAs (LSOAyyCD/LSOAyyNM),
/// in WGS84 or British National Grid (EPSG:27700, converted to WGS84 with ProjNET using the published
/// EPSG:27700 WKT including its TOWGS84 7-parameter Helmert shift, accuracy a few metres).
/// The whole file is read into memory (boundary files are a few MB), after a streaming check of its shape
/// and size against the caps (<see cref="GeoJsonShape"/>).
/// </summary>
/// <remarks>
/// Refused, naming the feature: a crs member the coordinates contradict, a feature outside the UK, a code
/// that is not a GSS code, a position of more than three numbers, a member given twice in one object.
/// </remarks>
public static partial class BoundaryReader
{
    /// <summary>Published EPSG:27700 definition (OSGB 1936 / British National Grid) with TOWGS84.</summary>
    public const string BritishNationalGridWkt =
        "PROJCS[\"OSGB 1936 / British National Grid\",GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\"," +
        "SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]]," +
        "TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],AUTHORITY[\"EPSG\",\"6277\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AUTHORITY[\"EPSG\",\"4277\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",49]," +
        "PARAMETER[\"central_meridian\",-2],PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000]," +
        "PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST]," +
        "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

    private static readonly Lazy<MathTransform> BngToWgs84 = new(() =>
    {
        var bng = (CoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(BritishNationalGridWkt);
        return new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(bng, GeographicCoordinateSystem.WGS84).MathTransform;
    });

    private static readonly GeometryFactory Wgs84Factory = new(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory(Wgs84Factory) } };

    [GeneratedRegex(@"^(WD|LSOA)(\d\d)CD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodePropertyRegex();

    [GeneratedRegex(@"^LAD(\d\d)CD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LadCodeRegex();

    /// <summary>Converts one British National Grid easting/northing to WGS84 (lon, lat).</summary>
    public static (double Longitude, double Latitude) BngToLonLat(double easting, double northing) =>
        BngToWgs84.Value.Transform(easting, northing);

    /// <summary>GeoJSON files up to 100 MB (upload limits, security requirements 5.1.1).</summary>
    public const long MaxFileBytes = 100L << 20;

    public static BoundarySet Read(string path) => Read(path, 0, 0);

    /// <param name="featuresBefore">Features in the set's other files (the caps are per set).</param>
    /// <param name="positionsBefore">Positions in the set's other files.</param>
    /// <param name="featureRead">Told (features checked so far, features in the file) as the file's features are checked, for progress.</param>
    public static BoundarySet Read(string path, int featuresBefore, long positionsBefore, Action<int, int>? featureRead = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path), featuresBefore, positionsBefore, featureRead);
    }

    /// <exception cref="ImportFormatException">Not GeoJSON, no ward/LSOA code property, bad geometry or coordinates.</exception>
    public static BoundarySet Read(Stream stream, string fileName, int featuresBefore = 0, long positionsBefore = 0, Action<int, int>? featureRead = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[1 << 16];
            int n;
            while ((n = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + n > MaxFileBytes)
                {
                    throw new ImportFormatException(fileName, null, null, $"larger than {MaxFileBytes >> 20} MB; boundary files of that size are not accepted (use the generalised, BGC, boundaries)");
                }

                buffer.Write(chunk, 0, n);
            }

            bytes = buffer.ToArray();
        }

        var shape = GeoJsonShape.Check(bytes, fileName, featuresBefore, positionsBefore);
        var crsName = ReadCrsName(bytes, fileName);
        FeatureCollection? collection;
        try
        {
            collection = JsonSerializer.Deserialize<FeatureCollection>(bytes, GeoJsonOptions);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            var reason = ex.Message.Contains("closed", StringComparison.OrdinalIgnoreCase)
                ? "polygon ring is not closed (first and last positions differ): " + ex.Message
                : "not a valid GeoJSON FeatureCollection: " + ex.Message;
            throw new ImportFormatException(fileName, null, null, reason, ex);
        }

        if (collection is null || collection.Count == 0)
        {
            throw new ImportFormatException(fileName, null, null, "GeoJSON FeatureCollection has no features");
        }

        var names = collection[0].Attributes?.GetNames() ?? [];
        var codeProperty = names.FirstOrDefault(n => CodePropertyRegex().IsMatch(n));
        if (codeProperty is null)
        {
            throw new ImportFormatException(fileName, null, "properties",
                "no ward or LSOA code property found: expected one matching WDyyCD or LSOAyyCD (any case), " +
                $"found [{string.Join(", ", names)}]");
        }

        var match = CodePropertyRegex().Match(codeProperty);
        var level = match.Groups[1].Value.Equals("WD", StringComparison.OrdinalIgnoreCase) ? BoundaryLevel.Ward : BoundaryLevel.Lsoa;
        var vintage = 2000 + int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var nameProperty = FindProperty(names, codeProperty[..^2] + "NM");
        var ladCodeProperty = names.FirstOrDefault(n => LadCodeRegex().IsMatch(n))
            ?? FindProperty(names, "LADCD_ACTIVE");
        var ladNameProperty = ladCodeProperty is null ? null
            : FindProperty(names, ladCodeProperty.Replace("CD", "NM", StringComparison.OrdinalIgnoreCase));

        var notes = new List<string>();
        var isBng = crsName is not null && crsName.Contains("27700", StringComparison.Ordinal);
        if (crsName is not null && !isBng && !IsWgs84Name(crsName))
        {
            throw new ImportFormatException(fileName, null, "crs",
                $"unsupported coordinate reference system '{crsName}': expected WGS84 (CRS84/EPSG:4326) or EPSG:27700");
        }

        if (isBng && !LooksLikeBng(collection) && FirstLonLatFeature(collection) is { } lonLat)
        {
            var c = collection[lonLat].Geometry.Coordinate;
            throw new ImportFormatException(fileName, null, "crs",
                $"feature {lonLat + 1} ({AsString(collection[lonLat].Attributes, codeProperty)}): the crs member says {crsName} (British National Grid metres) " +
                $"but the coordinates are longitude/latitude, e.g. ({c.X}, {c.Y}); remove the crs member or correct it");
        }

        if (!isBng && crsName is null && LooksLikeBng(collection))
        {
            isBng = true;
            notes.Add("coordinates look like British National Grid metres (no crs member); converted to WGS84");
        }

        var features = new List<BoundaryFeature>(collection.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < collection.Count; i++)
        {
            if ((i & 0x3F) == 0)
            {
                featureRead?.Invoke(i, collection.Count);
            }

            var feature = collection[i];
            var number = i + 1;
            var code = AsString(feature.Attributes, codeProperty);
            if (string.IsNullOrWhiteSpace(code))
            {
                throw new ImportFormatException(fileName, null, codeProperty, $"feature {number} has no {codeProperty} value");
            }

            code = code.Trim();
            if (!PoliceCsvCore.IsGssCode(code.AsSpan()))
            {
                throw new ImportFormatException(fileName, null, codeProperty,
                    $"feature {number}: '{PoliceCsvCore.Shorten(code)}' is not a GSS code (a country letter and eight digits, e.g. E05012345)");
            }

            if (!seen.Add(code))
            {
                throw new ImportFormatException(fileName, null, codeProperty, $"feature {number}: duplicate code {code}");
            }

            var geometry = feature.Geometry;
            if (geometry is not (Polygon or MultiPolygon))
            {
                throw new ImportFormatException(fileName, null, "geometry",
                    $"feature {number} ({code}): geometry type {geometry?.GeometryType ?? "null"} is not Polygon or MultiPolygon");
            }

            if (Rings(geometry).FirstOrDefault(r => r.NumPoints < 4) is { } thin)
            {
                throw new ImportFormatException(fileName, null, "geometry",
                    $"feature {number} ({code}): a polygon ring has fewer than 4 positions ({thin.NumPoints}); a closed ring needs at least 4 (RFC 7946 3.1.6)");
            }

            if (isBng)
            {
                geometry = ToWgs84(geometry);
            }
            else
            {
                CheckLonLat(geometry, fileName, number, code, crsName);
            }

            CheckInUk(geometry, fileName, number, code);

            if (!geometry.IsValid)
            {
                geometry = GeometryFixer.Fix(geometry);
                notes.Add($"feature {number} ({code}): invalid geometry repaired with GeometryFixer (MakeValid)");
                if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
                {
                    throw new ImportFormatException(fileName, null, "geometry",
                        $"feature {number} ({code}): invalid geometry could not be repaired to a polygon");
                }
            }

            geometry = RightHandRule(geometry);
            geometry.SRID = 4326;
            features.Add(new BoundaryFeature(
                code,
                nameProperty is null ? null : AsString(feature.Attributes, nameProperty)?.Trim(),
                ladCodeProperty is null ? null : AsString(feature.Attributes, ladCodeProperty)?.Trim(),
                ladNameProperty is null ? null : AsString(feature.Attributes, ladNameProperty)?.Trim(),
                geometry));
        }

        featureRead?.Invoke(collection.Count, collection.Count);
        return new BoundarySet(fileName, level, vintage, codeProperty, nameProperty, ladCodeProperty, ladNameProperty,
            isBng, features, notes, shape.Positions);
    }

    /// <summary>
    /// Outer rings anticlockwise and holes clockwise, as RFC 7946 3.1.6 asks of GeoJSON written out (the ward layer is
    /// served as GeoJSON). Files wound the other way are accepted, as the RFC says parsers should, and re-wound here.
    /// </summary>
    private static Geometry RightHandRule(Geometry geometry) => geometry switch
    {
        Polygon p => Wind(p),
        MultiPolygon m => m.Factory.CreateMultiPolygon([.. Enumerable.Range(0, m.NumGeometries).Select(i => Wind((Polygon)m.GetGeometryN(i)))]),
        _ => geometry,
    };

    private static IEnumerable<LinearRing> Rings(Geometry geometry) =>
        Enumerable.Range(0, geometry.NumGeometries).Select(i => (Polygon)geometry.GetGeometryN(i)).SelectMany(p => p.Holes.Prepend(p.Shell));

    private static Polygon Wind(Polygon p)
    {
        static LinearRing Way(LinearRing ring, bool anticlockwise) => ring.IsCCW == anticlockwise ? ring : (LinearRing)ring.Reverse();
        return p.Factory.CreatePolygon(Way(p.Shell, true), [.. p.Holes.Select(h => Way(h, false))]);
    }

    private static string? FindProperty(string[] names, string wanted) =>
        names.FirstOrDefault(n => n.Equals(wanted, StringComparison.OrdinalIgnoreCase));

    private static bool IsWgs84Name(string name) =>
        name.Contains("CRS84", StringComparison.OrdinalIgnoreCase) || name.Contains("4326", StringComparison.Ordinal);

    private static string? ReadCrsName(byte[] bytes, string fileName)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("crs", out var crs)
                && crs.ValueKind == JsonValueKind.Object
                && crs.TryGetProperty("properties", out var props)
                && props.ValueKind == JsonValueKind.Object
                && props.TryGetProperty("name", out var name)
                && name.ValueKind == JsonValueKind.String)
            {
                return name.GetString();
            }

            return null;
        }
        catch (JsonException ex)
        {
            throw new ImportFormatException(fileName, null, null, "not valid JSON: " + ex.Message, ex);
        }
    }

    private static string? AsString(IAttributesTable? attributes, string name)
    {
        if (attributes is null || !attributes.Exists(name))
        {
            return null;
        }

        return attributes[name] switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            JsonElement e => e.GetRawText(),
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>BNG if every coordinate sits inside the BNG extent and some are far outside lon/lat range.</summary>
    private static bool LooksLikeBng(FeatureCollection collection)
    {
        var envelope = new Envelope();
        foreach (var f in collection)
        {
            if (f.Geometry is { } g)
            {
                envelope.ExpandToInclude(g.EnvelopeInternal);
            }
        }

        var outsideLonLat = envelope.MaxX > 180 || envelope.MaxY > 90 || envelope.MinX < -180 || envelope.MinY < -90;
        var insideBng = envelope.MinX >= 0 && envelope.MaxX <= 700_000 && envelope.MinY >= 0 && envelope.MaxY <= 1_300_000;
        return outsideLonLat && insideBng;
    }

    private static void CheckLonLat(Geometry geometry, string fileName, int number, string code, string? crsName)
    {
        foreach (var c in geometry.Coordinates)
        {
            if (!(c.X >= -180 && c.X <= 180 && c.Y >= -90 && c.Y <= 90))
            {
                throw new ImportFormatException(fileName, null, "geometry",
                    $"feature {number} ({code}): coordinate ({c.X}, {c.Y}) is not WGS84 longitude/latitude " +
                    (crsName is null
                        ? "and the file is not recognised as British National Grid (EPSG:27700)"
                        : $"although the crs member says {crsName}"));
            }
        }
    }

    /// <summary>
    /// Every ward and LSOA is in the UK: the same box the police.uk import uses for crime coordinates. A feature
    /// elsewhere (10°E 45°N is Italy) is a wrong file or swapped axes, and would silently hold no crimes.
    /// </summary>
    private static void CheckInUk(Geometry geometry, string fileName, int number, string code)
    {
        var e = geometry.EnvelopeInternal;
        if (e.MinX < PoliceCsvCore.MinLongitude || e.MaxX > PoliceCsvCore.MaxLongitude || e.MinY < PoliceCsvCore.MinLatitude || e.MaxY > PoliceCsvCore.MaxLatitude)
        {
            var c = e.Centre;
            throw new ImportFormatException(fileName, null, "geometry",
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"feature {number} ({code}) lies outside the UK (around {Math.Abs(c.X):0.###}°{(c.X < 0 ? "W" : "E")} {Math.Abs(c.Y):0.###}°{(c.Y < 0 ? "S" : "N")}; UK boundaries lie within {PoliceCsvCore.MinLongitude}..{PoliceCsvCore.MaxLongitude} longitude, {PoliceCsvCore.MinLatitude}..{PoliceCsvCore.MaxLatitude} latitude)"));
        }
    }

    /// <summary>Index of the first feature whose coordinates all fall in longitude/latitude range, or null.</summary>
    private static int? FirstLonLatFeature(FeatureCollection collection)
    {
        for (var i = 0; i < collection.Count; i++)
        {
            if (collection[i].Geometry is { IsEmpty: false } g)
            {
                var e = g.EnvelopeInternal;
                if (e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90)
                {
                    return i;
                }
            }
        }

        return null;
    }

    private static Geometry ToWgs84(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new BngFilter(BngToWgs84.Value));
        copy.GeometryChanged();
        return Wgs84Factory.CreateGeometry(copy);
    }

    private sealed class BngFilter(MathTransform transform) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (lon, lat) = transform.Transform(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, lon);
                seq.SetY(i, lat);
            }
        }
    }
}
