using System.Security.Claims;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Strands;

namespace CommunitySafety.Shared;

/// <param name="Description">What the area is for, on the home page's card.</param>
public sealed record NavItem(string Text, string Href, string? Description = null);

/// <summary>The service navigation, by capability, showing only what the user's roles can open.</summary>
public static class Navigation
{
    /// <summary>The core's entries with each plugged-in strand's entries after "Cases".</summary>
    public static IEnumerable<NavItem> For(ClaimsPrincipal user, StrandCatalogue strands)
    {
        yield return new NavItem("Home", "/");
        if (Roles.All.Any(user.IsInRole))
        {
            yield return new NavItem("Places", "/places");
        }
        if (user.IsInRole(Roles.CaseOfficer) || user.IsInRole(Roles.AgencyManager) || user.IsInRole(Roles.ProviderWorker))
        {
            yield return new NavItem("Cases", "/cases");
            yield return new NavItem("Referrals", "/referrals", "Referrals to the partnership's commissioned services, with their progress and outcomes.");
            yield return new NavItem("Meetings", "/meetings", "Multi-agency meetings that take a list of cases: agenda, attendees, a record per case and actions.");
        }
        foreach (var entry in strands.NavigationFor(user))
        {
            yield return new NavItem(entry.Text, entry.Href, entry.Description);
        }
        if (user.IsInRole(Roles.CaseOfficer) || user.IsInRole(Roles.AgencyManager))
        {
            yield return new NavItem("People", "/people");
        }
        if (Roles.All.Any(user.IsInRole))
        {
            yield return new NavItem("Services and funding", "/services");
        }
        if (user.IsInRole(Roles.Administrator))
        {
            yield return new NavItem("Administration", "/admin");
        }
        yield return new NavItem("Account", "/account");
    }
}
