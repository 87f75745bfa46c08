using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.Referrals.Rules;

public enum ClockState
{
    /// <summary>Not yet done and the target date has not passed.</summary>
    Running,
    /// <summary>Not yet done and the target date has passed.</summary>
    Overdue,
    Met,
    Missed,
    /// <summary>No longer applies (declined or closed before it was done).</summary>
    Stopped,
}

public sealed record ClockReading(DateOnly Due, ClockState State, int WorkingDaysElapsed)
{
    public bool IsOverdue => State == ClockState.Overdue;
}

/// <summary>
/// A waiting-time clock in working days (England and Wales: <see cref="WorkingDays"/>), started on the day the
/// referral was made (day 0, not counted) and stopped by the event it waits for. The service's target ("first
/// contact within N working days") is the commissioning term; the due day itself is still in time.
/// </summary>
public static class WaitingClock
{
    public static ClockReading Read(DateOnly started, int targetWorkingDays, DateOnly? done, DateOnly today, bool stopped, WorkingDays calendar)
    {
        var due = calendar.AddWorkingDays(started, targetWorkingDays);
        if (done is { } d)
        {
            return new ClockReading(due, d <= due ? ClockState.Met : ClockState.Missed, calendar.CountBetween(started, d));
        }
        var elapsed = calendar.CountBetween(started, today);
        if (stopped)
        {
            return new ClockReading(due, ClockState.Stopped, elapsed);
        }
        return new ClockReading(due, today > due ? ClockState.Overdue : ClockState.Running, elapsed);
    }

    public static string Describe(ClockReading clock) => clock.State switch
    {
        ClockState.Running => $"Due by {Shared.UkTime.FormatDate(clock.Due)}",
        ClockState.Overdue => $"Overdue: was due by {Shared.UkTime.FormatDate(clock.Due)}",
        ClockState.Met => $"Met in {clock.WorkingDaysElapsed} working day(s)",
        ClockState.Missed => $"Missed: took {clock.WorkingDaysElapsed} working day(s), due by {Shared.UkTime.FormatDate(clock.Due)}",
        _ => "Stopped",
    };
}
