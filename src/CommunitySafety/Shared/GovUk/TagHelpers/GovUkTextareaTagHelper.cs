using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK textarea: <c>&lt;govuk-textarea asp-for="Input.Details" rows="8" hint="..." /&gt;</c>.
/// </summary>
[HtmlTargetElement("govuk-textarea", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkTextareaTagHelper : GovUkFieldTagHelperBase
{
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("label-class")]
    public string? LabelClass { get; set; }

    /// <summary>Number of rows; the design system's default is 5.</summary>
    [HtmlAttributeName("rows")]
    public int Rows { get; set; } = 5;

    [HtmlAttributeName("spellcheck")]
    public bool? Spellcheck { get; set; }

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

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

        sb.Append("<textarea")
            .Attr("class", GovUkHtml.Classes("govuk-textarea", error is null ? null : "govuk-textarea--error"))
            .Attr("id", id)
            .Attr("name", FieldName)
            .Attr("rows", (Rows > 0 ? Rows : 5).ToString(CultureInfo.InvariantCulture))
            .Attr("spellcheck", Spellcheck is null ? null : Spellcheck.Value ? "true" : "false")
            .Attr("aria-describedby", GovUkHtml.DescribedBy(hintId, errorId))
            .Attr("autocomplete", Autocomplete)
            .Append('>')
            // A newline straight after <textarea> is dropped by parsers, so keep a leading one in the value.
            .Append('\n')
            .Text(CurrentValue)
            .Append("</textarea>");
        sb.Append("</div>");

        Replace(output, sb.ToString());
    }
}
