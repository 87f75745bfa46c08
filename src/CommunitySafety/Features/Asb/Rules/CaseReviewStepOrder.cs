using System.Globalization;

namespace CommunitySafety.Features.Asb.Rules;

/// <summary>
/// The ASB Case Review's steps happen in order (Home Office statutory guidance for frontline professionals on the 2014
/// Act, "ASB Case Review": application, acknowledgement, threshold decision, review meeting, outcome letter, appeal). A
/// step dated before the one it follows is a typing slip, and it would make the clocks and the annual figures wrong.
/// </summary>
public static class CaseReviewStepOrder
{
    public readonly record struct Earlier(string What, DateOnly On);

    /// <summary>The error for a step dated before any earlier step's date, naming the first one it precedes, or null.</summary>
    public static string? Error(string step, DateOnly on, params Earlier?[] earlier)
    {
        foreach (var e in earlier)
        {
            if (e is { } before && on < before.On)
            {
                return $"{step} must be on or after {before.What} ({before.On.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))})";
            }
        }
        return null;
    }

    public static Earlier? Of(string what, DateOnly? on) => on is { } d ? new Earlier(what, d) : null;
}
