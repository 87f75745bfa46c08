using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// Small string-building helpers shared by the GOV.UK tag helpers. Every piece of text
/// or attribute value that goes through here is HTML-encoded.
/// </summary>
internal static class GovUkHtml
{
    public static string Encode(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : HtmlEncoder.Default.Encode(value);

    /// <summary>Builds an element id from a full field name using the ASP.NET convention (Input.Email → Input_Email).</summary>
    public static string FieldId(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_");

    public static StringBuilder Attr(this StringBuilder sb, string name, string? value)
    {
        if (value is null)
        {
            return sb;
        }

        return sb.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
    }

    public static StringBuilder Text(this StringBuilder sb, string? text) => sb.Append(Encode(text));

    public static StringBuilder Label(this StringBuilder sb, string forId, string text, string? extraClass, bool isPageHeading)
    {
        if (isPageHeading)
        {
            sb.Append("<h1 class=\"govuk-label-wrapper\">");
        }

        sb.Append("<label").Attr("class", Classes("govuk-label", extraClass)).Attr("for", forId).Append('>')
            .Text(text).Append("</label>");

        if (isPageHeading)
        {
            sb.Append("</h1>");
        }

        return sb;
    }

    public static StringBuilder Hint(this StringBuilder sb, string id, string text, string? extraClass = null) =>
        sb.Append("<div").Attr("id", id).Attr("class", Classes("govuk-hint", extraClass)).Append('>')
            .Text(text).Append("</div>");

    public static StringBuilder ErrorMessage(this StringBuilder sb, string id, string text) =>
        sb.Append("<p").Attr("id", id).Attr("class", "govuk-error-message").Append('>')
            .Append("<span class=\"govuk-visually-hidden\">Error:</span> ")
            .Text(text).Append("</p>");

    public static StringBuilder FieldsetStart(
        this StringBuilder sb, string? describedBy, string? legend, string? legendClass, bool isPageHeading, string? role = null)
    {
        sb.Append("<fieldset class=\"govuk-fieldset\"").Attr("role", role).Attr("aria-describedby", describedBy).Append('>');
        if (!string.IsNullOrEmpty(legend))
        {
            sb.Append("<legend").Attr("class", Classes("govuk-fieldset__legend", legendClass)).Append('>');
            if (isPageHeading)
            {
                sb.Append("<h1 class=\"govuk-fieldset__heading\">").Text(legend).Append("</h1>");
            }
            else
            {
                sb.Text(legend);
            }

            sb.Append("</legend>");
        }

        return sb;
    }

    public static string Classes(params string?[] classes) =>
        string.Join(' ', classes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()));

    public static string? DescribedBy(params string?[] ids)
    {
        var joined = Classes(ids);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>The message to show for a model error; never empty.</summary>
    public static string ErrorText(ModelError error) =>
        string.IsNullOrWhiteSpace(error.ErrorMessage) ? "The value entered is not valid" : error.ErrorMessage;

    public static string? FormatValue(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// Puts <paramref name="ourClasses"/> in front of any class the author wrote on the element.
    /// </summary>
    public static void MergeClass(TagHelperOutput output, string ourClasses)
    {
        var existing = output.Attributes.TryGetAttribute("class", out var attr) ? attr.Value?.ToString() : null;
        output.Attributes.SetAttribute("class", Classes(ourClasses, existing));
    }
}
