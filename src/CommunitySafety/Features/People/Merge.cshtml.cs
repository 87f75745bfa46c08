using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.People;

/// <summary>
/// Administrators merge duplicate person records and can undo a merge. Both are audited as "combination"
/// (DPA 2018 s.62) with both record ids; the merge table keeps what moved so an undo is exact.
/// </summary>
[Authorize(Policy = Policies.PeopleMerge)]
public sealed class MergeModel(AppDb db, PersonService people, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? SurvivorId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DuplicateId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public sealed record Summary(int Id, string Name, DateOnly? DateOfBirth, int? MergedIntoId, int Cases, int Incidents);
    public Summary? Survivor { get; private set; }
    public Summary? Duplicate { get; private set; }
    public IReadOnlyList<PersonMerge> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(ct);
        if (Survivor is not null && Duplicate is not null)
        {
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "person", $"{Survivor.Id},{Duplicate.Id}", "compared for merge"), ct);
        }
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Survivor = SurvivorId is int s ? await SummaryAsync(s, ct) : null;
        Duplicate = DuplicateId is int d ? await SummaryAsync(d, ct) : null;
        Recent = await db.Set<PersonMerge>().AsNoTracking().OrderByDescending(m => m.Id).Take(20).ToListAsync(ct);
    }

    Task<Summary?> SummaryAsync(int id, CancellationToken ct) =>
        db.Set<Person>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new Summary(p.Id, p.Forename + " " + p.Surname, p.DateOfBirth, p.MergedIntoId,
                db.Set<Cases.CasePerson>().Count(c => c.PersonId == p.Id), db.Set<Incidents.IncidentPerson>().Count(i => i.PersonId == p.Id)))
            .FirstOrDefaultAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (SurvivorId is null)
        {
            ModelState.AddModelError(nameof(SurvivorId), "Enter the number of the record to keep");
        }
        if (DuplicateId is null)
        {
            ModelState.AddModelError(nameof(DuplicateId), "Enter the number of the duplicate record");
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Enter why these records are the same person");
        }
        if (ModelState.IsValid)
        {
            var (merge, error) = await people.MergeAsync(User, SurvivorId!.Value, DuplicateId!.Value, Reason!, ct);
            if (merge is not null)
            {
                TempData["Success"] = $"Person {DuplicateId} merged into person {SurvivorId} (merge {merge.Id}).";
                return Redirect("/people/merge");
            }
            ModelState.AddModelError(nameof(DuplicateId), error!);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUnmergeAsync(int mergeId, string? unmergeReason, CancellationToken ct)
    {
        var error = await people.UnmergeAsync(User, mergeId, unmergeReason, ct);
        if (error is not null)
        {
            ModelState.AddModelError(string.Empty, error);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Success"] = $"Merge {mergeId} undone.";
        return Redirect("/people/merge");
    }
}
