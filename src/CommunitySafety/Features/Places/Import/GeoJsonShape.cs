using System.Text.Json;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// A streaming pass over a GeoJSON file's bytes before anything is built from it: counts features and
/// positions against the caps (so a hostile or mistaken file is refused before it takes memory), and refuses
/// what the GeoJSON object model would silently drop: a member given twice in one object (which value counts
/// is undefined, RFC 8259 4) and positions of more than three numbers (RFC 7946 3.1.1).
/// </summary>
internal static class GeoJsonShape
{
    /// <summary>
    /// Caps per ward or LSOA set. England and Wales have about 35,700 LSOAs (2021) and 8,500 wards, so one set
    /// never needs more features; the generalised (BGC) files average about 100 positions a feature, and
    /// 2 million positions take about 700 MB while being read (measured: 5 million took 1.7 GB).
    /// </summary>
    public const int MaxFeatures = 50_000;

    public const int MaxPositions = 2_000_000;

    public readonly record struct Counts(int Features, long Positions);

    /// <param name="positionsBefore">Positions already read in other files of the same set (the cap is per set).</param>
    /// <exception cref="ImportFormatException">A cap is passed, a member is duplicated or a position is malformed.</exception>
    public static Counts Check(ReadOnlySpan<byte> json, string fileName, int featuresBefore = 0, long positionsBefore = 0)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var frames = new Stack<Frame>();
        string? pendingName = null;
        var feature = 0;          // 1-based number of the feature being read; 0 outside features
        var featureDepth = -1;    // frames.Count at which the current feature object sits
        string? featureCode = null;
        long positions = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (frames.Count == 2 && frames.Peek() is { IsArray: true, Name: "features" })
                        {
                            feature++;
                            featureCode = null;
                            featureDepth = frames.Count + 1;
                            if (featuresBefore + feature > MaxFeatures)
                            {
                                throw new ImportFormatException(fileName, null, null,
                                    $"more than {MaxFeatures:N0} features{(featuresBefore > 0 ? " in the set" : "")}: a ward or LSOA set never has so many (England and Wales have about 35,700 LSOAs); split the file or check it is a boundary file");
                            }
                        }

                        frames.Push(new Frame(false, NameForChild(frames, pendingName)));
                        pendingName = null;
                        break;
                    case JsonTokenType.StartArray:
                        frames.Push(new Frame(true, NameForChild(frames, pendingName)));
                        pendingName = null;
                        break;
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString()!;
                        var top = frames.Peek();
                        if (!top.Keys!.Add(pendingName))
                        {
                            throw new ImportFormatException(fileName, null, pendingName,
                                $"{Where(feature, featureCode)}the member \"{pendingName}\" is given twice in one object{(top.Name is { } n ? $" (in \"{n}\")" : "")}; which value counts is undefined, so the file is refused");
                        }

                        break;
                    case JsonTokenType.Number:
                        if (frames.Count > 0 && frames.Peek().IsArray)
                        {
                            frames.Peek().Numbers++;
                        }

                        pendingName = null;
                        break;
                    case JsonTokenType.String:
                        if (feature > 0 && frames.Count == featureDepth + 1 && frames.Peek().Name == "properties"
                            && pendingName is not null && pendingName.EndsWith("CD", StringComparison.OrdinalIgnoreCase)
                            && (pendingName.StartsWith("WD", StringComparison.OrdinalIgnoreCase) || pendingName.StartsWith("LSOA", StringComparison.OrdinalIgnoreCase)))
                        {
                            featureCode = reader.GetString();
                        }

                        pendingName = null;
                        break;
                    case JsonTokenType.EndArray:
                        var array = frames.Pop();
                        if (array is { Name: "coordinates", Numbers: > 0 })
                        {
                            positions++;
                            if (array.Numbers > 3)
                            {
                                throw new ImportFormatException(fileName, null, "coordinates",
                                    $"{Where(feature, featureCode)}a position has {array.Numbers} numbers; a GeoJSON position is longitude, latitude and at most a height (RFC 7946 3.1.1)");
                            }

                            if (positionsBefore + positions > MaxPositions)
                            {
                                throw new ImportFormatException(fileName, null, "coordinates",
                                    $"more than {MaxPositions:N0} positions{(positionsBefore > 0 ? " in the set" : "")}: too detailed to load (use the generalised, BGC, boundaries)");
                            }
                        }

                        break;
                    case JsonTokenType.EndObject:
                        frames.Pop();
                        if (frames.Count + 1 == featureDepth)
                        {
                            featureDepth = -1;
                        }

                        break;
                    default:
                        pendingName = null;
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new ImportFormatException(fileName, ex.LineNumber + 1, null, "not valid JSON: " + ex.Message, ex);
        }

        return new Counts(feature, positions);
    }

    private static string Where(int feature, string? code) =>
        feature == 0 ? "" : $"feature {feature}{(code is null ? "" : $" ({code})")}: ";

    /// <summary>Arrays inside "coordinates" are still coordinates; every other container is named by its member.</summary>
    private static string? NameForChild(Stack<Frame> frames, string? pendingName) =>
        frames.Count > 0 && frames.Peek() is { IsArray: true } parent ? parent.Name : pendingName;

    private sealed class Frame(bool isArray, string? name)
    {
        public bool IsArray { get; } = isArray;
        public string? Name { get; } = name;
        public HashSet<string>? Keys { get; } = isArray ? null : new HashSet<string>(StringComparer.Ordinal);
        public int Numbers { get; set; }
    }
}
