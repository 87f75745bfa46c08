using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CommunitySafety.Tests.Infrastructure;

/// <summary>
/// A page as a user reads it: parsed HTML (AngleSharp) with the GOV.UK components found by their classes, so page tests
/// assert what is shown where (the error summary, a field's value, a table row's tags) rather than matching strings.
/// </summary>
public sealed class HtmlPage(IHtmlDocument document)
{
    static readonly HtmlParser Parser = new();

    public IHtmlDocument Document { get; } = document;

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response) =>
        new(Parser.ParseDocument(await response.Content.ReadAsStringAsync()));

    public static async Task<HtmlPage> GetAsync(HttpClient client, string url) => await ReadAsync(await client.GetAsync(url));

    /// <summary>The messages in the error summary ("There is a problem"), in order; empty when there is none.</summary>
    public IReadOnlyList<string> Errors =>
        [.. Document.QuerySelectorAll(".govuk-error-summary .govuk-error-summary__list li").Select(li => Clean(li.TextContent))];

    public string? ErrorTitle => Document.QuerySelector(".govuk-error-summary__title")?.TextContent.Trim();

    /// <summary>The current value of the named input or textarea, or null when the page has no such field.</summary>
    public string? ValueOf(string name) => Document.QuerySelector($"[name='{name}']") switch
    {
        IHtmlInputElement input => input.Value,
        IHtmlTextAreaElement area => area.Value,
        IHtmlSelectElement select => select.Value,
        _ => null,
    };

    public IReadOnlyList<string> Headings => [.. Document.QuerySelectorAll("h1, h2, h3").Select(h => Clean(h.TextContent))];

    /// <summary>The summary list after the heading with this text: its keys and values.</summary>
    public IReadOnlyDictionary<string, string> SummaryUnder(string heading)
    {
        var h = Document.QuerySelectorAll("h2, h3").FirstOrDefault(e => Clean(e.TextContent) == heading)
            ?? throw new InvalidOperationException($"No heading '{heading}'. Headings: {string.Join(" | ", Headings)}");
        var list = h.ParentElement?.QuerySelector(".govuk-summary-list") ?? throw new InvalidOperationException($"No summary list under '{heading}'.");
        return list.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(
            r => Clean(r.QuerySelector(".govuk-summary-list__key")?.TextContent ?? ""),
            r => Clean(r.QuerySelector(".govuk-summary-list__value")?.TextContent ?? ""), StringComparer.Ordinal);
    }

    /// <summary>The body rows of the table after the heading with this text, as the cells' text.</summary>
    public IReadOnlyList<TableRow> TableUnder(string heading)
    {
        var h = Document.QuerySelectorAll("h2, h3").FirstOrDefault(e => Clean(e.TextContent) == heading)
            ?? throw new InvalidOperationException($"No heading '{heading}'. Headings: {string.Join(" | ", Headings)}");
        IElement? table = h.NextElementSibling;
        while (table is not null && table.LocalName != "table")
        {
            table = table.NextElementSibling;
        }
        if (table is null)
        {
            return [];
        }
        return [.. table.QuerySelectorAll("tbody tr").Select(r => new TableRow(r))];
    }

    static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public sealed class TableRow(IElement row)
    {
        public IReadOnlyList<string> Cells => [.. row.QuerySelectorAll("td, th").Select(c => Clean(c.TextContent))];

        /// <summary>The GOV.UK tags in the row ("Overdue", "High risk"…).</summary>
        public IReadOnlyList<string> Tags => [.. row.QuerySelectorAll(".govuk-tag").Select(t => Clean(t.TextContent))];
    }
}
