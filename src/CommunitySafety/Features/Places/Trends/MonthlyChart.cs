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

    /// <summary>
    /// Y-axis ticks on round steps (1, 2 or 5 times a power of ten), from 0 to the first tick at or above
    /// <paramref name="max"/>, at most <paramref name="maxTicks"/> steps: "0, 50, 100, 150", not "0, 137".
    /// </summary>
    public static IReadOnlyList<long> Ticks(long max, int maxTicks = 5)
    {
        max = Math.Max(1, max);
        long step = 1;
        for (long power = 1; ; power *= 10)
        {
            var found = false;
            foreach (var m in (long[])[1, 2, 5])
            {
                if ((max + (m * power) - 1) / (m * power) <= maxTicks)
                {
                    step = m * power;
                    found = true;
                    break;
                }
            }

            if (found)
            {
                break;
            }
        }

        var top = (max + step - 1) / step * step;
        var ticks = new List<long>();
        for (long t = 0; t <= top; t += step)
        {
            ticks.Add(t);
        }

        return ticks;
    }

    public static IHtmlContent Render(string title, IReadOnlyList<int> months, IReadOnlyList<long?> values)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(values);
        var inv = CultureInfo.InvariantCulture;
        var highest = values.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        var ticks = Ticks(highest);
        var max = ticks[^1];
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var step = months.Count > 1 ? plotW / (months.Count - 1) : 0;
        double X(int i) => Left + (i * step);
        double Y(long v) => Top + plotH - (v / (double)max * plotH);

        var missingCount = values.Count(v => !v.HasValue);
        var label = $"{title}: monthly counts {MonthKey.Display(months[0])} to {MonthKey.Display(months[^1])}, highest {highest:N0}" +
            (missingCount > 0 ? $", {missingCount} month(s) missing" : "");
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg class=\"app-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(inv, $"<line class=\"app-chart__axis\" x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\" />");
        sb.Append(inv, $"<line class=\"app-chart__axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotH}\" />");
        foreach (var tick in ticks)
        {
            var y = Y(tick);
            if (tick > 0)
            {
                sb.Append(inv, $"<line class=\"app-chart__grid\" x1=\"{Left}\" y1=\"{y:0.##}\" x2=\"{Width - Right}\" y2=\"{y:0.##}\" />");
            }

            sb.Append(inv, $"<text class=\"app-chart__label app-chart__tick\" x=\"{Left - 4}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{tick:N0}</text>");
        }

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
        // A legend in the page, not only in the picture: what the line and the shaded bands mean.
        sb.Append("<ul class=\"app-chart-legend govuk-body-s\"><li><span class=\"app-chart-legend__line\" aria-hidden=\"true\"></span>")
            .Append(WebUtility.HtmlEncode(title)).Append(": records a month</li>");
        if (missingCount > 0)
        {
            sb.Append("<li><span class=\"app-chart-legend__missing\" aria-hidden=\"true\"></span>Month not loaded (missing, not zero)</li>");
        }

        sb.Append("</ul>");
        return new HtmlString(sb.ToString());
    }
}
