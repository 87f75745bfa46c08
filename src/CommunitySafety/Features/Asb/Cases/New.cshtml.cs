using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunitySafety.Features.Cases;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>
/// Open an ASB case for a victim, led by the officer's agency, with optional partner agencies and perpetrators. The
/// victim is chosen by a name search on this page (or arrives chosen from a person or incident page), never by typing a
/// record number. The search shows only people the user may see (<see cref="CaseAccess.People"/>); someone else's
/// record is a signpost ("held by X"), which may be chosen only when it is the victim of the user's own agency's ASB
/// incident (<see cref="AsbCaseOpening.MayOpenForAsync"/>), by an opaque token rather than its record number.
/// </summary>
public sealed class NewAsbCaseModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, AsbCaseOpening opening,
    PersonService people, IDataProtectionProvider protection)
    : AsbPageModel(db, access, audit, clock)
{
    public const string SearchPurpose = "Opening an ASB case: finding the victim";

    /// <summary>A chosen signpost stays usable for as long as a form may sit open (the session's idle timeout).</summary>
    static readonly TimeSpan ChoiceLifetime = TimeSpan.FromMinutes(30);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    // Declared in the order the form shows the fields: the error summary lists them in this order.
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a title for the case")]
        [StringLength(200, ErrorMessage = "Title must be 200 characters or fewer")]
        [Display(Name = "Case title")]
        public string? Title { get; set; }

        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        [Display(Name = "Victim's name")]
        public string? VictimSearch { get; set; }

        /// <summary>Chosen from the search: "person:N" for someone the user may see, or a token for a signpost.</summary>
        public string? VictimChoice { get; set; }

        /// <summary>A victim already chosen (from a person or incident page, or an earlier search).</summary>
        public int? VictimPersonId { get; set; }

        [Display(Name = "Perpetrator's first name")]
        public string? PerpetratorForename { get; set; }

        [Display(Name = "Perpetrator's last name")]
        public string? PerpetratorSurname { get; set; }

        [Display(Name = "Perpetrator's date of birth")]
        public DateOnly? PerpetratorDateOfBirth { get; set; }

        [Display(Name = "Partner agencies")]
        public List<string> PartnerAgencyIds { get; set; } = [];
    }

    /// <summary>The chosen victim as the user may see them: a name, or only who holds the record.</summary>
    public sealed record ChosenVictim(int? PersonId, string? Name, DateOnly? DateOfBirth, string? HeldBy);

    public sealed record SearchResult(string? Choice, PeopleSearch.Result Person);

    public ChosenVictim? Victim { get; private set; }
    public IReadOnlyList<SearchResult>? Results { get; private set; }
    public List<SelectListItem> AgencyOptions { get; private set; } = [];

    IDataProtector Choices => protection.CreateProtector("CommunitySafety.Asb.CaseVictimChoice.v1");

    public async Task OnGetAsync(int? victim, CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        if (victim is { } pid)
        {
            if (await opening.MayOpenForAsync(User, pid, ct))
            {
                Victim = await DescribeAsync(pid, ct);
                Input.VictimPersonId = Victim.PersonId;
                Input.VictimChoice = Victim.PersonId is null ? Protect(pid) : null;
            }
            else
            {
                AccessRefusals.Refused(HttpContext, "person", pid);
            }
        }
    }

    /// <summary>The "Search" button: finds the victim by name, keeping what is already typed in the form.</summary>
    public async Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        ModelState.Clear();
        Input.VictimPersonId = null;
        Input.VictimChoice = null;
        if (string.IsNullOrWhiteSpace(Input.VictimSearch))
        {
            ModelState.AddModelError("Input.VictimSearch", "Enter the victim's name to search for");
            return Page();
        }
        if (Input.VictimSearch.Length > 200)
        {
            ModelState.AddModelError("Input.VictimSearch", "Name must be 200 characters or fewer");
            return Page();
        }
        await SearchAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        var agencyIds = new List<int>();
        foreach (var raw in Input.PartnerAgencyIds)
        {
            if (int.TryParse(raw, out var a) && AgencyOptions.Any(o => o.Value == raw))
            {
                agencyIds.Add(a);
            }
            else
            {
                ModelState.AddModelError("Input.PartnerAgencyIds", "Select partner agencies from the list");
            }
        }

        var victimId = Input.VictimPersonId ?? Unprotect(Input.VictimChoice);
        // Need to know (AsbCaseOpening.MayOpenForAsync): someone this user may see, or the victim of their own agency's
        // ASB incident. Any other record number, such as a guessed one, gets the same answer as a number that does not
        // exist, and the refusal is audited.
        if (victimId is { } pid && !await opening.MayOpenForAsync(User, pid, ct))
        {
            AccessRefusals.Refused(HttpContext, "person", pid);
            ModelState.AddModelError("Input.VictimSearch", "There is no person with that record number: search for the victim by name");
            victimId = null;
        }
        else if (victimId is null)
        {
            ModelState.AddModelError("Input.VictimSearch", string.IsNullOrEmpty(Input.VictimChoice)
                ? "Search for the victim by name and choose them from the results"
                : "The person you chose can no longer be used: search for the victim again");
        }

        var perpetrator = PerpetratorOrNull();
        if (!ModelState.IsValid)
        {
            if (victimId is { } shown)
            {
                Victim = await DescribeAsync(shown, ct);
            }
            else if (!string.IsNullOrWhiteSpace(Input.VictimSearch))
            {
                await SearchAsync(ct);
            }
            return Page();
        }
        var c = await opening.OpenAsync(Input.Title!, victimId!.Value, agencyIds, AsbFeature.Recorder(User), ct,
            perpetrator is null ? null : [perpetrator]);
        TempData["Success"] = $"Case {c.Reference} opened.";
        return Redirect($"/asb/cases/{c.Id}");
    }

    /// <summary>The perpetrator named on the form (a new person), or null when the fields are blank.</summary>
    NewPerson? PerpetratorOrNull()
    {
        var i = Input;
        var anyGiven = !string.IsNullOrWhiteSpace(i.PerpetratorForename) || !string.IsNullOrWhiteSpace(i.PerpetratorSurname)
            || i.PerpetratorDateOfBirth is not null;
        if (!anyGiven)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(i.PerpetratorForename))
        {
            ModelState.AddModelError("Input.PerpetratorForename", "Enter the perpetrator's first name, or leave the perpetrator's details blank");
        }
        else if (i.PerpetratorForename.Length > 100)
        {
            ModelState.AddModelError("Input.PerpetratorForename", "Perpetrator's first name must be 100 characters or fewer");
        }
        if (string.IsNullOrWhiteSpace(i.PerpetratorSurname))
        {
            ModelState.AddModelError("Input.PerpetratorSurname", "Enter the perpetrator's last name, or leave the perpetrator's details blank");
        }
        else if (i.PerpetratorSurname.Length > 100)
        {
            ModelState.AddModelError("Input.PerpetratorSurname", "Perpetrator's last name must be 100 characters or fewer");
        }
        if (i.PerpetratorDateOfBirth is { } dob && DateOfBirthRule.Error(dob, Today, "Perpetrator's date of birth") is { } dobError)
        {
            ModelState.AddModelError("Input.PerpetratorDateOfBirth", dobError);
        }
        return ModelState.IsValid
            ? new NewPerson(i.PerpetratorForename!.Trim(), i.PerpetratorSurname!.Trim(), i.PerpetratorDateOfBirth, null, null, null, null, null, null)
            : null;
    }

    /// <summary>
    /// The name search, with need to know applied by <see cref="PeopleSearch.SearchAsync"/>, and audited as a search of
    /// personal data with its purpose (DPA 2018 s.62), like the People search.
    /// </summary>
    async Task SearchAsync(CancellationToken ct)
    {
        var found = await PeopleSearch.SearchAsync(Db, User, Input.VictimSearch, 20, ct);
        var results = new List<SearchResult>();
        foreach (var r in found)
        {
            var choice = r.CanSeeDetails ? "person:" + Id(r.Id)
                : await opening.MayOpenForAsync(User, r.Id, ct) ? Protect(r.Id) : null;
            results.Add(new SearchResult(choice, r));
        }
        Results = results;
        await Audit.WriteAsync(new AuditEntry(AuditActions.Search, "person", null,
            $"name search: {Input.VictimSearch!.Trim()} ({found.Count} found, {found.Count(r => r.CanSeeDetails)} shown in full; ids {string.Join(",", found.Select(r => r.Id))})",
            Purpose: SearchPurpose), ct);
    }

    async Task<ChosenVictim> DescribeAsync(int personId, CancellationToken ct)
    {
        if (await CaseAccess.CanSeePersonAsync(Db, User, personId, ct))
        {
            var p = await Db.Set<Person>().AsNoTracking().Where(x => x.Id == personId).Select(x => new { x.Forename, x.Surname, x.DateOfBirth }).FirstAsync(ct);
            return new ChosenVictim(personId, $"{p.Forename} {p.Surname}", p.DateOfBirth, null);
        }
        return new ChosenVictim(null, null, null, (await people.ContactAgenciesAsync([personId], ct))[personId]);
    }

    /// <summary>A choice of a signposted person: encrypted, bound to this user and short-lived, so the browser never holds their number.</summary>
    string Protect(int personId) => Choices.ToTimeLimitedDataProtector()
        .Protect(Id(personId) + "|" + (User.UserId()?.ToString() ?? ""), ChoiceLifetime);

    int? Unprotect(string? choice)
    {
        if (string.IsNullOrEmpty(choice))
        {
            return null;
        }
        if (choice.StartsWith("person:", StringComparison.Ordinal))
        {
            return int.TryParse(choice["person:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        try
        {
            var parts = Choices.ToTimeLimitedDataProtector().Unprotect(choice).Split('|');
            return parts.Length == 2 && parts[1] == (User.UserId()?.ToString() ?? "")
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    async Task LoadOptionsAsync(CancellationToken ct)
    {
        var mine = User.AgencyId();
        AgencyOptions = await Db.Agencies.AsNoTracking().Where(a => a.IsActive && a.Id != mine).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
    }
}
