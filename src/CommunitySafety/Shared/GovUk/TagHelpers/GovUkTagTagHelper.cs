using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK tag: <c>&lt;govuk-tag colour="green"&gt;Completed&lt;/govuk-tag&gt;</c>.
/// govuk-frontend 6 colours: blue (the default, no modifier), grey, green, teal, turquoise, purple,
/// magenta, pink, red, orange, yellow. "light-blue" no longer exists in v6 and is rejected.
/// </summary>
[HtmlTargetElement("govuk-tag")]
public sealed class GovUkTagTagHelper : TagHelper
{
    private static readonly HashSet<string> Colours = new(StringComparer.Ordinal)
    {
        "grey", "green", "teal", "turquoise", "purple", "magenta", "pink", "red", "orange", "yellow",
    };

    [HtmlAttributeName("colour")]
    public string? Colour { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var colour = (Colour ?? string.Empty).Trim().ToLowerInvariant();
        string? modifier = null;
        if (colour is not ("" or "blue"))
        {
            if (!Colours.Contains(colour))
            {
                throw new InvalidOperationException(
                    $"govuk-tag colour '{Colour}' is not in govuk-frontend 6; use blue, grey, green, teal, turquoise, purple, magenta, pink, red, orange or yellow.");
            }

            modifier = "govuk-tag--" + colour;
        }

        output.TagName = "strong";
        output.TagMode = TagMode.StartTagAndEndTag;
        GovUkHtml.MergeClass(output, GovUkHtml.Classes("govuk-tag", modifier));
    }
}
