using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.DomesticAbuse.Rules;
using CommunitySafety.Features.Strands;

namespace CommunitySafety.Features.DomesticAbuse;

/// <summary>
/// The domestic abuse strand as the case core sees it: the DA case type (shown on the DA case page), its incident
/// category, the DASH risk checklist as a versioned instrument (bands from <see cref="DomesticAbuseOptions"/>), the
/// Marac as a meeting kind, the protective orders (DVPN, DVPO, non-molestation, occupation; Idva/Orders) and the
/// "Domestic abuse" navigation entry.
/// </summary>
public sealed class DomesticAbuseStrand(DomesticAbuseOptions options) : IStrand
{
    public const string Code = "DA";

    public const string IncidentCategory = "DA-INCIDENT";

    public const string MaracMeetingKind = "MARAC";

    public DomesticAbuseStrand() : this(DomesticAbuseOptions.Default)
    {
    }

    public void Register(StrandRegistration strand)
    {
        strand
            .CaseType(new CaseTypeDefinition(Code, "Domestic abuse", CasePage: "/domestic-abuse/cases/{0}", RiskInstrument: DashChecklist.Code))
            .IncidentCategory(Code, IncidentCategory, "Domestic abuse incident")
            .RiskInstrument(DashChecklist.Build(options.Bands))
            .MeetingKind(MaracMeetingKind, "Marac (multi-agency risk assessment conference)")
            .NavigationEntry("Domestic abuse", "/domestic-abuse",
                u => u.IsInRole(Roles.CaseOfficer) || u.IsInRole(Roles.AgencyManager) || u.IsInRole(Roles.ProviderWorker),
                "Domestic abuse casework: DASH risk checklists, DARA gradings and Marac referrals.");
        foreach (var type in Idva.Orders.DaOrderTypes.All)
        {
            strand.OrderType(type);
        }
    }
}
