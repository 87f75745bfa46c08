using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.People;

/// <summary>
/// Administrators merge duplicate person records and can undo a merge. Both are audited as "combination"
/// (DPA 2018 s.62) with both record ids; the merge table keeps what moved so an undo is exact.
/// <para>
/// Administrators have no case role, so they see no person anywhere else. Here they need just enough to decide that two
/// records are one person: names, date of birth, postcode, who recorded each and how many cases and incidents each has,
/// for two records that look alike (<see cref="PersonService.DuplicateLikenessAsync"/>). Comparing is a consultation of
/// personal data, so like the people search it needs a stated purpose, which is audited with the view; a pair that does
/// not look alike, or a number that does not exist, shows nothing and is audited as a refusal.
/// </para>
/// </summary>
[Authorize(Policy = Policies.PeopleMerge)]
public sealed class MergeModel(AppDb db, PersonService people, AuditLog audit, MergeProposals proposals) : PageModel
{
    public static readonly IReadOnlyList<string> Purposes =
    [
        "A partner reported a duplicate record",
        "Data quality review of possible duplicates",
        "The person asked for their records to be corrected",
    ];

    [BindProperty(SupportsGet = true)]
    public int? SurvivorId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DuplicateId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Purpose { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? PurposeDetails { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The case officer's merge proposal this comparison answers, if any (marked approved by the merge).</summary>
    [BindProperty(SupportsGet = true)]
    public int? ProposalId { get; set; }

    public IEnumerable<SelectListItem> PurposeOptions => Purposes.Select(p => new SelectListItem(p, p, Purpose == p));

    public sealed record Summary(int Id, string Name, DateOnly? DateOfBirth, string? Postcode, string? HeldBy, int? MergedIntoId, int Cases, int Incidents);
    public Summary? Survivor { get; private set; }
    public Summary? Duplicate { get; private set; }
    public IReadOnlyList<string> Likeness { get; private set; } = [];
    public IReadOnlyList<PersonMerge> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Recent = await RecentAsync(ct);
        if (SurvivorId is null && DuplicateId is null)
        {
            return;
        }
        if (SurvivorId is null)
        {
            ModelState.AddModelError(nameof(SurvivorId), "Enter the number of the record to keep");
        }
        if (DuplicateId is null)
        {
            ModelState.AddModelError(nameof(DuplicateId), "Enter the number of the duplicate record");
        }
        if (Purpose is null || !Purposes.Contains(Purpose))
        {
            ModelState.AddModelError(nameof(Purpose), "Select why you are comparing these records");
        }
        if (string.IsNullOrWhiteSpace(PurposeDetails))
        {
            ModelState.AddModelError(nameof(PurposeDetails), "Enter the details, for example who reported the duplicate");
        }
        else if (PurposeDetails.Length > 300)
        {
            ModelState.AddModelError(nameof(PurposeDetails), "Details must be 300 characters or fewer");
        }
        if (!ModelState.IsValid)
        {
            return;
        }
        var s = SurvivorId!.Value;
        var d = DuplicateId!.Value;
        if (await people.DuplicateLikenessAsync(s, d, ct) is not { IsPossibleMatch: true } likeness)
        {
            AccessRefusals.Refused(HttpContext, "person", s);
            AccessRefusals.Refused(HttpContext, "person", d);
            ModelState.AddModelError(nameof(DuplicateId), PersonService.NotAlike);
            return;
        }
        Likeness = likeness.Reasons;
        Survivor = await SummaryAsync(s, ct);
        Duplicate = await SummaryAsync(d, ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.View, "person", $"{s},{d}", $"compared for merge (likeness {likeness.Score}: {string.Join("; ", likeness.Reasons)})",
            Purpose: $"{Purpose}: {PurposeDetails!.Trim()}"), ct);
    }

    Task<List<PersonMerge>> RecentAsync(CancellationToken ct) =>
        db.Set<PersonMerge>().AsNoTracking().OrderByDescending(m => m.Id).Take(20).ToListAsync(ct);

    Task<Summary?> SummaryAsync(int id, CancellationToken ct) =>
        db.Set<Person>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new Summary(p.Id, p.Forename + " " + p.Surname, p.DateOfBirth,
                p.Addresses.Where(a => a.ToDate == null).Select(a => a.Place!.Postcode).FirstOrDefault(), p.CreatedByAgency!.Name, p.MergedIntoId,
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
                if (ProposalId is int proposalId)
                {
                    await proposals.ApprovedAsync(User, proposalId, merge, ct);
                }
                TempData["Success"] = $"Person {DuplicateId} merged into person {SurvivorId} (merge {merge.Id}).";
                return Redirect("/people/merge");
            }
            if (error == PersonService.NotAlike)
            {
                AccessRefusals.Refused(HttpContext, "person", SurvivorId!.Value);
                AccessRefusals.Refused(HttpContext, "person", DuplicateId!.Value);
            }
            ModelState.AddModelError(nameof(DuplicateId), error!);
        }
        Recent = await RecentAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUnmergeAsync(int mergeId, string? unmergeReason, CancellationToken ct)
    {
        var error = await people.UnmergeAsync(User, mergeId, unmergeReason, ct);
        if (error is not null)
        {
            ModelState.AddModelError(string.Empty, error);
            Recent = await RecentAsync(ct);
            return Page();
        }
        TempData["Success"] = $"Merge {mergeId} undone.";
        return Redirect("/people/merge");
    }
}
