using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Meetings;

/// <summary>Arrange a meeting: its kind (registered by a strand), title, date and the agencies attending.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(AppDb db, MeetingService meetings, Strands.StrandCatalogue strands) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public DateOnly? HeldOn { get; set; }
        public List<string> AttendingAgencies { get; set; } = [];
    }

    public IEnumerable<SelectListItem> KindOptions => strands.MeetingKinds.Select(k => new SelectListItem(k.Name, k.Code, Input.Kind == k.Code));
    public List<SelectListItem> AgencyOptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var agencies = Input.AttendingAgencies.Select(a => int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
        var result = await meetings.CreateAsync(User, new NewMeeting(Input.Kind, Input.Title, Input.HeldOn, agencies), ct);
        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors)
            {
                if ((ModelState["Input." + char.ToUpperInvariant(key[0]) + key[1..]]?.Errors.Count ?? 0) == 0)
                {
                    ModelState.AddModelError("Input." + char.ToUpperInvariant(key[0]) + key[1..], message);
                }
            }
            await LoadAsync(ct);
            return Page();
        }
        TempData["Success"] = "Meeting arranged.";
        return Redirect($"/meetings/{result.Id}");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var mine = User.AgencyId();
        AgencyOptions = await db.Agencies.AsNoTracking().Where(a => a.IsActive && a.Id != mine).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        foreach (var o in AgencyOptions)
        {
            o.Selected = Input.AttendingAgencies.Contains(o.Value);
        }
    }
}
