using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>Shared variant handling for buttons and button links.</summary>
public abstract class GovUkButtonBase : TagHelper
{
    /// <summary>primary (default), secondary or warning.</summary>
    [HtmlAttributeName("variant")]
    public string? Variant { get; set; }

    protected string ButtonClasses()
    {
        var modifier = (Variant ?? "primary").Trim().ToLowerInvariant() switch
        {
            "" or "primary" => null,
            "secondary" => "govuk-button--secondary",
            "warning" => "govuk-button--warning",
            "inverse" => "govuk-button--inverse",
            _ => throw new InvalidOperationException($"Button variant '{Variant}' is not primary, secondary, warning or inverse."),
        };
        return GovUkHtml.Classes("govuk-button", modifier);
    }
}

/// <summary>
/// GOV.UK button: <c>&lt;govuk-button variant="secondary" prevent-double-click="true"&gt;Save and continue&lt;/govuk-button&gt;</c>.
/// Other attributes (name, value, id, formaction…) pass through.
/// </summary>
[HtmlTargetElement("govuk-button")]
public sealed class GovUkButtonTagHelper : GovUkButtonBase
{
    /// <summary>submit (default), button or reset.</summary>
    [HtmlAttributeName("type")]
    public string? Type { get; set; }

    [HtmlAttributeName("prevent-double-click")]
    public bool? PreventDoubleClick { get; set; }

    [HtmlAttributeName("disabled")]
    public bool Disabled { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        output.TagName = "button";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", string.IsNullOrWhiteSpace(Type) ? "submit" : Type);
        GovUkHtml.MergeClass(output, ButtonClasses());
        output.Attributes.SetAttribute("data-module", "govuk-button");
        if (PreventDoubleClick is { } prevent)
        {
            output.Attributes.SetAttribute("data-prevent-double-click", prevent ? "true" : "false");
        }

        if (Disabled)
        {
            output.Attributes.SetAttribute(new TagHelperAttribute("disabled"));
            output.Attributes.SetAttribute("aria-disabled", "true");
        }
    }
}

/// <summary>
/// GOV.UK button styled link: <c>&lt;govuk-button-link href="/start" variant="secondary"&gt;Start again&lt;/govuk-button-link&gt;</c>.
/// </summary>
[HtmlTargetElement("govuk-button-link", Attributes = "href")]
public sealed class GovUkButtonLinkTagHelper : GovUkButtonBase
{
    [HtmlAttributeName("href")]
    public string Href { get; set; } = "#";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("href", string.IsNullOrEmpty(Href) ? "#" : Href);
        output.Attributes.SetAttribute("role", "button");
        output.Attributes.SetAttribute("draggable", "false");
        GovUkHtml.MergeClass(output, ButtonClasses());
        output.Attributes.SetAttribute("data-module", "govuk-button");
    }
}
