using System.Globalization;
using System.Net;
using System.Text;

namespace CommunitySafety.Features.Places.Wards;

/// <summary>
/// A small stacked bar chart (crime below, anti-social behaviour on top) drawn as SVG on the server,
/// so the profile needs no chart library or script. The SVG is an image with a title and a text
/// description; the table beside it carries every number.
/// </summary>
public static class WardTrendChart
{
    const int Width = 960;
    const int Height = 300;
    const int Left = 56;
    const int Right = 12;
    const int Top = 16;
    const int Bottom = 48;

    public static string Render(string id, IReadOnlyList<string> monthLabels, IReadOnlyList<int> crime, IReadOnlyList<int> asb, string description)
    {
        var n = monthLabels.Count;
        var totals = Enumerable.Range(0, n).Select(i => crime[i] + asb[i]).ToList();
        var max = NiceCeiling(totals.Count == 0 ? 0 : totals.Max());
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var slot = n == 0 ? plotW : (double)plotW / n;
        var barW = Math.Max(2, slot * 0.7);
        var inv = CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("0.#", inv);
        double Y(double v) => Top + plotH - (max == 0 ? 0 : v / max * plotH);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"places-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">Crime and anti-social behaviour by month</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{WebUtility.HtmlEncode(description)}</desc>");
        for (var t = 0; t <= 4; t++)
        {
            var v = max * t / 4.0;
            var y = Y(v);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"places-chart__grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" />");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"places-chart__label\" x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{v.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))}</text>");
        }

        // Label every month when there is room, else every third, so labels never overlap.
        var every = n <= 13 ? 1 : n <= 26 ? 2 : 3;
        for (var i = 0; i < n; i++)
        {
            var x = Left + (i * slot) + ((slot - barW) / 2);
            var crimeTop = Y(crime[i]);
            var totalTop = Y(totals[i]);
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"places-chart__bar\" x=\"{F(x)}\" y=\"{F(crimeTop)}\" width=\"{F(barW)}\" height=\"{F(Top + plotH - crimeTop)}\" />");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"places-chart__bar places-chart__bar--asb\" x=\"{F(x)}\" y=\"{F(totalTop)}\" width=\"{F(barW)}\" height=\"{F(crimeTop - totalTop)}\" />");
            if (i % every == 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text class=\"places-chart__label\" x=\"{F(x + (barW / 2))}\" y=\"{Top + plotH + 18}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(monthLabels[i])}</text>");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"places-chart__axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH}\" />");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Rounds the axis maximum up to 1, 2 or 5 × a power of ten so gridlines land on round numbers.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 0;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 4.0, 5.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
