using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.DomesticAbuse.Rules;

/// <summary>
/// Professional-judgement red flags used locally alongside DASH (reference 2.1, Plymouth safeguarding children
/// partnership's DASH page): any one of them is grounds to treat the case as high risk whatever the count of yes answers.
/// </summary>
public enum DashRedFlag
{
    /// <summary>Separation, coercive control and physical or sexual violence together (the "cluster of 3").</summary>
    SeparationControlViolenceCluster,
    NonFatalStrangulation,
    Stalking,
    ThreatsToKill,
    VictimPerception,
    Escalation,
    HonourBasedAbuseOrForcedMarriage,
}

/// <summary>A DASH scored and judged: the count of yes answers, the band the count gives and the band after judgement.</summary>
public sealed record DashResult(int YesCount, RiskBand ComputedBand, RiskBand FinalBand, IReadOnlyList<DashRedFlag> RedFlags, string? Reason);

/// <summary>The outcome of <see cref="DashJudgement.Judge"/>: a result, or the error that refused it.</summary>
public sealed record DashJudged(DashResult? Result, string? Error, string? ErrorField);

public static class DashJudgement
{
    public static string Describe(DashRedFlag flag) => flag switch
    {
        DashRedFlag.SeparationControlViolenceCluster => "Separation, coercive control and physical or sexual violence together",
        DashRedFlag.NonFatalStrangulation => "Non-fatal strangulation",
        DashRedFlag.Stalking => "Stalking",
        DashRedFlag.ThreatsToKill => "Threats to kill",
        DashRedFlag.VictimPerception => "The victim's own perception of high risk",
        DashRedFlag.Escalation => "Escalation",
        DashRedFlag.HonourBasedAbuseOrForcedMarriage => "So-called honour-based abuse or forced marriage",
        _ => flag.ToString(),
    };

    /// <summary>
    /// The red flags the answers themselves show, so they are never missed: strangulation (Q15), threats to kill (Q14),
    /// stalking (Q8), escalation (Q10 or Q11), and the cluster of separation (Q6), control (Q12) and physical or sexual
    /// violence (Q1 injury, Q13 weapon, Q15 strangulation or Q16 sexual abuse). The victim's perception and honour-based
    /// abuse are for the assessor to record.
    /// </summary>
    public static IReadOnlyList<DashRedFlag> FromAnswers(IReadOnlyDictionary<string, RiskAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        bool Yes(string id) => answers.TryGetValue(id, out var a) && a.Kind == RiskAnswerKind.Yes;
        var flags = new List<DashRedFlag>();
        if (Yes("Q6") && Yes("Q12") && (Yes("Q1") || Yes("Q13") || Yes("Q15") || Yes("Q16")))
        {
            flags.Add(DashRedFlag.SeparationControlViolenceCluster);
        }
        if (Yes("Q15"))
        {
            flags.Add(DashRedFlag.NonFatalStrangulation);
        }
        if (Yes("Q8"))
        {
            flags.Add(DashRedFlag.Stalking);
        }
        if (Yes("Q14"))
        {
            flags.Add(DashRedFlag.ThreatsToKill);
        }
        if (Yes("Q10") || Yes("Q11"))
        {
            flags.Add(DashRedFlag.Escalation);
        }
        return flags;
    }

    /// <summary>
    /// Scores a complete DASH and applies professional judgement. Any red flag raises the band to High, with the flags as
    /// the reason; an assessor's own band may raise it further with a reason. Judgement never lowers the count's band:
    /// the bands are "suggested levels only; other factors may increase risk but will not reduce it", and professional
    /// judgement "must not be used to downgrade" (reference 2.1: https://plymouthscb.co.uk/safe-lives-dash-ric-checklist ;
    /// https://docsbay.net/marac-referral-criteria-definitions). A lowering band is refused with an error.
    /// </summary>
    public static DashJudged Judge(RiskInstrument dash, IReadOnlyDictionary<string, RiskAnswer> answers, IEnumerable<DashRedFlag> recorded,
        RiskBand? assessorBand, string? assessorReason)
    {
        ArgumentNullException.ThrowIfNull(dash);
        ArgumentNullException.ThrowIfNull(recorded);
        var score = RiskScoring.Score(dash, answers);
        if (score.Unanswered.Count > 0)
        {
            throw new ArgumentException("A DASH with unanswered questions is a draft and is not scored.", nameof(answers));
        }
        if (assessorBand is { } lower && lower < score.ComputedBand)
        {
            return new(null, $"Professional judgement cannot lower the band from {score.ComputedBand} to {lower}: it may only raise it.", "OverrideBand");
        }
        var flags = FromAnswers(answers).Concat(recorded).Distinct().Order().ToList();
        var band = score.ComputedBand;
        var reasons = new List<string>();
        if (flags.Count > 0 && band < RiskBand.High)
        {
            band = RiskBand.High;
            reasons.Add("Red flags: " + string.Join("; ", flags.Select(Describe)));
        }
        if (assessorBand is { } raised && raised > band)
        {
            if (string.IsNullOrWhiteSpace(assessorReason))
            {
                return new(null, $"Give the reason for raising the band to {raised}.", "OverrideReason");
            }
            band = raised;
        }
        if (assessorBand is not null && assessorBand > score.ComputedBand && !string.IsNullOrWhiteSpace(assessorReason))
        {
            reasons.Add(assessorReason.Trim());
        }
        return new(new DashResult(score.YesAnswers.Count, score.ComputedBand, band, flags, reasons.Count == 0 ? null : string.Join(". ", reasons)), null, null);
    }
}
