using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>The ASB view of a case: victims and repeat flags, incidents, risk, victim action plan, powers, Case Reviews.</summary>
public sealed class AsbCaseModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, CaseService cases) : AsbPageModel(db, access, audit, clock)
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
        var action = await Db.Set<CaseAction>().FirstOrDefaultAsync(a => a.Id == actionId && a.CaseId == c.Id, ct);
        if (action is null)
        {
            return NotFound();
        }
        Db.Entry(action).Property(a => a.Version).OriginalValue = version;
        action.Status = CaseActionStatus.Done;
        action.CompletedUtc = NowUtc;
        cases.Changed(User, c.Id, CaseEventKinds.ActionChanged, $"Action done: {action.Title}");
        Audit.Add(new AuditEntry(AuditActions.Change, "case-action", Id(action.Id), "Marked as done"));
        try
        {
            await Db.SaveChangesAsync(ct);
            TempData["Success"] = $"Action marked as done: {action.Title}";
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Success"] = "Someone else changed that action while you were looking at it. Check it and try again.";
        }
        return Redirect($"/asb/cases/{c.Id}");
    }
}
