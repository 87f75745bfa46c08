using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK date input for a <see cref="DateOnly"/> / <c>DateOnly?</c>:
/// <c>&lt;govuk-date-input asp-for="Input.DateOfBirth" legend="What is your date of birth?" hint="For example, 27 3 2007" autocomplete="bday" /&gt;</c>.
/// Posts <c>Input.DateOfBirth.Day</c>, <c>.Month</c> and <c>.Year</c> (ids <c>Input_DateOfBirth_Day</c> …),
/// read back by <see cref="DateInputModelBinder"/>. Only the fields at fault are highlighted.
/// </summary>
[HtmlTargetElement("govuk-date-input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkDateInputTagHelper : GovUkFieldTagHelperBase
{
    [HtmlAttributeName("legend")]
    public string? Legend { get; set; }

    [HtmlAttributeName("legend-class")]
    public string? LegendClass { get; set; }

    /// <summary>Set to <c>bday</c> for a date of birth: the fields get bday-day, bday-month and bday-year.</summary>
    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        var id = FieldId;
        var name = FieldName;
        var error = FieldError;
        var hintId = string.IsNullOrEmpty(Hint) ? null : id + "-hint";
        var errorId = error is null ? null : id + "-error";

        var (day, month, year) = PartValues(name);
        var errorParts = DateInputParts.None;
        if (error is not null)
        {
            errorParts = DateInputErrors.PartsInError(ViewContext.ViewData.ModelState, name);
        }

        var sb = new StringBuilder();
        sb.Append("<div").Attr("class", GovUkHtml.Classes("govuk-form-group", error is null ? null : "govuk-form-group--error")).Append('>');
        sb.FieldsetStart(GovUkHtml.DescribedBy(hintId, errorId), Legend ?? DisplayName, LegendClass, IsPageHeading, role: "group");
        if (hintId is not null)
        {
            sb.Hint(hintId, Hint!);
        }

        if (errorId is not null)
        {
            sb.ErrorMessage(errorId, error!);
        }

        sb.Append("<div class=\"govuk-date-input\"").Attr("id", id).Append('>');
        AppendItem(sb, id, name, "Day", day, 2, errorParts.HasFlag(DateInputParts.Day));
        AppendItem(sb, id, name, "Month", month, 2, errorParts.HasFlag(DateInputParts.Month));
        AppendItem(sb, id, name, "Year", year, 4, errorParts.HasFlag(DateInputParts.Year));
        sb.Append("</div></fieldset></div>");

        Replace(output, sb.ToString());
    }

    private void AppendItem(StringBuilder sb, string id, string name, string part, string? value, int width, bool hasError)
    {
        var itemId = id + "_" + part;
        sb.Append("<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">");
        sb.Label(itemId, part, "govuk-date-input__label", isPageHeading: false);
        sb.Append("<input")
            .Attr("class", GovUkHtml.Classes(
                "govuk-input",
                "govuk-date-input__input",
                hasError ? "govuk-input--error" : null,
                "govuk-input--width-" + width.ToString(CultureInfo.InvariantCulture)))
            .Attr("id", itemId)
            .Attr("name", name + "." + part)
            .Attr("type", "text")
            .Attr("inputmode", "numeric")
            .Attr("value", value)
            .Attr("autocomplete", string.IsNullOrEmpty(Autocomplete) ? null : Autocomplete + "-" + part.ToLowerInvariant())
            .Append("></div></div>");
    }

    private (string? Day, string? Month, string? Year) PartValues(string name)
    {
        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.TryGetValue(name + DateInputModelBinder.DaySuffix, out var d)
            | modelState.TryGetValue(name + DateInputModelBinder.MonthSuffix, out var m)
            | modelState.TryGetValue(name + DateInputModelBinder.YearSuffix, out var y))
        {
            return (d?.AttemptedValue, m?.AttemptedValue, y?.AttemptedValue);
        }

        return For.Model switch
        {
            DateOnly date => (
                date.Day.ToString(CultureInfo.InvariantCulture),
                date.Month.ToString(CultureInfo.InvariantCulture),
                date.Year.ToString("0000", CultureInfo.InvariantCulture)),
            DateTime dateTime => (
                dateTime.Day.ToString(CultureInfo.InvariantCulture),
                dateTime.Month.ToString(CultureInfo.InvariantCulture),
                dateTime.Year.ToString("0000", CultureInfo.InvariantCulture)),
            _ => (null, null, null),
        };
    }
}
