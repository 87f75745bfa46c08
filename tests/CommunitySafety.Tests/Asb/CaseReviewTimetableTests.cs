using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Tests.Asb;

public class CaseReviewTimetableTests
{
    private static readonly WorkingDays Calendar = WorkingDays.RuleBasedOnly;
    private static readonly DateOnly Receipt = new(2026, 3, 30);

    [Fact]
    public void Compute_ReceiptOnly_WorkingDayDeadlinesSkipEasterAndEarlyMay()
    {
        var deadlines = CaseReviewTimetable.Default.Compute(new CaseReviewDates(Receipt), Calendar)
            .ToDictionary(d => d.Step.Kind, d => d.DueOn);

        Assert.Equal(new DateOnly(2026, 4, 15), deadlines[CaseReviewStepKind.Acknowledge]);
        Assert.Equal(new DateOnly(2026, 4, 22), deadlines[CaseReviewStepKind.Decision]);
        Assert.Equal(new DateOnly(2026, 5, 21), deadlines[CaseReviewStepKind.ReviewAndOutcome]);
        Assert.Null(deadlines[CaseReviewStepKind.OutcomeLetter]);
        Assert.Null(deadlines[CaseReviewStepKind.AppealWindowCloses]);
    }

    [Fact]
    public void DueDate_OutcomeLetter_28CalendarDaysAfterMeeting()
    {
        var dates = new CaseReviewDates(Receipt, ReviewMeetingOn: new DateOnly(2026, 5, 20));

        Assert.Equal(new DateOnly(2026, 6, 17), CaseReviewTimetable.Default.DueDate(CaseReviewStepKind.OutcomeLetter, dates, Calendar));
    }

    [Fact]
    public void DueDate_AppealWindow_21CalendarDaysAfterOutcomeLetter()
    {
        var dates = new CaseReviewDates(Receipt, new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 17));

        Assert.Equal(new DateOnly(2026, 7, 8), CaseReviewTimetable.Default.DueDate(CaseReviewStepKind.AppealWindowCloses, dates, Calendar));
    }

    [Fact]
    public void DueDate_ConfiguredTwentyDayDecision_UsesConfiguration()
    {
        var timetable = CaseReviewTimetable.Default with
        {
            Steps = [.. CaseReviewTimetable.Default.Steps.Select(s => s.Kind == CaseReviewStepKind.Decision ? s with { Amount = 20 } : s)],
        };

        Assert.Equal(new DateOnly(2026, 4, 29), timetable.DueDate(CaseReviewStepKind.Decision, new CaseReviewDates(Receipt), Calendar));
    }

    [Fact]
    public void IsOverdue_PastDueAndNotDone_True()
    {
        var ack = CaseReviewTimetable.Default.Compute(new CaseReviewDates(Receipt), Calendar).Single(d => d.Step.Kind == CaseReviewStepKind.Acknowledge);

        Assert.False(ack.IsOverdue(new DateOnly(2026, 4, 15)));
        Assert.True(ack.IsOverdue(new DateOnly(2026, 4, 16)));
        Assert.False(ack.IsOverdue(new DateOnly(2026, 5, 1), completedOn: new DateOnly(2026, 4, 14)));
        Assert.True(ack.IsOverdue(new DateOnly(2026, 5, 1), completedOn: new DateOnly(2026, 4, 16)));
    }

    [Fact]
    public void DueDate_StepMissingFromTimetable_Throws()
    {
        var timetable = new CaseReviewTimetable([]);

        Assert.Throws<InvalidOperationException>(() => timetable.DueDate(CaseReviewStepKind.Acknowledge, new CaseReviewDates(Receipt), Calendar));
    }
}
