using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK checkboxes in a fieldset.
/// <list type="bullet">
/// <item>Bound to a collection of strings: <c>&lt;govuk-checkboxes asp-for="Input.Topics" legend="..." asp-items="Model.Topics" /&gt;</c>
/// posts each ticked value as <c>Input.Topics</c>.</item>
/// <item>Bound to a <see cref="bool"/>: a single checkbox with value <c>true</c>, labelled by <c>label</c>
/// (default: the display name); the fieldset is only drawn when <c>legend</c> is given.</item>
/// </list>
/// </summary>
[HtmlTargetElement("govuk-checkboxes", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkCheckboxesTagHelper : GovUkFieldTagHelperBase
{
    [HtmlAttributeName("legend")]
    public string? Legend { get; set; }

    [HtmlAttributeName("legend-class")]
    public string? LegendClass { get; set; }

    /// <summary>Label for the single checkbox when bound to a bool.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("asp-items")]
    public IEnumerable<SelectListItem>? AspItems { get; set; }

    [HtmlAttributeName("small")]
    public bool Small { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var modelType = Nullable.GetUnderlyingType(For.Metadata.ModelType) ?? For.Metadata.ModelType;
        var isBool = modelType == typeof(bool);

        var id = FieldId;
        var name = FieldName;
        var error = FieldError;
        var hintId = string.IsNullOrEmpty(Hint) ? null : id + "-hint";
        var errorId = error is null ? null : id + "-error";
        var describedBy = GovUkHtml.DescribedBy(hintId, errorId);

        List<SelectListItem> items;
        HashSet<string> ticked;
        if (isBool)
        {
            items = [new SelectListItem(Label ?? DisplayName, "true")];
            ticked = CurrentValues.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase))
                ? new HashSet<string>(StringComparer.Ordinal) { "true" }
                : [];
        }
        else
        {
            items = Items(AspItems, "asp-items").ToList();
            ticked = new HashSet<string>(CurrentValues, StringComparer.Ordinal);
            if (ticked.Count == 0 && !HasPostedValue())
            {
                ticked.UnionWith(items.Where(i => i.Selected).Select(i => i.Value ?? i.Text));
            }
        }

        var hasFieldset = !isBool || !string.IsNullOrEmpty(Legend);

        var sb = new StringBuilder();
        sb.Append("<div").Attr("class", GovUkHtml.Classes("govuk-form-group", error is null ? null : "govuk-form-group--error")).Append('>');
        if (hasFieldset)
        {
            sb.FieldsetStart(describedBy, Legend ?? DisplayName, LegendClass, IsPageHeading);
        }

        if (hintId is not null)
        {
            sb.Hint(hintId, Hint!);
        }

        if (errorId is not null)
        {
            sb.ErrorMessage(errorId, error!);
        }

        sb.Append("<div").Attr("class", GovUkHtml.Classes("govuk-checkboxes", Small ? "govuk-checkboxes--small" : null))
            .Append(" data-module=\"govuk-checkboxes\">");

        var index = 0;
        foreach (var item in items)
        {
            index++;
            var itemId = index == 1 ? id : id + "-" + index.ToString(CultureInfo.InvariantCulture);
            var value = item.Value ?? item.Text;

            sb.Append("<div class=\"govuk-checkboxes__item\">");
            sb.Append("<input class=\"govuk-checkboxes__input\"").Attr("id", itemId).Attr("name", name).Attr("type", "checkbox").Attr("value", value);
            if (ticked.Contains(value))
            {
                sb.Append(" checked");
            }

            if (item.Disabled)
            {
                sb.Append(" disabled");
            }

            // Without a fieldset nothing else carries the hint and error, so the input does.
            if (!hasFieldset)
            {
                sb.Attr("aria-describedby", describedBy);
            }

            sb.Append('>');
            sb.Label(itemId, item.Text, "govuk-checkboxes__label", isPageHeading: false);
            sb.Append("</div>");
        }

        sb.Append("</div>");
        if (hasFieldset)
        {
            sb.Append("</fieldset>");
        }

        sb.Append("</div>");

        Replace(output, sb.ToString());
    }

    private bool HasPostedValue() => ViewContext.ViewData.ModelState.ContainsKey(FieldName);
}
