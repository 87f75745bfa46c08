using CommunitySafety.Shared.GovUk;

namespace CommunitySafety.Tests.Shared;

public sealed class ErrorSummaryTagHelperTests
{
    [Fact]
    public async Task Render_ValidModelState_RendersNothing()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.SetModelValue("Input.Email", "a@b.c", "a@b.c");

        var html = await Harness.RenderAsync(new GovUkErrorSummaryTagHelper { ViewContext = viewContext }, "govuk-error-summary");

        Assert.Equal(string.Empty, html);
    }

    [Fact]
    public async Task Render_FieldAndModelErrors_ListsLinksAndPlainItems()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.AddModelError("Input.Email", "Enter an email address");
        viewContext.ModelState.AddModelError("Input.Contact", "Select how you want to be contacted");
        viewContext.ModelState.AddModelError(string.Empty, "The case could not be saved");

        var doc = Harness.Parse(await Harness.RenderAsync(new GovUkErrorSummaryTagHelper { ViewContext = viewContext }, "govuk-error-summary"));

        var summary = doc.QuerySelector("div.govuk-error-summary")!;
        Assert.Equal("govuk-error-summary", summary.GetAttribute("data-module"));
        var alert = summary.QuerySelector(":scope > div[role='alert']")!;
        Assert.Equal("There is a problem", alert.QuerySelector("h2.govuk-error-summary__title")!.TextContent);
        var list = alert.QuerySelector(".govuk-error-summary__body > ul.govuk-list.govuk-error-summary__list")!;
        var links = list.QuerySelectorAll("li > a");
        Assert.Contains(links, a => a.GetAttribute("href") == "#Input_Email" && a.TextContent == "Enter an email address");
        Assert.Contains(links, a => a.GetAttribute("href") == "#Input_Contact" && a.TextContent == "Select how you want to be contacted");
        var plain = Assert.Single(list.QuerySelectorAll("li"), li => li.QuerySelector("a") is null);
        Assert.Equal("The case could not be saved", plain.TextContent);
    }

    [Fact]
    public async Task Render_SeveralErrorsOnOneField_ShowsFirstOnly()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.AddModelError("Input.Email", "Enter an email address");
        viewContext.ModelState.AddModelError("Input.Email", "Email address must be 256 characters or fewer");

        var doc = Harness.Parse(await Harness.RenderAsync(new GovUkErrorSummaryTagHelper { ViewContext = viewContext }, "govuk-error-summary"));

        var link = Assert.Single(doc.QuerySelectorAll(".govuk-error-summary__list a"));
        Assert.Equal("Enter an email address", link.TextContent);
    }

    [Fact]
    public async Task Render_ScriptInMessagesAndTitle_EncodesThem()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.AddModelError("Input.Email", Harness.Xss);
        viewContext.ModelState.AddModelError(string.Empty, Harness.Xss);
        var helper = new GovUkErrorSummaryTagHelper { ViewContext = viewContext, Title = Harness.Xss, Description = Harness.Xss };

        var html = await Harness.RenderAsync(helper, "govuk-error-summary");
        var doc = Harness.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Null(doc.QuerySelector("script"));
        Assert.Equal(Harness.Xss, doc.QuerySelector(".govuk-error-summary__title")!.TextContent);
        Assert.Equal(Harness.Xss, doc.QuerySelector(".govuk-error-summary__body > p")!.TextContent);
        Assert.All(doc.QuerySelectorAll(".govuk-error-summary__list li"), li => Assert.Equal(Harness.Xss, li.TextContent));
    }

    [Fact]
    public async Task Render_ErrorLinks_MatchIdsRenderedByFieldTagHelpers()
    {
        var viewContext = Harness.CreateViewContext();
        viewContext.ModelState.AddModelError("Input.Email", "Enter an email address");
        var input = new GovUkInputTagHelper { ViewContext = viewContext, For = Harness.For(viewContext, m => m.Input.Email) };

        var summaryDoc = Harness.Parse(await Harness.RenderAsync(new GovUkErrorSummaryTagHelper { ViewContext = viewContext }, "govuk-error-summary"));
        var fieldDoc = Harness.Parse(await Harness.RenderAsync(input, "govuk-input"));

        var href = summaryDoc.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href")!;
        Assert.NotNull(fieldDoc.QuerySelector("input" + href));
    }
}
