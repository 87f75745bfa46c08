using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.Asb.Rules;

public enum CaseReviewStepKind
{
    Acknowledge = 0,
    Decision = 1,
    ReviewAndOutcome = 2,
    OutcomeLetter = 3,
    AppealWindowCloses = 4,
}

/// <summary>The event a step's clock starts from.</summary>
public enum TimetableAnchor
{
    Receipt = 0,
    ReviewMeeting = 1,
    OutcomeLetter = 2,
}

public enum DayCountUnit
{
    WorkingDays = 0,
    CalendarDays = 1,
}

/// <summary>One timed step: due <see cref="Amount"/> days (of <see cref="Unit"/>) after <see cref="Anchor"/>.</summary>
public sealed record CaseReviewStep(CaseReviewStepKind Kind, TimetableAnchor Anchor, int Amount, DayCountUnit Unit, string Source);

/// <summary>The dates known so far on one Case Review. Later anchors are null until they happen.</summary>
public sealed record CaseReviewDates(DateOnly ReceivedOn, DateOnly? ReviewMeetingOn = null, DateOnly? OutcomeLetterOn = null);

/// <summary>A computed deadline. <see cref="DueOn"/> is null while the anchor event has not happened.</summary>
public sealed record CaseReviewDeadline(CaseReviewStep Step, DateOnly? DueOn)
{
    /// <summary>Overdue when the due date has passed and the step was not completed on or before it.</summary>
    public bool IsOverdue(DateOnly today, DateOnly? completedOn = null) =>
        DueOn is { } due && (completedOn is { } done ? done > due : today > due);
}

/// <summary>
/// Case Review clocks. All steps are configurable; defaults come from local published procedures
/// (reference 2.4, ASB Case Review row). Working days exclude weekends and England and Wales bank holidays.
/// </summary>
public sealed record CaseReviewTimetable(IReadOnlyList<CaseReviewStep> Steps)
{
    public static CaseReviewTimetable Default { get; } = new(
    [
        // Acknowledge in 10 working days (Bristol): https://digital.bristol.gov.uk/crime-emergencies/community-trigger
        new(CaseReviewStepKind.Acknowledge, TimetableAnchor.Receipt, 10, DayCountUnit.WorkingDays, "https://digital.bristol.gov.uk/crime-emergencies/community-trigger"),

        // Decide whether the threshold is met in 15 (to 20) working days (Bristol).
        new(CaseReviewStepKind.Decision, TimetableAnchor.Receipt, 15, DayCountUnit.WorkingDays, "https://digital.bristol.gov.uk/crime-emergencies/community-trigger"),

        // Whole process, review meeting and outcome, in 35 working days of receipt (Bristol).
        new(CaseReviewStepKind.ReviewAndOutcome, TimetableAnchor.Receipt, 35, DayCountUnit.WorkingDays, "https://digital.bristol.gov.uk/crime-emergencies/community-trigger"),

        // Outcome letter within 28 days of the review meeting (Newcastle-under-Lyme).
        new(CaseReviewStepKind.OutcomeLetter, TimetableAnchor.ReviewMeeting, 28, DayCountUnit.CalendarDays, "https://www.newcastle-staffs.gov.uk/community-safety/anti-social-behaviour/5"),

        // Appeal within 21 days of the outcome letter (Mid Suffolk).
        new(CaseReviewStepKind.AppealWindowCloses, TimetableAnchor.OutcomeLetter, 21, DayCountUnit.CalendarDays, "https://www.midsuffolk.gov.uk/asb-case-review"),
    ]);

    public IReadOnlyList<CaseReviewDeadline> Compute(CaseReviewDates dates, WorkingDays calendar)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(calendar);
        return Steps.Select(s => new CaseReviewDeadline(s, DueDate(s, dates, calendar))).ToList();
    }

    public DateOnly? DueDate(CaseReviewStepKind kind, CaseReviewDates dates, WorkingDays calendar)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(calendar);
        var step = Steps.FirstOrDefault(s => s.Kind == kind)
            ?? throw new InvalidOperationException($"The timetable has no {kind} step.");
        return DueDate(step, dates, calendar);
    }

    private static DateOnly? DueDate(CaseReviewStep step, CaseReviewDates dates, WorkingDays calendar)
    {
        DateOnly? anchor = step.Anchor switch
        {
            TimetableAnchor.Receipt => dates.ReceivedOn,
            TimetableAnchor.ReviewMeeting => dates.ReviewMeetingOn,
            TimetableAnchor.OutcomeLetter => dates.OutcomeLetterOn,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Anchor, "Unknown anchor."),
        };

        if (anchor is not { } start)
        {
            return null;
        }

        return step.Unit == DayCountUnit.WorkingDays
            ? calendar.AddWorkingDays(start, step.Amount)
            : start.AddDays(step.Amount);
    }
}
