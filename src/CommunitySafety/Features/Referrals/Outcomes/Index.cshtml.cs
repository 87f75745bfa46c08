using CommunitySafety.Features.Referrals.Funding;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.Referrals.Outcomes;

/// <summary>Conversion, waiting times and the indicative repeat-burglary comparison for a financial year. Counts only.</summary>
[Authorize(Policy = Policies.Reports)]
public sealed class IndexModel(OutcomeFigures figures, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "year")]
    public int? Year { get; set; }

    public OutcomeReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(UkTime.ToUk(clock.GetUtcNow().UtcDateTime));
        if (Year is < 2000 or > 2100)
        {
            return NotFound();
        }
        Report = await figures.ForYearAsync(Year ?? FundingDisplay.YearOf(today), today, ct);
        return Page();
    }
}
