using System.ComponentModel.DataAnnotations;
using CommunitySafety.Shared.GovUk;

namespace CommunitySafety.Tests.Shared;

public sealed class DateInputTests
{
    [Theory]
    [InlineData("", "5", "1990", "Date of birth must include a day", DateInputParts.Day)]
    [InlineData("1", "", "1990", "Date of birth must include a month", DateInputParts.Month)]
    [InlineData("1", "5", "", "Date of birth must include a year", DateInputParts.Year)]
    [InlineData("", "", "1990", "Date of birth must include a day and month", DateInputParts.Day | DateInputParts.Month)]
    [InlineData("1", "", "", "Date of birth must include a month and year", DateInputParts.Month | DateInputParts.Year)]
    [InlineData("31", "2", "1990", "Date of birth must be a real date", DateInputParts.Day)]
    [InlineData("1", "13", "1990", "Date of birth must be a real date", DateInputParts.Month)]
    [InlineData("x", "5", "1990", "Date of birth must be a real date", DateInputParts.Day)]
    [InlineData("1", "5", "90", "Year must include 4 numbers", DateInputParts.Year)]
    public void Parse_InvalidParts_ReturnsGovUkMessageAndParts(string day, string month, string year, string message, DateInputParts parts)
    {
        var result = DateInputParser.Parse(day, month, year, "Date of birth");

        Assert.Null(result.Value);
        Assert.Equal(message, result.ErrorMessage);
        Assert.Equal(parts, result.ErrorParts);
    }

    [Theory]
    [InlineData("29", "2", "2024", 2024, 2, 29)]
    [InlineData(" 07 ", "03", "1985", 1985, 3, 7)]
    [InlineData("1", "Jan", "2000", 2000, 1, 1)]
    [InlineData("1", "december", "2000", 2000, 12, 1)]
    public void Parse_RealDate_ReturnsDate(string day, string month, string year, int y, int m, int d)
    {
        var result = DateInputParser.Parse(day, month, year, "Date of birth");

        Assert.Equal(new DateOnly(y, m, d), result.Value);
        Assert.Null(result.ErrorMessage);
    }

    [Fact]
    public void Parse_AllBlank_IsEmptyWithoutError()
    {
        var result = DateInputParser.Parse(" ", null, "", "Date of birth");

        Assert.True(result.IsEmpty);
        Assert.Null(result.ErrorMessage);
    }

    [Fact]
    public async Task Bind_MissingMonth_AddsMustIncludeMonthErrorToDateKey()
    {
        var (modelState, _) = await Harness.BindAsync(new() { ["Input.DateOfBirth.Day"] = "12", ["Input.DateOfBirth.Month"] = "", ["Input.DateOfBirth.Year"] = "1990" });

        Assert.False(modelState.IsValid);
        var error = Assert.Single(modelState["Input.DateOfBirth"]!.Errors);
        Assert.Equal("Date of birth must include a month", error.ErrorMessage);
        Assert.Equal("12", modelState["Input.DateOfBirth.Day"]!.AttemptedValue);
    }

    [Fact]
    public async Task Bind_ImpossibleDate_AddsRealDateErrorOnlyOnce()
    {
        var (modelState, _) = await Harness.BindAsync(new() { ["Input.DateOfBirth.Day"] = "30", ["Input.DateOfBirth.Month"] = "2", ["Input.DateOfBirth.Year"] = "1990" });

        var error = Assert.Single(modelState["Input.DateOfBirth"]!.Errors);
        Assert.Equal("Date of birth must be a real date", error.ErrorMessage);
    }

    [Fact]
    public async Task Bind_FutureDate_AddsMustBeInThePastError()
    {
        var next = DateTime.Today.AddYears(1);
        var (modelState, _) = await Harness.BindAsync(new()
        {
            ["Input.DateOfBirth.Day"] = next.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DateOfBirth.Month"] = next.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DateOfBirth.Year"] = next.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var error = Assert.Single(modelState["Input.DateOfBirth"]!.Errors);
        Assert.Equal("Date of birth must be in the past", error.ErrorMessage);
    }

    [Fact]
    public async Task Bind_RealPastDate_BindsValueAndModelStateIsValid()
    {
        var (modelState, model) = await Harness.BindAsync(new() { ["Input.DateOfBirth.Day"] = "3", ["Input.DateOfBirth.Month"] = "11", ["Input.DateOfBirth.Year"] = "1984", ["Input.Email"] = "a@b.c" });

        Assert.True(modelState.IsValid);
        Assert.Equal(new DateOnly(1984, 11, 3), model!.DateOfBirth);
    }

    [Fact]
    public async Task Bind_AllBlankOptionalDate_BindsNullWithoutError()
    {
        var (modelState, model) = await Harness.BindAsync(new() { ["Input.DateOfBirth.Day"] = "", ["Input.DateOfBirth.Month"] = "", ["Input.DateOfBirth.Year"] = "", ["Input.Email"] = "a@b.c" });

        Assert.True(modelState.IsValid);
        Assert.Null(model!.DateOfBirth);
    }

    [Fact]
    public void Validate_PastDateWithFakeClock_UsesRegisteredTimeProvider()
    {
        var clock = new FixedClock(new DateTimeOffset(2020, 6, 15, 12, 0, 0, TimeSpan.Zero));
        var attribute = new PastDateAttribute();
        var context = new ValidationContext(new object(), new ClockServices(clock), null) { DisplayName = "Date of birth", MemberName = "DateOfBirth" };

        Assert.Null(attribute.GetValidationResult(new DateOnly(2020, 6, 14), context));
        Assert.Equal("Date of birth must be in the past", attribute.GetValidationResult(new DateOnly(2020, 6, 15), context)!.ErrorMessage);
        Assert.Null(attribute.GetValidationResult(null, context));
    }

    [Fact]
    public async Task Render_DateInputFromModel_RendersThreeNamedFieldsInGroupFieldset()
    {
        var page = new TestPage { Input = { DateOfBirth = new DateOnly(1984, 11, 3) } };
        var viewContext = Harness.CreateViewContext(page);
        var helper = new GovUkDateInputTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.DateOfBirth),
            Legend = "What is your date of birth?",
            Hint = "For example, 27 3 2007",
            Autocomplete = "bday",
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-date-input"));

        var fieldset = doc.QuerySelector("fieldset.govuk-fieldset")!;
        Assert.Equal("group", fieldset.GetAttribute("role"));
        Assert.Equal("Input_DateOfBirth-hint", fieldset.GetAttribute("aria-describedby"));
        Assert.Equal("What is your date of birth?", doc.QuerySelector("legend")!.TextContent);
        Assert.Equal("Input_DateOfBirth", doc.QuerySelector("div.govuk-date-input")!.Id);
        var inputs = doc.QuerySelectorAll("input.govuk-input.govuk-date-input__input");
        Assert.Equal(["Input_DateOfBirth_Day", "Input_DateOfBirth_Month", "Input_DateOfBirth_Year"], inputs.Select(i => i.Id!));
        Assert.Equal(["Input.DateOfBirth.Day", "Input.DateOfBirth.Month", "Input.DateOfBirth.Year"], inputs.Select(i => i.GetAttribute("name")!));
        Assert.Equal(["3", "11", "1984"], inputs.Select(i => i.GetAttribute("value")!));
        Assert.Equal(["bday-day", "bday-month", "bday-year"], inputs.Select(i => i.GetAttribute("autocomplete")!));
        Assert.All(inputs, i => Assert.Equal("numeric", i.GetAttribute("inputmode")));
        Assert.Contains("govuk-input--width-4", Harness.Classes(inputs[2]));
        Assert.Contains("govuk-input--width-2", Harness.Classes(inputs[0]));
        Assert.Equal(["Day", "Month", "Year"], doc.QuerySelectorAll("label.govuk-date-input__label").Select(l => l.TextContent));
        Assert.Empty(doc.QuerySelectorAll(".govuk-input--error"));
    }

    [Fact]
    public async Task Render_DateInputAfterBindingWithoutMonth_HighlightsOnlyMonthAndSummaryLinksToIt()
    {
        var (modelState, _) = await Harness.BindAsync(new() { ["Input.DateOfBirth.Day"] = "12", ["Input.DateOfBirth.Month"] = "", ["Input.DateOfBirth.Year"] = Harness.Xss });
        var viewContext = Harness.CreateViewContext(modelState: modelState);
        var dateInput = new GovUkDateInputTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.DateOfBirth) };
        var summary = new GovUkErrorSummaryTagHelper { ViewContext = viewContext };

        var html = await Harness.RenderAsync(dateInput, "govuk-date-input");
        var doc = Harness.Parse(html);
        var summaryDoc = Harness.Parse(await Harness.RenderAsync(summary, "govuk-error-summary"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("govuk-form-group--error", Harness.Classes(doc.QuerySelector(".govuk-form-group")));
        Assert.Equal("Input_DateOfBirth-error", doc.QuerySelector("fieldset")!.GetAttribute("aria-describedby"));
        Assert.Equal("Error: Date of birth must include a month", doc.QuerySelector("#Input_DateOfBirth-error")!.TextContent);
        Assert.Equal(["Input_DateOfBirth_Month"], doc.QuerySelectorAll(".govuk-input--error").Select(i => i.Id!));
        Assert.Equal("12", doc.QuerySelector("#Input_DateOfBirth_Day")!.GetAttribute("value"));
        Assert.Equal(Harness.Xss, doc.QuerySelector("#Input_DateOfBirth_Year")!.GetAttribute("value"));
        Assert.Equal("#Input_DateOfBirth_Month", summaryDoc.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Render_DateInputWithPastDateError_HighlightsAllThreeFields()
    {
        var next = DateTime.Today.AddYears(2);
        var (modelState, _) = await Harness.BindAsync(new()
        {
            ["Input.DateOfBirth.Day"] = "1",
            ["Input.DateOfBirth.Month"] = "1",
            ["Input.DateOfBirth.Year"] = next.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var viewContext = Harness.CreateViewContext(modelState: modelState);
        var dateInput = new GovUkDateInputTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.DateOfBirth) };

        var doc = Harness.Parse(await Harness.RenderAsync(dateInput, "govuk-date-input"));

        Assert.Equal(3, doc.QuerySelectorAll(".govuk-input--error").Length);
        Assert.Equal("Date of birth", doc.QuerySelector("legend")!.TextContent);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    private sealed class ClockServices(TimeProvider clock) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(TimeProvider) ? clock : null;
    }
}
