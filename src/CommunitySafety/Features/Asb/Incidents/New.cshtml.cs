using System.ComponentModel.DataAnnotations;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>Record an ASB incident (any agency), then run the repeat rule across all agencies' ASB incidents.</summary>
public sealed class NewIncidentModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, AsbIncidentRecorder recorder)
    : AsbPageModel(db, access, audit, clock)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Type of anti-social behaviour")]
        public string? Category { get; set; }

        [Display(Name = "Date of the behaviour")]
        public DateOnly? OccurredOn { get; set; }

        [Display(Name = "Date reported")]
        public DateOnly? ReportedOn { get; set; }

        [Display(Name = "What happened")]
        public string? Narrative { get; set; }

        [Display(Name = "Victim's person record number")]
        public int? VictimPersonId { get; set; }

        [Display(Name = "Victim's first name")]
        public string? VictimForename { get; set; }

        [Display(Name = "Victim's last name")]
        public string? VictimSurname { get; set; }

        [Display(Name = "Victim's date of birth")]
        public DateOnly? VictimDateOfBirth { get; set; }

        [Display(Name = "Address or location: first line")]
        public string? PlaceLine1 { get; set; }

        [Display(Name = "Postcode")]
        public string? PlacePostcode { get; set; }

        [Display(Name = "Your agency's reference")]
        public string? AgencyReference { get; set; }
    }

    public IEnumerable<SelectListItem> CategoryOptions =>
        AsbIncidentRecorder.Categories.Select(c => new SelectListItem(c.Name, c.Code, c.Code == Input.Category));

    public void OnGet(int? victim)
    {
        Input.VictimPersonId = victim;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var i = Input;
        var result = await recorder.RecordAsync(new AsbIncidentInput(i.Category, i.OccurredOn, i.ReportedOn, i.Narrative, i.VictimPersonId, i.VictimForename,
            i.VictimSurname, i.VictimDateOfBirth, null, i.PlaceLine1, i.PlacePostcode, i.AgencyReference), AsbFeature.Recorder(User), ct);
        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors)
            {
                ModelState.AddModelError("Input." + key, message);
            }
            return Page();
        }
        TempData["Success"] = $"ASB incident recorded for person {result.VictimPersonId}." +
            (result.RepeatVictim ? " The victim is now flagged as a repeat victim." : "") +
            (result.RepeatLocation ? " The place is marked as a repeat location." : "") +
            (result.AlertsRaised > 0 ? $" {result.AlertsRaised} case owner(s) alerted." : "");
        return Redirect($"/asb/incidents/new?victim={result.VictimPersonId}");
    }
}
