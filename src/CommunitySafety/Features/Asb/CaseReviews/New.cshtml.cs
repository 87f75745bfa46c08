using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>Record an ASB Case Review (Community Trigger) application: by the victim, or a third party with the victim's consent.</summary>
public sealed class NewAsbCaseReviewModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, AsbCaseReviews reviews) : AsbPageModel(db, access, audit, clock)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int? VictimPersonId { get; set; }
        public string? Applicant { get; set; }
        public string? ThirdPartyName { get; set; }
        public List<string> Consent { get; set; } = [];
        public DateOnly? ReceivedOn { get; set; }
        public string? Behaviour { get; set; }
    }

    public List<SelectListItem> VictimOptions { get; private set; } = [];

    public IEnumerable<SelectListItem> ApplicantOptions => [new("The victim", "victim"), new("A third party on the victim's behalf", "third-party")];

    public IEnumerable<SelectListItem> ConsentOptions => [new("The victim has given consent to the third party applying", "true")];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is null)
        {
            return NotFound();
        }
        await LoadVictimsAsync(ct);
        await Audit.ViewedAsync("case", Id(id), "ASB Case Review application form", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is not { } c)
        {
            return NotFound();
        }
        await LoadVictimsAsync(ct);
        var i = Input;
        if (i.VictimPersonId is not { } vid || !VictimOptions.Any(o => o.Value == vid.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError("Input.VictimPersonId", "Select the victim the application is about");
        }
        if (i.Applicant is not ("victim" or "third-party"))
        {
            ModelState.AddModelError("Input.Applicant", "Select who made the application");
        }
        else if (i.Applicant == "third-party")
        {
            if (string.IsNullOrWhiteSpace(i.ThirdPartyName))
            {
                ModelState.AddModelError("Input.ThirdPartyName", "Enter the name of the third party who applied");
            }
            if (!i.Consent.Contains("true"))
            {
                ModelState.AddModelError("Input.Consent", "A third party can apply only with the victim's consent: confirm the victim has consented");
            }
        }
        if (i.ReceivedOn is null && (ModelState["Input.ReceivedOn"]?.Errors.Count ?? 0) == 0)
        {
            ModelState.AddModelError("Input.ReceivedOn", "Enter the date the application was received");
        }
        else if (i.ReceivedOn > Today)
        {
            ModelState.AddModelError("Input.ReceivedOn", "Date received must be today or in the past");
        }
        if (string.IsNullOrWhiteSpace(i.Behaviour))
        {
            ModelState.AddModelError("Input.Behaviour", "Describe the behaviour the application is about");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var review = await reviews.ReceiveAsync(CaseActor.Of(User), c, new CaseReviewApplication(i.VictimPersonId!.Value, i.ReceivedOn!.Value, i.Behaviour!)
        {
            ThirdPartyName = i.Applicant == "third-party" ? i.ThirdPartyName : null,
            VictimConsentConfirmed = i.Applicant == "third-party" && i.Consent.Contains("true"),
        }, ct);
        return Redirect($"/asb/case-reviews/{review.Id}");
    }

    async Task LoadVictimsAsync(CancellationToken ct)
    {
        VictimOptions = await Db.Set<CasePerson>().AsNoTracking().Where(p => CaseAccess.People(Db, User).Any(x => x.Id == p.PersonId) && p.CaseId == Case!.Id && p.Role == CasePersonRole.Victim)
            .Select(p => new SelectListItem(p.Person!.Forename + " " + p.Person.Surname, p.PersonId.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        if (VictimOptions.Count == 1 && Input.VictimPersonId is null)
        {
            Input.VictimPersonId = int.Parse(VictimOptions[0].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
