using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CommunitySafety.Shared.GovUk;

/// <summary>
/// GOV.UK pagination: <c>&lt;govuk-pagination page="@Model.Page" total-pages="@Model.TotalPages" href-template="/cases?page={0}" /&gt;</c>.
/// Shows Previous/Next, the first and last page, the current page and its neighbours, and "⋯" for gaps.
/// Renders nothing when there is only one page.
/// </summary>
[HtmlTargetElement("govuk-pagination", Attributes = "page,total-pages,href-template", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovUkPaginationTagHelper : TagHelper
{
    [HtmlAttributeName("page")]
    public int Page { get; set; }

    [HtmlAttributeName("total-pages")]
    public int TotalPages { get; set; }

    /// <summary>A link with <c>{0}</c> where the page number goes.</summary>
    [HtmlAttributeName("href-template")]
    public string HrefTemplate { get; set; } = string.Empty;

    [HtmlAttributeName("landmark-label")]
    public string LandmarkLabel { get; set; } = "Pagination";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);

        if (!HrefTemplate.Contains("{0}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("govuk-pagination href-template must contain {0} for the page number.");
        }

        if (TotalPages <= 1)
        {
            output.SuppressOutput();
            return;
        }

        var page = Math.Clamp(Page, 1, TotalPages);

        var sb = new StringBuilder();
        sb.Append("<nav class=\"govuk-pagination\"").Attr("aria-label", LandmarkLabel).Append('>');
        if (page > 1)
        {
            sb.Append("<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\"").Attr("href", Href(page - 1)).Append(" rel=\"prev\">")
                .Append("<svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\">")
                .Append("<path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg>")
                .Append("<span class=\"govuk-pagination__link-title\">Previous<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
        }

        sb.Append("<ul class=\"govuk-pagination__list\">");
        foreach (var item in PageItems(page, TotalPages))
        {
            if (item is null)
            {
                sb.Append("<li class=\"govuk-pagination__item govuk-pagination__item--ellipsis\">&ctdot;</li>");
                continue;
            }

            var n = item.Value;
            var number = n.ToString(CultureInfo.InvariantCulture);
            var current = n == page;
            sb.Append("<li").Attr("class", GovUkHtml.Classes("govuk-pagination__item", current ? "govuk-pagination__item--current" : null)).Append('>')
                .Append("<a class=\"govuk-link govuk-pagination__link\"").Attr("href", Href(n)).Attr("aria-label", "Page " + number);
            if (current)
            {
                sb.Append(" aria-current=\"page\"");
            }

            sb.Append('>').Append(number).Append("</a></li>");
        }

        sb.Append("</ul>");

        if (page < TotalPages)
        {
            sb.Append("<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\"").Attr("href", Href(page + 1)).Append(" rel=\"next\">")
                .Append("<span class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-hidden\"> page</span></span>")
                .Append("<svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\">")
                .Append("<path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg></a></div>");
        }

        sb.Append("</nav>");

        output.TagName = null;
        output.Attributes.Clear();
        output.Content.SetHtmlContent(sb.ToString());
    }

    /// <summary>
    /// Page numbers to show, with null standing for an ellipsis: the first and last pages, and the current
    /// page with one either side. A gap of exactly one page shows that page rather than an ellipsis.
    /// </summary>
    public static IReadOnlyList<int?> PageItems(int page, int totalPages)
    {
        var shown = new SortedSet<int> { 1, totalPages };
        for (var n = page - 1; n <= page + 1; n++)
        {
            if (n >= 1 && n <= totalPages)
            {
                shown.Add(n);
            }
        }

        var items = new List<int?>();
        var previous = 0;
        foreach (var n in shown)
        {
            if (n - previous == 2)
            {
                items.Add(n - 1);
            }
            else if (n - previous > 2)
            {
                items.Add(null);
            }

            items.Add(n);
            previous = n;
        }

        return items;
    }

    private string Href(int page) => string.Format(CultureInfo.InvariantCulture, HrefTemplate, page);
}
