using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.People;

/// <summary>
/// Administrators' list of merge proposals from case officers: compare the two records on the merge page (which shows
/// and audits them with the proposal as its purpose) and merge, or decline with a note. No personal details here.
/// </summary>
[Authorize(Policy = Policies.PeopleMerge)]
public sealed class ProposalsModel(AppDb db, MergeProposals proposals) : PageModel
{
    public sealed record Row(MergeProposal Proposal, string? Agency, string? PersonHeldBy, string? OtherHeldBy);
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDeclineAsync(int proposalId, string? note, CancellationToken ct)
    {
        var error = await proposals.DeclineAsync(User, proposalId, note, ct);
        if (error is not null)
        {
            ModelState.AddModelError($"note-{proposalId}", error);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Success"] = $"Merge proposal {proposalId} declined.";
        return Redirect("/people/merge/proposals");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var list = await proposals.RecentAsync(ct);
        var agencyIds = list.Select(p => p.ProposedByAgencyId).OfType<int>().Distinct().ToList();
        var agencies = await db.Set<Agencies.Agency>().AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var personIds = list.SelectMany(p => new[] { p.PersonId, p.OtherPersonId }).Distinct().ToList();
        var heldBy = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id)).Select(p => new { p.Id, Agency = p.CreatedByAgency!.Name }).ToDictionaryAsync(p => p.Id, p => p.Agency, ct);
        Rows = list.Select(p => new Row(p, p.ProposedByAgencyId is int a ? agencies.GetValueOrDefault(a) : null,
            heldBy.GetValueOrDefault(p.PersonId), heldBy.GetValueOrDefault(p.OtherPersonId))).ToList();
    }
}
