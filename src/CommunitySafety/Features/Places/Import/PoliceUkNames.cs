namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// The 14 police.uk street-level crime categories (reference 2.9): the one list of CSV "Crime type"
/// text, API slug and stored code. Everything else (slugs, names, codes) derives from <see cref="All"/>.
/// </summary>
public static class PoliceUkCrimeTypes
{
    public const string AntiSocialBehaviour = "Anti-social behaviour";

    /// <summary>Code, canonical CSV text and API slug of every category, in code order.</summary>
    public static IReadOnlyList<(Model.CrimeCategory Code, string Name, string Slug)> All { get; } =
    [
        (Model.CrimeCategory.AntiSocialBehaviour, AntiSocialBehaviour, "anti-social-behaviour"),
        (Model.CrimeCategory.BicycleTheft, "Bicycle theft", "bicycle-theft"),
        (Model.CrimeCategory.Burglary, "Burglary", "burglary"),
        (Model.CrimeCategory.CriminalDamageAndArson, "Criminal damage and arson", "criminal-damage-arson"),
        (Model.CrimeCategory.Drugs, "Drugs", "drugs"),
        (Model.CrimeCategory.OtherTheft, "Other theft", "other-theft"),
        (Model.CrimeCategory.PossessionOfWeapons, "Possession of weapons", "possession-of-weapons"),
        (Model.CrimeCategory.PublicOrder, "Public order", "public-order"),
        (Model.CrimeCategory.Robbery, "Robbery", "robbery"),
        (Model.CrimeCategory.Shoplifting, "Shoplifting", "shoplifting"),
        (Model.CrimeCategory.TheftFromThePerson, "Theft from the person", "theft-from-the-person"),
        (Model.CrimeCategory.VehicleCrime, "Vehicle crime", "vehicle-crime"),
        (Model.CrimeCategory.ViolenceAndSexualOffences, "Violence and sexual offences", "violent-crime"),
        (Model.CrimeCategory.OtherCrime, "Other crime", "other-crime"),
    ];

    /// <summary>Canonical CSV text of every category, each mapped to its API slug.</summary>
    public static IReadOnlyDictionary<string, string> Slugs { get; } =
        All.ToDictionary(c => c.Name, c => c.Slug, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Canonical =
        Slugs.Keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);

    private static readonly Dictionary<string, Model.CrimeCategory> Codes =
        All.ToDictionary(c => c.Name, c => c.Code, StringComparer.Ordinal);

    /// <summary>Returns the canonical (shared) string for a known category, or null.</summary>
    public static string? Canonicalise(string text) => Canonical.TryGetValue(text, out var c) ? c : null;

    /// <summary>Stored code of a category given its CSV text, or null when unknown.</summary>
    public static Model.CrimeCategory? CodeOf(string text) => Codes.TryGetValue(text, out var c) ? c : null;

    /// <summary>CSV text ("Violence and sexual offences") of a stored code.</summary>
    public static string NameOf(Model.CrimeCategory code) => All[(int)code - 1].Name;

    /// <summary>API slug ("violent-crime") of a stored code.</summary>
    public static string SlugOf(Model.CrimeCategory code) => All[(int)code - 1].Slug;
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
