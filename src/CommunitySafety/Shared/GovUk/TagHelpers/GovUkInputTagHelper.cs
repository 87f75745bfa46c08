using System.Text;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK text input: <c>&lt;govuk-input asp-for="Input.Email" type="email" autocomplete="email" /&gt;</c>.
/// </summary>
[HtmlTargetElement("govuk-input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkInputTagHelper : GovUkFieldTagHelperBase
{
    private static readonly HashSet<string> AllowedTypes =
        new(StringComparer.OrdinalIgnoreCase) { "text", "email", "password", "number", "search", "tel" };

    private static readonly Dictionary<string, string> Widths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["2"] = "govuk-input--width-2",
        ["3"] = "govuk-input--width-3",
        ["4"] = "govuk-input--width-4",
        ["5"] = "govuk-input--width-5",
        ["10"] = "govuk-input--width-10",
        ["20"] = "govuk-input--width-20",
        ["30"] = "govuk-input--width-30",
        ["full"] = "govuk-!-width-full",
        ["three-quarters"] = "govuk-!-width-three-quarters",
        ["two-thirds"] = "govuk-!-width-two-thirds",
        ["one-half"] = "govuk-!-width-one-half",
        ["one-third"] = "govuk-!-width-one-third",
        ["one-quarter"] = "govuk-!-width-one-quarter",
    };

    /// <summary>Label text; defaults to the display name.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    /// <summary>Extra classes for the label, e.g. <c>govuk-label--l</c>.</summary>
    [HtmlAttributeName("label-class")]
    public string? LabelClass { get; set; }

    /// <summary>text (default), email, password, number, search or tel.</summary>
    [HtmlAttributeName("type")]
    public string? Type { get; set; }

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    [HtmlAttributeName("spellcheck")]
    public bool? Spellcheck { get; set; }

    [HtmlAttributeName("inputmode")]
    public string? InputMode { get; set; }

    /// <summary>Extra classes for the input element.</summary>
    [HtmlAttributeName("input-class")]
    public string? InputClass { get; set; }

    /// <summary>2, 3, 4, 5, 10, 20, 30 (characters) or full, three-quarters, two-thirds, one-half, one-third, one-quarter.</summary>
    [HtmlAttributeName("width")]
    public string? Width { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var type = string.IsNullOrWhiteSpace(Type) ? "text" : Type.Trim().ToLowerInvariant();
        if (!AllowedTypes.Contains(type))
        {
            throw new InvalidOperationException(
                $"govuk-input type '{Type}' is not supported; use text, email, password, number, search or tel.");
        }

        string? widthClass = null;
        if (!string.IsNullOrWhiteSpace(Width) && !Widths.TryGetValue(Width.Trim(), out widthClass))
        {
            throw new InvalidOperationException($"govuk-input width '{Width}' is not a GOV.UK width.");
        }

        var id = FieldId;
        var error = FieldError;
        var hintId = string.IsNullOrEmpty(Hint) ? null : id + "-hint";
        var errorId = error is null ? null : id + "-error";

        var sb = new StringBuilder();
        sb.Append("<div").Attr("class", GovUkHtml.Classes("govuk-form-group", error is null ? null : "govuk-form-group--error")).Append('>');
        sb.Label(id, Label ?? DisplayName, LabelClass, IsPageHeading);
        if (hintId is not null)
        {
            sb.Hint(hintId, Hint!);
        }

        if (errorId is not null)
        {
            sb.ErrorMessage(errorId, error!);
        }

        sb.Append("<input")
            .Attr("class", GovUkHtml.Classes("govuk-input", widthClass, InputClass, error is null ? null : "govuk-input--error"))
            .Attr("id", id)
            .Attr("name", FieldName)
            .Attr("type", type)
            .Attr("spellcheck", Spellcheck is null ? null : Spellcheck.Value ? "true" : "false")
            // Never echo a password back into the page.
            .Attr("value", type == "password" ? null : CurrentValue)
            .Attr("aria-describedby", GovUkHtml.DescribedBy(hintId, errorId))
            .Attr("autocomplete", Autocomplete)
            .Attr("inputmode", InputMode)
            .Append('>');
        sb.Append("</div>");

        Replace(output, sb.ToString());
    }
}
