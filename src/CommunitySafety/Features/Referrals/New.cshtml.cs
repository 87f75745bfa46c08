using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Features.Referrals.Rules;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals;

/// <summary>
/// Make a referral from a case (choose one of its people) or from a person's record. Who may refer is
/// <see cref="CaseAccess"/>: a person or case the user cannot see is "not found". The referrer chooses exactly which
/// fields the provider will see; not meeting the service's eligibility rules is a warning needing a reason.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(AppDb db, AuditLog audit, ReferralService referrals, TimeProvider clock, Strands.StrandCatalogue strands) : PageModel
{
    [FromQuery(Name = "caseId")]
    public int? CaseId { get; set; }

    [FromQuery(Name = "personId")]
    public int? PersonIdFromQuery { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? PersonId { get; set; }
        public string? ServiceId { get; set; }
        public string? Reason { get; set; }
        public string? Consent { get; set; }
        public string? ConsentJustification { get; set; }
        public string? LawfulBasis { get; set; }
        public string? SharingPower { get; set; }
        public string? SpecialCategoryCondition { get; set; }
        public List<string> SharedFields { get; set; } = [];
        public string? SupportNeeds { get; set; }
        public List<string> FireRiskFactors { get; set; } = [];
        public string? EligibilityOverrideReason { get; set; }
    }

    public string? CaseReference { get; private set; }
    public List<SelectListItem> PersonOptions { get; private set; } = [];
    public ReferralPicture? Picture { get; private set; }
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public IReadOnlyList<string> EligibilityWarnings { get; private set; } = [];

    public IEnumerable<SelectListItem> ServiceOptions => Services.Where(s => s.IsActive).Select(s =>
        new SelectListItem($"{s.Name} ({s.ProviderAgency})", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Input.ServiceId == s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    public IEnumerable<SelectListItem> ConsentOptions => Enum.GetValues<ConsentDecision>().Select(c => new SelectListItem(ReferralDisplay.Consent(c), c.ToString(), Input.Consent == c.ToString()));
    public IEnumerable<SelectListItem> BasisOptions => LawfulBases.Article6.Select(b => new SelectListItem(b.Name, b.Code, Input.LawfulBasis == b.Code));
    public IEnumerable<SelectListItem> PowerOptions => LawfulBases.Powers.Select(b => new SelectListItem(b.Name, b.Code, Input.SharingPower == b.Code));
    public IEnumerable<SelectListItem> ConditionOptions => new[] { new SelectListItem("None: no health or offence information is shared", "", string.IsNullOrEmpty(Input.SpecialCategoryCondition)) }
        .Concat(LawfulBases.Conditions.Select(b => new SelectListItem(b.Name, b.Code, Input.SpecialCategoryCondition == b.Code)));
    public IEnumerable<SelectListItem> FieldOptions => SharedFields.All.Select(f => new SelectListItem(f.Hint.Length == 0 ? f.Name : $"{f.Name} ({f.Hint})", f.Code, Input.SharedFields.Contains(f.Code)));
    public IEnumerable<SelectListItem> FireOptions => FireRiskScreen.Factors.Select(f => new SelectListItem(f.Name, f.Factor.ToString(), Input.FireRiskFactors.Contains(f.Factor.ToString())));

    public string CategoryName(string code) => strands.IncidentCategoryName(code);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Input.PersonId = PersonIdFromQuery?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Request.Query["Input.PersonId"].FirstOrDefault();
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        // A minimal default: name, address and phone; the referrer adds or removes before sending.
        Input.SharedFields = [SharedFields.Name, SharedFields.Address, SharedFields.Phone];
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        Services = await ServiceCatalogue.ListAsync(db, strands, clock.GetUtcNow().UtcDateTime, ct);
        if (CaseId is int caseId)
        {
            var c = await CaseAccess.Cases(db, User).AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.Reference }).FirstOrDefaultAsync(ct);
            if (c is null)
            {
                await audit.WriteAsync(new AuditEntry(ReferralService.DeniedAction, "case", ReferralService.Id(caseId), "referral form: case not visible to the user", Outcome: AuditOutcome.Denied), ct);
                return false;
            }
            CaseReference = c.Reference;
            var people = await db.Set<CasePerson>().AsNoTracking().Where(cp => cp.CaseId == caseId)
                .Select(cp => new { cp.PersonId, cp.Person!.Forename, cp.Person.Surname, cp.Role }).ToListAsync(ct);
            PersonOptions = people.GroupBy(p => p.PersonId).Select(g => new SelectListItem(
                $"{g.First().Forename} {g.First().Surname} ({string.Join(", ", g.Select(x => CaseDisplay.Role(x.Role)))})",
                g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), Input.PersonId == g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            if (Input.PersonId is null && PersonOptions.Count == 1)
            {
                Input.PersonId = PersonOptions[0].Value;
                PersonOptions[0].Selected = true;
            }
        }
        if (int.TryParse(Input.PersonId, out var personId))
        {
            Picture = await referrals.PictureAsync(User, personId, CaseId, ct);
            if (Picture is null)
            {
                return false;
            }
            await audit.ViewedAsync("person", ReferralService.Id(personId), "referral form", ct);
        }
        return CaseId is not null || Picture is not null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        var result = await referrals.MakeAsync(User, new MakeReferral(
            int.TryParse(Input.ServiceId, out var sid) ? sid : null,
            Picture?.Person.Id, CaseId, Input.Reason, Input.Consent, Input.ConsentJustification, Input.LawfulBasis, Input.SharingPower,
            string.IsNullOrEmpty(Input.SpecialCategoryCondition) ? null : Input.SpecialCategoryCondition,
            Input.SharedFields, Input.SupportNeeds, Input.FireRiskFactors, Input.EligibilityOverrideReason), ct);
        switch (result.Outcome)
        {
            case Outcome.Done:
                TempData["Success"] = $"Referral {result.Id} sent. The provider sees only the details you chose to share.";
                return Redirect($"/referrals/{result.Id}");
            case Outcome.NotFound:
                return NotFound();
        }
        foreach (var (key, message) in result.Errors)
        {
            ModelState.AddModelError($"Input.{key}", message);
        }
        if (Picture is not null && Services.FirstOrDefault(s => s.Id == sid) is { } chosen)
        {
            EligibilityWarnings = Eligibility.NotEligibleBecause(chosen.EligibilityRules, Picture.Facts, strands.IncidentCategoryName);
        }
        return Page();
    }

    public int? Age => Picture?.Person.DateOfBirth is { } dob ? Eligibility.AgeOn(dob, referrals.Today) : null;
}
