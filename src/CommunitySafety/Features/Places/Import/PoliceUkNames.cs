namespace CommunitySafety.Features.Places.Import;

/// <summary>The 14 police.uk street-level crime categories (CSV "Crime type" text, reference 2.9).</summary>
public static class PoliceUkCrimeTypes
{
    public const string AntiSocialBehaviour = "Anti-social behaviour";

    /// <summary>Canonical CSV text of every category, each mapped to its API slug.</summary>
    public static IReadOnlyDictionary<string, string> Slugs { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AntiSocialBehaviour] = "anti-social-behaviour",
        ["Bicycle theft"] = "bicycle-theft",
        ["Burglary"] = "burglary",
        ["Criminal damage and arson"] = "criminal-damage-arson",
        ["Drugs"] = "drugs",
        ["Other theft"] = "other-theft",
        ["Possession of weapons"] = "possession-of-weapons",
        ["Public order"] = "public-order",
        ["Robbery"] = "robbery",
        ["Shoplifting"] = "shoplifting",
        ["Theft from the person"] = "theft-from-the-person",
        ["Vehicle crime"] = "vehicle-crime",
        ["Violence and sexual offences"] = "violent-crime",
        ["Other crime"] = "other-crime",
    };

    private static readonly Dictionary<string, string> Canonical =
        Slugs.Keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);

    /// <summary>Returns the canonical (shared) string for a known category, or null.</summary>
    public static string? Canonicalise(string text) => Canonical.TryGetValue(text, out var c) ? c : null;
}

/// <summary>Which kind of police.uk monthly file.</summary>
public enum PoliceUkFileKind
{
    Street,
    Outcomes,
}

internal static class PoliceUkNames
{
    /// <summary>Parses the month from a police.uk file name "YYYY-MM-force-type.csv" (any directory prefix).</summary>
    public static YearMonth? MonthFromFileName(string name)
    {
        var slash = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        var file = name.AsSpan(slash + 1);
        if (file.Length > 8 && file[7] == '-' && YearMonth.TryParse(file[..7], out var ym))
        {
            return ym;
        }

        return null;
    }

    public static PoliceUkFileKind? KindFromFileName(string name)
    {
        if (name.EndsWith("-street.csv", StringComparison.OrdinalIgnoreCase))
        {
            return PoliceUkFileKind.Street;
        }

        if (name.EndsWith("-outcomes.csv", StringComparison.OrdinalIgnoreCase))
        {
            return PoliceUkFileKind.Outcomes;
        }

        return null;
    }

    public static bool IsStopAndSearch(string name) =>
        name.EndsWith("-stop-and-search.csv", StringComparison.OrdinalIgnoreCase);
}
