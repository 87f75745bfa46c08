using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Home;

public sealed record HomeCard(string Title, string Href, string Description);

/// <summary>An open action the user owns, on a case they may see.</summary>
public sealed record HomeAction(int CaseId, string CaseReference, string Title, DateOnly? DueOn, bool Overdue);

/// <summary>
/// Any signed-in user; the cards shown depend on their roles. Users who work cases (any agency: police, council, fire,
/// probation, health) see their own work first: open actions they own, cases they lead, referrals waiting on them and
/// unread alerts, each within need to know (<see cref="CaseAccess"/>, <see cref="ReferralAccess"/>). Board members are
/// told plainly what they can see until the partnership reports exist.
/// </summary>
[Authorize]
public sealed class IndexModel(Strands.StrandCatalogue strands, AppDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int ActionsShown = 10;

    public string AgencyName { get; private set; } = "";
    public IReadOnlyList<HomeCard> Cards { get; private set; } = [];

    /// <summary>Null when the user works no cases (board members, analysts, administrators).</summary>
    public WorkList? Work { get; private set; }

    public bool IsBoardMemberOnly { get; private set; }

    public sealed record WorkList(IReadOnlyList<HomeAction> Actions, int MoreActions, int CasesLed, int ReferralsAwaitingDecision,
        int ReferralsMadeOpen, int UnreadAlerts, bool HasAlertsPage);

    static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["/places"] = "Crime and anti-social behaviour by ward: map, trends, hotspots and the strategic assessment figures.",
        ["/cases"] = "Your cases, actions and reviews for people at risk and people who present risk.",
        ["/people"] = "Find a person known to the partnership (your search and its purpose are recorded).",
        ["/admin"] = "Agencies, users, roles and the audit trail.",
        ["/account"] = "Your details, two-factor sign-in and where you are signed in.",
        ["/services"] = "The partnership's commissioned services: who each is for and what it offers.",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        AgencyName = User.FindFirst(AppClaims.AgencyName)?.Value ?? "";
        var navigation = Navigation.For(User, strands).ToList();
        Cards = navigation.Where(n => n.Href != "/")
            .Select(n => new HomeCard(n.Text, n.Href, n.Description ?? Descriptions.GetValueOrDefault(n.Href, ""))).ToList();
        IsBoardMemberOnly = User.IsInRole(Roles.BoardMember) && !Roles.All.Where(r => r != Roles.BoardMember).Any(User.IsInRole);
        if (CaseAccess.HasCaseWorkRole(User))
        {
            Work = await WorkAsync(navigation.Any(n => n.Href == "/asb"), ct);
            // The work list names cases and actions: a view of case data, so it is recorded.
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "work-list", User.UserId()?.ToString(),
                $"home page: {Work.Actions.Count} action(s) shown, {Work.UnreadAlerts} unread alert(s)"), ct);
        }
    }

    async Task<WorkList> WorkAsync(bool hasAlertsPage, CancellationToken ct)
    {
        var me = User.UserId() ?? Guid.Empty;
        var today = UkTime.Today(clock.GetUtcNow().UtcDateTime);
        var cases = CaseAccess.Cases(db, User);
        var mine = db.Set<CaseAction>().AsNoTracking()
            .Where(a => a.OwnerUserId == me && a.Status == CaseActionStatus.Open && cases.Any(c => c.Id == a.CaseId));
        var total = await mine.CountAsync(ct);
        // Overdue and soonest due first; undated last.
        var actions = await mine.OrderBy(a => a.DueDate == null).ThenBy(a => a.DueDate).ThenBy(a => a.Id).Take(ActionsShown)
            .Select(a => new { a.CaseId, a.Case!.Reference, a.Title, a.DueDate }).ToListAsync(ct);
        var casesLed = await cases.CountAsync(c => c.LeadOfficerUserId == me && c.Status != CaseStatus.Closed, ct);
        var awaiting = await ReferralAccess.ToMyServices(db, User).CountAsync(r => r.Status == ReferralStatus.Referred, ct);
        var madeOpen = await ReferralAccess.MadeByMySide(db, User)
            .CountAsync(r => r.Status == ReferralStatus.Referred || r.Status == ReferralStatus.Accepted || r.Status == ReferralStatus.InProgress, ct);
        var visibleCaseIds = CaseAccess.VisibleCaseIds(db, User);
        var unread = await db.Set<Alert>().AsNoTracking()
            .CountAsync(a => a.UserId == me && a.ReadUtc == null && (a.CaseId == null || visibleCaseIds.Contains(a.CaseId.Value)), ct);
        return new WorkList(
            actions.Select(a => new HomeAction(a.CaseId, a.Reference, a.Title, a.DueDate, a.DueDate is { } d && d < today)).ToList(),
            Math.Max(0, total - actions.Count), casesLed, awaiting, madeOpen, unread, hasAlertsPage);
    }

    public static string Count(int n, string one, string many) => n.ToString("N0", CultureInfo.GetCultureInfo("en-GB")) + " " + (n == 1 ? one : many);
}
