using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.DomesticAbuse.Rules;

/// <summary>
/// The SafeLives DASH risk identification checklist (Domestic Abuse, Stalking and Harassment and Honour-based violence,
/// 2009), "DASH" version 1: its 24 questions, each answered yes, no or not known, one point for each yes
/// (reference 2.1: https://plymouthscb.co.uk/safe-lives-dash-ric-checklist ; SafeLives quick-start guidance). The
/// wording here is our own plain-English rendering of each question; practitioners should still use the SafeLives
/// guidance notes when asking them.
/// </summary>
public static class DashChecklist
{
    public const string Code = "DASH";

    public const int Version = 1;

    /// <summary>The Marac referral trigger the instrument fires at High (criterion 1 or 2).</summary>
    public const string MaracTrigger = "MARAC-REFERRAL";

    /// <summary>The 24 questions in SafeLives order (Q1–Q24).</summary>
    public static readonly IReadOnlyList<(string Id, string Text)> Questions =
    [
        ("Q1", "Has the current incident left the victim injured?"),
        ("Q2", "Is the victim very frightened?"),
        ("Q3", "Is the victim afraid of further injury or violence, to themselves or others (for example being killed, or the children being hurt)?"),
        ("Q4", "Does the victim feel cut off from family or friends, or does the abuser stop them seeing friends, family, a doctor or others?"),
        ("Q5", "Is the victim feeling depressed or having thoughts of suicide?"),
        ("Q6", "Has the victim separated, or tried to separate, from the abuser in the past year?"),
        ("Q7", "Is there conflict over contact with the children?"),
        ("Q8", "Does the abuser keep texting, calling, contacting, following, stalking or harassing the victim?"),
        ("Q9", "Is the victim pregnant, or have they had a baby in the last 18 months?"),
        ("Q10", "Is the abuse happening more often?"),
        ("Q11", "Is the abuse getting worse?"),
        ("Q12", "Does the abuser try to control everything the victim does, or are they excessively jealous?"),
        ("Q13", "Has the abuser ever used a weapon or an object to hurt the victim?"),
        ("Q14", "Has the abuser ever threatened to kill the victim or someone else, and the victim believed them?"),
        ("Q15", "Has the abuser ever tried to strangle, choke, suffocate or drown the victim?"),
        ("Q16", "Does the abuser do or say sexual things that make the victim feel bad or that hurt them or someone else?"),
        ("Q17", "Is there anyone else who has threatened the victim or whom the victim is afraid of?"),
        ("Q18", "Does the victim know of the abuser hurting anyone else (children, other relatives, a previous partner, a stranger)?"),
        ("Q19", "Has the abuser ever hurt or mistreated an animal or the family pet?"),
        ("Q20", "Are there money problems, for example the victim depends on the abuser for money, or the abuser has recently lost their job?"),
        ("Q21", "Has the abuser had problems with drugs, alcohol or mental health in the past year?"),
        ("Q22", "Has the abuser ever threatened or attempted suicide?"),
        ("Q23", "Has the abuser ever broken bail, an injunction or an agreement about when they can see the victim or the children?"),
        ("Q24", "Does the victim know whether the abuser has been in trouble with the police or has a criminal history?"),
    ];

    /// <summary>
    /// The instrument with the given bands (counts of yes answers). Local guidance suggests 1–9 standard, 10–13 medium and
    /// 14+ high; these are "suggested levels only" (reference 2.1, Plymouth and Southampton pages), so they are settings.
    /// </summary>
    public static RiskInstrument Build(DashBands bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return new RiskInstrument(Code, Version,
            Questions.Select(q => new RiskQuestion(q.Id, q.Text, 1) { AllowsNotKnown = true }).ToList(),
            [new(RiskBand.Standard, 0), new(RiskBand.Medium, bands.MediumFrom), new(RiskBand.High, bands.HighFrom)])
        {
            Name = "DASH risk checklist",
            Assesses = CasePersonRole.Victim,
            Triggers = [new RiskTrigger(MaracTrigger, "Refer to the Marac.") { MinimumFinalBand = RiskBand.High }],
        };
    }

    public static RiskInstrument Default { get; } = Build(DashBands.Default);

    public static string TextOf(string id) => Questions.FirstOrDefault(q => q.Id == id).Text ?? id;
}

/// <summary>Where the medium and high bands start, as counts of yes answers (local guidance, reference 2.1).</summary>
public sealed record DashBands(int MediumFrom, int HighFrom)
{
    public static DashBands Default { get; } = new(10, 14);
}
