using CommunitySafety.Features.DomesticAbuse.Rules;

namespace CommunitySafety.Features.DomesticAbuse;

/// <summary>
/// Local settings of the domestic abuse strand, from configuration section "DomesticAbuse"; the defaults live with each
/// rule and its source: <c>DomesticAbuse:Dash:MediumFrom</c> (10), <c>DomesticAbuse:Dash:HighFrom</c> (14),
/// <c>DomesticAbuse:Marac:EscalationIncidents</c> (3), <c>DomesticAbuse:Marac:EscalationMonths</c> (12),
/// <c>DomesticAbuse:Marac:RepeatMonths</c> (12).
/// </summary>
public sealed record DomesticAbuseOptions(DashBands Bands, MaracRules Marac)
{
    public const string Section = "DomesticAbuse";

    public static DomesticAbuseOptions Default { get; } = new(DashBands.Default, MaracRules.Default);

    public static DomesticAbuseOptions From(IConfiguration? configuration)
    {
        if (configuration is null)
        {
            return Default;
        }
        var dash = configuration.GetSection($"{Section}:Dash");
        var marac = configuration.GetSection($"{Section}:Marac");
        return new(
            new DashBands(dash.GetValue("MediumFrom", DashBands.Default.MediumFrom), dash.GetValue("HighFrom", DashBands.Default.HighFrom)),
            new MaracRules(
                marac.GetValue("EscalationIncidents", MaracRules.Default.EscalationIncidents),
                marac.GetValue("EscalationMonths", MaracRules.Default.EscalationMonths),
                marac.GetValue("RepeatMonths", MaracRules.Default.RepeatMonths)));
    }
}
