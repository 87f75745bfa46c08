using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.DomesticAbuse.Rules;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse;

/// <summary>Someone on the referral, as the user may see them.</summary>
public sealed record ReferralPerson(int PersonId, string Name, DateOnly? DateOfBirth);

/// <summary>
/// What a Marac referral is prefilled with: the completed DASH (answers, band, red flags), the case's victim, perpetrators
/// and children in the household, and the criteria the data meet.
/// </summary>
public sealed record MaracReferralDraft(
    DashRecord Dash,
    ReferralPerson? Victim,
    IReadOnlyList<ReferralPerson> Perpetrators,
    IReadOnlyList<ReferralPerson> Children,
    int IncidentsInWindow,
    DateOnly? LastReferralOn,
    IReadOnlyList<MaracCriterion> Criteria);

/// <summary>What the referrer adds to the DASH: consent, the reason and anything else to share.</summary>
public sealed record MaracReferralInput(ConsentDecision? Consent, string? ConsentOverrideReason, string? Reason, string? OtherInformation);

public sealed class MaracReferralService(AppDb db, CaseService cases, AuditLog audit, DomesticAbuseOptions options)
{
    public DomesticAbuseOptions Options => options;

    DateOnly Today => UkTime.Today(cases.Now);

    /// <summary>The latest completed DASH on the case, or the one named.</summary>
    public Task<DashRecord?> CompletedDashAsync(int caseId, int? dashId, CancellationToken ct) =>
        db.Set<DashRecord>().AsNoTracking()
            .Where(d => d.CaseId == caseId && d.Status == DashStatus.Completed && (dashId == null || d.Id == dashId))
            .OrderByDescending(d => d.CompletedUtc).ThenByDescending(d => d.Id).FirstOrDefaultAsync(ct);

    /// <summary>The referral prefilled from the DASH and the case (only people the user may see are named).</summary>
    public async Task<MaracReferralDraft> DraftAsync(ClaimsPrincipal user, Case c, DashRecord dash, CancellationToken ct)
    {
        var visible = CaseAccess.People(db, user).Select(p => p.Id);
        var people = await db.Set<CasePerson>().AsNoTracking().Where(p => p.CaseId == c.Id && visible.Contains(p.PersonId))
            .Select(p => new { p.PersonId, p.Role, p.Person!.Forename, p.Person.Surname, p.Person.DateOfBirth }).ToListAsync(ct);
        ReferralPerson Of(int id, string f, string s, DateOnly? dob) => new(id, $"{f} {s}", dob);
        var victimId = dash.VictimPersonId ?? people.FirstOrDefault(p => p.Role == CasePersonRole.Victim)?.PersonId;
        var victim = people.Where(p => p.PersonId == victimId).Select(p => Of(p.PersonId, p.Forename, p.Surname, p.DateOfBirth)).FirstOrDefault();
        var perpetrators = people.Where(p => p.Role == CasePersonRole.Perpetrator).Select(p => Of(p.PersonId, p.Forename, p.Surname, p.DateOfBirth)).ToList();
        // Children in the household: family members on the case under 18 today.
        var today = Today;
        var children = people.Where(p => p.Role == CasePersonRole.FamilyMember && p.DateOfBirth is { } dob && dob.AddYears(18) > today)
            .Select(p => Of(p.PersonId, p.Forename, p.Surname, p.DateOfBirth)).ToList();

        var incidentDates = victimId is { } vid ? await DaIncidentDatesAsync(vid, ct) : [];
        var last = victimId is { } v2 ? await LastReferralOnAsync(v2, perpetrators.Select(p => (int?)p.PersonId).FirstOrDefault(), ct) : null;
        var facts = new MaracFacts(dash.YesCount ?? 0, dash.FinalBand ?? RiskBand.Standard, incidentDates, last, today);
        var criteria = MaracCriteria.Met(facts, options.Bands, options.Marac);
        return new(dash, victim, perpetrators, children, MaracCriteria.IncidentsInWindow(incidentDates, today, options.Marac.EscalationMonths), last, criteria);
    }

    /// <summary>UK dates of the domestic abuse incidents in which the person is the victim, from any agency.</summary>
    public async Task<IReadOnlyList<DateOnly>> DaIncidentDatesAsync(int victimId, CancellationToken ct)
    {
        var times = await db.Set<IncidentPerson>().AsNoTracking()
            .Where(p => p.PersonId == victimId && p.Role == IncidentRole.Victim && p.Incident!.Strand == DomesticAbuseStrand.Code)
            .Select(p => p.Incident!.OccurredUtc).ToListAsync(ct);
        return times.Select(UkTime.Today).ToList();
    }

    /// <summary>The date of the victim's last Marac referral (with the same perpetrator when one is known), from any case.</summary>
    public async Task<DateOnly?> LastReferralOnAsync(int victimId, int? perpetratorId, CancellationToken ct)
    {
        var last = await db.Set<MaracReferral>().AsNoTracking()
            .Where(r => r.VictimPersonId == victimId && (perpetratorId == null || r.PerpetratorPersonId == null || r.PerpetratorPersonId == perpetratorId))
            .OrderByDescending(r => r.ReferredUtc).Select(r => (DateTime?)r.ReferredUtc).FirstOrDefaultAsync(ct);
        return last is { } utc ? UkTime.Today(utc) : null;
    }

    /// <summary>
    /// Makes the referral. Consent is required as a decision; when it was not given (refused or not sought) the reason for
    /// going ahead is required too, as Marac protocols allow referral without consent where the risk is high. A referral
    /// meeting no criterion is refused: professional judgement is recorded on the DASH by raising its band.
    /// Error keys: <c>Consent</c>, <c>ConsentOverrideReason</c>, <c>Reason</c>, <c>OtherInformation</c>, <c>Criteria</c>.
    /// </summary>
    public async Task<(MaracReferral? Referral, IReadOnlyDictionary<string, string> Errors)> ReferAsync(ClaimsPrincipal user, Case c, MaracReferralDraft draft,
        MaracReferralInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.Consent is not { } consent || !Enum.IsDefined(consent))
        {
            errors["Consent"] = "Select whether the victim consented to the referral";
        }
        else if (consent != ConsentDecision.Given && string.IsNullOrWhiteSpace(input.ConsentOverrideReason))
        {
            errors["ConsentOverrideReason"] = consent == ConsentDecision.Refused
                ? "Enter why the referral goes ahead although the victim refused consent (for example, the risk is high)"
                : "Enter why consent was not sought (for example, seeking it would increase the risk)";
        }
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            errors["Reason"] = "Enter the reason for the referral";
        }
        else if (input.Reason.Length > 4000)
        {
            errors["Reason"] = "Reason must be 4,000 characters or fewer";
        }
        if (input.OtherInformation?.Length > 8000)
        {
            errors["OtherInformation"] = "Other information must be 8,000 characters or fewer";
        }
        if (draft.Criteria.Count == 0)
        {
            errors["Criteria"] = "This case meets no Marac criterion. If you judge the risk to be high, raise the band on the DASH with your reason first";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var now = cases.Now;
        var referral = new MaracReferral
        {
            CaseId = c.Id,
            DashRecordId = draft.Dash.Id,
            VictimPersonId = draft.Victim?.PersonId ?? draft.Dash.VictimPersonId,
            PerpetratorPersonId = draft.Perpetrators.Select(p => (int?)p.PersonId).FirstOrDefault(),
            Criteria = string.Join(",", draft.Criteria),
            Consent = input.Consent!.Value,
            ConsentOverrideReason = input.Consent == ConsentDecision.Given ? null : input.ConsentOverrideReason!.Trim(),
            ReferringAgencyId = user.AgencyId() ?? throw new InvalidOperationException("The user has no agency."),
            Reason = input.Reason!.Trim(),
            OtherInformation = string.IsNullOrWhiteSpace(input.OtherInformation) ? null : input.OtherInformation.Trim(),
            IsRepeat = draft.Criteria.Contains(MaracCriterion.Repeat),
            Status = MaracReferralStatus.Referred,
            ReferredByUserId = user.UserId(),
            ReferredByName = user.DisplayName(),
            ReferredUtc = now,
            UpdatedUtc = now,
        };
        db.Add(referral);
        cases.Changed(user, c.Id, CaseEventKinds.StrandStep,
            $"Referred to the Marac{(referral.IsRepeat ? " (repeat)" : "")}: {string.Join("; ", draft.Criteria.Select(MaracCriteria.Describe))}");
        // One save: the referral, its timeline line and its audit entry are kept or lost together (ADR 0004).
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "da-marac-referral", referral.Id.ToString(CultureInfo.InvariantCulture),
            $"Case {c.Reference}: Marac referral from DASH {draft.Dash.Id}; criteria {referral.Criteria}; consent {referral.Consent}"));
        await db.SaveChangesAsync(ct);
        return (referral, errors);
    }
}
