using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.DomesticAbuse.Idva;

/// <summary>The IDVA service's figures, as pure rules.</summary>
public static class IdvaRules
{
    /// <summary>
    /// Counts below this are withheld in anything a board sees (issue #10: "small counts (under 5) are suppressed";
    /// the ONS and NHS small-number disclosure practice).
    /// </summary>
    public const int SmallCount = 5;

    /// <summary>A count as a board may see it: null (shown as "fewer than 5") when 1–4; nought is no disclosure.</summary>
    public static int? ForBoard(int count) => count is > 0 and < SmallCount ? null : count;

    /// <summary>
    /// Risk reduced at closure: the band at closure is below the band at intake (SafeLives Insights' IDVA outcome
    /// measure, reduction in risk). A case without both bands cannot count as reduced.
    /// </summary>
    public static bool RiskReduced(RiskBand? atIntake, RiskBand? atClosure) =>
        atIntake is { } i && atClosure is { } c && c < i;

    /// <summary>How full a caseload is, in whole per cent of capacity (null when no capacity is set).</summary>
    public static int? PercentOfCapacity(int open, int capacity) =>
        capacity <= 0 ? null : (int)Math.Round(100.0 * open / capacity, MidpointRounding.AwayFromZero);
}
