namespace CommunitySafety.Features.Referrals.Rules;

/// <summary>The kinds of eligibility rule a service can hold as data (one row each; all must hold).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EligibilityRuleKind>))]
public enum EligibilityRuleKind
{
    /// <summary>Value: postcode districts, comma-separated ("WY1,WY4"): the person's current address must be in one.</summary>
    Area,
    /// <summary>Value: incident category codes, comma-separated: the person is the victim of one within 12 months.</summary>
    VictimOf,
    /// <summary>Value: an age in whole years (e.g. "65").</summary>
    MinimumAge,
    /// <summary>Value: the number of incidents of the VictimOf categories within 12 months that make a repeat victim (e.g. "2").</summary>
    RepeatVictim,
}

public sealed record EligibilityRuleData(EligibilityRuleKind Kind, string Value);

/// <summary>What the referrer's own records say about the person (only what the referrer may see).</summary>
public sealed record EligibilityFacts(DateOnly? DateOfBirth, string? Postcode, IReadOnlyList<(string Category, DateOnly Date)> VictimOf, bool FlaggedRepeatVictim, DateOnly Today);

/// <summary>
/// Evaluates a service's eligibility rules. The rules are the commissioning terms written as data (the Safer Homes
/// style: "residents who are victims of burglary or distraction burglary, aged 65 or over, or repeat victims";
/// reference 2.14). Not being eligible WARNS rather than refuses: the referrer may still refer with a reason
/// (professional judgement, as fire services ask partners to "refer anyway if the risk is significant", reference
/// 2.14), the reasons are kept on the referral and the provider sees them when deciding.
/// </summary>
public static class Eligibility
{
    /// <summary>Window for "victim of" and "repeat victim": the last 12 months, the usual repeat-victim period.</summary>
    public const int WindowMonths = 12;

    public static IReadOnlyList<string> NotEligibleBecause(IEnumerable<EligibilityRuleData> rules, EligibilityFacts facts, Func<string, string>? categoryName = null)
    {
        var name = categoryName ?? (c => c);
        var reasons = new List<string>();
        var since = facts.Today.AddMonths(-WindowMonths);
        var ruleList = rules.ToList();
        var victimCategories = ruleList.Where(r => r.Kind == EligibilityRuleKind.VictimOf).SelectMany(r => Split(r.Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in ruleList)
        {
            switch (rule.Kind)
            {
                case EligibilityRuleKind.Area:
                    var districts = Split(rule.Value).ToList();
                    var district = PostcodeDistrict(facts.Postcode);
                    if (district is null)
                    {
                        reasons.Add($"No current address with a postcode is recorded, so the area ({string.Join(", ", districts)}) cannot be checked.");
                    }
                    else if (!districts.Contains(district, StringComparer.OrdinalIgnoreCase))
                    {
                        reasons.Add($"The address is in postcode district {district}, outside the service's area ({string.Join(", ", districts)}).");
                    }
                    break;
                case EligibilityRuleKind.VictimOf:
                    var wanted = Split(rule.Value).ToList();
                    if (!facts.VictimOf.Any(v => v.Date >= since && wanted.Contains(v.Category, StringComparer.Ordinal)))
                    {
                        reasons.Add($"No record that the person was the victim of {string.Join(" or ", wanted.Select(name))} in the last {WindowMonths} months.");
                    }
                    break;
                case EligibilityRuleKind.MinimumAge:
                    var minimum = int.Parse(rule.Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (facts.DateOfBirth is not { } dob)
                    {
                        reasons.Add($"No date of birth is recorded, so the age ({minimum} or over) cannot be checked.");
                    }
                    else if (AgeOn(dob, facts.Today) < minimum)
                    {
                        reasons.Add($"The person is {AgeOn(dob, facts.Today)}; the service is for people aged {minimum} or over.");
                    }
                    break;
                case EligibilityRuleKind.RepeatVictim:
                    var needed = int.Parse(rule.Value, System.Globalization.CultureInfo.InvariantCulture);
                    var count = facts.VictimOf.Count(v => v.Date >= since && (victimCategories.Count == 0 || victimCategories.Contains(v.Category)));
                    if (count < needed && !facts.FlaggedRepeatVictim)
                    {
                        reasons.Add($"Not a repeat victim: {count} recorded incident(s) in the last {WindowMonths} months, the service needs {needed} (or a repeat-victim flag).");
                    }
                    break;
            }
        }
        return reasons;
    }

    /// <summary>Age in completed years (a 29 February birthday is reached on 1 March in common years).</summary>
    public static int AgeOn(DateOnly dob, DateOnly today)
    {
        var age = today.Year - dob.Year;
        if (today.Month < dob.Month || (today.Month == dob.Month && today.Day < dob.Day))
        {
            age--;
        }
        return age;
    }

    /// <summary>The outward code of a UK postcode ("WY4 2LR" → "WY4"; "WY42LR" → "WY4"): the inward code is always 3 characters.</summary>
    public static string? PostcodeDistrict(string? postcode)
    {
        var key = new string((postcode ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return key.Length is >= 5 and <= 7 ? key[..^3] : null;
    }

    public static string Describe(EligibilityRuleData rule, Func<string, string>? categoryName = null)
    {
        var name = categoryName ?? (c => c);
        return rule.Kind switch
        {
            EligibilityRuleKind.Area => $"Lives in postcode district {string.Join(", ", Split(rule.Value))}",
            EligibilityRuleKind.VictimOf => $"Victim of {string.Join(" or ", Split(rule.Value).Select(name))} in the last {WindowMonths} months",
            EligibilityRuleKind.MinimumAge => $"Aged {rule.Value} or over",
            EligibilityRuleKind.RepeatVictim => $"Repeat victim ({rule.Value} or more incidents in {WindowMonths} months, or flagged)",
            _ => rule.Value,
        };
    }

    /// <summary>Checks a rule's value can be evaluated (for the catalogue editor and the API).</summary>
    public static string? Invalid(EligibilityRuleData rule) => rule.Kind switch
    {
        EligibilityRuleKind.MinimumAge or EligibilityRuleKind.RepeatVictim when !int.TryParse(rule.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 120
            => "Enter a whole number between 1 and 120",
        EligibilityRuleKind.Area or EligibilityRuleKind.VictimOf when Split(rule.Value).Length == 0 => "Enter at least one value",
        _ => null,
    };

    static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
