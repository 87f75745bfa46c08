using CommunitySafety.Data;
using CommunitySafety.Features.Places.Queries;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Options;

namespace CommunitySafety.Features.Places.Map;

/// <summary>
/// The ward choropleth. The filter form is a plain GET so the table of figures works without
/// JavaScript; places-map.js draws the map and re-fetches figures when a filter changes.
/// </summary>
[Authorize(Policy = Policies.PlacesRead)]
public sealed class WardMapModel(AppDb db, IOptions<SecurityOptions> security) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Text)> Measures =
    [
        ("count", "Number of crimes and incidents"),
        ("rate", "Rate per 1,000 residents"),
        ("change", "Change on the previous period (%)"),
    ];

    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Force { get; set; }
    [BindProperty(SupportsGet = true)] public string? La { get; set; }
    [BindProperty(SupportsGet = true)] public string? Measure { get; set; }

    public WardFigures? Figures { get; private set; }
    public string? Error { get; private set; }
    public WardFilterOptions Options { get; private set; } = new([], [], []);
    public string? TileUrl => security.Value.MapTileUrl;

    public IEnumerable<SelectListItem> CategoryItems =>
        [new("All crime and anti-social behaviour", ""), .. WardMapCategories.All.Select(c => new SelectListItem(c.Name, c.Slug))];

    public IEnumerable<SelectListItem> ForceItems => [new("All forces", ""), .. Options.Forces.Select(f => new SelectListItem(f, f))];

    public IEnumerable<SelectListItem> LaItems =>
        [new("All local authorities", ""), .. Options.LocalAuthorities.Select(l => new SelectListItem(l.Text, l.Value))];

    public IEnumerable<SelectListItem> FromItems => [new("12 months before the end month", ""), .. MonthChoices()];

    public IEnumerable<SelectListItem> ToItems => [new("Latest month loaded", ""), .. MonthChoices()];

    IEnumerable<SelectListItem> MonthChoices() =>
        Options.Months.OrderDescending().Select(m => new SelectListItem(WardMapPeriods.Display(m), WardMapPeriods.Format(m)));

    public IEnumerable<SelectListItem> MeasureItems => Measures.Select(m => new SelectListItem(m.Text, m.Value));

    /// <summary>The figures as the API would be asked for them (used by the script and the CSV link).</summary>
    public string QueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("from", Figures?.From ?? From);
        Add("to", Figures?.To ?? To);
        Add("category", Category);
        Add("force", Force);
        Add("la", La);
        return string.Join("&", parts);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Measure = Measures.Any(m => m.Value == Measure) ? Measure : "count";
        Options = await WardFiguresQuery.FilterOptionsAsync(db, ct);
        (Figures, Error) = await WardFiguresQuery.RunAsync(db, new WardFigureRequest(From, To, Category, Force, La), ct);
        if (Error is not null)
        {
            ModelState.AddModelError(Error.Contains("start", StringComparison.Ordinal) ? nameof(From)
                : Error.Contains("end", StringComparison.Ordinal) ? nameof(To) : nameof(Category), Error);
            ViewData["HasErrors"] = true;
        }
    }
}
