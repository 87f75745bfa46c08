using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Meetings;

/// <summary>
/// A meeting's agenda. Each case shows its reference, title, record and actions only to users who may see the case;
/// others see that a case led by another agency is on the agenda. The handlers only pass the form to <see cref="MeetingService"/>.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class ShowModel(AppDb db, MeetingService meetings) : PageModel
{
    public MeetingPicture Picture { get; private set; } = null!;
    public IReadOnlyList<CaseAction> Actions { get; private set; } = [];
    public List<SelectListItem> CaseOptions { get; private set; } = [];
    public List<SelectListItem> OwnerOptions { get; private set; } = [];

    [BindProperty]
    public int? CaseId { get; set; }

    [BindProperty]
    public int ItemId { get; set; }

    [BindProperty]
    public string? Record { get; set; }

    [BindProperty]
    public int? RecordVersion { get; set; }

    [BindProperty]
    public ActionInput NewAction { get; set; } = new();

    public sealed class ActionInput
    {
        public string? Title { get; set; }
        public int? OwnerAgencyId { get; set; }
        public DateOnly? DueDate { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAgendaAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, await meetings.AddCaseAsync(User, id, CaseId, ct), "Case added to the agenda.", "CaseId", ct);

    public async Task<IActionResult> OnPostRecordAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, await meetings.RecordAsync(User, id, ItemId, Record, RecordVersion, ct), "Record saved.", "Record", ct);

    public async Task<IActionResult> OnPostActionAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, await meetings.AddActionAsync(User, id, ItemId, new NewMeetingAction(NewAction.Title, NewAction.OwnerAgencyId, NewAction.DueDate), ct),
            "Action added.", "NewAction", ct);

    async Task<IActionResult> AfterAsync(int id, MeetingResult result, string success, string prefix, CancellationToken ct)
    {
        if (result.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Success"] = success;
            return Redirect($"/meetings/{id}");
        }
        foreach (var (key, message) in result.Errors)
        {
            var field = prefix == "NewAction" ? "NewAction." + char.ToUpperInvariant(key[0]) + key[1..] : prefix;
            if ((ModelState[field]?.Errors.Count ?? 0) == 0)
            {
                ModelState.AddModelError(field, message);
            }
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await meetings.PictureAsync(User, id, ct) is not { } picture)
        {
            return false;
        }
        Picture = picture;
        Actions = await meetings.ActionsAsync(User, id, ct);
        if (picture.CanChangeAgenda)
        {
            var listed = picture.Agenda.Select(a => a.CaseId).ToList();
            CaseOptions = [new SelectListItem("Choose a case", ""), .. await CaseAccess.Cases(db, User).AsNoTracking()
                .Where(c => c.Status != CaseStatus.Closed && !listed.Contains(c.Id)).OrderBy(c => c.Reference)
                .Select(c => new SelectListItem(c.Reference + " " + c.Title, c.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct)];
        }
        OwnerOptions = [new SelectListItem("Choose an agency", ""), .. picture.Meeting.Attendees.Select(a => new SelectListItem(a.Agency?.Name, a.AgencyId.ToString(CultureInfo.InvariantCulture)))];
        return true;
    }

    public string? ErrorFor(string key) => ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;
}
