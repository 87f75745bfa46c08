using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>GOV.UK inset text: <c>&lt;govuk-inset-text&gt;It can take up to 8 weeks.&lt;/govuk-inset-text&gt;</c>.</summary>
[HtmlTargetElement("govuk-inset-text")]
public sealed class GovUkInsetTextTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        GovUkHtml.MergeClass(output, "govuk-inset-text");
    }
}

/// <summary>
/// GOV.UK warning text: <c>&lt;govuk-warning-text&gt;You can be fined up to £5,000.&lt;/govuk-warning-text&gt;</c>
/// (<c>icon-fallback-text</c> defaults to "Warning").
/// </summary>
[HtmlTargetElement("govuk-warning-text")]
public sealed class GovUkWarningTextTagHelper : TagHelper
{
    [HtmlAttributeName("icon-fallback-text")]
    public string IconFallbackText { get; set; } = "Warning";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var content = await output.GetChildContentAsync().ConfigureAwait(false);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        GovUkHtml.MergeClass(output, "govuk-warning-text");
        output.Content.SetHtmlContent("<span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">");
        output.Content.Append(IconFallbackText);
        output.Content.AppendHtml("</span> ");
        output.Content.AppendHtml(content);
        output.Content.AppendHtml("</strong>");
    }
}
