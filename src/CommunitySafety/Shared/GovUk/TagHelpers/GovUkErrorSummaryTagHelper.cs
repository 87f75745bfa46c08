using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK error summary built from model state: <c>&lt;govuk-error-summary /&gt;</c>. Renders nothing when
/// there are no errors. Each field error links to its field (<c>#Input_Email</c>; for a date, the first
/// date field at fault); model-level errors (key "") are plain list items. The
/// <c>data-module="govuk-error-summary"</c> hook lets govuk-frontend's JavaScript make the summary
/// focusable and move focus to it when the page loads.
/// </summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkErrorSummaryTagHelper : TagHelper
{
    [HtmlAttributeName("title")]
    public string Title { get; set; } = "There is a problem";

    /// <summary>Optional text shown above the list.</summary>
    [HtmlAttributeName("description")]
    public string? Description { get; set; }

    /// <summary>
    /// The form's fields in page order ("Kind,Upload,Year"), so the summary follows the page. Without it errors come in
    /// model-state order, where a field is listed when binding first met it: a field posted with a value then comes
    /// before an earlier field left empty. Fields not named follow in model-state order.
    /// </summary>
    [HtmlAttributeName("fields")]
    public string? Fields { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(ViewContext);

        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.ErrorCount == 0)
        {
            output.SuppressOutput();
            return;
        }

        var sb = new StringBuilder();
        sb.Append("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">");
        sb.Append("<h2 class=\"govuk-error-summary__title\">").Text(Title).Append("</h2>");
        sb.Append("<div class=\"govuk-error-summary__body\">");
        if (!string.IsNullOrEmpty(Description))
        {
            sb.Append("<p>").Text(Description).Append("</p>");
        }

        sb.Append("<ul class=\"govuk-list govuk-error-summary__list\">");
        var order = (Fields ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var entries = modelState.Select((e, i) => (e.Key, e.Value, Rank: Array.IndexOf(order, e.Key) is var r and >= 0 ? r : order.Length + i))
            .OrderBy(e => e.Rank).Select(e => (e.Key, Value: e.Value!));
        foreach (var (key, entry) in entries)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }

            if (string.IsNullOrEmpty(key))
            {
                foreach (var error in entry.Errors)
                {
                    sb.Append("<li>").Text(GovUkHtml.ErrorText(error)).Append("</li>");
                }

                continue;
            }

            // One message per field, as on the field itself.
            var href = "#" + GovUkHtml.FieldId(key);
            if (DateInputErrors.IsDateInput(modelState, key))
            {
                href += "_" + DateInputErrors.FirstPartInError(modelState, key);
            }

            sb.Append("<li><a").Attr("href", href).Append('>').Text(GovUkHtml.ErrorText(entry.Errors[0])).Append("</a></li>");
        }

        sb.Append("</ul></div></div></div>");

        output.TagName = null;
        output.Attributes.Clear();
        output.Content.SetHtmlContent(sb.ToString());
    }
}
