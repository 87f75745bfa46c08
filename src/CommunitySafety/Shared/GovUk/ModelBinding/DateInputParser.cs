using System.Globalization;

namespace CommunitySafety.Shared.GovUk;

/// <summary>Which of the three date fields a message is about.</summary>
[Flags]
public enum DateInputParts
{
    None = 0,
    Day = 1,
    Month = 2,
    Year = 4,
    All = Day | Month | Year,
}

/// <summary>The outcome of reading a day, month and year typed into a GOV.UK date input.</summary>
/// <param name="Value">The date, when the three parts make a real date.</param>
/// <param name="ErrorMessage">A GOV.UK-style message when they do not.</param>
/// <param name="ErrorParts">Which fields to highlight for <paramref name="ErrorMessage"/>.</param>
/// <param name="IsEmpty">True when all three fields were left blank (no error is raised for that here).</param>
public readonly record struct DateInputResult(DateOnly? Value, string? ErrorMessage, DateInputParts ErrorParts, bool IsEmpty);

/// <summary>
/// Turns the three date-input strings into a <see cref="DateOnly"/>, with the error messages the
/// GOV.UK date input pattern asks for ("Date of birth must include a month", "… must be a real date").
/// </summary>
public static class DateInputParser
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static DateInputResult Parse(string? day, string? month, string? year, string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);

        day = day?.Trim();
        month = month?.Trim();
        year = year?.Trim();

        var missing = DateInputParts.None;
        if (string.IsNullOrEmpty(day))
        {
            missing |= DateInputParts.Day;
        }

        if (string.IsNullOrEmpty(month))
        {
            missing |= DateInputParts.Month;
        }

        if (string.IsNullOrEmpty(year))
        {
            missing |= DateInputParts.Year;
        }

        if (missing == DateInputParts.All)
        {
            return new DateInputResult(null, null, DateInputParts.None, IsEmpty: true);
        }

        if (missing != DateInputParts.None)
        {
            return Error($"{displayName} must include a {DescribeParts(missing)}", missing);
        }

        var invalid = DateInputParts.None;
        if (!TryParseNumber(day!, out var d) || d is < 1 or > 31)
        {
            invalid |= DateInputParts.Day;
        }

        if (!TryParseMonth(month!, out var m))
        {
            invalid |= DateInputParts.Month;
        }

        if (!TryParseNumber(year!, out var y))
        {
            invalid |= DateInputParts.Year;
        }

        if (invalid != DateInputParts.None)
        {
            return Error($"{displayName} must be a real date", invalid);
        }

        if (year!.Length != 4)
        {
            return Error("Year must include 4 numbers", DateInputParts.Year);
        }

        if (y < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return Error($"{displayName} must be a real date", y < 1 ? DateInputParts.Year : DateInputParts.Day);
        }

        return new DateInputResult(new DateOnly(y, m, d), null, DateInputParts.None, IsEmpty: false);
    }

    private static DateInputResult Error(string message, DateInputParts parts) => new(null, message, parts, IsEmpty: false);

    private static string DescribeParts(DateInputParts parts)
    {
        var names = new List<string>(3);
        if (parts.HasFlag(DateInputParts.Day))
        {
            names.Add("day");
        }

        if (parts.HasFlag(DateInputParts.Month))
        {
            names.Add("month");
        }

        if (parts.HasFlag(DateInputParts.Year))
        {
            names.Add("year");
        }

        return string.Join(" and ", names);
    }

    private static bool TryParseNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseMonth(string text, out int month)
    {
        if (TryParseNumber(text, out month))
        {
            return month is >= 1 and <= 12;
        }

        // The pattern asks services to accept month names and three-letter abbreviations too.
        var lower = text.ToLowerInvariant();
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (lower == MonthNames[i] || (lower.Length == 3 && MonthNames[i].StartsWith(lower, StringComparison.Ordinal)))
            {
                month = i + 1;
                return true;
            }
        }

        month = 0;
        return false;
    }
}
