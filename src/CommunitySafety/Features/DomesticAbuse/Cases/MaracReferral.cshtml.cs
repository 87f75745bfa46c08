using CommunitySafety.Auditing;
using CommunitySafety.Features.Referrals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.DomesticAbuse.Pages;

/// <summary>
/// The Marac referral, built from the case's completed DASH (?dash=id, or the latest): the answers, band, people and the
/// criteria met are shown from the records; the referrer adds only consent, the reason and anything else to share.
/// </summary>
public sealed class MaracReferralModel(DashService dashes, MaracReferralService marac, AuditLog audit) : DomesticAbusePageModel(dashes)
{
    [BindProperty(SupportsGet = true)]
    public int? Dash { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Consent { get; set; }
        public string? ConsentOverrideReason { get; set; }
        public string? Reason { get; set; }
        public string? OtherInformation { get; set; }
    }

    public MaracReferralDraft? Draft { get; private set; }

    public int EscalationMonths => marac.Options.Marac.EscalationMonths;

    public IEnumerable<SelectListItem> ConsentOptions =>
    [
        new("The victim consented", nameof(ConsentDecision.Given), Input.Consent == nameof(ConsentDecision.Given)),
        new("The victim refused, and the referral goes ahead", nameof(ConsentDecision.Refused), Input.Consent == nameof(ConsentDecision.Refused)),
        new("Consent was not sought", nameof(ConsentDecision.NotSought), Input.Consent == nameof(ConsentDecision.NotSought)),
    ];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.ViewedAsync("case", Id(id), "Marac referral form prefilled from DASH", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Draft is null)
        {
            return Page();
        }
        ConsentDecision? consent = Enum.TryParse<ConsentDecision>(Input.Consent, out var cd) && Enum.IsDefined(cd) ? cd : null;
        var (referral, errors) = await marac.ReferAsync(User, Case, Draft, new MaracReferralInput(consent, Input.ConsentOverrideReason, Input.Reason, Input.OtherInformation), ct);
        if (referral is null)
        {
            AddErrors(errors);
            return Page();
        }
        TempData["Success"] = "Referred to the Marac" + (referral.IsRepeat ? " as a repeat" : "") + ". The Marac coordinator will list it for the next meeting.";
        return Redirect($"/domestic-abuse/cases/{id}");
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (!await LoadCaseAsync(id, false, ct))
        {
            return false;
        }
        if (await marac.CompletedDashAsync(Case.Id, Dash, ct) is { } dash)
        {
            Draft = await marac.DraftAsync(User, Case, dash, ct);
        }
        return true;
    }
}
