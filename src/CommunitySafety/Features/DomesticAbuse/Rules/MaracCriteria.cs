using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.DomesticAbuse.Rules;

/// <summary>The four Marac referral criteria (reference 2.1, https://docsbay.net/marac-referral-criteria-definitions).</summary>
public enum MaracCriterion
{
    VisibleHighRisk,
    ProfessionalJudgement,
    PotentialEscalation,
    Repeat,
}

/// <summary>Local settings of the Marac rules; the defaults are those cited on each rule.</summary>
public sealed record MaracRules(int EscalationIncidents, int EscalationMonths, int RepeatMonths)
{
    /// <summary>3 incidents in 12 months ("common local practice", reference 2.1); repeat within 12 months (reference 2.2).</summary>
    public static MaracRules Default { get; } = new(3, 12, 12);
}

/// <summary>What the criteria are judged on: the DASH result, the victim's domestic abuse incidents and their last referral.</summary>
public sealed record MaracFacts(int YesCount, RiskBand FinalBand, IReadOnlyList<DateOnly> IncidentDates, DateOnly? LastReferralOn, DateOnly Today);

public static class MaracCriteria
{
    public static string Describe(MaracCriterion c) => c switch
    {
        MaracCriterion.VisibleHighRisk => "Visible high risk (enough yes answers on DASH)",
        MaracCriterion.ProfessionalJudgement => "Professional judgement (high risk below the count)",
        MaracCriterion.PotentialEscalation => "Potential escalation (several domestic abuse incidents in a year)",
        MaracCriterion.Repeat => "Repeat (within 12 months of the last Marac referral)",
        _ => c.ToString(),
    };

    /// <summary>
    /// Which criteria the data meet. Visible high risk: the yes count reaches the high band (14 by default). Professional
    /// judgement: the final band is high although the count is below it (red flags or the assessor's judgement). Potential
    /// escalation: at least <see cref="MaracRules.EscalationIncidents"/> domestic abuse incidents in the last
    /// <see cref="MaracRules.EscalationMonths"/> months. Repeat: see <see cref="IsRepeat"/>.
    /// </summary>
    public static IReadOnlyList<MaracCriterion> Met(MaracFacts facts, DashBands bands, MaracRules rules)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(rules);
        var met = new List<MaracCriterion>();
        if (facts.YesCount >= bands.HighFrom)
        {
            met.Add(MaracCriterion.VisibleHighRisk);
        }
        else if (facts.FinalBand == RiskBand.High)
        {
            met.Add(MaracCriterion.ProfessionalJudgement);
        }
        if (IncidentsInWindow(facts.IncidentDates, facts.Today, rules.EscalationMonths) >= rules.EscalationIncidents)
        {
            met.Add(MaracCriterion.PotentialEscalation);
        }
        if (facts.LastReferralOn is { } last && IsRepeat(last, facts.Today, rules.RepeatMonths))
        {
            met.Add(MaracCriterion.Repeat);
        }
        return met;
    }

    /// <summary>Incidents on or before <paramref name="today"/> and after the same day <paramref name="months"/> months earlier.</summary>
    public static int IncidentsInWindow(IEnumerable<DateOnly> dates, DateOnly today, int months)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var from = today.AddMonths(-months);
        return dates.Count(d => d > from && d <= today);
    }

    /// <summary>
    /// A repeat is any instance of abuse between the same victim and perpetrator within 12 months of the last Marac
    /// referral; later than that it is a new referral (SafeLives, https://safelives.org.uk/definition-repeat-marac ,
    /// reference 2.2). "Within 12 months" includes the same calendar date a year on (day 365 in a common year).
    /// </summary>
    public static bool IsRepeat(DateOnly lastReferralOn, DateOnly incidentOn, int months = 12) =>
        incidentOn >= lastReferralOn && incidentOn <= lastReferralOn.AddMonths(months);
}
