using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// The need-to-know rule, in one place (SEC-AUTHZ-01). A case and everything under it (people links,
/// notes, documents, actions, reviews, risk assessments) is visible only to users who hold a case-work
/// role (<see cref="Policies.CaseWork"/>) and belong to the case's lead agency or one of its partner
/// agencies. Every query over cases starts from <see cref="Cases"/> or <see cref="VisibleCaseIds"/>, so
/// lists, searches, exports and guessed ids all get the same answer: not found.
/// People and incidents are personal data too: a person is visible when they are linked to a visible case
/// or were recorded by the user's own agency; an incident when its reporting agency is the user's or it is
/// linked to a visible case. Others found by search get only a signpost (see <c>PeopleSearch</c>).
/// </summary>
public static class CaseAccess
{
    public static bool HasCaseWorkRole(ClaimsPrincipal user) =>
        user.IsInRole(Roles.CaseOfficer) || user.IsInRole(Roles.AgencyManager) || user.IsInRole(Roles.ProviderWorker);

    /// <summary>
    /// Who decides the case team (lead officer, partner agencies, case members): users of the lead agency with a
    /// case-work role who are its agency managers or the case's lead officer. Partner agencies work the case but do not
    /// decide who else sees it, because adding a partner discloses the case to that agency (ICO Data Sharing Code:
    /// the controller decides what it shares).
    /// </summary>
    public static bool CanManageTeam(ClaimsPrincipal user, Case c) =>
        HasCaseWorkRole(user) && user.AgencyId() == c.LeadAgencyId &&
        (user.IsInRole(Roles.AgencyManager) || (c.LeadOfficerUserId is { } lead && lead == user.UserId()));

    /// <summary>The agency whose cases the user may see, or null when they may see none.</summary>
    static int? CaseAgency(ClaimsPrincipal user) => HasCaseWorkRole(user) ? user.AgencyId() : null;

    public static IQueryable<Case> Cases(AppDb db, ClaimsPrincipal user)
    {
        var agency = CaseAgency(user);
        if (agency is null)
        {
            return db.Set<Case>().Where(c => false);
        }
        var id = agency.Value;
        return db.Set<Case>().Where(c => c.LeadAgencyId == id || db.Set<CaseAgency>().Any(a => a.CaseId == c.Id && a.AgencyId == id));
    }

    public static IQueryable<int> VisibleCaseIds(AppDb db, ClaimsPrincipal user) => Cases(db, user).Select(c => c.Id);

    public static Task<bool> CanSeeCaseAsync(AppDb db, ClaimsPrincipal user, int caseId, CancellationToken ct) =>
        Cases(db, user).AnyAsync(c => c.Id == caseId, ct);

    public static IQueryable<Person> People(AppDb db, ClaimsPrincipal user)
    {
        var agency = CaseAgency(user);
        if (agency is null)
        {
            return db.Set<Person>().Where(p => false);
        }
        var id = agency.Value;
        var caseIds = VisibleCaseIds(db, user);
        return db.Set<Person>().Where(p =>
            p.CreatedByAgencyId == id ||
            db.Set<CasePerson>().Any(cp => cp.PersonId == p.Id && caseIds.Contains(cp.CaseId)));
    }

    public static Task<bool> CanSeePersonAsync(AppDb db, ClaimsPrincipal user, int personId, CancellationToken ct) =>
        People(db, user).AnyAsync(p => p.Id == personId, ct);

    public static IQueryable<Incident> Incidents(AppDb db, ClaimsPrincipal user)
    {
        var agency = CaseAgency(user);
        if (agency is null)
        {
            return db.Set<Incident>().Where(i => false);
        }
        var id = agency.Value;
        var caseIds = VisibleCaseIds(db, user);
        return db.Set<Incident>().Where(i =>
            i.ReportingAgencyId == id ||
            db.Set<CaseIncident>().Any(ci => ci.IncidentId == i.Id && caseIds.Contains(ci.CaseId)));
    }
}
