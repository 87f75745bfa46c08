using CommunitySafety.Shared.GovUk;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CommunitySafety.Tests.Shared;

public sealed class FormFieldTagHelperTests
{
    [Fact]
    public async Task Render_InputWithoutError_UsesAspNetNameIdAndDisplayNameLabel()
    {
        var page = new TestPage { Input = { Email = "a@example.com" } };
        var viewContext = Harness.CreateViewContext(page);
        var helper = new GovUkInputTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Email),
            Type = "email",
            Autocomplete = "email",
            Spellcheck = false,
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-input"));

        var group = doc.QuerySelector("div.govuk-form-group")!;
        Assert.DoesNotContain("govuk-form-group--error", Harness.Classes(group));
        var label = doc.QuerySelector("label.govuk-label")!;
        Assert.Equal("Input_Email", label.GetAttribute("for"));
        Assert.Equal("Email address", label.TextContent);
        var input = doc.QuerySelector("input")!;
        Assert.Equal("govuk-input", Harness.Classes(input));
        Assert.Equal("Input_Email", input.Id);
        Assert.Equal("Input.Email", input.GetAttribute("name"));
        Assert.Equal("email", input.GetAttribute("type"));
        Assert.Equal("email", input.GetAttribute("autocomplete"));
        Assert.Equal("false", input.GetAttribute("spellcheck"));
        Assert.Equal("a@example.com", input.GetAttribute("value"));
        Assert.False(input.HasAttribute("aria-describedby"));
        Assert.Null(doc.QuerySelector(".govuk-error-message"));
        Assert.Null(doc.QuerySelector("govuk-input"));
    }

    [Fact]
    public async Task Render_InputWithErrorAndHint_AddsErrorClassesMessageAndDescribedBy()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.SetModelValue("Input.Email", "not-an-email", "not-an-email");
        viewContext.ModelState.AddModelError("Input.Email", "Enter an email address in the correct format, like name@example.com");
        var helper = new GovUkInputTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Email),
            Hint = "We will only use this to send you a receipt",
            Width = "20",
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-input"));

        Assert.Contains("govuk-form-group--error", Harness.Classes(doc.QuerySelector(".govuk-form-group")));
        var hint = doc.QuerySelector(".govuk-hint")!;
        Assert.Equal("Input_Email-hint", hint.Id);
        var error = doc.QuerySelector("p.govuk-error-message")!;
        Assert.Equal("Input_Email-error", error.Id);
        Assert.Equal("Error:", error.QuerySelector("span.govuk-visually-hidden")!.TextContent);
        Assert.Equal("Error: Enter an email address in the correct format, like name@example.com", error.TextContent);
        var input = doc.QuerySelector("input")!;
        Assert.Contains("govuk-input--error", Harness.Classes(input));
        Assert.Contains("govuk-input--width-20", Harness.Classes(input));
        Assert.Equal("Input_Email-hint Input_Email-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("not-an-email", input.GetAttribute("value"));
    }

    [Fact]
    public async Task Render_InputWithScriptInLabelHintErrorAndValue_EncodesEverything()
    {
        var page = new TestPage { Input = { Email = Harness.Xss } };
        var viewContext = Harness.CreateViewContext(page);
        viewContext.ModelState.AddModelError("Input.Email", Harness.Xss);
        var helper = new GovUkInputTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Email),
            Label = Harness.Xss,
            Hint = Harness.Xss,
        };

        var html = await Harness.RenderAsync(helper, "govuk-input");
        var doc = Harness.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Null(doc.QuerySelector("script"));
        Assert.Equal(Harness.Xss, doc.QuerySelector("label")!.TextContent);
        Assert.Equal(Harness.Xss, doc.QuerySelector(".govuk-hint")!.TextContent);
        Assert.Equal(Harness.Xss, doc.QuerySelector("input")!.GetAttribute("value"));
        Assert.EndsWith(Harness.Xss, doc.QuerySelector(".govuk-error-message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PasswordInput_DoesNotEchoValue()
    {
        var page = new TestPage { Input = { Password = "hunter2" } };
        var viewContext = Harness.CreateViewContext(page);
        var helper = new GovUkInputTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Password),
            Type = "password",
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-input"));

        Assert.Equal("password", doc.QuerySelector("input")!.GetAttribute("type"));
        Assert.False(doc.QuerySelector("input")!.HasAttribute("value"));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("email")]
    [InlineData("password")]
    [InlineData("number")]
    [InlineData("search")]
    [InlineData("tel")]
    public async Task Render_InputWithSupportedType_WritesType(string type)
    {
        var viewContext = Harness.CreateViewContext();
        var helper = new GovUkInputTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.Email), Type = type };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-input"));

        Assert.Equal(type, doc.QuerySelector("input")!.GetAttribute("type"));
    }

    [Fact]
    public async Task Render_InputWithUnsupportedType_Throws()
    {
        var viewContext = Harness.CreateViewContext();
        var helper = new GovUkInputTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.Email), Type = "date" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.RenderAsync(helper, "govuk-input"));
    }

    [Fact]
    public async Task Render_InputWithFractionWidthAndPageHeading_UsesOverrideClassAndH1()
    {
        var viewContext = Harness.CreateViewContext();
        var helper = new GovUkInputTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Email),
            Width = "two-thirds",
            InputClass = "app-extra",
            LabelClass = "govuk-label--l",
            IsPageHeading = true,
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-input"));

        Assert.Equal("govuk-input govuk-!-width-two-thirds app-extra", Harness.Classes(doc.QuerySelector("input")));
        Assert.NotNull(doc.QuerySelector("h1.govuk-label-wrapper > label.govuk-label.govuk-label--l"));
    }

    [Fact]
    public async Task Render_TextareaWithError_AddsTextareaErrorClassRowsAndEncodedValue()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.SetModelValue("Input.Details", Harness.Xss, Harness.Xss);
        viewContext.ModelState.AddModelError("Input.Details", "Enter case details");
        var helper = new GovUkTextareaTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Details),
            Hint = "Do not include personal information",
            Rows = 8,
        };

        var html = await Harness.RenderAsync(helper, "govuk-textarea");
        var doc = Harness.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("govuk-form-group--error", Harness.Classes(doc.QuerySelector(".govuk-form-group")));
        Assert.Equal("Case details", doc.QuerySelector("label")!.TextContent);
        var textarea = doc.QuerySelector("textarea")!;
        Assert.Equal("govuk-textarea govuk-textarea--error", Harness.Classes(textarea));
        Assert.Equal("Input_Details", textarea.Id);
        Assert.Equal("Input.Details", textarea.GetAttribute("name"));
        Assert.Equal("8", textarea.GetAttribute("rows"));
        Assert.Equal("Input_Details-hint Input_Details-error", textarea.GetAttribute("aria-describedby"));
        Assert.Equal(Harness.Xss, textarea.TextContent);
        Assert.Equal("Input_Details-error", doc.QuerySelector(".govuk-error-message")!.Id);
    }

    [Fact]
    public async Task Render_TextareaWithoutRows_DefaultsToFive()
    {
        var viewContext = Harness.CreateViewContext();
        var helper = new GovUkTextareaTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.Details) };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-textarea"));

        Assert.Equal("5", doc.QuerySelector("textarea")!.GetAttribute("rows"));
        Assert.Equal("govuk-textarea", Harness.Classes(doc.QuerySelector("textarea")));
    }

    [Fact]
    public async Task Render_SelectWithModelValue_SelectsMatchingOptionAndEncodesText()
    {
        var page = new TestPage { Input = { Area = "north" } };
        var viewContext = Harness.CreateViewContext(page);
        var helper = new GovUkSelectTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Area),
            Label = "Area",
            AspItems = [new SelectListItem("Choose area", ""), new SelectListItem("North", "north"), new SelectListItem(Harness.Xss, "x")],
        };

        var html = await Harness.RenderAsync(helper, "govuk-select");
        var doc = Harness.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var select = doc.QuerySelector("select")!;
        Assert.Equal("govuk-select", Harness.Classes(select));
        Assert.Equal("Input_Area", select.Id);
        Assert.Equal("Input.Area", select.GetAttribute("name"));
        var options = select.QuerySelectorAll("option");
        Assert.Equal(3, options.Length);
        Assert.True(options[1].HasAttribute("selected"));
        Assert.False(options[0].HasAttribute("selected"));
        Assert.Equal(Harness.Xss, options[2].TextContent);
    }

    [Fact]
    public async Task Render_SelectWithError_AddsSelectErrorClassAndDescribedBy()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.AddModelError("Input.Area", "Select an area");
        var helper = new GovUkSelectTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Area),
            AspItems = [new SelectListItem("North", "north")],
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-select"));

        Assert.Contains("govuk-form-group--error", Harness.Classes(doc.QuerySelector(".govuk-form-group")));
        Assert.Equal("govuk-select govuk-select--error", Harness.Classes(doc.QuerySelector("select")));
        Assert.Equal("Input_Area-error", doc.QuerySelector("select")!.GetAttribute("aria-describedby"));
        Assert.Equal("Area", doc.QuerySelector("label")!.TextContent);
    }

    [Fact]
    public async Task Render_FieldWithHtmlFieldPrefix_PrefixesNameAndId()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ViewData.TemplateInfo.HtmlFieldPrefix = "Outer";
        var helper = new GovUkInputTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.Email) };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-input"));

        Assert.Equal("Outer.Input.Email", doc.QuerySelector("input")!.GetAttribute("name"));
        Assert.Equal("Outer_Input_Email", doc.QuerySelector("input")!.Id);
    }

    [Fact]
    public void Create_ModelStateDictionary_IsUsable()
    {
        // Guards the harness itself: the view context shares the action's model state.
        var modelState = new ModelStateDictionary();
        var viewContext = Harness.CreateViewContext(modelState: modelState);
        Assert.Same(modelState, viewContext.ModelState);
        Assert.Same(modelState, viewContext.ViewData.ModelState);
    }
}
