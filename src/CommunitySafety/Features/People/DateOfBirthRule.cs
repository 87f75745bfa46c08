namespace CommunitySafety.Features.People;

/// <summary>
/// A date of birth must be in the past and no earlier than 1 January 1900. Nobody alive was born before 1900 (the oldest
/// living person in the UK was born in 1910: ONS, "Estimates of the very old"), so an earlier date is a typing slip
/// such as 1890 for 1980, and it would make the person 130 years old in age rules (65 and over, under 18).
/// </summary>
public static class DateOfBirthRule
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>The message for a date of birth that cannot be right, or null. <paramref name="whose"/> starts it ("Victim's").</summary>
    public static string? Error(DateOnly dateOfBirth, DateOnly today, string whose = "Date of birth") =>
        dateOfBirth >= today ? $"{whose} must be in the past"
        : dateOfBirth < Earliest ? $"{whose} must be on or after 1 January 1900"
        : null;
}
