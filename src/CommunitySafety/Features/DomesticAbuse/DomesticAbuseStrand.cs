using CommunitySafety.Features.Strands;

namespace CommunitySafety.Features.DomesticAbuse;

/// <summary>
/// The domestic abuse strand's first registration: its case type and incident category, which the demo partnership's
/// Orchard Close case and police call-out already use, and the Marac as a meeting kind. DASH arrives with the strand
/// itself; the protective orders (DVPN, DVPO, non-molestation, occupation) are registered here from Idva/Orders.
/// </summary>
public sealed class DomesticAbuseStrand : IStrand
{
    public const string Code = "DA";

    public void Register(StrandRegistration strand)
    {
        strand
            .CaseType(new CaseTypeDefinition(Code, "Domestic abuse"))
            .IncidentCategory(Code, "DA-INCIDENT", "Domestic abuse incident")
            .MeetingKind("MARAC", "Marac (multi-agency risk assessment conference)");
        foreach (var type in Idva.Orders.DaOrderTypes.All)
        {
            strand.OrderType(type);
        }
    }
}
