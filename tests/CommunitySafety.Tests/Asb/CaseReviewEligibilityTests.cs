using CommunitySafety.Features.Asb.Rules;

namespace CommunitySafety.Tests.Asb;

public class CaseReviewEligibilityTests
{
    private static readonly DateOnly Application = new(2026, 6, 30);

    private static CaseReviewComplaint Complaint(string id, DateOnly behaviour, DateOnly? made = null, ReceivingBody body = ReceivingBody.Police, string complainant = "C1", bool hate = false) =>
        new(id, behaviour, made ?? behaviour.AddDays(2), body, complainant, hate);

    [Fact]
    public void Check_ExactlyThreeQualifyingInSixMonths_Met()
    {
        var complaints = new[]
        {
            Complaint("1", new DateOnly(2025, 12, 28), new DateOnly(2025, 12, 30)), // exactly 6 months before
            Complaint("2", new DateOnly(2026, 3, 1)),
            Complaint("3", new DateOnly(2026, 6, 1)),
        };

        var result = CaseReviewEligibility.Check(Application, complaints);

        Assert.True(result.IsMet);
        Assert.Equal([CaseReviewCriterion.QualifyingComplaints], result.CriteriaMet);
        Assert.Equal(3, result.Qualifying.Count);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Check_TwoQualifying_NotMet()
    {
        var result = CaseReviewEligibility.Check(Application, [Complaint("1", new DateOnly(2026, 3, 1)), Complaint("2", new DateOnly(2026, 6, 1))]);

        Assert.False(result.IsMet);
        Assert.StartsWith("Threshold not met", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ComplaintMade31DaysAfterBehaviourIn30DayMonth_Rejected()
    {
        // April has 30 days: 10 April + 1 calendar month = 10 May (30 days); 11 May is 31 days.
        var late = Complaint("late", new DateOnly(2026, 4, 10), new DateOnly(2026, 5, 11));

        var result = CaseReviewEligibility.Check(Application, [late]);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal("late", rejected.Complaint.Id);
        Assert.StartsWith("complaint made 31 days after the behaviour", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ComplaintAtExactlyOneCalendarMonth_Accepted()
    {
        var onTime = Complaint("ok", new DateOnly(2026, 4, 10), new DateOnly(2026, 5, 10));

        var result = CaseReviewEligibility.Check(Application, [onTime]);

        Assert.Single(result.Qualifying);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Check_BehaviourOn31January_MonthClampsToEndOfFebruary()
    {
        var onTime = Complaint("ok", new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28));
        var late = Complaint("late", new DateOnly(2026, 1, 31), new DateOnly(2026, 3, 1));

        var result = CaseReviewEligibility.Check(Application, [onTime, late]);

        Assert.Equal("ok", Assert.Single(result.Qualifying).Id);
        Assert.Equal("late", Assert.Single(result.Rejected).Complaint.Id);
    }

    [Fact]
    public void Check_PoliceCouncilAndLandlordComplaints_CountedTogether()
    {
        var complaints = new[]
        {
            Complaint("1", new DateOnly(2026, 2, 1), body: ReceivingBody.Police),
            Complaint("2", new DateOnly(2026, 3, 1), body: ReceivingBody.Council),
            Complaint("3", new DateOnly(2026, 4, 1), body: ReceivingBody.SocialLandlord),
        };

        Assert.True(CaseReviewEligibility.Check(Application, complaints).IsMet);
    }

    [Fact]
    public void Check_ComplaintMoreThanSixMonthsBeforeApplication_Rejected()
    {
        var old = Complaint("old", new DateOnly(2025, 12, 27), new DateOnly(2025, 12, 29));

        var result = CaseReviewEligibility.Check(Application, [old]);

        Assert.Contains("more than 6 months before the application", Assert.Single(result.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ComplaintAfterApplication_Rejected()
    {
        var result = CaseReviewEligibility.Check(Application, [Complaint("later", new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 1))]);

        Assert.Contains("after the application date", Assert.Single(result.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FiveIndividualsRuleOffByDefault_NotMetOnTwoComplaintsFromFive()
    {
        var complaints = Enumerable.Range(1, 2).Select(i => Complaint($"{i}", new DateOnly(2026, 5, i), complainant: $"C{i}")).ToArray();

        Assert.False(CaseReviewEligibility.Check(Application, complaints).IsMet);
    }

    [Fact]
    public void Check_FiveIndividualsRuleEnabled_MetByDistinctComplainants()
    {
        var threshold = new CaseReviewThreshold(QualifyingComplaintsRequired: 10, DistinctComplainantsRuleEnabled: true);
        var complaints = Enumerable.Range(1, 5).Select(i => Complaint($"{i}", new DateOnly(2026, 5, i), complainant: $"C{i}")).ToArray();

        var result = CaseReviewEligibility.Check(Application, complaints, threshold);

        Assert.True(result.IsMet);
        Assert.Equal([CaseReviewCriterion.DistinctComplainants], result.CriteriaMet);
    }

    [Fact]
    public void Check_OneHateIncident_MetOnlyWhenRuleEnabled()
    {
        var hate = Complaint("h", new DateOnly(2026, 5, 1), hate: true);

        Assert.False(CaseReviewEligibility.Check(Application, [hate]).IsMet);
        var result = CaseReviewEligibility.Check(Application, [hate], new CaseReviewThreshold(HateIncidentRuleEnabled: true));
        Assert.True(result.IsMet);
        Assert.Equal([CaseReviewCriterion.HateIncident], result.CriteriaMet);
    }
}
