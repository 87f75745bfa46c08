using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK radios in a fieldset: <c>&lt;govuk-radios asp-for="Input.Contact" legend="..." asp-items="Model.Ways" inline /&gt;</c>.
/// The first radio's id is the field id (Input_Contact) so the error summary can link to it;
/// later ones are Input_Contact-2, Input_Contact-3, …
/// </summary>
[HtmlTargetElement("govuk-radios", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkRadiosTagHelper : GovUkFieldTagHelperBase
{
    /// <summary>Legend text; defaults to the display name.</summary>
    [HtmlAttributeName("legend")]
    public string? Legend { get; set; }

    /// <summary>Extra legend classes, e.g. <c>govuk-fieldset__legend--l</c>.</summary>
    [HtmlAttributeName("legend-class")]
    public string? LegendClass { get; set; }

    [HtmlAttributeName("asp-items")]
    public IEnumerable<SelectListItem>? AspItems { get; set; }

    /// <summary>Lay the radios out side by side (only for two short options).</summary>
    [HtmlAttributeName("inline")]
    public bool Inline { get; set; }

    /// <summary>Use the small radios.</summary>
    [HtmlAttributeName("small")]
    public bool Small { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var id = FieldId;
        var name = FieldName;
        var error = FieldError;
        var hintId = string.IsNullOrEmpty(Hint) ? null : id + "-hint";
        var errorId = error is null ? null : id + "-error";
        var current = CurrentValue;

        var sb = new StringBuilder();
        sb.Append("<div").Attr("class", GovUkHtml.Classes("govuk-form-group", error is null ? null : "govuk-form-group--error")).Append('>');
        sb.FieldsetStart(GovUkHtml.DescribedBy(hintId, errorId), Legend ?? DisplayName, LegendClass, IsPageHeading);
        if (hintId is not null)
        {
            sb.Hint(hintId, Hint!);
        }

        if (errorId is not null)
        {
            sb.ErrorMessage(errorId, error!);
        }

        sb.Append("<div")
            .Attr("class", GovUkHtml.Classes("govuk-radios", Inline ? "govuk-radios--inline" : null, Small ? "govuk-radios--small" : null))
            .Append(" data-module=\"govuk-radios\">");

        var index = 0;
        foreach (var item in Items(AspItems, "asp-items"))
        {
            index++;
            var itemId = index == 1 ? id : id + "-" + index.ToString(CultureInfo.InvariantCulture);
            var value = item.Value ?? item.Text;
            var isChecked = current is not null ? string.Equals(value, current, StringComparison.Ordinal) : item.Selected;

            sb.Append("<div class=\"govuk-radios__item\">");
            sb.Append("<input class=\"govuk-radios__input\"").Attr("id", itemId).Attr("name", name).Attr("type", "radio").Attr("value", value);
            if (isChecked)
            {
                sb.Append(" checked");
            }

            if (item.Disabled)
            {
                sb.Append(" disabled");
            }

            sb.Append('>');
            sb.Label(itemId, item.Text, "govuk-radios__label", isPageHeading: false);
            sb.Append("</div>");
        }

        sb.Append("</div></fieldset></div>");

        Replace(output, sb.ToString());
    }
}
