using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// Works out, from what was typed, which date fields an error on a date key is about, so the
/// date input highlights just those and the error summary links to the first of them.
/// </summary>
internal static class DateInputErrors
{
    /// <summary>True when <paramref name="key"/> was posted as a three-part date.</summary>
    public static bool IsDateInput(ModelStateDictionary modelState, string key) =>
        modelState.ContainsKey(key + DateInputModelBinder.DaySuffix)
        || modelState.ContainsKey(key + DateInputModelBinder.MonthSuffix)
        || modelState.ContainsKey(key + DateInputModelBinder.YearSuffix);

    /// <summary>
    /// The parts at fault. When the parts themselves are fine (a "must be in the past" or "required"
    /// error, say), the whole date is at fault.
    /// </summary>
    public static DateInputParts PartsInError(ModelStateDictionary modelState, string key)
    {
        if (!IsDateInput(modelState, key))
        {
            return DateInputParts.All;
        }

        var result = DateInputParser.Parse(Attempted(modelState, key + DateInputModelBinder.DaySuffix),
            Attempted(modelState, key + DateInputModelBinder.MonthSuffix),
            Attempted(modelState, key + DateInputModelBinder.YearSuffix),
            key);
        return result.ErrorParts == DateInputParts.None ? DateInputParts.All : result.ErrorParts;
    }

    /// <summary>The suffix of the first field to link to: "Day", "Month" or "Year".</summary>
    public static string FirstPartInError(ModelStateDictionary modelState, string key)
    {
        var parts = PartsInError(modelState, key);
        if (parts.HasFlag(DateInputParts.Day))
        {
            return "Day";
        }

        return parts.HasFlag(DateInputParts.Month) ? "Month" : "Year";
    }

    private static string? Attempted(ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) ? entry.AttemptedValue : null;
}
