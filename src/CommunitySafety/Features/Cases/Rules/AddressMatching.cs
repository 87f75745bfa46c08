using System.Text;

namespace CommunitySafety.Features.Cases.Rules;

/// <summary>The first line of an address reduced to what identifies a home: the house (and flat) number and the street.</summary>
public sealed record AddressLine(string HouseNumber, string Street)
{
    public bool IsEmpty => HouseNumber.Length == 0 && Street.Length == 0;
}

/// <summary>
/// Compares first lines of addresses as officers type them ("14 Lark Rise", "14, Lark Rise.", "Flat 2, 14 Lark Rise",
/// "14a High St"). A UPRN, when both records have one, decides on its own: it is the property's identifier in the
/// national address gazetteer used by police systems (reference §people: UPRN/USRN via OS AddressBase).
/// </summary>
public static class AddressMatching
{
    // Royal Mail's common thoroughfare abbreviations, written out so "High St" and "High Street" agree.
    static readonly Dictionary<string, string> Suffixes = new(StringComparer.Ordinal)
    {
        ["rd"] = "road", ["st"] = "street", ["str"] = "street", ["ave"] = "avenue", ["av"] = "avenue", ["cl"] = "close",
        ["dr"] = "drive", ["ln"] = "lane", ["cres"] = "crescent", ["cresc"] = "crescent", ["gdns"] = "gardens",
        ["gr"] = "grove", ["pl"] = "place", ["sq"] = "square", ["ter"] = "terrace", ["terr"] = "terrace", ["ct"] = "court",
        ["pk"] = "park", ["wy"] = "way", ["hl"] = "hill", ["grn"] = "green", ["mws"] = "mews", ["pde"] = "parade",
    };

    static readonly HashSet<string> FlatWords = new(StringComparer.Ordinal) { "flat", "apartment", "apt", "unit", "room" };

    /// <summary>
    /// "Flat 2, 14a Lark Rise" → ("2/14a", "larkrise"); "14 High St." → ("14", "highstreet"). Numbers written
    /// "14 a" are joined ("14a"); words before the first number (a house name) are ignored when a number is given.
    /// </summary>
    public static AddressLine Parse(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return new AddressLine("", "");
        }
        var text = new StringBuilder(line.Length);
        foreach (var ch in line.ToLowerInvariant())
        {
            text.Append(char.IsAsciiLetterOrDigit(ch) ? ch : ' ');
        }
        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !FlatWords.Contains(w)).ToList();
        var numbers = new List<string>();
        var lastNumber = -1;
        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].Any(char.IsAsciiDigit))
            {
                continue;
            }
            var number = words[i];
            // "14 a Lark Rise": a single letter straight after a number belongs to it (but "14 A Road" is rare enough).
            if (i + 1 < words.Count && words[i + 1].Length == 1 && char.IsAsciiLetter(words[i + 1][0]) && i + 2 < words.Count)
            {
                number += words[i + 1];
                i++;
            }
            numbers.Add(number);
            lastNumber = i;
        }
        var street = words.Skip(lastNumber + 1).ToList();
        if (street.Count > 1 && Suffixes.TryGetValue(street[^1], out var full))
        {
            street[^1] = full;
        }
        return new AddressLine(string.Join('/', numbers), string.Concat(street));
    }

    /// <summary>How two first lines (or UPRNs) compare.</summary>
    public enum Likeness
    {
        /// <summary>One side has no address: nothing to compare.</summary>
        Unknown,
        /// <summary>Same UPRN, or the same house number on the same street.</summary>
        SameAddress,
        /// <summary>Same street, a different (or missing) house number.</summary>
        SameStreet,
        Different,
    }

    /// <summary>
    /// Streets agree when their Jaro–Winkler similarity is at least 0.9, which forgives one mistyped letter in a
    /// street name of six or more letters ("Lark Rsie") but not a different street ("Lark Lane"). [M]
    /// </summary>
    public const double StreetSimilarity = 0.9;

    public static Likeness Compare(string? line1, long? uprn1, string? line2, long? uprn2)
    {
        if (uprn1 is { } u1 && uprn2 is { } u2)
        {
            return u1 == u2 ? Likeness.SameAddress : Likeness.Different;
        }
        var a = Parse(line1);
        var b = Parse(line2);
        if (a.IsEmpty || b.IsEmpty || a.Street.Length == 0 || b.Street.Length == 0)
        {
            return Likeness.Unknown;
        }
        if (a.Street != b.Street && PersonMatching.JaroWinkler(a.Street, b.Street) < StreetSimilarity)
        {
            return Likeness.Different;
        }
        return a.HouseNumber.Length > 0 && a.HouseNumber == b.HouseNumber ? Likeness.SameAddress : Likeness.SameStreet;
    }
}
