using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>A victim on the case; <see cref="HeldBy"/> (and no id, name or flags) when the viewer may not see them (CaseAccess).</summary>
public sealed record AsbVictimView(int? PersonId, string? Name, DateOnly? DateOfBirth, IReadOnlyList<string> Flags, string? HeldBy = null)
{
    public bool IsRepeatVictim => Flags.Contains(PersonFlagTypes.RepeatVictim);
}

public sealed record AsbIncidentView(int Id, DateTime OccurredUtc, string Category, string Agency, string Place, bool RepeatLocation);

public sealed record AsbActionView(int Id, string Title, string? Owner, string Agency, DateOnly? DueOn, CaseActionStatus Status, bool Overdue, string? Plan, int Version);

public sealed record AsbPowerView(int Id, AsbPower Power, string Subject, DateTime IssuedUtc, DateTime? ExpiresUtc, string AuthorisedBy, int Breaches, bool Expired,
    bool IssuedTimeKnown = true, bool ExpiresTimeKnown = true);

public sealed record AsbCaseReviewView(int Id, DateOnly ReceivedOn, CaseReviewDecision Decision, string Victim);

/// <summary>The ASB picture of one case (victims and flags, incidents, risk, victim action plan, powers, Case Reviews).</summary>
public sealed record AsbCaseSummary(
    Case Case,
    string LeadAgency,
    IReadOnlyList<string> PartnerAgencies,
    IReadOnlyList<AsbVictimView> Victims,
    IReadOnlyList<AsbIncidentView> Incidents,
    RiskAssessmentRecord? LatestRisk,
    bool ActionPlanRequired,
    bool ActionPlanOutstanding,
    IReadOnlyList<AsbActionView> Actions,
    IReadOnlyList<AsbPowerView> Powers,
    IReadOnlyList<AsbCaseReviewView> CaseReviews)
{
    public const string VictimActionPlan = "VictimActionPlan";

    /// <summary>The perpetrators on the case, as the victims: a name within need to know, else who holds the record.</summary>
    public IReadOnlyList<AsbVictimView> Perpetrators { get; init; } = [];

    /// <summary>The case as <paramref name="viewer"/> may see it: victims and incidents outside their need to know are signposts or left out.</summary>
    public static async Task<AsbCaseSummary> LoadAsync(AppDb db, System.Security.Claims.ClaimsPrincipal viewer, Case c, DateTime nowUtc, CancellationToken ct)
    {
        var visiblePeople = CaseAccess.People(db, viewer).Select(p => p.Id);
        var visibleIncidents = CaseAccess.Incidents(db, viewer);
        var visiblePlaces = CaseAccess.Places(db, viewer).Select(p => p.Id);
        var today = DateOnly.FromDateTime(AsbTime.ToUk(nowUtc));
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var partners = await db.Set<CaseAgency>().AsNoTracking().Where(a => a.CaseId == c.Id).Select(a => a.AgencyId).ToListAsync(ct);
        var victims = await db.Set<CasePerson>().AsNoTracking()
            .Where(p => p.CaseId == c.Id && p.Role == CasePersonRole.Victim)
            .Select(p => new
            {
                p.PersonId,
                Visible = visiblePeople.Contains(p.PersonId),
                HeldBy = p.Person!.CreatedByAgency!.Name,
                p.Person!.Forename,
                p.Person.MiddleNames,
                p.Person.Surname,
                p.Person.DateOfBirth,
                Flags = p.Person.Flags.Where(f => f.Active).Select(f => f.Type).ToList(),
            })
            .ToListAsync(ct);
        var victimIds = victims.Select(v => v.PersonId).ToList();
        var perpetrators = await db.Set<CasePerson>().AsNoTracking()
            .Where(p => p.CaseId == c.Id && p.Role == CasePersonRole.Perpetrator)
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.PersonId,
                Visible = visiblePeople.Contains(p.PersonId),
                HeldBy = p.Person!.CreatedByAgency!.Name,
                p.Person!.Forename,
                p.Person.Surname,
                p.Person.DateOfBirth,
            })
            .ToListAsync(ct);
        var repeatPlaces = await db.Set<AsbRepeatLocation>().AsNoTracking().Where(r => r.Active).Select(r => r.PlaceId).ToListAsync(ct);
        var incidents = await visibleIncidents.AsNoTracking()
            .Where(i => i.Strand == AsbStrand.Code
                && (db.Set<CaseIncident>().Any(ci => ci.CaseId == c.Id && ci.IncidentId == i.Id)
                    || i.People.Any(p => victimIds.Contains(p.PersonId) && p.Role == IncidentRole.Victim)))
            .OrderByDescending(i => i.OccurredUtc)
            .Select(i => new { i.Id, i.OccurredUtc, i.CategoryCode, i.ReportingAgencyId, i.PlaceId, Place = i.Place == null || !visiblePlaces.Contains(i.Place.Id) ? "" : i.Place.Line1 + (i.Place.Postcode == null ? "" : ", " + i.Place.Postcode) })
            .ToListAsync(ct);
        var latestRisk = await db.Set<RiskAssessmentRecord>().AsNoTracking()
            .Where(r => r.CaseId == c.Id).OrderByDescending(r => r.AssessedUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var actions = await db.Set<CaseAction>().AsNoTracking().Where(a => a.CaseId == c.Id).OrderBy(a => a.DueDate).ThenBy(a => a.Id).ToListAsync(ct);
        var ownerIds = actions.Where(a => a.OwnerUserId != null).Select(a => a.OwnerUserId!.Value).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var powers = await db.Set<Orders.Order>().AsNoTracking().Where(p => p.CaseId == c.Id && AsbOrderTypes.AllCodes.Contains(p.TypeCode)).OrderBy(p => p.IssuedUtc)
            .Select(p => new { p.Id, p.TypeCode, p.SubjectDescription, p.IssuedUtc, p.ExpiresUtc, p.AuthorisedBy, Breaches = p.Breaches.Count, p.IssuedTimeKnown, p.ExpiresTimeKnown })
            .ToListAsync(ct);
        var reviews = await db.Set<AsbCaseReview>().AsNoTracking().Where(r => r.CaseId == c.Id).OrderBy(r => r.ReceivedOn)
            .Select(r => new AsbCaseReviewView(r.Id, r.ReceivedOn, r.Decision,
                visiblePeople.Contains(r.VictimPersonId) ? r.VictimPerson!.Forename + " " + r.VictimPerson.Surname : "victim held by " + r.VictimPerson!.CreatedByAgency!.Name))
            .ToListAsync(ct);

        var required = latestRisk is not null && AsbVictimRiskInstrument.RequiresVictimActionPlan(latestRisk.FinalBand);
        var planActions = actions.Count(a => a.Plan == VictimActionPlan && a.Status != CaseActionStatus.Cancelled);
        return new AsbCaseSummary(
            c,
            agencies.GetValueOrDefault(c.LeadAgencyId, ""),
            partners.Select(p => agencies.GetValueOrDefault(p, "")).Order(StringComparer.Ordinal).ToList(),
            victims.Select(v => v.Visible
                ? new AsbVictimView(v.PersonId, string.IsNullOrWhiteSpace(v.MiddleNames) ? $"{v.Forename} {v.Surname}" : $"{v.Forename} {v.MiddleNames} {v.Surname}", v.DateOfBirth, v.Flags)
                : new AsbVictimView(null, null, null, [], v.HeldBy ?? "the partnership's administrator")).ToList(),
            incidents.Select(i => new AsbIncidentView(i.Id, i.OccurredUtc, AsbStrand.CategoryName(i.CategoryCode), agencies.GetValueOrDefault(i.ReportingAgencyId, ""), i.Place,
                i.PlaceId is { } pl && repeatPlaces.Contains(pl))).ToList(),
            latestRisk,
            required,
            required && planActions == 0,
            actions.Select(a => new AsbActionView(a.Id, a.Title, a.OwnerUserId is { } o ? owners.GetValueOrDefault(o) : null, agencies.GetValueOrDefault(a.AgencyId, ""),
                a.DueDate, a.Status, a.IsOverdue(today), a.Plan, a.Version)).ToList(),
            powers.Select(p => new AsbPowerView(p.Id, AsbOrderTypes.PowerOf(p.TypeCode)!.Value, p.SubjectDescription, p.IssuedUtc, p.ExpiresUtc, p.AuthorisedBy, p.Breaches, p.ExpiresUtc is { } e && nowUtc >= e,
                p.IssuedTimeKnown, p.ExpiresTimeKnown)).ToList(),
            reviews)
        {
            Perpetrators = perpetrators.Select(p => p.Visible
                ? new AsbVictimView(p.PersonId, $"{p.Forename} {p.Surname}", p.DateOfBirth, [])
                : new AsbVictimView(null, null, null, [], p.HeldBy ?? "the partnership's administrator")).ToList(),
        };
    }

    public static string PowerName(AsbPower power) => power switch
    {
        AsbPower.CommunityProtectionWarning => "Community protection warning (CPW)",
        AsbPower.CommunityProtectionNotice => "Community protection notice (CPN)",
        AsbPower.CivilInjunction => "Civil injunction",
        AsbPower.CriminalBehaviourOrder => "Criminal behaviour order (CBO)",
        AsbPower.ClosureNotice => "Closure notice",
        AsbPower.ClosureOrder => "Closure order",
        AsbPower.PublicSpacesProtectionOrder => "Public spaces protection order (PSPO)",
        AsbPower.DispersalDirection => "Dispersal direction",
        AsbPower.AcceptableBehaviourContract => "Acceptable behaviour contract (ABC)",
        _ => power.ToString(),
    };

    public static string DecisionName(CaseReviewDecision d) => d switch
    {
        CaseReviewDecision.ThresholdMet => "Threshold met",
        CaseReviewDecision.ThresholdNotMet => "Threshold not met",
        _ => "Decision pending",
    };
}
