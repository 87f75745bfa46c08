using System.Globalization;

namespace CommunitySafety.Shared;

/// <summary>Times are stored in UTC and shown in UK time (GMT or BST as the date requires).</summary>
public static class UkTime
{
    static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static DateTime ToUk(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London);

    /// <summary>GOV.UK style: "23 November 2026 at 1:45pm".</summary>
    public static string Format(DateTime utc)
    {
        var uk = ToUk(utc);
        return uk.ToString("d MMMM yyyy", EnGb) + " at " + uk.ToString("h:mm", EnGb) + (uk.Hour < 12 ? "am" : "pm");
    }

    /// <summary>
    /// As <see cref="Format(DateTime)"/> when the time was recorded, else the date alone: a record made with only a date
    /// must not show a time nobody entered ("at 12:00am").
    /// </summary>
    public static string Format(DateTime utc, bool timeKnown) => timeKnown ? Format(utc) : FormatDate(utc);

    /// <summary>The date in the UK at this instant: what "today" means to a user here, not the UTC date.</summary>
    public static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(ToUk(utc));

    public static string FormatDate(DateTime utc) => ToUk(utc).ToString("d MMMM yyyy", EnGb);

    /// <summary>The UTC instant at which a UK calendar day begins (midnight GMT or BST).</summary>
    public static DateTime StartOfUkDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), London);

    public static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", EnGb);
}
