using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Strands;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// The anti-social behaviour strand as the case core sees it: the ASB case type (shown on the ASB case page), the
/// three national ASB incident categories, the ASB victim risk instrument, the 2014 Act powers as order types, and the
/// "Anti-social behaviour" navigation entry.
/// </summary>
public sealed class AsbStrand : IStrand
{
    /// <summary>The ASB case type and incident strand code (also the case reference prefix).</summary>
    public const string Code = "ASB";

    /// <summary>
    /// The three national categories (Home Office, "Anti-social behaviour: principles for effective case management",
    /// and police.uk/NSIR: personal, nuisance, environmental; reference 2.3/2.9).
    /// </summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Categories =
    [
        ("ASB-PERSONAL", "ASB: personal (targets a person or group)"),
        ("ASB-NUISANCE", "ASB: nuisance (affects a community)"),
        ("ASB-ENVIRONMENTAL", "ASB: environmental (affects surroundings)"),
    ];

    public static string CategoryName(string code) => Categories.FirstOrDefault(c => c.Code == code).Name ?? code;

    public void Register(StrandRegistration strand)
    {
        strand.CaseType(new CaseTypeDefinition(Code, "Anti-social behaviour", CasePage: "/asb/cases/{0}", RiskInstrument: Rules.AsbVictimRiskInstrument.Code));
        foreach (var (code, name) in Categories)
        {
            strand.IncidentCategory(Code, code, name);
        }
        strand.RiskInstrument(Rules.AsbVictimRiskInstrument.Default);
        foreach (var type in AsbOrderTypes.All)
        {
            strand.OrderType(type);
        }
        strand.MeetingKind("ASB-RISK-CONFERENCE", "ASB risk conference");
        strand.NavigationEntry("Anti-social behaviour", "/asb",
            u => u.IsInRole(Roles.CaseOfficer) || u.IsInRole(Roles.AgencyManager) || u.IsInRole(Roles.ProviderWorker),
            "Anti-social behaviour victim casework: incidents, repeat victims, risk assessments, Community Trigger and 2014 Act powers.");
    }
}
