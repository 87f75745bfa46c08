using System.Security.Claims;
using CommunitySafety.Features.Accounts;

namespace CommunitySafety.Shared;

public sealed record NavItem(string Text, string Href);

/// <summary>The service navigation, by capability, showing only what the user's roles can open.</summary>
public static class Navigation
{
    public static IEnumerable<NavItem> For(ClaimsPrincipal user)
    {
        yield return new NavItem("Home", "/");
        if (Roles.All.Any(user.IsInRole))
        {
            yield return new NavItem("Places", "/places");
        }
        if (user.IsInRole(Roles.CaseOfficer) || user.IsInRole(Roles.AgencyManager) || user.IsInRole(Roles.ProviderWorker))
        {
            yield return new NavItem("Cases", "/cases");
            yield return new NavItem("Anti-social behaviour", "/asb");
            yield return new NavItem("Referrals", "/referrals");
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
