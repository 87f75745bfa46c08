using System.Globalization;

namespace CommunitySafety.Features.Places.Queries;

/// <summary>How ward figures read on pages (the same text the map script writes when it refreshes the table).</summary>
public static class WardFigureFormat
{
    static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    public static string Rate(double? rate) => rate?.ToString("N1", En) ?? "Not known";

    public static string Change(double? percent) => percent switch
    {
        null => "No comparison",
        > 0 => "+" + percent.Value.ToString("N0", En) + "%",
        _ => percent.Value.ToString("N0", En) + "%",
    };
}
