using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.Asb.Rules;

/// <summary>
/// Default ASB victim risk assessment ("ASB-VRA", version 1).
/// <para>
/// The Home Office ASB risk-assessment matrix from the 2011 call-handling trials is the ancestor of
/// local matrices, but its exact questions and cut-offs were not found (reference 2.3, marked [M]).
/// This question set, its wording, weights and cut-offs are therefore our own, local and
/// configurable: build a new <see cref="RiskInstrument"/> (new code or higher version) to change them.
/// The questions cover personal, situational and incidental vulnerability (UPSI Cardiff for HMIC, 2013:
/// http://asbhelp.co.uk/personal-situational-incidental-vulnerabilities-asb-harm-follow-study/),
/// repeat victimisation and the other factors listed in reference 2.3.
/// </para>
/// </summary>
public static class AsbVictimRiskInstrument
{
    public const string Code = "ASB-VRA";

    /// <summary>Score at which the band becomes Medium (local default, configurable).</summary>
    public const int MediumCutOff = 10;

    /// <summary>Score at which the band becomes High (local default, configurable).</summary>
    public const int HighCutOff = 18;

    public static RiskInstrument Default { get; } = new(
        Code,
        1,
        [
            // Personal vulnerability (UPSI Cardiff 2013).
            new("P1", "Does the victim have a disability, long-term illness or mental health condition that makes them less able to cope with the behaviour?", 3),
            new("P2", "Is the victim personally vulnerable for another reason, for example older age, youth, or depending on others for care?", 2),

            // Situational vulnerability (UPSI Cardiff 2013).
            new("S1", "Does the victim live alone, or have little or no support from family, friends or neighbours?", 2),
            new("S2", "Are there children under 18 living in the victim's household?", 2),
            new("S3", "Does the victim live next to, or share a building or facilities with, the people responsible?", 2),

            // Incidental vulnerability: the nature of the incidents (UPSI Cardiff 2013).
            new("I1", "Does the victim believe they were targeted because of race, religion, disability, sexual orientation, transgender identity or another personal characteristic?", 3),
            new("I2", "Has the behaviour included violence, threats of violence, or damage to the victim's home or property?", 3),

            // Repeat victimisation (reference 2.3: repeat and vulnerable victims are at greater risk of harm).
            new("R1", "Has the victim experienced anti-social behaviour before from the same or other people (repeat victimisation)?", 3),
            new("R2", "Has the victim reported this problem before without it being resolved?", 2),

            // Fear and impact.
            new("F1", "Is the victim afraid to go out or to stay in their home because of the behaviour?", 3),
            new("F2", "Is the victim worried about reprisals for reporting the behaviour?", 2),
            new("F3", "Is the behaviour disrupting the victim's daily life, for example sleep, work, school or caring?", 2),
            new("F4", "Has the behaviour harmed the victim's physical or mental health, or made an existing condition worse?", 2),
            new("F5", "Does the victim feel the behaviour is getting worse or more frequent?", 2),
            new("F6", "Has the victim thought about moving home because of the behaviour?", 1),
            new("O1", "Are there other factors the call handler believes increase the risk (for example, substance misuse or a language barrier)?", 1),
        ],
        [
            new(RiskBand.Standard, 0),
            new(RiskBand.Medium, MediumCutOff),
            new(RiskBand.High, HighCutOff),
        ])
    {
        Name = "ASB victim risk assessment",
        Assesses = CasePersonRole.Victim,
        Triggers = [new RiskTrigger(VictimActionPlanTrigger, "A victim action plan is required.") { MinimumFinalBand = RiskBand.Medium }],
    };

    /// <summary>Fires at Medium or above: see <see cref="RequiresVictimActionPlan"/>.</summary>
    public const string VictimActionPlanTrigger = "VICTIM-ACTION-PLAN";

    /// <summary>
    /// A repeat or vulnerable victim (Medium or High on the ASB risk assessment) must get a Vulnerable
    /// Victim Action Plan (reference 2.3, [V-weak] https://brainscape.com/flashcards/a-s-b-10877433/packs/19189232).
    /// Pass the final band (after any override).
    /// </summary>
    public static bool RequiresVictimActionPlan(RiskBand band) => band >= RiskBand.Medium;
}
