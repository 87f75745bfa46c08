using System.ComponentModel.DataAnnotations;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.People;

/// <summary>
/// Purpose-bound people search. A search of personal data is "consultation" under DPA 2018 s.62 and needs a
/// justification: the purpose (from a short list plus free text) is required and stored in the audit entry.
/// Results outside the user's need to know are a signpost only ("known to the partnership – contact X").
/// </summary>
[Authorize(Policy = Policies.PeopleSearch)]
public sealed class SearchModel(AppDb db, AuditLog audit) : PageModel
{
    public static readonly IReadOnlyList<string> Purposes =
    [
        "Checking before creating a record",
        "Responding to a new report or referral",
        "Safeguarding concern",
        "Preparing for a case conference or MARAC",
        "Information-sharing request from a partner",
    ];

    [BindProperty(SupportsGet = true)]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a name to search for")]
        [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Select why you are searching")]
        public string? Purpose { get; set; }

        [Required(ErrorMessage = "Enter the details of why you are searching, for example the referral or incident number")]
        [StringLength(300, ErrorMessage = "Details must be 300 characters or fewer")]
        [Display(Name = "Details")]
        public string? Details { get; set; }
    }

    public IEnumerable<SelectListItem> PurposeOptions => Purposes.Select(p => new SelectListItem(p, p, Input.Purpose == p));
    public IReadOnlyList<PeopleSearch.Result>? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Request.Query.Count == 0)
        {
            ModelState.Clear();
            return Page();
        }
        if (Input.Purpose is not null && !Purposes.Contains(Input.Purpose))
        {
            ModelState.AddModelError("Input.Purpose", "Select why you are searching");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Results = await PeopleSearch.SearchAsync(db, User, Input.Name, ct: ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.Search, "person", null,
            $"name search: {Input.Name!.Trim()} ({Results.Count} found, {Results.Count(r => r.CanSeeDetails)} shown in full; ids {string.Join(",", Results.Select(r => r.Id))})",
            Purpose: $"{Input.Purpose}: {Input.Details!.Trim()}"), ct);
        return Page();
    }
}
