using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Places.Map;

/// <summary>Landing page for the Places capability (the service navigation's "Places" link).</summary>
[Authorize(Policy = Policies.PlacesRead)]
public sealed class PlacesHomeModel : PageModel
{
    public void OnGet()
    {
    }
}
