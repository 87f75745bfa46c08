using System.ComponentModel.DataAnnotations;
using CommunitySafety.Security;
using CommunitySafety.Shared.GovUk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.People;

/// <summary>
/// Adds a person. Before creating, it looks for possible existing records (<see cref="PersonService.FindMatchesAsync"/>)
/// and asks "Is this the same person?", so duplicates are not made; only after the user says no is a new record created.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(PersonService people, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set by the "No, add a new person" button after the matches were shown.</summary>
    [BindProperty]
    public bool ConfirmedNew { get; set; }

    public IReadOnlyList<PossibleMatch>? Matches { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the person's first name")]
        [StringLength(100, ErrorMessage = "First name must be 100 characters or fewer")]
        [Display(Name = "First name")]
        public string? Forename { get; set; }

        [Required(ErrorMessage = "Enter the person's last name")]
        [StringLength(100, ErrorMessage = "Last name must be 100 characters or fewer")]
        [Display(Name = "Last name")]
        public string? Surname { get; set; }

        [Display(Name = "Date of birth")]
        public DateOnly? DateOfBirth { get; set; }

        [StringLength(40)]
        public string? Gender { get; set; }

        [StringLength(40, ErrorMessage = "Phone number must be 40 characters or fewer")]
        [Phone(ErrorMessage = "Enter a phone number, like 01632 960 001 or 07700 900 982")]
        public string? Phone { get; set; }

        [StringLength(256)]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        public string? Email { get; set; }

        [StringLength(200)]
        [Display(Name = "Address line 1")]
        public string? AddressLine1 { get; set; }

        [StringLength(100)]
        public string? Town { get; set; }

        [StringLength(10, ErrorMessage = "Enter a real postcode")]
        public string? Postcode { get; set; }

        public NewPerson ToNewPerson() => new(Forename!.Trim(), Surname!.Trim(), DateOfBirth, Gender, Phone, Email, AddressLine1, Town, Postcode);
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Input.Postcode) && Place.PostcodeKeyOf(Input.Postcode) is not { Length: >= 5 and <= 7 })
        {
            ModelState.AddModelError("Input.Postcode", "Enter a real postcode, like WY4 2LR");
        }
        if (Input.DateOfBirth is { } dob && DateOfBirthRule.Error(dob, Shared.UkTime.Today(clock.GetUtcNow().UtcDateTime)) is { } dobError)
        {
            ModelState.AddModelError("Input.DateOfBirth", dobError);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!ConfirmedNew)
        {
            Matches = await people.FindMatchesAsync(User, Input.ToNewPerson(), "Checking before creating a record", ct);
            if (Matches.Count > 0)
            {
                return Page();
            }
        }
        var person = await people.CreateAsync(User, Input.ToNewPerson(), ct);
        TempData["Success"] = $"{person.FullName} added.";
        return Redirect($"/people/{person.Id}");
    }
}
