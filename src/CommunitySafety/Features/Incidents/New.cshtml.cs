using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.Incidents;

/// <summary>Records an incident reported to the user's agency, with where it happened and who was involved.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(IncidentService incidents, Strands.StrandCatalogue strands) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Select a category from the list")]
        [Display(Name = "Category")]
        public string? CategoryCode { get; set; }

        [Required(ErrorMessage = "Enter the date of the incident")]
        [Display(Name = "Date of the incident")]
        public DateOnly? OccurredDate { get; set; }

        [RegularExpression(@"^([01]?\d|2[0-3]):[0-5]\d$", ErrorMessage = "Enter the time as hours and minutes, like 21:30")]
        [Display(Name = "Time")]
        public string? OccurredTime { get; set; }

        [Required(ErrorMessage = "Enter what happened")]
        [StringLength(8000, ErrorMessage = "Description must be 8,000 characters or fewer")]
        public string? Narrative { get; set; }

        [StringLength(100)]
        public string? AgencyReference { get; set; }

        [StringLength(200)]
        public string? AddressLine1 { get; set; }
        [StringLength(100)]
        public string? Town { get; set; }
        [StringLength(10)]
        public string? Postcode { get; set; }

        public int? Person1 { get; set; }
        public string? Role1 { get; set; }
        public int? Person2 { get; set; }
        public string? Role2 { get; set; }
        public int? Person3 { get; set; }
        public string? Role3 { get; set; }
    }

    public IEnumerable<SelectListItem> CategoryOptions =>
        [new SelectListItem("Select a category", ""), .. strands.IncidentCategories.Select(c => new SelectListItem(c.Name, c.Code, Input.CategoryCode == c.Code))];

    public IEnumerable<SelectListItem> RoleOptions(string? selected) =>
        Enum.GetValues<IncidentRole>().Select(r => new SelectListItem(r.ToString(), r.ToString(), selected == r.ToString()));

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var people = new List<(int, IncidentRole)>();
        foreach (var (id, role, n) in new[] { (Input.Person1, Input.Role1, 1), (Input.Person2, Input.Role2, 2), (Input.Person3, Input.Role3, 3) })
        {
            if (id is null)
            {
                continue;
            }
            if (!Enum.TryParse<IncidentRole>(role, out var r))
            {
                ModelState.AddModelError($"Input.Role{n}", "Select the person's role");
                continue;
            }
            people.Add((id.Value, r));
        }
        TimeOnly? time = null;
        if (!string.IsNullOrWhiteSpace(Input.OccurredTime))
        {
            if (TimeOnly.TryParseExact(Input.OccurredTime.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                time = t;
            }
            else if ((ModelState["Input.OccurredTime"]?.Errors.Count ?? 0) == 0)
            {
                ModelState.AddModelError("Input.OccurredTime", "Enter the time as hours and minutes, like 21:30");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The date and time are as reported in the UK; stored in UTC. Without a time the incident is dated by its day
        // alone (the start of that UK day, shown as a date), not given a time nobody reported.
        var local = Input.OccurredDate!.Value.ToDateTime(time ?? TimeOnly.MinValue);
        var occurredUtc = TimeZoneInfo.ConvertTimeToUtc(local, UkZone);
        var input = new NewIncident(occurredUtc, Input.CategoryCode!, Input.Narrative!, Input.AgencyReference, Input.AddressLine1, Input.Town, Input.Postcode, people,
            TimeKnown: time is not null);
        foreach (var (key, message) in await incidents.ValidateAsync(User, input, ct))
        {
            ModelState.AddModelError(key == "People" ? "Input.Person1" : $"Input.{key}", message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var incident = await incidents.CreateAsync(User, input, ct);
        TempData["Success"] = $"Incident {incident.Id} recorded.";
        return Redirect($"/incidents/{incident.Id}");
    }

    static readonly TimeZoneInfo UkZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}
