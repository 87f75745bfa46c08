using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>The ASB view of a case: victims and repeat flags, incidents, risk, victim action plan, powers, Case Reviews.</summary>
public sealed class AsbCaseModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, CaseWorkService work) : AsbPageModel(db, access, audit, clock)
{
    public AsbCaseSummary Summary { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is not { } c)
        {
            return NotFound();
        }
        Summary = await AsbCaseSummary.LoadAsync(Db, User, c, NowUtc, ct);
        await Audit.ViewedAsync("case", Id(c.Id), "ASB case", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCompleteActionAsync(int id, int actionId, int version, CancellationToken ct)
    {
        if (await LoadCaseAsync(id, ct) is not { } c)
        {
            return NotFound();
        }
        var title = await Db.Set<CaseAction>().Where(a => a.Id == actionId && a.CaseId == c.Id).Select(a => a.Title).FirstOrDefaultAsync(ct);
        if (title is null)
        {
            return NotFound();
        }
        var (outcome, _) = await work.ChangeActionStatusAsync(CaseActor.Of(User), c.Id,
            new ActionStatusChange(actionId, version, CaseActionStatus.Done) { TimelineText = $"Action done: {title}" }, ct);
        switch (outcome)
        {
            case CaseWriteOutcome.NotFound:
                return NotFound();
            case CaseWriteOutcome.Conflict:
                TempData["Success"] = "Someone else changed that action while you were looking at it. Check it and try again.";
                break;
            default:
                TempData["Success"] = $"Action marked as done: {title}";
                break;
        }
        return Redirect($"/asb/cases/{c.Id}");
    }
}
