using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// The need-to-know rule, in one place (SEC-AUTHZ-01). Pages and endpoints ask it; none adds a rule of its own.
/// <list type="bullet">
/// <item><b>Cases.</b> A case and everything under it (people links, notes, documents, actions, reviews, risk
/// assessments) is visible only to users with a case-work role (<see cref="Policies.CaseWork"/>) who belong to the
/// case's lead agency or one of its partner agencies. A <see cref="CaseAccessLevel.Restricted"/> case narrows that to
/// its named members (<see cref="CaseMember"/>, the lead officer included) and the lead agency's agency managers: the
/// managers answer for the lead agency's cases and decide the team (<see cref="CanManageTeam"/>), so they must be able to
/// reach a restricted case when its lead officer is away or leaves. A partner agency's manager is not told of it.</item>
/// <item><b>People.</b> A person is visible to the agency that recorded them (<see cref="Person.CreatedByAgencyId"/>,
/// the owning agency), and through a visible case only when the owning agency works that case too (leads it or is a
/// partner). Linking someone else's person to your own case or incident is allowed (that is what a signpost is for,
/// issue #4) and tells the owning agency, but it opens nothing: seeing them takes a share from the owning agency or a
/// case both agencies work. Without this condition "linked to a visible case" would be a side door: open a case, link
/// any signposted person, read their record.</item>
/// <item><b>Incidents.</b> The same shape: visible to the reporting agency, and through a visible case only when the
/// reporting agency works that case.</item>
/// <item><b>Places</b> (addresses) have no owner of their own: a place is visible when it is the place of a visible
/// incident, an address of a visible person, or linked to a visible case. A place id given by a client is accepted
/// only when it is visible, so a guessed id cannot attach someone else's address to a new record. A place linked to a
/// restricted case is a restricted field (a safe address): it is withheld from everyone who cannot see that case,
/// wherever else it appears (a person's addresses, an incident).</item>
/// </list>
/// Everything else gets the same answer as an id that does not exist (404), and the refusal is audited
/// (<c>authz.denied</c>, <see cref="AccessRefusals"/>). A linked person the user may not see is shown only as a
/// signpost ("held by X; contact them"), never by name, even when the user typed the name themselves.
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
        var me = user.UserId() ?? Guid.Empty;
        var manager = user.IsInRole(Roles.AgencyManager);
        return db.Set<Case>().Where(c => (c.LeadAgencyId == id || db.Set<CaseAgency>().Any(a => a.CaseId == c.Id && a.AgencyId == id)) &&
            (c.AccessLevel == CaseAccessLevel.AgencyWide || (manager && c.LeadAgencyId == id) ||
             db.Set<CaseMember>().Any(m => m.CaseId == c.Id && m.UserId == me)));
    }

    /// <summary>Cases restricted to named members that the user may not see: their places are withheld.</summary>
    static IQueryable<int> HiddenRestrictedCaseIds(AppDb db, ClaimsPrincipal user)
    {
        var visible = VisibleCaseIds(db, user);
        return db.Set<Case>().Where(c => c.AccessLevel == CaseAccessLevel.Restricted && !visible.Contains(c.Id)).Select(c => c.Id);
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
        var cases = Cases(db, user);
        return db.Set<Person>().Where(p =>
            p.CreatedByAgencyId == id ||
            db.Set<CasePerson>().Any(cp => cp.PersonId == p.Id && cases.Any(c => c.Id == cp.CaseId &&
                (c.LeadAgencyId == p.CreatedByAgencyId || db.Set<CaseAgency>().Any(a => a.CaseId == c.Id && a.AgencyId == p.CreatedByAgencyId)))));
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
        var cases = Cases(db, user);
        return db.Set<Incident>().Where(i =>
            i.ReportingAgencyId == id ||
            db.Set<CaseIncident>().Any(ci => ci.IncidentId == i.Id && cases.Any(c => c.Id == ci.CaseId &&
                (c.LeadAgencyId == i.ReportingAgencyId || db.Set<CaseAgency>().Any(a => a.CaseId == c.Id && a.AgencyId == i.ReportingAgencyId)))));
    }

    public static Task<bool> CanSeeIncidentAsync(AppDb db, ClaimsPrincipal user, int incidentId, CancellationToken ct) =>
        Incidents(db, user).AnyAsync(i => i.Id == incidentId, ct);

    public static IQueryable<Place> Places(AppDb db, ClaimsPrincipal user)
    {
        if (CaseAgency(user) is null)
        {
            return db.Set<Place>().Where(p => false);
        }
        var incidents = Incidents(db, user);
        var people = People(db, user);
        var cases = Cases(db, user);
        var withheld = HiddenRestrictedCaseIds(db, user);
        return db.Set<Place>().Where(pl =>
            (incidents.Any(i => i.PlaceId == pl.Id) ||
             db.Set<PersonAddress>().Any(a => a.PlaceId == pl.Id && people.Any(p => p.Id == a.PersonId)) ||
             db.Set<CasePlace>().Any(cp => cp.PlaceId == pl.Id && cases.Any(c => c.Id == cp.CaseId))) &&
            !db.Set<CasePlace>().Any(cp => cp.PlaceId == pl.Id && withheld.Contains(cp.CaseId)));
    }

    public static Task<bool> CanSeePlaceAsync(AppDb db, ClaimsPrincipal user, int placeId, CancellationToken ct) =>
        Places(db, user).AnyAsync(p => p.Id == placeId, ct);
}
