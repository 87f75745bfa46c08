using CommunitySafety.Shared.GovUk;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Tests.Shared;

public sealed class ChoiceTagHelperTests
{
    private static readonly SelectListItem[] Ways =
        [new SelectListItem("Email", "email"), new SelectListItem("Phone", "phone"), new SelectListItem(Harness.Xss, "post")];

    [Fact]
    public async Task Render_RadiosWithModelValue_RendersFieldsetLegendAndCheckedItem()
    {
        var page = new TestPage { Input = { Contact = "phone" } };
        var viewContext = Harness.CreateViewContext(page);
        var helper = new GovUkRadiosTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Contact),
            AspItems = Ways,
            Inline = true,
        };

        var html = await Harness.RenderAsync(helper, "govuk-radios");
        var doc = Harness.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("How should we contact you?", doc.QuerySelector("fieldset.govuk-fieldset > legend.govuk-fieldset__legend")!.TextContent);
        var radios = doc.QuerySelector("div.govuk-radios")!;
        Assert.Equal("govuk-radios govuk-radios--inline", Harness.Classes(radios));
        Assert.Equal("govuk-radios", radios.GetAttribute("data-module"));
        var inputs = doc.QuerySelectorAll("input.govuk-radios__input");
        Assert.Equal(["Input_Contact", "Input_Contact-2", "Input_Contact-3"], inputs.Select(i => i.Id!));
        Assert.All(inputs, i => Assert.Equal("Input.Contact", i.GetAttribute("name")));
        Assert.All(inputs, i => Assert.Equal("radio", i.GetAttribute("type")));
        Assert.True(inputs[1].HasAttribute("checked"));
        Assert.False(inputs[0].HasAttribute("checked"));
        var labels = doc.QuerySelectorAll("label.govuk-label.govuk-radios__label");
        Assert.Equal("Input_Contact-2", labels[1].GetAttribute("for"));
        Assert.Equal(Harness.Xss, labels[2].TextContent);
        Assert.Equal(3, doc.QuerySelectorAll(".govuk-radios__item").Length);
    }

    [Fact]
    public async Task Render_RadiosWithErrorAndHint_DescribesFieldsetAndMarksGroup()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.AddModelError("Input.Contact", "Select how you want to be contacted");
        var helper = new GovUkRadiosTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Contact),
            Legend = "Contact",
            LegendClass = "govuk-fieldset__legend--m",
            Hint = "Select one option",
            AspItems = Ways,
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-radios"));

        Assert.Contains("govuk-form-group--error", Harness.Classes(doc.QuerySelector(".govuk-form-group")));
        Assert.Equal("Input_Contact-hint Input_Contact-error", doc.QuerySelector("fieldset")!.GetAttribute("aria-describedby"));
        Assert.Equal("govuk-fieldset__legend govuk-fieldset__legend--m", Harness.Classes(doc.QuerySelector("legend")));
        Assert.Equal("Input_Contact-error", doc.QuerySelector("p.govuk-error-message")!.Id);
        Assert.Equal("Input_Contact-hint", doc.QuerySelector("div.govuk-hint")!.Id);
    }

    [Fact]
    public async Task Render_RadiosAsPageHeading_WrapsLegendTextInH1()
    {
        var viewContext = Harness.CreateViewContext();
        var helper = new GovUkRadiosTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Contact),
            AspItems = Ways,
            IsPageHeading = true,
            Legend = Harness.Xss,
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-radios"));

        Assert.Equal(Harness.Xss, doc.QuerySelector("legend > h1.govuk-fieldset__heading")!.TextContent);
    }

    [Fact]
    public async Task Render_CheckboxesBoundToStrings_ChecksPostedValues()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.SetModelValue("Input.Topics", new[] { "email", "post" }, "email,post");
        viewContext.ModelState.AddModelError("Input.Topics", "Select no more than 2");
        var helper = new GovUkCheckboxesTagHelper
        {
            ViewContext = viewContext,
            For = Harness.For(viewContext, m => m.Input.Topics),
            Legend = "Topics",
            Hint = "Select all that apply",
            AspItems = Ways,
        };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-checkboxes"));

        Assert.Contains("govuk-form-group--error", Harness.Classes(doc.QuerySelector(".govuk-form-group")));
        Assert.Equal("Input_Topics-hint Input_Topics-error", doc.QuerySelector("fieldset")!.GetAttribute("aria-describedby"));
        Assert.Equal("govuk-checkboxes", doc.QuerySelector("div.govuk-checkboxes")!.GetAttribute("data-module"));
        var inputs = doc.QuerySelectorAll("input.govuk-checkboxes__input");
        Assert.Equal(["Input_Topics", "Input_Topics-2", "Input_Topics-3"], inputs.Select(i => i.Id!));
        Assert.All(inputs, i => Assert.Equal("Input.Topics", i.GetAttribute("name")));
        Assert.Equal([true, false, true], inputs.Select(i => i.HasAttribute("checked")));
        Assert.NotNull(doc.QuerySelector("label.govuk-label.govuk-checkboxes__label[for='Input_Topics-3']"));
    }

    [Fact]
    public async Task Render_CheckboxesBoundToModelList_ChecksModelValues()
    {
        var page = new TestPage { Input = { Topics = ["phone"] } };
        var viewContext = Harness.CreateViewContext(page);
        var helper = new GovUkCheckboxesTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.Topics), AspItems = Ways };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-checkboxes"));

        Assert.Equal([false, true, false], doc.QuerySelectorAll("input").Select(i => i.HasAttribute("checked")));
        Assert.DoesNotContain("govuk-form-group--error", Harness.Classes(doc.QuerySelector(".govuk-form-group")));
    }

    [Fact]
    public async Task Render_CheckboxesBoundToBool_RendersSingleTrueCheckboxWithoutFieldset()
    {
        var page = new TestPage { Input = { Agree = true } };
        var viewContext = Harness.CreateViewContext(page);
        viewContext.ModelState.AddModelError("Input.Agree", "You must agree to the terms");
        var helper = new GovUkCheckboxesTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.Agree) };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-checkboxes"));

        Assert.Null(doc.QuerySelector("fieldset"));
        var input = Assert.Single(doc.QuerySelectorAll("input"));
        Assert.Equal("Input_Agree", input.Id);
        Assert.Equal("Input.Agree", input.GetAttribute("name"));
        Assert.Equal("true", input.GetAttribute("value"));
        Assert.True(input.HasAttribute("checked"));
        Assert.Equal("Input_Agree-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("I agree to the terms", doc.QuerySelector("label")!.TextContent);
    }
}
