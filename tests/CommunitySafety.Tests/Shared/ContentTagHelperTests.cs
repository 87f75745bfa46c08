using CommunitySafety.Shared.GovUk;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Tests.Shared;

public sealed class ContentTagHelperTests
{
    private static readonly string EncodedXss = Harness.Encoded(Harness.Xss);

    [Theory]
    [InlineData(null, "govuk-button")]
    [InlineData("primary", "govuk-button")]
    [InlineData("secondary", "govuk-button govuk-button--secondary")]
    [InlineData("warning", "govuk-button govuk-button--warning")]
    public async Task Render_ButtonVariant_WritesModifierClassAndModule(string? variant, string classes)
    {
        var helper = new GovUkButtonTagHelper { Variant = variant, PreventDoubleClick = true };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-button", EncodedXss));

        var button = doc.QuerySelector("button")!;
        Assert.Equal(classes, Harness.Classes(button));
        Assert.Equal("submit", button.GetAttribute("type"));
        Assert.Equal("govuk-button", button.GetAttribute("data-module"));
        Assert.Equal("true", button.GetAttribute("data-prevent-double-click"));
        Assert.Equal(Harness.Xss, button.TextContent);
        Assert.Null(doc.QuerySelector("script"));
    }

    [Fact]
    public async Task Render_DisabledButtonWithExtraAttributes_KeepsThemAndSetsAriaDisabled()
    {
        var helper = new GovUkButtonTagHelper { Disabled = true, Type = "button" };
        var attributes = new TagHelperAttributeList { { "name", "action" }, { "class", "app-button" } };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-button", "Save", attributes));

        var button = doc.QuerySelector("button")!;
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("action", button.GetAttribute("name"));
        Assert.Equal("govuk-button app-button", Harness.Classes(button));
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("true", button.GetAttribute("aria-disabled"));
        Assert.False(button.HasAttribute("data-prevent-double-click"));
    }

    [Fact]
    public async Task Render_ButtonLink_RendersAnchorWithButtonRole()
    {
        var helper = new GovUkButtonLinkTagHelper { Href = "/cases?a=1&b=\"2\"", Variant = "secondary" };

        var html = await Harness.RenderAsync(helper, "govuk-button-link", "Back to cases");
        var doc = Harness.Parse(html);

        var link = doc.QuerySelector("a")!;
        Assert.Equal("/cases?a=1&b=\"2\"", link.GetAttribute("href"));
        Assert.Equal("button", link.GetAttribute("role"));
        Assert.Equal("false", link.GetAttribute("draggable"));
        Assert.Equal("govuk-button govuk-button--secondary", Harness.Classes(link));
        Assert.Equal("govuk-button", link.GetAttribute("data-module"));
    }

    [Fact]
    public async Task Render_ButtonWithUnknownVariant_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.RenderAsync(new GovUkButtonTagHelper { Variant = "danger" }, "govuk-button", "x"));
    }

    [Theory]
    [InlineData("grey")]
    [InlineData("green")]
    [InlineData("teal")]
    [InlineData("turquoise")]
    [InlineData("purple")]
    [InlineData("magenta")]
    [InlineData("pink")]
    [InlineData("red")]
    [InlineData("orange")]
    [InlineData("yellow")]
    public async Task Render_TagWithColour_AddsColourModifier(string colour)
    {
        var doc = Harness.Parse(await Harness.RenderAsync(new GovUkTagTagHelper { Colour = colour }, "govuk-tag", EncodedXss));

        var tag = doc.QuerySelector("strong")!;
        Assert.Equal("govuk-tag govuk-tag--" + colour, Harness.Classes(tag));
        Assert.Equal(Harness.Xss, tag.TextContent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("blue")]
    public async Task Render_TagWithDefaultColour_HasNoModifier(string? colour)
    {
        var doc = Harness.Parse(await Harness.RenderAsync(new GovUkTagTagHelper { Colour = colour }, "govuk-tag", "Active"));

        Assert.Equal("govuk-tag", Harness.Classes(doc.QuerySelector("strong")));
    }

    [Fact]
    public async Task Render_TagWithLightBlue_ThrowsBecauseV6DroppedIt()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.RenderAsync(new GovUkTagTagHelper { Colour = "light-blue" }, "govuk-tag", "x"));
    }

    [Fact]
    public async Task Render_SummaryListWithSomeChangeLinks_MarksRowsWithoutActions()
    {
        var list = new GovUkSummaryListTagHelper();

        var html = await Harness.RenderAsync(list, "govuk-summary-list", children: async items =>
        {
            var first = await Harness.RenderAsync(
                new GovUkSummaryRowTagHelper { Key = "Name", ChangeHref = "/name?x=1&y=2" }, "govuk-summary-row", EncodedXss, items: items);
            var second = await Harness.RenderAsync(
                new GovUkSummaryRowTagHelper { Key = Harness.Xss, Value = Harness.Xss }, "govuk-summary-row", items: items);
            return first + second;
        });
        var doc = Harness.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var rows = doc.QuerySelectorAll("dl.govuk-summary-list > div.govuk-summary-list__row");
        Assert.Equal(2, rows.Length);
        Assert.Equal("Name", rows[0].QuerySelector("dt.govuk-summary-list__key")!.TextContent);
        Assert.Equal(Harness.Xss, rows[0].QuerySelector("dd.govuk-summary-list__value")!.TextContent);
        var change = rows[0].QuerySelector("dd.govuk-summary-list__actions > a.govuk-link")!;
        Assert.Equal("/name?x=1&y=2", change.GetAttribute("href"));
        Assert.Equal("Change Name", change.TextContent);
        Assert.Equal(" Name", change.QuerySelector("span.govuk-visually-hidden")!.TextContent);
        Assert.Contains("govuk-summary-list__row--no-actions", Harness.Classes(rows[1]));
        Assert.DoesNotContain("govuk-summary-list__row--no-actions", Harness.Classes(rows[0]));
        Assert.Equal(Harness.Xss, rows[1].QuerySelector("dt")!.TextContent);
        Assert.Equal(Harness.Xss, rows[1].QuerySelector("dd.govuk-summary-list__value")!.TextContent);
        Assert.Null(rows[1].QuerySelector(".govuk-summary-list__actions"));
    }

    [Fact]
    public async Task Render_SummaryListWithoutChangeLinks_HasNoNoActionsModifier()
    {
        var html = await Harness.RenderAsync(new GovUkSummaryListTagHelper(), "govuk-summary-list", children: items =>
            Harness.RenderAsync(new GovUkSummaryRowTagHelper { Key = "Status" }, "govuk-summary-row", "Open", items: items));

        var doc = Harness.Parse(html);

        Assert.Equal("govuk-summary-list__row", Harness.Classes(doc.QuerySelector("div")));
    }

    [Fact]
    public async Task Render_SummaryRowOutsideList_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Harness.RenderAsync(new GovUkSummaryRowTagHelper { Key = "x" }, "govuk-summary-row", "y"));
    }

    [Fact]
    public async Task Render_SuccessBanner_HasAlertRoleSuccessClassAndTitle()
    {
        var helper = new GovUkNotificationBannerTagHelper { Type = "success", Heading = Harness.Xss };

        var html = await Harness.RenderAsync(helper, "govuk-notification-banner", "<p class=\"govuk-body\">" + EncodedXss + "</p>");
        var doc = Harness.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var banner = doc.QuerySelector("div.govuk-notification-banner")!;
        Assert.Equal("govuk-notification-banner govuk-notification-banner--success", Harness.Classes(banner));
        Assert.Equal("alert", banner.GetAttribute("role"));
        Assert.Equal("govuk-notification-banner", banner.GetAttribute("data-module"));
        Assert.Equal("govuk-notification-banner-title", banner.GetAttribute("aria-labelledby"));
        var title = banner.QuerySelector(".govuk-notification-banner__header > h2.govuk-notification-banner__title")!;
        Assert.Equal("govuk-notification-banner-title", title.Id);
        Assert.Equal("Success", title.TextContent);
        Assert.Equal(Harness.Xss, banner.QuerySelector(".govuk-notification-banner__content > p.govuk-notification-banner__heading")!.TextContent);
        Assert.Equal(Harness.Xss, banner.QuerySelector(".govuk-notification-banner__content > p.govuk-body")!.TextContent);
    }

    [Fact]
    public async Task Render_ImportantBannerWithTitle_IsRegionWithEncodedTitle()
    {
        var helper = new GovUkNotificationBannerTagHelper { Title = Harness.Xss };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-notification-banner", "Body"));

        var banner = doc.QuerySelector("div.govuk-notification-banner")!;
        Assert.Equal("govuk-notification-banner", Harness.Classes(banner));
        Assert.Equal("region", banner.GetAttribute("role"));
        Assert.Equal(Harness.Xss, doc.QuerySelector(".govuk-notification-banner__title")!.TextContent);
    }

    [Fact]
    public async Task Render_PaginationInMiddle_ShowsPrevNextNeighboursAndEllipses()
    {
        var helper = new GovUkPaginationTagHelper { Page = 10, TotalPages = 40, HrefTemplate = "/cases?page={0}&q=a" };

        var doc = Harness.Parse(await Harness.RenderAsync(helper, "govuk-pagination"));

        var nav = doc.QuerySelector("nav.govuk-pagination")!;
        Assert.Equal("Pagination", nav.GetAttribute("aria-label"));
        Assert.Equal("/cases?page=9&q=a", nav.QuerySelector(".govuk-pagination__prev a[rel='prev']")!.GetAttribute("href"));
        Assert.Equal("/cases?page=11&q=a", nav.QuerySelector(".govuk-pagination__next a[rel='next']")!.GetAttribute("href"));
        var items = nav.QuerySelectorAll("ul.govuk-pagination__list > li.govuk-pagination__item");
        Assert.Equal(["1", "⋯", "9", "10", "11", "⋯", "40"], items.Select(li => li.TextContent.Trim()));
        Assert.Equal(2, nav.QuerySelectorAll(".govuk-pagination__item--ellipsis").Length);
        var current = nav.QuerySelector("li.govuk-pagination__item--current > a")!;
        Assert.Equal("page", current.GetAttribute("aria-current"));
        Assert.Equal("Page 10", current.GetAttribute("aria-label"));
        Assert.Single(nav.QuerySelectorAll("[aria-current]"));
    }

    [Fact]
    public async Task Render_PaginationOnFirstPage_HasNoPreviousLink()
    {
        var doc = Harness.Parse(await Harness.RenderAsync(new GovUkPaginationTagHelper { Page = 1, TotalPages = 3, HrefTemplate = "?page={0}" }, "govuk-pagination"));

        Assert.Null(doc.QuerySelector(".govuk-pagination__prev"));
        Assert.NotNull(doc.QuerySelector(".govuk-pagination__next"));
        Assert.Equal(["1", "2", "3"], doc.QuerySelectorAll(".govuk-pagination__item").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_PaginationOnLastPage_HasNoNextLink()
    {
        var doc = Harness.Parse(await Harness.RenderAsync(new GovUkPaginationTagHelper { Page = 5, TotalPages = 5, HrefTemplate = "?page={0}" }, "govuk-pagination"));

        Assert.Null(doc.QuerySelector(".govuk-pagination__next"));
        Assert.Equal(["1", "⋯", "4", "5"], doc.QuerySelectorAll(".govuk-pagination__item").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_PaginationWithOnePage_RendersNothing()
    {
        var html = await Harness.RenderAsync(new GovUkPaginationTagHelper { Page = 1, TotalPages = 1, HrefTemplate = "?page={0}" }, "govuk-pagination");

        Assert.Equal(string.Empty, html);
    }

    [Theory]
    [InlineData(3, 5, new[] { 1, 2, 3, 4, 5 })]
    [InlineData(1, 10, new[] { 1, 2, 0, 10 })]
    [InlineData(4, 10, new[] { 1, 2, 3, 4, 5, 0, 10 })]
    public void PageItems_CurrentAndTotal_FillsSingleGapsAndElidesLongOnes(int page, int total, int[] expected)
    {
        var items = GovUkPaginationTagHelper.PageItems(page, total);

        Assert.Equal(expected, items.Select(i => i ?? 0));
    }

    [Fact]
    public async Task Render_InsetText_WrapsContentInInsetDiv()
    {
        var doc = Harness.Parse(await Harness.RenderAsync(new GovUkInsetTextTagHelper(), "govuk-inset-text", EncodedXss));

        var inset = doc.QuerySelector("div.govuk-inset-text")!;
        Assert.Equal(Harness.Xss, inset.TextContent);
        Assert.Null(doc.QuerySelector("script"));
    }

    [Fact]
    public async Task Render_WarningText_HasIconAndVisuallyHiddenPrefix()
    {
        var helper = new GovUkWarningTextTagHelper { IconFallbackText = Harness.Xss };

        var html = await Harness.RenderAsync(helper, "govuk-warning-text", EncodedXss);
        var doc = Harness.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var warning = doc.QuerySelector("div.govuk-warning-text")!;
        var icon = warning.QuerySelector("span.govuk-warning-text__icon")!;
        Assert.Equal("true", icon.GetAttribute("aria-hidden"));
        Assert.Equal("!", icon.TextContent);
        var text = warning.QuerySelector("strong.govuk-warning-text__text")!;
        Assert.Equal(Harness.Xss, text.QuerySelector("span.govuk-visually-hidden")!.TextContent);
        Assert.EndsWith(Harness.Xss, text.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WarningTextByDefault_SaysWarning()
    {
        var doc = Harness.Parse(await Harness.RenderAsync(new GovUkWarningTextTagHelper(), "govuk-warning-text", "You can be fined"));

        Assert.Equal("Warning", doc.QuerySelector(".govuk-warning-text__text .govuk-visually-hidden")!.TextContent);
    }
}
