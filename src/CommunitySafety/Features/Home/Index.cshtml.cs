using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Home;

public sealed record HomeCard(string Title, string Href, string Description);

/// <summary>Any signed-in user; the cards shown depend on their roles.</summary>
[Authorize]
public sealed class IndexModel(Strands.StrandCatalogue strands) : PageModel
{
    public string AgencyName { get; private set; } = "";
    public IReadOnlyList<HomeCard> Cards { get; private set; } = [];

    static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["/places"] = "Crime and anti-social behaviour by ward: map, trends, hotspots and the strategic assessment figures.",
        ["/cases"] = "Your cases, actions and reviews for people at risk and people who present risk.",
        ["/people"] = "Find a person known to the partnership (your search and its purpose are recorded).",
        ["/admin"] = "Agencies, users, roles and the audit trail.",
        ["/account"] = "Your details, two-factor sign-in and where you are signed in.",
    };

    public void OnGet()
    {
        AgencyName = User.FindFirst(AppClaims.AgencyName)?.Value ?? "";
        Cards = Navigation.For(User, strands).Where(n => n.Href != "/")
            .Select(n => new HomeCard(n.Text, n.Href, n.Description ?? Descriptions.GetValueOrDefault(n.Href, ""))).ToList();
    }
}
