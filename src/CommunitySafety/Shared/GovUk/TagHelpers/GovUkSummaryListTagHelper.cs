using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK summary list:
/// <code>
/// &lt;govuk-summary-list&gt;
///   &lt;govuk-summary-row key="Name" change-href="/name" change-visually-hidden="name"&gt;@Model.Name&lt;/govuk-summary-row&gt;
/// &lt;/govuk-summary-list&gt;
/// </code>
/// When some rows have a change link, rows without one get <c>govuk-summary-list__row--no-actions</c>.
/// </summary>
[HtmlTargetElement("govuk-summary-list")]
[RestrictChildren("govuk-summary-row")]
public sealed class GovUkSummaryListTagHelper : TagHelper
{
    internal sealed record Row(string Key, IHtmlContent Value, string? ChangeHref, string ChangeText, string? ChangeVisuallyHidden);

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        var rows = new List<Row>();
        context.Items[typeof(GovUkSummaryListTagHelper)] = rows;
        await output.GetChildContentAsync().ConfigureAwait(false);

        var anyActions = rows.Exists(r => r.ChangeHref is not null);

        output.TagName = "dl";
        output.TagMode = TagMode.StartTagAndEndTag;
        GovUkHtml.MergeClass(output, "govuk-summary-list");
        var content = output.Content.Clear();
        foreach (var row in rows)
        {
            var rowClass = anyActions && row.ChangeHref is null
                ? "govuk-summary-list__row govuk-summary-list__row--no-actions"
                : "govuk-summary-list__row";
            content.AppendHtml("<div class=\"" + rowClass + "\"><dt class=\"govuk-summary-list__key\">");
            content.Append(row.Key);
            content.AppendHtml("</dt><dd class=\"govuk-summary-list__value\">");
            content.AppendHtml(row.Value);
            content.AppendHtml("</dd>");
            if (row.ChangeHref is not null)
            {
                content.AppendHtml("<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"");
                content.Append(row.ChangeHref);
                content.AppendHtml("\">");
                content.Append(row.ChangeText);
                if (!string.IsNullOrEmpty(row.ChangeVisuallyHidden))
                {
                    content.AppendHtml("<span class=\"govuk-visually-hidden\"> ");
                    content.Append(row.ChangeVisuallyHidden);
                    content.AppendHtml("</span>");
                }

                content.AppendHtml("</a></dd>");
            }

            content.AppendHtml("</div>");
        }
    }
}

/// <summary>
/// One row of a <c>&lt;govuk-summary-list&gt;</c>. The value is the element's content (or <c>value</c>);
/// <c>change-href</c> adds a "Change" link (<c>change-text</c>) whose hidden text defaults to the key.
/// </summary>
[HtmlTargetElement("govuk-summary-row", ParentTag = "govuk-summary-list")]
public sealed class GovUkSummaryRowTagHelper : TagHelper
{
    [HtmlAttributeName("key")]
    public string Key { get; set; } = string.Empty;

    /// <summary>Plain-text value, used when the element has no content.</summary>
    [HtmlAttributeName("value")]
    public string? Value { get; set; }

    [HtmlAttributeName("change-href")]
    public string? ChangeHref { get; set; }

    [HtmlAttributeName("change-text")]
    public string ChangeText { get; set; } = "Change";

    /// <summary>Completes the link text for screen readers ("Change <i>name</i>"); defaults to the key.</summary>
    [HtmlAttributeName("change-visually-hidden")]
    public string? ChangeVisuallyHidden { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        if (!context.Items.TryGetValue(typeof(GovUkSummaryListTagHelper), out var list) || list is not List<GovUkSummaryListTagHelper.Row> rows)
        {
            throw new InvalidOperationException("<govuk-summary-row> must be inside <govuk-summary-list>.");
        }

        var child = await output.GetChildContentAsync().ConfigureAwait(false);
        IHtmlContent value = child.IsEmptyOrWhiteSpace && Value is not null ? new HtmlString(GovUkHtml.Encode(Value)) : child;
        rows.Add(new GovUkSummaryListTagHelper.Row(
            Key,
            value,
            string.IsNullOrEmpty(ChangeHref) ? null : ChangeHref,
            ChangeText,
            ChangeVisuallyHidden ?? Key));
        output.SuppressOutput();
    }
}
