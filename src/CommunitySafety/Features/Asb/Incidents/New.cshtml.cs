using System.ComponentModel.DataAnnotations;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>
/// Record an ASB incident (any agency), then run the repeat rule across all agencies' ASB incidents. A victim entered by
/// name is first checked against existing records: possible matches are shown ("Is this the victim?") and the officer
/// chooses one or confirms a new person before anything is recorded.
/// </summary>
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

        [Display(Name = "Victim's address: first line")]
        public string? VictimAddressLine1 { get; set; }

        [Display(Name = "Victim's postcode")]
        public string? VictimPostcode { get; set; }

        /// <summary>A match token from the possible matches shown, or "new" to add the victim as a new person.</summary>
        public string? VictimChoice { get; set; }

        /// <summary>The victim details the shown matches were found for; a choice counts only for those details.</summary>
        public string? CheckedVictim { get; set; }

        [Display(Name = "Perpetrator's first name")]
        public string? PerpetratorForename { get; set; }

        [Display(Name = "Perpetrator's last name")]
        public string? PerpetratorSurname { get; set; }

        [Display(Name = "Perpetrator's date of birth")]
        public DateOnly? PerpetratorDateOfBirth { get; set; }

        [Display(Name = "Address or location: first line")]
        public string? PlaceLine1 { get; set; }

        [Display(Name = "Postcode")]
        public string? PlacePostcode { get; set; }

        [Display(Name = "Your agency's reference")]
        public string? AgencyReference { get; set; }
    }

    public const string NewVictim = "new";

    /// <summary>Possible existing records for the victim, when the officer must choose.</summary>
    public IReadOnlyList<VictimMatch>? VictimMatches { get; private set; }

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
        var key = VictimKey(i);
        string? token = null;
        var confirmNew = false;
        var choiceMissing = false;
        // A choice made for other details (the officer changed the name after seeing the matches) is ignored and checked again.
        if (i.VictimPersonId is null && i.CheckedVictim == key)
        {
            confirmNew = i.VictimChoice == NewVictim;
            token = confirmNew || string.IsNullOrEmpty(i.VictimChoice) ? null : i.VictimChoice;
            choiceMissing = string.IsNullOrEmpty(i.VictimChoice);
        }
        var result = await recorder.RecordAsync(new AsbIncidentInput(i.Category, i.OccurredOn, i.ReportedOn, i.Narrative, i.VictimPersonId, i.VictimForename,
            i.VictimSurname, i.VictimDateOfBirth, null, i.PlaceLine1, i.PlacePostcode, i.AgencyReference, i.VictimAddressLine1, i.VictimPostcode,
            token, confirmNew, [new PerpetratorInput(null, i.PerpetratorForename, i.PerpetratorSurname, i.PerpetratorDateOfBirth)]), AsbFeature.Recorder(User), ct);
        if (result.NeedsVictimChoice)
        {
            VictimMatches = result.VictimMatches;
            Input.CheckedVictim = key;
            Input.VictimChoice = null;
            ModelState.Remove("Input.CheckedVictim");
            ModelState.Remove("Input.VictimChoice");
            if (choiceMissing)
            {
                ModelState.AddModelError("Input.VictimChoice", "Select the victim's existing record, or choose to add them as a new person");
            }
            return Page();
        }
        if (!result.Succeeded)
        {
            foreach (var (k, message) in result.Errors)
            {
                ModelState.AddModelError("Input." + PageField(k), message);
            }
            return Page();
        }
        // A victim chosen from a signpost stays outside the user's need to know: whether the incident made them a
        // repeat victim, and whose cases were alerted, would tell of other incidents and cases about them.
        TempData["RecordedIncidentId"] = result.IncidentId;
        TempData["Success"] = result.VictimVisible
            ? $"ASB incident recorded for {result.VictimName}." +
              (result.RepeatVictim ? $" {result.VictimName} is now flagged as a repeat victim." : "") +
              (result.RepeatLocation ? " The place is marked as a repeat location." : "") +
              (result.AlertsRaised > 0 ? $" {result.AlertsRaised} case owner(s) alerted." : "")
            : $"ASB incident recorded for the victim's existing record (held by {result.VictimContactAgency}). The record, its repeat-victim check " +
              $"and any case alerts now include your incident; contact {result.VictimContactAgency} about this victim." +
              (result.RepeatLocation ? " The place is marked as a repeat location." : "");
        if (result.VictimVisible)
        {
            TempData["RecordedVictimId"] = result.VictimPersonId;
            TempData["RecordedVictimName"] = result.VictimName;
        }
        return Redirect(result.VictimVisible ? $"/asb/incidents/new?victim={result.VictimPersonId}" : "/asb/incidents/new");
    }

    /// <summary>From the "Is this the victim?" page back to the form, with everything entered kept, to correct the victim's details.</summary>
    public IActionResult OnPostChange()
    {
        ModelState.Clear();
        Input.VictimChoice = null;
        Input.CheckedVictim = null;
        return Page();
    }

    /// <summary>
    /// What the officer entered, carried through the "Is this the victim?" page as hidden fields so that nothing is
    /// lost and every field of the form (whatever it holds) comes back with the choice.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> CarriedFields =>
        Request.HasFormContentType
            ? Request.Form.Where(f => f.Key.StartsWith("Input.", StringComparison.Ordinal) && f.Key is not ("Input.VictimChoice" or "Input.CheckedVictim"))
                .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))
            : [];

    /// <summary>The recorder names the one perpetrator this form has "Perpetrators[0].Forename"; the form calls it PerpetratorForename.</summary>
    static string PageField(string key) => key.StartsWith("Perpetrators[0].", StringComparison.Ordinal)
        ? "Perpetrator" + key["Perpetrators[0].".Length..]
        : key;

    static string VictimKey(InputModel i) => string.Join('|',
        NameKeys.Key(i.VictimForename), NameKeys.Key(i.VictimSurname),
        i.VictimDateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Place.PostcodeKeyOf(i.VictimPostcode) ?? "", Place.AddressKey(i.VictimAddressLine1));
}
