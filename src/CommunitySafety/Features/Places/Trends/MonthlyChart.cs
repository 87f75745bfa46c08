using System.Globalization;
using System.Net;
using System.Text;
using CommunitySafety.Features.Places.Assessment;
using Microsoft.AspNetCore.Html;

namespace CommunitySafety.Features.Places.Trends;

/// <summary>
/// A small server-rendered SVG line chart of monthly counts, so the page works without JavaScript and under
/// the strict CSP (colours come from classes in places-analysis.css, never inline styles). Missing months are
/// drawn as shaded bands with a break in the line, never as a drop to zero.
/// </summary>
public static class MonthlyChart
{
    const double Width = 640;
    const double Height = 170;
    const double Left = 44;
    const double Right = 10;
    const double Top = 10;
    const double Bottom = 28;

    public static IHtmlContent Render(string title, IReadOnlyList<int> months, IReadOnlyList<long?> values)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(values);
        var inv = CultureInfo.InvariantCulture;
        var max = Math.Max(1, values.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(0).Max());
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var step = months.Count > 1 ? plotW / (months.Count - 1) : 0;
        double X(int i) => Left + (i * step);
        double Y(long v) => Top + plotH - (v / (double)max * plotH);

        var missingCount = values.Count(v => !v.HasValue);
        var label = $"{title}: monthly counts {MonthKey.Display(months[0])} to {MonthKey.Display(months[^1])}, highest {max:N0}" +
            (missingCount > 0 ? $", {missingCount} month(s) missing" : "");
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg class=\"app-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(inv, $"<line class=\"app-chart__axis\" x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\" />");
        sb.Append(inv, $"<line class=\"app-chart__axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotH}\" />");
        sb.Append(inv, $"<text class=\"app-chart__label\" x=\"{Left - 4}\" y=\"{Top + 4}\" text-anchor=\"end\">{max:N0}</text>");
        sb.Append(inv, $"<text class=\"app-chart__label\" x=\"{Left - 4}\" y=\"{Top + plotH}\" text-anchor=\"end\">0</text>");

        for (var i = 0; i < months.Count; i++)
        {
            if (!values[i].HasValue)
            {
                var half = Math.Max(step / 2, 3);
                sb.Append(inv, $"<rect class=\"app-chart__missing\" x=\"{X(i) - half:0.##}\" y=\"{Top}\" width=\"{half * 2:0.##}\" height=\"{plotH}\"><title>{MonthKey.Display(months[i])}: missing</title></rect>");
            }

            if (i == 0 || i == months.Count - 1 || months[i] % 100 == 1)
            {
                sb.Append(inv, $"<text class=\"app-chart__label\" x=\"{X(i):0.##}\" y=\"{Height - 8}\" text-anchor=\"middle\">{MonthKey.Display(months[i])}</text>");
            }
        }

        // One polyline per run of present months: a gap shows where data is missing.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                sb.Append("<polyline class=\"app-chart__line\" points=\"").Append(string.Join(' ', run)).Append("\" />");
            }
            else if (run.Count == 1)
            {
                var xy = run[0].Split(',');
                sb.Append(inv, $"<circle class=\"app-chart__point\" cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"2.5\" />");
            }

            run.Clear();
        }

        for (var i = 0; i < months.Count; i++)
        {
            if (values[i] is { } v)
            {
                run.Add(string.Create(inv, $"{X(i):0.##},{Y(v):0.##}"));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }
}
