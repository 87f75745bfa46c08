using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places;

[Authorize(Policy = Policies.PlacesRead)]
public sealed class IndexModel(AppDb db, IAuthorizationService authorization) : PageModel
{
    public int Wards { get; private set; }
    public string? FirstMonth { get; private set; }
    public string? LastMonth { get; private set; }
    public bool CanImport { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Wards = await db.Set<Ward>().CountAsync(w => db.Set<BoundarySet>().Any(s => s.Id == w.BoundarySetId && s.IsCurrent), ct);
        var months = await db.Set<ForceMonth>().Where(f => f.StreetBatchId != null).Select(f => f.Month).ToListAsync(ct);
        if (months.Count > 0)
        {
            FirstMonth = Show(months.Min());
            LastMonth = Show(months.Max());
        }

        CanImport = (await authorization.AuthorizeAsync(User, Policies.PlacesImport)).Succeeded;
    }

    private static string Show(int yyyymm) =>
        new DateTime(yyyymm / 100, yyyymm % 100, 1, 0, 0, 0, DateTimeKind.Utc).ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
