using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.People;

namespace CommunitySafety.Tests.Cases;

public sealed class DateRulesTests
{
    static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData(1900, 1, 1, null)]
    [InlineData(1899, 12, 31, "Date of birth must be on or after 1 January 1900")]
    [InlineData(2026, 12, 6, null)]
    [InlineData(2026, 12, 7, "Date of birth must be in the past")]
    [InlineData(2027, 1, 1, "Date of birth must be in the past")]
    public void DateOfBirth_AtTheEdges(int year, int month, int day, string? expected) =>
        Assert.Equal(expected, DateOfBirthRule.Error(new DateOnly(year, month, day), Today));

    [Fact]
    public void DateOfBirth_NamesWhose() =>
        Assert.Equal("Victim's date of birth must be on or after 1 January 1900", DateOfBirthRule.Error(new DateOnly(1890, 5, 1), Today, "Victim's date of birth"));

    [Fact]
    public void CaseReviewStep_SameDayAsEarlierStep_IsInOrder() =>
        Assert.Null(CaseReviewStepOrder.Error("Date acknowledged", Today, CaseReviewStepOrder.Of("the date the application was received", Today)));

    [Fact]
    public void CaseReviewStep_DayBeforeEarlierStep_NamesTheStepAndItsDate() =>
        Assert.Equal("Date of the decision must be on or after the date it was acknowledged (7 December 2026)",
            CaseReviewStepOrder.Error("Date of the decision", Today.AddDays(-1),
                CaseReviewStepOrder.Of("the date the application was received", Today.AddDays(-3)), CaseReviewStepOrder.Of("the date it was acknowledged", Today)));

    [Fact]
    public void CaseReviewStep_EarlierStepNotRecorded_IsNotChecked() =>
        Assert.Null(CaseReviewStepOrder.Error("Date the appeal was received", Today, CaseReviewStepOrder.Of("the date the outcome letter was sent", null)));
}
