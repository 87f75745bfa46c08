using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.Referrals;

/// <summary>
/// One referral: what was shared, its progress and clocks; for the provider, the forms to accept or decline, record
/// contacts and visits, and close. Every view is audited (the shared fields are personal data). A referral outside
/// <see cref="ReferralAccess"/> is "not found". Each form carries the version read, so a stale change is refused.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class ShowModel(AppDb db, AuditLog audit, ReferralService referrals) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public ReferralView Referral { get; private set; } = null!;

    [BindProperty]
    public WorkInput Work { get; set; } = new();

    public sealed class WorkInput
    {
        public int Version { get; set; }
        public string? DeclineReason { get; set; }
        public DateOnly? ContactDate { get; set; }
        public string? Method { get; set; }
        public bool Reached { get; set; }
        public string? ContactNotes { get; set; }
        public DateOnly? VisitDate { get; set; }
        public List<string> Delivered { get; set; } = [];
        public string? VisitNotes { get; set; }
        public string? Outcome { get; set; }
        public string? OutcomeNotes { get; set; }
    }

    public IEnumerable<SelectListItem> MethodOptions => Enum.GetValues<ContactMethod>().Select(m => new SelectListItem(m == ContactMethod.InPerson ? "In person" : m.ToString(), m.ToString(), Work.Method == m.ToString()));
    public IEnumerable<SelectListItem> DeliverableOptions => Referral.ServiceDeliverables.Select(d => new SelectListItem(Deliverables.Display(d), d, Work.Delivered.Contains(d)));
    public IEnumerable<SelectListItem> OutcomeOptions => Enum.GetValues<ReferralOutcome>().Select(o => new SelectListItem(ReferralDisplay.Outcome(o), o.ToString(), Work.Outcome == o.ToString()));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            await audit.WriteAsync(new AuditEntry(ReferralService.DeniedAction, "referral", ReferralService.Id(Id), "referral not visible to the user", Outcome: AuditOutcome.Denied), ct);
            return NotFound();
        }
        await audit.ViewedAsync("referral", ReferralService.Id(Id), ct: ct);
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var r = await ReferralQueries.DetailAsync(db, User, Id, referrals.Today, ct);
        if (r is null)
        {
            return false;
        }
        Referral = r;
        if (Work.Version == 0)
        {
            Work.Version = r.Version;
        }
        return true;
    }

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) =>
        Apply(() => referrals.AcceptAsync(User, Id, Work.Version, ct), "Referral accepted.", new(), ct);

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) =>
        Apply(() => referrals.DeclineAsync(User, Id, Work.Version, Work.DeclineReason, ct), "Referral declined. The referrer can see your reason.", new() { ["DeclineReason"] = "Work.DeclineReason" }, ct);

    public Task<IActionResult> OnPostContactAsync(CancellationToken ct) =>
        Apply(() => referrals.AddContactAsync(User, Id, Work.Version, Work.ContactDate, Work.Method, Work.Reached, Work.ContactNotes, ct), "Contact recorded.",
            new() { ["ContactDate"] = "Work.ContactDate", ["Method"] = "Work.Method", ["Notes"] = "Work.ContactNotes" }, ct);

    public Task<IActionResult> OnPostVisitAsync(CancellationToken ct) =>
        Apply(() => referrals.AddVisitAsync(User, Id, Work.Version, Work.VisitDate, Work.Delivered, Work.VisitNotes, ct), "Visit recorded.",
            new() { ["VisitDate"] = "Work.VisitDate", ["Delivered"] = "Work.Delivered", ["Notes"] = "Work.VisitNotes" }, ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        Apply(() => referrals.CloseAsync(User, Id, Work.Version, Work.Outcome, Work.OutcomeNotes, ct), "Referral closed. The referrer can see the outcome.",
            new() { ["Outcome"] = "Work.Outcome", ["OutcomeNotes"] = "Work.OutcomeNotes" }, ct);

    async Task<IActionResult> Apply(Func<Task<OpResult>> operation, string success, Dictionary<string, string> keys, CancellationToken ct)
    {
        // A date that could not be read (e.g. 31 2 2026) is a binding error: show it and save nothing.
        if (ModelState.IsValid)
        {
            var result = await operation();
            switch (result.Outcome)
            {
                case Outcome.Done:
                    TempData["Success"] = success;
                    return Redirect($"/referrals/{Id}");
                case Outcome.NotFound:
                    return NotFound();
                case Outcome.Forbidden:
                    return Forbid();
                case Outcome.Conflict:
                    ModelState.AddModelError("Work.Version", "Someone else changed this referral after you opened it, so nothing was saved. Check it below and try again.");
                    Work.Version = 0;
                    break;
                default:
                    foreach (var (key, message) in result.Errors)
                    {
                        ModelState.AddModelError(keys.GetValueOrDefault(key, "Work." + key), message);
                    }
                    break;
            }
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return Page();
    }
}
