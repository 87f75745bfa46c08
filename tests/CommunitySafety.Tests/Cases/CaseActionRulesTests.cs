using CommunitySafety.Features.Cases;

namespace CommunitySafety.Tests.Cases;

public sealed class CaseActionRulesTests
{
    static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void NewDueDate_Today_IsAccepted() => Assert.Null(CaseAction.NewDueDateError(Today, Today));

    [Fact]
    public void NewDueDate_Tomorrow_IsAccepted() => Assert.Null(CaseAction.NewDueDateError(Today.AddDays(1), Today));

    [Fact]
    public void NewDueDate_Yesterday_IsRefusedWithWhatToDo() =>
        Assert.Equal("The due date must be today or in the future", CaseAction.NewDueDateError(Today.AddDays(-1), Today));

    [Fact]
    public void IsOverdue_OpenActionDueYesterday_IsOverdueButDoneOneIsNot()
    {
        Assert.True(new CaseAction { DueDate = Today.AddDays(-1) }.IsOverdue(Today));
        Assert.False(new CaseAction { DueDate = Today }.IsOverdue(Today));
        Assert.False(new CaseAction { DueDate = Today.AddDays(-1), Status = CaseActionStatus.Done }.IsOverdue(Today));
    }
}
