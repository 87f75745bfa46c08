namespace CommunitySafety.Features.Asb.Rules;

public enum CaseReviewDecision
{
    Pending = 0,
    ThresholdNotMet = 1,
    ThresholdMet = 2,
}

/// <summary>One Case Review application as needed for the published statistics.</summary>
public sealed record CaseReviewApplicationRecord(
    string Id,
    DateOnly ReceivedOn,
    CaseReviewDecision Decision,
    bool ReviewCarriedOut,
    bool ResultedInRecommendations);

/// <summary>
/// The four figures relevant bodies must publish each year (reference 2.4:
/// https://gov.uk/guidance/anti-social-behaviour-asb-case-review-also-known-as-the-community-trigger).
/// </summary>
public sealed record CaseReviewStatistics(
    DateOnly From,
    DateOnly To,
    int ApplicationsReceived,
    int ThresholdNotMet,
    int ReviewsCarriedOut,
    int ReviewsWithRecommendations)
{
    /// <summary>Figures for calendar year <paramref name="year"/>, by date of receipt.</summary>
    public static CaseReviewStatistics ForYear(IEnumerable<CaseReviewApplicationRecord> applications, int year) =>
        ForPeriod(applications, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>Figures for applications received between <paramref name="from"/> and <paramref name="to"/> inclusive (e.g. a financial year).</summary>
    public static CaseReviewStatistics ForPeriod(IEnumerable<CaseReviewApplicationRecord> applications, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(applications);
        if (to < from)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(to));
        }

        var inPeriod = applications.Where(a => a.ReceivedOn >= from && a.ReceivedOn <= to).ToList();
        var reviews = inPeriod.Where(a => a.ReviewCarriedOut).ToList();
        return new CaseReviewStatistics(
            from,
            to,
            inPeriod.Count,
            inPeriod.Count(a => a.Decision == CaseReviewDecision.ThresholdNotMet),
            reviews.Count,
            reviews.Count(a => a.ResultedInRecommendations));
    }
}
