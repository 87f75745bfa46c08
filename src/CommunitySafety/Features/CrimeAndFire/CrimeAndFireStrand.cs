using CommunitySafety.Features.Strands;

namespace CommunitySafety.Features.CrimeAndFire;

/// <summary>
/// Crimes and deliberate fires that partners record so they can be linked to any strand's case (no case type of their
/// own). Stored with the strand codes "CRIME" and "FIRE".
/// </summary>
public sealed class CrimeAndFireStrand : IStrand
{
    public void Register(StrandRegistration strand) => strand
        .IncidentCategory("CRIME", "CRIME-VIOLENCE", "Crime: violence against the person")
        .IncidentCategory("CRIME", "CRIME-CRIMINAL-DAMAGE", "Crime: criminal damage or arson")
        .IncidentCategory("CRIME", "CRIME-HATE", "Crime: hate crime")
        // Burglary victims are referred to home security services (Referrals), whose outcomes compare repeat burglary.
        .IncidentCategory("CRIME", "CRIME-BURGLARY", "Crime: burglary (residential)")
        .IncidentCategory("CRIME", "CRIME-DISTRACTION-BURGLARY", "Crime: distraction burglary")
        .IncidentCategory("FIRE", "FIRE-DELIBERATE", "Deliberate fire");
}
