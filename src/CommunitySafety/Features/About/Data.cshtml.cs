using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.About;

/// <summary>Attribution required by the Open Government Licence, for every signed-in user.</summary>
[Authorize]
public sealed class DataModel : PageModel
{
    public void OnGet()
    {
    }
}
