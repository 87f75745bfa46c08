using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Features.Places.Queries;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Places.Wards;

[Authorize(Policy = Policies.PlacesRead)]
public sealed class WardProfileModel(AppDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public WardProfile Profile { get; private set; } = default!;
    public string Chart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var (profile, error) = await WardProfileQuery.RunAsync(db, code, From, To, ct);
        if (error is not null)
        {
            // A hand-edited period: show the latest period rather than an error page.
            (profile, _) = await WardProfileQuery.RunAsync(db, code, null, null, ct);
        }

        if (profile is null)
        {
            return NotFound();
        }

        Profile = profile;
        var asbSlug = WardMapCategories.Of(CrimeCategory.AntiSocialBehaviour).Slug;
        var asb = profile.Categories.First(c => c.Slug == asbSlug).Counts;
        var crime = profile.MonthlyTotals.Select((t, i) => t - asb[i]).ToList();
        Chart = WardTrendChart.Render("ward-trend", [.. profile.Months.Select(m => WardMapPeriods.Short(WardMapPeriods.Parse(m)!.Value))],
            crime, asb, Describe(profile));
        return Page();
    }

    /// <summary>The chart's text alternative: what a sighted reader takes from it at a glance.</summary>
    static string Describe(WardProfile p)
    {
        if (p.Months.Count == 0 || p.Total == 0)
        {
            return "No crime or anti-social behaviour recorded in the period.";
        }

        var high = p.MonthlyTotals.Select((t, i) => (t, i)).MaxBy(x => x.t);
        var low = p.MonthlyTotals.Select((t, i) => (t, i)).MinBy(x => x.t);
        string M(int i) => WardMapPeriods.Display(WardMapPeriods.Parse(p.Months[i])!.Value);
        return $"Bar chart of {p.Total:N0} crimes and anti-social behaviour incidents by month, {M(0)} to {M(p.Months.Count - 1)}. " +
               $"Highest month {M(high.i)} with {high.t:N0}; lowest {M(low.i)} with {low.t:N0}. " +
               "Crime is shown in blue with anti-social behaviour stacked above in orange. The table below lists every month.";
    }
}
