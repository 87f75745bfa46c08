using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.People;

/// <summary>
/// A case officer checks one of their records for duplicates and proposes a merge for an administrator to approve.
/// Possible duplicates held by partners show only who holds them and the shared reasons (same street, same year of
/// birth…); the officer never sees their details or numbers, before or after proposing.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class DuplicatesModel(MergeProposals proposals) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public string? Choice { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<PossibleDuplicate> Duplicates { get; private set; } = [];
    public IReadOnlyList<MergeProposal> Proposals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (proposal, errors) = await proposals.ProposeAsync(User, Id, Choice, Reason, ct);
        if (proposal is not null)
        {
            TempData["Success"] = "Merge proposed. An administrator will compare the records and merge them or decline; the outcome will show here.";
            return Redirect($"/people/{Id}/duplicates");
        }
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError(key, message);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = await proposals.PossibleDuplicatesAsync(User, Id, ct);
        if (found is null)
        {
            return false;
        }
        Duplicates = found;
        Proposals = await proposals.ForPersonAsync(Id, ct);
        return true;
    }
}
