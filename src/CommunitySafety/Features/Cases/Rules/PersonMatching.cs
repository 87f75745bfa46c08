using System.Globalization;
using System.Text;

namespace CommunitySafety.Features.Cases.Rules;

public sealed record PersonName(string Forename, string Surname);

/// <summary>A person as held (or proposed) on the system, for duplicate detection.</summary>
public sealed record PersonRecord(
    string Forename,
    string Surname,
    DateOnly? DateOfBirth = null,
    string? Postcode = null,
    IReadOnlyList<PersonName>? Aliases = null,
    string? AddressLine1 = null,
    long? Uprn = null);

/// <summary>
/// Weights and threshold for <see cref="PersonMatching.MatchScore"/>. Local, configurable defaults [M]
/// (no national standard for CSP person matching was found in the reference), tuned on the generated variants of
/// bench/person-matching.sh: an exact name with the same home (house number and street, or UPRN) is a possible match
/// without a date of birth (50 + 35), as is an exact name with the same date of birth at a new address (50 + 35);
/// a name alone (50), or a name and postcode shared by neighbours (50 + 7), is not. A clearly different forename
/// (twins, siblings at one address) or date of birth (a parent and child of one name) counts against.
/// </summary>
public sealed record PersonMatchOptions(
    int ForenameWeight = 20,
    int SurnameWeight = 30,
    int DobExactWeight = 35,
    int DobTransposedWeight = 25,
    int DobYearOnlyWeight = 10,
    int DobConflictPenalty = 25,
    int PostcodeExactWeight = 15,
    int PostcodeDistrictWeight = 7,
    int SameAddressWeight = 35,
    int SameStreetWeight = 8,
    int SamePostcodeOtherHouseWeight = 7,
    int ForenameConflictPenalty = 40,
    double ForenameConflictBelow = 0.8,
    double NameSimilarityFloor = 0.6,
    double SoundsAlikeSimilarity = 0.9,
    double InitialSimilarity = 0.8,
    double NicknameSimilarity = 0.9,
    double NamePartSimilarity = 0.9,
    int PossibleMatchThreshold = 70)
{
    public static PersonMatchOptions Default { get; } = new();
}

/// <param name="Reasons">Why it may match, in full: for a user who may see both records.</param>
/// <param name="SharedReasons">
/// Why it may match in terms that tell nothing the searcher did not type beyond what need to know allows of a partner's
/// record (ADR 0008): the name, the year of birth, the street, the postcode; never whether a full date of birth or a
/// house number agreed, and nothing about what differs, so repeated checks cannot read the record field by field.
/// </param>
public sealed record PersonMatchResult(int Score, IReadOnlyList<string> Reasons, bool IsPossibleMatch, IReadOnlyList<string>? SharedReasons = null)
{
    public IReadOnlyList<string> SharedReasons { get; init; } = SharedReasons ?? [];
}

public static class PersonMatching
{
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "revd", "sir", "dame", "lord", "lady", "master",
    };

    // Surname particles joined to the next word so "O Brien", "O'Brien" and "OBrien" agree.
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "o", "mc", "mac", "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "st", "ap", "al", "el",
    };

    /// <summary>
    /// Lower-cases, removes accents (é→e, ß→ss, ø→o…), drops apostrophes, turns other punctuation into spaces,
    /// removes leading titles (Mr, Mrs, Dr…) and joins surname particles (O', Mc, Van, De…) to the next word.
    /// </summary>
    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var decomposed = name.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            switch (ch)
            {
                case 'ß': builder.Append("ss"); break;
                case 'æ': builder.Append("ae"); break;
                case 'œ': builder.Append("oe"); break;
                case 'ø': builder.Append('o'); break;
                case 'ł': builder.Append('l'); break;
                case 'đ': case 'ð': builder.Append('d'); break;
                case 'þ': builder.Append("th"); break;
                case '\'': case '\u2019': case '\u2018': case '`': break;
                default:
                    builder.Append(char.IsLetterOrDigit(ch) ? ch : ' ');
                    break;
            }
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && Titles.Contains(words[0]))
        {
            words.RemoveAt(0);
        }

        var joined = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (Particles.Contains(words[i]) && i + 1 < words.Count)
            {
                words[i + 1] = words[i] + words[i + 1];
                continue;
            }

            joined.Add(words[i]);
        }

        return string.Join(' ', joined);
    }

    /// <summary>Jaro–Winkler similarity in 0..1 (prefix scale 0.1, up to 4 prefix characters).</summary>
    public static double JaroWinkler(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 && b.Length == 0)
        {
            return 1.0;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }

        var range = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        var aMatched = new bool[a.Length];
        var bMatched = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - range);
            var to = Math.Min(b.Length - 1, i + range);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0.0;
        }

        var halfTranspositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                halfTranspositions++;
            }

            k++;
        }

        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (halfTranspositions / 2.0)) / m)) / 3.0;

        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1.0 - jaro));
    }

    /// <summary>
    /// Soundex-style phonetic key for indexing: first letter plus three digits (e.g. "Robert" → "R163").
    /// Input is normalised first; spaces are ignored. Empty input gives an empty key.
    /// </summary>
    public static string PhoneticKey(string? name)
    {
        var letters = Normalise(name).Where(char.IsAsciiLetter).ToArray();
        if (letters.Length == 0)
        {
            return string.Empty;
        }

        var key = new StringBuilder(4);
        key.Append(char.ToUpperInvariant(letters[0]));
        var previous = SoundCode(letters[0]);
        for (var i = 1; i < letters.Length && key.Length < 4; i++)
        {
            var c = letters[i];
            var code = SoundCode(c);
            if (code != '0' && code != previous)
            {
                key.Append(code);
            }

            // 'h' and 'w' do not separate letters with the same code; vowels do.
            if (c is not ('h' or 'w'))
            {
                previous = code;
            }
        }

        return key.ToString().PadRight(4, '0');
    }

    /// <summary>
    /// Similarity of two single names (forename or surname) in 0..1, with the kind of likeness when it is not exact:
    /// "nickname" (Peggy/Margaret, <see cref="Nicknames"/>), "part of a double-barrelled name" (Pritchard-Jones/Pritchard),
    /// "sounds alike" (Soundex), "initial" (J/John), else "similar" (Jaro–Winkler, typing slips).
    /// </summary>
    public static (double Similarity, string Kind) NameSimilarity(string a, string b, PersonMatchOptions? options = null)
    {
        options ??= PersonMatchOptions.Default;
        var partsA = Normalise(a).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var partsB = Normalise(b).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var x = string.Concat(partsA);
        var y = string.Concat(partsB);
        if (x.Length == 0 || y.Length == 0)
        {
            return (0, "missing");
        }

        if (x == y)
        {
            return (1, "exact");
        }

        var similarity = JaroWinkler(x, y);
        var kind = "similar";
        if (Nicknames.AreForms(x, y) && options.NicknameSimilarity > similarity)
        {
            similarity = options.NicknameSimilarity;
            kind = "nickname";
        }

        // One record has both halves of a hyphenated or two-part name, the other one half (or the halves in another order).
        if ((partsA.Length > 1 || partsB.Length > 1) && partsA.Intersect(partsB, StringComparer.Ordinal).Any(p => p.Length > 1))
        {
            similarity = Math.Max(similarity, options.NamePartSimilarity);
            kind = "part of a double-barrelled name";
        }

        if (PhoneticKey(x) == PhoneticKey(y) && options.SoundsAlikeSimilarity > similarity)
        {
            similarity = options.SoundsAlikeSimilarity;
            kind = "sounds alike";
        }

        if ((x.Length == 1 || y.Length == 1) && x[0] == y[0] && options.InitialSimilarity > similarity)
        {
            similarity = options.InitialSimilarity;
            kind = "initial";
        }

        return (similarity, kind);
    }

    /// <summary>
    /// Scores how likely <paramref name="candidate"/> is the same person as <paramref name="existing"/>, 0..100.
    /// Names are compared in both orders (forename/surname swapped) and against every alias of either record;
    /// the best pairing counts, and a clearly different forename counts against. Date of birth: exact, day/month
    /// transposed, or year only; a conflicting date of birth is penalised. Where they live: the same home (UPRN, or
    /// house number and street: <see cref="AddressMatching"/>), else the same postcode or district, else the same
    /// street; a different address is not held against them (people move).
    /// </summary>
    public static PersonMatchResult MatchScore(PersonRecord candidate, PersonRecord existing, PersonMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(existing);
        options ??= PersonMatchOptions.Default;
        var reasons = new List<string>();

        var best = BestNameScore(candidate, existing, options);
        double score = best.Score;
        reasons.AddRange(best.Reasons);
        var shared = new List<string>(best.Shared);

        if (candidate.DateOfBirth is { } c && existing.DateOfBirth is { } e)
        {
            if (c == e)
            {
                score += options.DobExactWeight;
                reasons.Add("date of birth matches");
            }
            else if (c.Year == e.Year && c.Day == e.Month && c.Month == e.Day)
            {
                score += options.DobTransposedWeight;
                reasons.Add("date of birth matches with day and month transposed");
            }
            else if (c.Year == e.Year)
            {
                score += options.DobYearOnlyWeight;
                reasons.Add("year of birth matches");
            }
            else
            {
                score -= options.DobConflictPenalty;
                reasons.Add("date of birth differs");
            }
            if (c.Year == e.Year)
            {
                shared.Add("same year of birth");
            }
        }

        var (placePoints, placeReasons, placeShared) = PlaceScore(candidate, existing, options);
        score += placePoints;
        reasons.AddRange(placeReasons);
        shared.AddRange(placeShared);

        var final = (int)Math.Round(Math.Clamp(score, 0, 100), MidpointRounding.AwayFromZero);
        return new PersonMatchResult(final, reasons, final >= options.PossibleMatchThreshold, shared);
    }

    /// <summary>The best one of: same home, same postcode, same district, same street (they overlap, so they do not add up).</summary>
    static (double Points, List<string> Reasons, List<string> Shared) PlaceScore(PersonRecord candidate, PersonRecord existing, PersonMatchOptions options)
    {
        var pc = NormalisePostcode(candidate.Postcode);
        var pe = NormalisePostcode(existing.Postcode);
        var bothPostcodes = pc.Length > 0 && pe.Length > 0;
        var samePostcode = bothPostcodes && pc == pe;
        var sameDistrict = bothPostcodes && !samePostcode && pc.Length > 3 && pe.Length > 3 && pc[..^3] == pe[..^3];
        var address = AddressMatching.Compare(candidate.AddressLine1, candidate.Uprn, existing.AddressLine1, existing.Uprn);
        var sameUprn = candidate.Uprn is not null && candidate.Uprn == existing.Uprn;
        var reasons = new List<string>();
        var shared = new List<string>();
        double points = 0;

        // The same house number and street in another postcode district is another town's street of the same name.
        if (address == AddressMatching.Likeness.SameAddress && (sameUprn || !bothPostcodes || samePostcode || sameDistrict))
        {
            points = options.SameAddressWeight;
            reasons.Add(sameUprn ? "address matches (same UPRN)" : "address matches (house number and street)");
            if (samePostcode)
            {
                reasons.Add("postcode matches");
            }
            shared.Add("same street");
        }
        else if (samePostcode)
        {
            // Neighbours share a postcode: a different house number at it is weaker than no house number at all.
            points = address is AddressMatching.Likeness.SameStreet or AddressMatching.Likeness.Different
                ? options.SamePostcodeOtherHouseWeight : options.PostcodeExactWeight;
            reasons.Add("postcode matches");
            if (address == AddressMatching.Likeness.SameStreet)
            {
                reasons.Add("same street, different house number");
                shared.Add("same street");
            }
        }
        else if (address == AddressMatching.Likeness.SameStreet && (!bothPostcodes || sameDistrict))
        {
            points = options.SameStreetWeight;
            reasons.Add("same street");
            shared.Add("same street");
        }
        else if (sameDistrict)
        {
            points = options.PostcodeDistrictWeight;
            reasons.Add("postcode district matches");
        }
        else if (bothPostcodes)
        {
            reasons.Add("postcode differs");
        }

        if (samePostcode)
        {
            shared.Add("same postcode");
        }
        else if (sameDistrict)
        {
            shared.Add("same postcode district");
        }
        return (points, reasons, shared);
    }

    /// <summary>Upper case without spaces, e.g. "sw1a 1aa" → "SW1A1AA".</summary>
    public static string NormalisePostcode(string? postcode) =>
        postcode is null ? string.Empty : new string(postcode.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();

    private static (double Score, List<string> Reasons, List<string> Shared) BestNameScore(PersonRecord candidate, PersonRecord existing, PersonMatchOptions options)
    {
        var candidateNames = new List<(PersonName Name, bool Alias)> { (new(candidate.Forename, candidate.Surname), false) };
        candidateNames.AddRange((candidate.Aliases ?? []).Select(a => (a, true)));
        var existingNames = new List<(PersonName Name, bool Alias)> { (new(existing.Forename, existing.Surname), false) };
        existingNames.AddRange((existing.Aliases ?? []).Select(a => (a, true)));

        (double Score, List<string> Reasons, List<string> Shared) best = (double.MinValue, [], []);
        foreach (var (cn, cAlias) in candidateNames)
        {
            foreach (var (en, eAlias) in existingNames)
            {
                foreach (var swapped in new[] { false, true })
                {
                    var givenForename = swapped ? cn.Surname : cn.Forename;
                    var forename = NameSimilarity(givenForename, en.Forename, options);
                    var surname = NameSimilarity(swapped ? cn.Forename : cn.Surname, en.Surname, options);
                    var total = (options.ForenameWeight * Scale(forename.Similarity, options))
                        + (options.SurnameWeight * Scale(surname.Similarity, options));
                    // Twins and siblings share a surname, a date of birth or a home; a different first name tells them apart.
                    var forenameConflict = forename.Kind != "missing" && forename.Similarity < options.ForenameConflictBelow;
                    if (forenameConflict)
                    {
                        total -= options.ForenameConflictPenalty;
                    }

                    // Prefer the straightforward pairing on ties.
                    if (total > best.Score + 1e-9)
                    {
                        var reasons = new List<string>
                        {
                            forenameConflict ? "forename differs" : Describe("forename", forename),
                            Describe("surname", surname),
                        };
                        if (swapped)
                        {
                            reasons.Add("forename and surname swapped");
                        }

                        if (cAlias || eAlias)
                        {
                            reasons.Add("matched on alias");
                        }

                        best = (total, reasons, SharedNameReasons(forename, surname, givenForename, en.Forename, swapped, cAlias || eAlias, forenameConflict));
                    }
                }
            }
        }

        return best;
    }

    // What a partner may be told of the names: only how the name they typed relates, in words from the brief
    // ("name matches (nickname Peggy for Margaret)"); a similarity figure would help spell the record's name out.
    private static List<string> SharedNameReasons((double Similarity, string Kind) forename, (double Similarity, string Kind) surname,
        string givenForename, string heldForename, bool swapped, bool alias, bool forenameConflict)
    {
        if (forenameConflict || surname.Similarity <= PersonMatchOptions.Default.NameSimilarityFloor)
        {
            return forename.Kind == "exact" ? ["forename matches"] : surname.Kind == "exact" ? ["surname matches"] : [];
        }
        var name = (forename.Kind, surname.Kind) switch
        {
            ("exact", "exact") => "name matches",
            ("nickname", "exact") => $"name matches (nickname {Titled(givenForename)} for {Titled(heldForename)})",
            ("nickname", _) => $"forename matches (nickname {Titled(givenForename)} for {Titled(heldForename)}), surname similar",
            ("initial", "exact") => "surname matches, forename initial matches",
            (_, "part of a double-barrelled name") => "name matches part of a double-barrelled surname",
            _ => "name similar",
        };
        var list = new List<string> { name };
        if (swapped)
        {
            list.Add("forename and surname swapped");
        }
        if (alias)
        {
            list.Add("matches a name the person is also known by");
        }
        return list;
    }

    private static string Titled(string name)
    {
        var n = name.Trim();
        return n.Length == 0 ? n : char.ToUpperInvariant(n[0]) + n[1..].ToLowerInvariant();
    }

    private static double Scale(double similarity, PersonMatchOptions options) =>
        similarity <= options.NameSimilarityFloor ? 0 : (similarity - options.NameSimilarityFloor) / (1 - options.NameSimilarityFloor);

    private static string Describe(string part, (double Similarity, string Kind) s) =>
        s.Kind == "exact"
            ? $"{part} matches"
            : string.Create(CultureInfo.InvariantCulture, $"{part} {s.Kind} ({s.Similarity:0.00})");

    private static char SoundCode(char c) => c switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        _ => '0',
    };
}
