using System.Globalization;
using CommunitySafety.Features.Places.Model;

namespace CommunitySafety.Features.Places.Queries;

/// <summary>
/// Month arithmetic on the yyyymm integers the Places tables store, and the 14 police.uk categories
/// with their display text and API slugs (reference 2.9: "Violence and sexual offences" is
/// <c>violent-crime</c>), kept next to the ward queries that parse them from query strings.
/// </summary>
public static class WardMapPeriods
{
    /// <summary>yyyymm → a month count that can be added to and compared.</summary>
    public static int ToIndex(int yyyymm) => (yyyymm / 100 * 12) + (yyyymm % 100) - 1;

    public static int FromIndex(int index) => (index / 12 * 100) + (index % 12) + 1;

    public static int AddMonths(int yyyymm, int months) => FromIndex(ToIndex(yyyymm) + months);

    /// <summary>Number of months from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static int Length(int from, int to) => ToIndex(to) - ToIndex(from) + 1;

    /// <summary>"YYYY-MM" → yyyymm; null when the text is not a month.</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (t.Length == 7 && t[4] == '-'
            && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(t.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && y >= 1900 && m is >= 1 and <= 12)
        {
            return (y * 100) + m;
        }

        return null;
    }

    /// <summary>yyyymm → "YYYY-MM", the form used in query strings and police.uk files.</summary>
    public static string Format(int yyyymm) => $"{yyyymm / 100:D4}-{yyyymm % 100:D2}";

    /// <summary>yyyymm → "January 2021" for people.</summary>
    public static string Display(int yyyymm) =>
        new DateTime(yyyymm / 100, yyyymm % 100, 1).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>yyyymm → "Jan 2021" for narrow table columns and chart labels.</summary>
    public static string Short(int yyyymm) =>
        new DateTime(yyyymm / 100, yyyymm % 100, 1).ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public static string DisplayRange(int from, int to) =>
        from == to ? Display(from) : $"{Display(from)} to {Display(to)}";
}

/// <summary>A crime category as shown to people and named in URLs.</summary>
public sealed record WardMapCategory(CrimeCategory Category, string Name, string Slug);

public static class WardMapCategories
{
    /// <summary>In police.uk's own order (reference 2.9).</summary>
    public static IReadOnlyList<WardMapCategory> All { get; } =
    [
        new(CrimeCategory.AntiSocialBehaviour, "Anti-social behaviour", "anti-social-behaviour"),
        new(CrimeCategory.BicycleTheft, "Bicycle theft", "bicycle-theft"),
        new(CrimeCategory.Burglary, "Burglary", "burglary"),
        new(CrimeCategory.CriminalDamageAndArson, "Criminal damage and arson", "criminal-damage-arson"),
        new(CrimeCategory.Drugs, "Drugs", "drugs"),
        new(CrimeCategory.OtherTheft, "Other theft", "other-theft"),
        new(CrimeCategory.PossessionOfWeapons, "Possession of weapons", "possession-of-weapons"),
        new(CrimeCategory.PublicOrder, "Public order", "public-order"),
        new(CrimeCategory.Robbery, "Robbery", "robbery"),
        new(CrimeCategory.Shoplifting, "Shoplifting", "shoplifting"),
        new(CrimeCategory.TheftFromThePerson, "Theft from the person", "theft-from-the-person"),
        new(CrimeCategory.VehicleCrime, "Vehicle crime", "vehicle-crime"),
        new(CrimeCategory.ViolenceAndSexualOffences, "Violence and sexual offences", "violent-crime"),
        new(CrimeCategory.OtherCrime, "Other crime", "other-crime"),
    ];

    public static WardMapCategory? FromSlug(string? slug) =>
        string.IsNullOrWhiteSpace(slug) ? null : All.FirstOrDefault(c => string.Equals(c.Slug, slug.Trim(), StringComparison.OrdinalIgnoreCase));

    public static WardMapCategory Of(CrimeCategory category) => All.First(c => c.Category == category);
}
