using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Mvc;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>
/// The four ASB Case Review figures councils must publish each year (reference 2.4, gov.uk guidance): applications
/// received, times the threshold was not met, reviews carried out, reviews resulting in recommendations. Aggregate
/// figures only; also as CSV.
/// </summary>
public sealed class AsbCaseReviewStatisticsModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, AsbCaseReviews reviews)
    : AsbPageModel(db, access, audit, clock)
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public CaseReviewStatistics Statistics { get; private set; } = default!;

    public IReadOnlyList<(string Measure, int Value)> Rows =>
    [
        ("Number of applications for an ASB case review received", Statistics.ApplicationsReceived),
        ("Number of times the threshold for a review was not met", Statistics.ThresholdNotMet),
        ("Number of ASB case reviews carried out", Statistics.ReviewsCarriedOut),
        ("Number of ASB case reviews that resulted in recommendations being made", Statistics.ReviewsWithRecommendations),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Page();
        }
        await Audit.WriteAsync(new AuditEntry(AuditActions.View, "asb-case-review-statistics", Year!.Value.ToString(CultureInfo.InvariantCulture)), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Page();
        }
        await Audit.WriteAsync(new AuditEntry(AuditActions.Export, "asb-case-review-statistics", Year!.Value.ToString(CultureInfo.InvariantCulture), "CSV"), ct);
        await CsvExport.WriteAsync(Response, $"asb-case-review-statistics-{Year}.csv", ["Year", "Measure", "Value"],
            Rows.Select(r => (IReadOnlyList<string?>)[Year.Value.ToString(CultureInfo.InvariantCulture), r.Measure, r.Value.ToString(CultureInfo.InvariantCulture)]).ToAsyncEnumerable(), ct);
        return new EmptyResult();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        Year ??= Today.Year;
        if (Year is < 2014 or > 2999)
        {
            ModelState.AddModelError("Year", "Enter a year from 2014 (when Case Reviews began) onwards, like 2026");
            Year = Today.Year;
        }
        Statistics = await reviews.StatisticsAsync(new DateOnly(Year.Value, 1, 1), new DateOnly(Year.Value, 12, 31), ct);
        return ModelState.IsValid;
    }
}
