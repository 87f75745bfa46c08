using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK select: <c>&lt;govuk-select asp-for="Input.Area" asp-items="Model.Areas" /&gt;</c>.
/// </summary>
[HtmlTargetElement("govuk-select", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkSelectTagHelper : GovUkFieldTagHelperBase
{
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("label-class")]
    public string? LabelClass { get; set; }

    [HtmlAttributeName("asp-items")]
    public IEnumerable<SelectListItem>? AspItems { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var id = FieldId;
        var error = FieldError;
        var hintId = string.IsNullOrEmpty(Hint) ? null : id + "-hint";
        var errorId = error is null ? null : id + "-error";
        var current = CurrentValue;

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

        sb.Append("<select")
            .Attr("class", GovUkHtml.Classes("govuk-select", error is null ? null : "govuk-select--error"))
            .Attr("id", id)
            .Attr("name", FieldName)
            .Attr("aria-describedby", GovUkHtml.DescribedBy(hintId, errorId))
            .Append('>');
        foreach (var item in Items(AspItems, "asp-items"))
        {
            var value = item.Value ?? item.Text;
            var selected = current is not null ? string.Equals(value, current, StringComparison.Ordinal) : item.Selected;
            sb.Append("<option").Attr("value", value);
            if (selected)
            {
                sb.Append(" selected");
            }

            if (item.Disabled)
            {
                sb.Append(" disabled");
            }

            sb.Append('>').Text(item.Text).Append("</option>");
        }

        sb.Append("</select></div>");

        Replace(output, sb.ToString());
    }
}
