using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals.Disclosures;

/// <summary>
/// The disclosure log for one person, for a subject access request (UK GDPR Art. 15(1)(c): recipients) or a DPIA.
/// For the data protection role (administrators). A purpose (e.g. the SAR reference) is required, and the look-up
/// is audited with it. Shows the name on the record so the request can be matched; nothing else about the person.
/// </summary>
[Authorize(Policy = ReferralPolicies.DisclosureLog)]
public sealed class IndexModel(AppDb db, AuditLog audit) : PageModel
{
    [FromQuery(Name = "personId")]
    public string? PersonId { get; set; }

    [FromQuery(Name = "purpose")]
    public string? Purpose { get; set; }

    public string? PersonName { get; private set; }
    public IReadOnlyList<DisclosureView>? Rows { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (PersonId is null && Purpose is null)
        {
            return;
        }
        if (!int.TryParse(PersonId, out var id) || id <= 0)
        {
            ModelState.AddModelError(nameof(PersonId), "Enter the person number, for example 42");
        }
        if (string.IsNullOrWhiteSpace(Purpose))
        {
            ModelState.AddModelError(nameof(Purpose), "Enter the purpose, for example the subject access request reference");
        }
        if (!ModelState.IsValid)
        {
            return;
        }
        var person = await db.Set<Person>().AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Forename, p.MiddleNames, p.Surname }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            ModelState.AddModelError(nameof(PersonId), "There is no person with that number");
            return;
        }
        PersonName = string.Join(' ', new[] { person.Forename, person.MiddleNames, person.Surname }.Where(n => !string.IsNullOrWhiteSpace(n)));
        Rows = await DisclosureLog.ForPersonAsync(db, id, ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.View, "disclosure-log", ReferralService.Id(id), $"disclosure log: {Rows.Count} disclosure(s)", Purpose: Purpose!.Trim()), ct);
    }
}
