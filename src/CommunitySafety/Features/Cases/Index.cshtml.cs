using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(AppDb db, AuditLog audit, TimeProvider clock, Strands.StrandCatalogue strands) : PageModel
{
    public sealed record CaseRow(int Id, string Reference, string Title, string Type, CaseStatus Status, string LeadAgency, RiskBand? Risk, DateOnly? NextReview);
    public sealed record CaseTable(string Caption, IReadOnlyList<CaseRow> Rows);
    public sealed record ActionRow(int CaseId, string Reference, string Title, DateOnly? Due, bool Overdue);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public DateOnly Today { get; private set; }
    public IReadOnlyList<CaseRow> MyCases { get; private set; } = [];
    public IReadOnlyList<ActionRow> MyActions { get; private set; } = [];
    public IReadOnlyList<CaseRow> DueForReview { get; private set; } = [];
    public IReadOnlyList<CaseRow> HighRisk { get; private set; } = [];
    public IReadOnlyList<CaseRow> RepeatVictims { get; private set; } = [];
    public IReadOnlyList<CaseRow>? Results { get; private set; }
    /// <summary>The work lists the plugged-in strands add, in registration order.</summary>
    public IReadOnlyList<(string Key, CaseTable Table)> StrandLists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var me = User.UserId();
        var visible = CaseAccess.Cases(db, User).AsNoTracking();
        var open = visible.Where(c => c.Status != CaseStatus.Closed);

        MyCases = await Rows(open.Where(c => c.LeadOfficerUserId == me || c.Members.Any(m => m.UserId == me)), ct);
        var soon = Today.AddDays(7);
        var caseIds = CaseAccess.VisibleCaseIds(db, User);
        MyActions = (await db.Set<CaseAction>().AsNoTracking()
            .Where(a => a.OwnerUserId == me && a.Status == CaseActionStatus.Open && caseIds.Contains(a.CaseId) && a.DueDate != null && a.DueDate <= soon)
            .OrderBy(a => a.DueDate)
            .Select(a => new { a.CaseId, a.Case!.Reference, a.Title, a.DueDate })
            .Take(100).ToListAsync(ct))
            .Select(a => new ActionRow(a.CaseId, a.Reference, a.Title, a.DueDate, a.DueDate < Today)).ToList();
        DueForReview = await Rows(open.Where(c => c.NextReviewDate != null && c.NextReviewDate <= soon), ct);
        HighRisk = await Rows(open.Where(c => c.CurrentRiskBand == RiskBand.High), ct);
        RepeatVictims = await Rows(open.Where(c => c.People.Any(p => p.Role == CasePersonRole.Victim &&
            p.Person!.Flags.Any(f => f.Active && f.Type == PersonFlagTypes.RepeatVictim))), ct);
        var strandLists = new List<(string, CaseTable)>();
        foreach (var list in strands.WorkLists)
        {
            strandLists.Add((list.Key, new CaseTable(list.Caption, await Rows(list.Filter(open, User), ct))));
        }
        StrandLists = strandLists;

        // Each work list shows personal data (case titles name people; actions describe them): every view of one is a
        // consultation under DPA 2018 s.62, recorded as one entry per list with the number of rows and which cases.
        foreach (var (key, name, listed) in new (string, string, IEnumerable<int>)[]
        {
            ("my-cases", "My cases", MyCases.Select(c => c.Id)),
            ("my-actions", "My actions", MyActions.Select(a => a.CaseId)),
            ("due-for-review", "Cases due for review", DueForReview.Select(c => c.Id)),
            ("high-risk", "High-risk cases", HighRisk.Select(c => c.Id)),
            ("repeat-victims", "Cases with a repeat victim", RepeatVictims.Select(c => c.Id)),
        }.Concat(StrandLists.Select(l => (l.Key, l.Table.Caption, l.Table.Rows.Select(r => r.Id)))))
        {
            var ids = listed.ToList();
            audit.Add(new AuditEntry(AuditActions.View, "case-list", key,
                $"work list “{name}”: {ids.Count} row{(ids.Count == 1 ? "" : "s")}{(ids.Count == 0 ? "" : "; cases " + string.Join(",", ids.Distinct()))}"));
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Results = await Rows(await CaseSearch.SearchAsync(db, User, Q, ct), ct);
            audit.Add(new AuditEntry(AuditActions.Search, "case", null, $"case search: {Q.Trim()} ({Results.Count} results)"));
        }
        await db.SaveChangesAsync(ct);
    }

    static Task<List<CaseRow>> Rows(IQueryable<Case> cases, CancellationToken ct) =>
        cases.OrderBy(c => c.NextReviewDate == null).ThenBy(c => c.NextReviewDate).ThenByDescending(c => c.Id).Take(100)
            .Select(c => new CaseRow(c.Id, c.Reference, c.Title, c.Type, c.Status, c.LeadAgency!.Name, c.CurrentRiskBand, c.NextReviewDate))
            .ToListAsync(ct);
}
