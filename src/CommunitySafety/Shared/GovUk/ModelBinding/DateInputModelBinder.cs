using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// Binds a <see cref="DateOnly"/> or <see cref="Nullable{DateOnly}"/> from the three fields that
/// <c>&lt;govuk-date-input&gt;</c> posts (<c>X.Day</c>, <c>X.Month</c>, <c>X.Year</c>), adding GOV.UK-style
/// messages to <c>X</c> in model state. Register it with
/// <see cref="GovUkMvcOptionsExtensions.AddGovUkDateInputBinding"/>, or put
/// <c>[ModelBinder(typeof(DateInputModelBinder))]</c> on the property.
/// </summary>
public sealed class DateInputModelBinder : IModelBinder
{
    public const string DaySuffix = ".Day";
    public const string MonthSuffix = ".Month";
    public const string YearSuffix = ".Year";

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);

        var name = bindingContext.ModelName;
        var values = bindingContext.ValueProvider;
        var day = values.GetValue(name + DaySuffix);
        var month = values.GetValue(name + MonthSuffix);
        var year = values.GetValue(name + YearSuffix);
        var metadata = bindingContext.ModelMetadata;
        var displayName = metadata.DisplayName ?? metadata.PropertyName ?? name;
        var isNullable = Nullable.GetUnderlyingType(metadata.ModelType) is not null;

        if (day == ValueProviderResult.None && month == ValueProviderResult.None && year == ValueProviderResult.None)
        {
            // Not posted as three parts: accept a single ISO value (e.g. from a query string) or nothing.
            var single = values.GetValue(name);
            if (single == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(name, single);
            if (string.IsNullOrWhiteSpace(single.FirstValue))
            {
                bindingContext.Result = isNullable ? ModelBindingResult.Success(null) : ModelBindingResult.Failed();
            }
            else if (DateOnly.TryParseExact(single.FirstValue.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            {
                bindingContext.Result = ModelBindingResult.Success(iso);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(name, $"{displayName} must be a real date");
                bindingContext.Result = ModelBindingResult.Failed();
            }

            return Task.CompletedTask;
        }

        // Keep what was typed so the page can show it again, and mark the part keys as not needing
        // validation so they do not hold ModelState.IsValid at "unvalidated".
        foreach (var (suffix, value) in new[] { (DaySuffix, day), (MonthSuffix, month), (YearSuffix, year) })
        {
            bindingContext.ModelState.SetModelValue(name + suffix, value);
            bindingContext.ModelState.MarkFieldSkipped(name + suffix);
        }

        var attempted = string.Join('/', day.FirstValue, month.FirstValue, year.FirstValue);
        bindingContext.ModelState.SetModelValue(name, rawValue: attempted, attemptedValue: attempted);

        var result = DateInputParser.Parse(day.FirstValue, month.FirstValue, year.FirstValue, displayName);
        if (result.IsEmpty)
        {
            if (isNullable)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(name, $"Enter {LowerFirst(displayName)}");
                bindingContext.Result = ModelBindingResult.Failed();
            }
        }
        else if (result.ErrorMessage is not null)
        {
            bindingContext.ModelState.TryAddModelError(name, result.ErrorMessage);
            bindingContext.Result = ModelBindingResult.Failed();
        }
        else
        {
            bindingContext.Result = ModelBindingResult.Success(result.Value);
        }

        return Task.CompletedTask;
    }

    // "Date of birth" → "date of birth", but leave acronyms such as "NHS number" alone.
    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
}

/// <summary>Uses <see cref="DateInputModelBinder"/> for every <see cref="DateOnly"/> and <c>DateOnly?</c>.</summary>
public sealed class DateInputModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(DateOnly) ? new DateInputModelBinder() : null;
    }
}
