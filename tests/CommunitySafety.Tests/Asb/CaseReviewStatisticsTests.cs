using CommunitySafety.Features.Asb.Rules;

namespace CommunitySafety.Tests.Asb;

public class CaseReviewStatisticsTests
{
    [Fact]
    public void ForYear_MixedApplications_ReturnsFourPublishedFigures()
    {
        var applications = new[]
        {
            new CaseReviewApplicationRecord("A1", new DateOnly(2025, 1, 10), CaseReviewDecision.ThresholdNotMet, false, false),
            new CaseReviewApplicationRecord("A2", new DateOnly(2025, 3, 2), CaseReviewDecision.ThresholdMet, true, true),
            new CaseReviewApplicationRecord("A3", new DateOnly(2025, 7, 19), CaseReviewDecision.ThresholdMet, true, false),
            new CaseReviewApplicationRecord("A4", new DateOnly(2025, 12, 31), CaseReviewDecision.Pending, false, false),
            new CaseReviewApplicationRecord("A5", new DateOnly(2024, 12, 31), CaseReviewDecision.ThresholdNotMet, false, false),
            new CaseReviewApplicationRecord("A6", new DateOnly(2026, 1, 1), CaseReviewDecision.ThresholdMet, true, true),
        };

        var stats = CaseReviewStatistics.ForYear(applications, 2025);

        Assert.Equal(4, stats.ApplicationsReceived);
        Assert.Equal(1, stats.ThresholdNotMet);
        Assert.Equal(2, stats.ReviewsCarriedOut);
        Assert.Equal(1, stats.ReviewsWithRecommendations);
    }

    [Fact]
    public void ForYear_NoApplications_AllZero()
    {
        var stats = CaseReviewStatistics.ForYear([], 2025);

        Assert.Equal((0, 0, 0, 0), (stats.ApplicationsReceived, stats.ThresholdNotMet, stats.ReviewsCarriedOut, stats.ReviewsWithRecommendations));
    }

    [Fact]
    public void ForPeriod_FinancialYear_UsesInclusiveBounds()
    {
        var applications = new[]
        {
            new CaseReviewApplicationRecord("A1", new DateOnly(2025, 4, 1), CaseReviewDecision.ThresholdMet, true, true),
            new CaseReviewApplicationRecord("A2", new DateOnly(2026, 3, 31), CaseReviewDecision.ThresholdNotMet, false, false),
            new CaseReviewApplicationRecord("A3", new DateOnly(2026, 4, 1), CaseReviewDecision.ThresholdNotMet, false, false),
        };

        var stats = CaseReviewStatistics.ForPeriod(applications, new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31));

        Assert.Equal(2, stats.ApplicationsReceived);
        Assert.Equal(1, stats.ReviewsWithRecommendations);
    }
}
