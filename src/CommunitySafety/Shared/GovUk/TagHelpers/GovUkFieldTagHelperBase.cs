using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// Shared plumbing for the GOV.UK form-field tag helpers: the bound model expression, its full
/// field name and id, its display name, the value to show, and its first model-state error.
/// </summary>
public abstract class GovUkFieldTagHelperBase : TagHelper
{
    /// <summary>The model expression the field is bound to.</summary>
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    /// <summary>Hint text shown under the label or legend.</summary>
    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>Wrap the label or legend in an h1 (for one-question pages).</summary>
    [HtmlAttributeName("is-page-heading")]
    public bool IsPageHeading { get; set; }

    /// <summary>Set by Razor.</summary>
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>The name posted back, e.g. <c>Input.Email</c>.</summary>
    protected string FieldName
    {
        get
        {
            ArgumentNullException.ThrowIfNull(For);
            ArgumentNullException.ThrowIfNull(ViewContext);
            return ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        }
    }

    /// <summary>The element id, e.g. <c>Input_Email</c>.</summary>
    protected string FieldId => GovUkHtml.FieldId(FieldName);

    /// <summary>The display name from metadata (<c>[Display(Name = ...)]</c>) or the property name.</summary>
    protected string DisplayName =>
        For.Metadata.DisplayName ?? For.Metadata.PropertyName ?? For.Name;

    /// <summary>The first error for this field, if any.</summary>
    protected string? FieldError => FirstError(FieldName);

    protected string? FirstError(string key)
    {
        if (ViewContext.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
        {
            return GovUkHtml.ErrorText(entry.Errors[0]);
        }

        return null;
    }

    /// <summary>The value last posted for this field when there is one, otherwise the model's value.</summary>
    protected string? CurrentValue
    {
        get
        {
            if (ViewContext.ViewData.ModelState.TryGetValue(FieldName, out var entry) && entry.AttemptedValue is not null)
            {
                return entry.AttemptedValue;
            }

            return GovUkHtml.FormatValue(For.Model);
        }
    }

    /// <summary>All the values last posted for this field, else the model's value(s).</summary>
    protected IReadOnlyCollection<string> CurrentValues
    {
        get
        {
            if (ViewContext.ViewData.ModelState.TryGetValue(FieldName, out var entry) && entry.RawValue is not null)
            {
                return entry.RawValue switch
                {
                    string s => [s],
                    string[] many => many,
                    IEnumerable<object?> objects => objects.Select(GovUkHtml.FormatValue).OfType<string>().ToArray(),
                    var other => GovUkHtml.FormatValue(other) is { } one ? [one] : [],
                };
            }

            return For.Model switch
            {
                null => [],
                string s => [s],
                System.Collections.IEnumerable many => many.Cast<object?>().Select(GovUkHtml.FormatValue).OfType<string>().ToArray(),
                var other => GovUkHtml.FormatValue(other) is { } one ? [one] : [],
            };
        }
    }

    /// <summary>Replaces the custom element with the rendered HTML.</summary>
    protected static void Replace(TagHelperOutput output, string html)
    {
        output.TagName = null;
        output.Attributes.Clear();
        output.Content.SetHtmlContent(html);
    }

    protected static IEnumerable<SelectListItem> Items(IEnumerable<SelectListItem>? items, string attribute) =>
        items ?? throw new InvalidOperationException($"The '{attribute}' attribute must be set to a list of items.");
}
