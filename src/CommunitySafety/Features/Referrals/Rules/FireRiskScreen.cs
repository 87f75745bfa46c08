namespace CommunitySafety.Features.Referrals.Rules;

/// <summary>The eight fire-risk referral factors (Devon &amp; Somerset FRS, reference 2.14).</summary>
[Flags]
public enum FireRiskFactors
{
    None = 0,
    Smoking = 1,
    LimitedMobility = 2,
    LivingAlone = 4,
    Alcohol = 8,
    Drugs = 16,
    MentalHealthOrMemoryLoss = 32,
    Hoarding = 64,
    NoWorkingSmokeAlarm = 128,
}

public enum FirePriority
{
    Routine,
    Medium,
    High,
}

/// <summary>
/// Priority for a home fire safety / Safe and Well visit from the eight factors. Source of the factors: Devon &amp;
/// Somerset FRS partner referral guidance ("combinations raise the risk level", reference 2.14,
/// https://dsfire.gov.uk/node/24338/printable/print). The source gives no scoring, so this is a LOCAL rule:
/// no factor → routine; one or two → medium; three or more → high; and smoking or no working smoke alarm together
/// with limited mobility (someone who may start a fire, or not be warned of one, and cannot get out quickly) → high
/// whatever the count, because those are the combinations fire services single out in accidental dwelling fire deaths.
/// </summary>
public static class FireRiskScreen
{
    public static readonly IReadOnlyList<(FireRiskFactors Factor, string Name)> Factors =
    [
        (FireRiskFactors.Smoking, "Smokes in the home"),
        (FireRiskFactors.LimitedMobility, "Limited mobility"),
        (FireRiskFactors.LivingAlone, "Lives alone"),
        (FireRiskFactors.Alcohol, "Alcohol misuse"),
        (FireRiskFactors.Drugs, "Drug use"),
        (FireRiskFactors.MentalHealthOrMemoryLoss, "Mental health or memory loss"),
        (FireRiskFactors.Hoarding, "Poor housekeeping or hoarding"),
        (FireRiskFactors.NoWorkingSmokeAlarm, "No working smoke alarm"),
    ];

    const FireRiskFactors AllFactors = (FireRiskFactors)255;

    public static int Count(FireRiskFactors factors) => System.Numerics.BitOperations.PopCount((uint)(factors & AllFactors));

    public static FirePriority Priority(FireRiskFactors factors)
    {
        var count = Count(factors);
        var cannotEscape = factors.HasFlag(FireRiskFactors.LimitedMobility) &&
            (factors.HasFlag(FireRiskFactors.Smoking) || factors.HasFlag(FireRiskFactors.NoWorkingSmokeAlarm));
        if (count >= 3 || cannotEscape)
        {
            return FirePriority.High;
        }
        return count >= 1 ? FirePriority.Medium : FirePriority.Routine;
    }

    public static string Describe(FireRiskFactors factors) =>
        factors == FireRiskFactors.None ? "None of the eight factors" :
        string.Join("; ", Factors.Where(f => factors.HasFlag(f.Factor)).Select(f => f.Name));
}
