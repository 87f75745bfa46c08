using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK notification banner:
/// <c>&lt;govuk-notification-banner type="success" heading="Case saved"&gt;…&lt;/govuk-notification-banner&gt;</c>.
/// "important" (default) is a region; "success" has <c>role="alert"</c> and the success styling. The title
/// defaults to "Important" / "Success".
/// </summary>
[HtmlTargetElement("govuk-notification-banner")]
public sealed class GovUkNotificationBannerTagHelper : TagHelper
{
    /// <summary>important (default) or success.</summary>
    [HtmlAttributeName("type")]
    public string? Type { get; set; }

    [HtmlAttributeName("title")]
    public string? Title { get; set; }

    [HtmlAttributeName("title-id")]
    public string TitleId { get; set; } = "govuk-notification-banner-title";

    /// <summary>Optional single-line heading shown in the banner body before any content.</summary>
    [HtmlAttributeName("heading")]
    public string? Heading { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var success = (Type ?? "important").Trim().ToLowerInvariant() switch
        {
            "" or "important" => false,
            "success" => true,
            _ => throw new InvalidOperationException($"Notification banner type '{Type}' is not important or success."),
        };

        var child = await output.GetChildContentAsync().ConfigureAwait(false);

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        GovUkHtml.MergeClass(output, GovUkHtml.Classes("govuk-notification-banner", success ? "govuk-notification-banner--success" : null));
        output.Attributes.SetAttribute("role", success ? "alert" : "region");
        output.Attributes.SetAttribute("aria-labelledby", TitleId);
        output.Attributes.SetAttribute("data-module", "govuk-notification-banner");

        var content = output.Content.Clear();
        content.AppendHtml("<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"");
        content.Append(TitleId);
        content.AppendHtml("\">");
        content.Append(Title ?? (success ? "Success" : "Important"));
        content.AppendHtml("</h2></div><div class=\"govuk-notification-banner__content\">");
        if (!string.IsNullOrEmpty(Heading))
        {
            content.AppendHtml("<p class=\"govuk-notification-banner__heading\">");
            content.Append(Heading);
            content.AppendHtml("</p>");
        }

        content.AppendHtml(child);
        content.AppendHtml("</div>");
    }
}
