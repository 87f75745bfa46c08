using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse.Idva;

/// <summary>What the adviser sees at intake, without re-keying: the risk level the referral came with, the answers the
/// referrer shared under the referral's terms (including the people named in them), and the referral's reason.</summary>
public sealed record IdvaIntake(int ReferralId, string ServiceName, string ReferringAgency, DateTime ReferredUtc, string Reason, RiskBand? RiskLevel,
    string Consent, IReadOnlyList<SharedFieldView> Shared, int? IdvaCaseId);

public sealed record AdviserLoad(Guid UserId, string Name, int Open, int Capacity, int? PercentOfCapacity);

public sealed record Caseload(string ServiceName, IReadOnlyList<AdviserLoad> Advisers, int Unassigned, int Open, int Capacity, int? PercentOfCapacity);

public sealed record IdvaFigures(int Open, int Closed, int ClosedWithRiskReduced, bool Suppressed)
{
    public string Show(int count) => Suppressed && IdvaRules.ForBoard(count) is null ? $"fewer than {IdvaRules.SmallCount}" : count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// IDVA casework on the core's referrals: intake of a referral to an IDVA service, adviser assignment, contacts, the
/// safety plan, support needs, onward referrals and closure. Only the service provider's workers reach any of it
/// (<see cref="ReferralAccess.IsProvider"/>); others get "not found", audited as <c>authz.denied</c>. Each change and
/// its audit entry commit together; changes carry the version the adviser read (a stale one is a conflict).
/// </summary>
public sealed class IdvaService(AppDb db, AuditLog audit, TimeProvider clock)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>IDVA services the user works for (their agency provides them and they are a provider worker or manager).</summary>
    public IQueryable<CommissionedService> MyServices(ClaimsPrincipal user)
    {
        var agency = user.AgencyId();
        var provider = agency is not null && CaseAccess.HasCaseWorkRole(user) && (user.IsInRole(Roles.ProviderWorker) || user.IsInRole(Roles.AgencyManager));
        return db.Set<CommissionedService>().Where(s => provider && s.ProviderAgencyId == agency && s.Kind == ServiceKind.DomesticAbuseAdvocacy);
    }

    /// <summary>Referrals made to the user's IDVA services: the only referrals the IDVA side sees.</summary>
    public IQueryable<Referral> MyReferrals(ClaimsPrincipal user)
    {
        var services = MyServices(user).Select(s => s.Id);
        return ReferralAccess.ToMyServices(db, user).Where(r => services.Contains(r.ServiceId));
    }

    public IQueryable<IdvaCase> MyCases(ClaimsPrincipal user)
    {
        var services = MyServices(user).Select(s => s.Id);
        return db.Set<IdvaCase>().Where(c => services.Contains(c.ServiceId));
    }

    async Task DeniedAsync(string type, int id, string why, CancellationToken ct) =>
        await audit.WriteAsync(new AuditEntry(AccessRefusals.Action, type, Id(id), why, Outcome: AuditOutcome.Denied), ct);

    /// <summary>The intake picture of a referral to the user's IDVA service (null: not found, refusal audited).</summary>
    public async Task<IdvaIntake?> IntakeAsync(ClaimsPrincipal user, int referralId, CancellationToken ct)
    {
        var r = await MyReferrals(user).AsNoTracking().Include(x => x.Service).Include(x => x.ReferringAgency).Include(x => x.SharedFields)
            .FirstOrDefaultAsync(x => x.Id == referralId, ct);
        if (r is null)
        {
            await DeniedAsync("referral", referralId, "not a referral to the user's IDVA service", ct);
            return null;
        }
        var existing = await db.Set<IdvaCase>().Where(c => c.ReferralId == r.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        var risk = await RiskOfAsync(r, existing, ct);
        await audit.ViewedAsync("referral", Id(r.Id), "IDVA intake", ct);
        return new IdvaIntake(r.Id, r.Service!.Name, r.ReferringAgency?.Name ?? "", r.ReferredUtc, r.Reason, risk, r.Consent.ToString(),
            [.. r.SharedFields.Select(f => new SharedFieldView(f.Field, SharedFields.Display(f.Field), f.Value))], existing);
    }

    /// <summary>
    /// The risk level the referral carries: the referring case's current band (the DASH result once it is graded),
    /// read here on the server so the provider learns the level without being given the case.
    /// </summary>
    async Task<RiskBand?> RiskOfAsync(Referral r, int? idvaCaseId, CancellationToken ct)
    {
        if (idvaCaseId is int id)
        {
            return await db.Set<IdvaCase>().Where(c => c.Id == id).Select(c => c.RiskAtIntake).FirstAsync(ct);
        }
        return r.CaseId is int caseId ? await db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.CurrentRiskBand).FirstOrDefaultAsync(ct) : null;
    }

    /// <summary>Opens the IDVA case for a referral to the user's service, prefilled from it, optionally with an adviser.</summary>
    public async Task<OpResult> OpenAsync(ClaimsPrincipal user, int referralId, Guid? adviserUserId, CancellationToken ct)
    {
        var r = await MyReferrals(user).Include(x => x.Service).FirstOrDefaultAsync(x => x.Id == referralId, ct);
        if (r is null)
        {
            await DeniedAsync("referral", referralId, "not a referral to the user's IDVA service", ct);
            return OpResult.Missing;
        }
        if (await db.Set<IdvaCase>().AnyAsync(c => c.ReferralId == r.Id, ct))
        {
            return OpResult.Bad(new() { ["referralId"] = "This referral already has an IDVA case: open it from the caseload" });
        }
        if (r.Status is ReferralStatus.Declined)
        {
            return OpResult.Bad(new() { ["referralId"] = "This referral was declined: it cannot be taken on" });
        }
        var adviser = await AdviserAsync(r.ServiceId, adviserUserId, ct);
        if (adviserUserId is not null && adviser is null)
        {
            return OpResult.Bad(new() { ["adviserUserId"] = "Choose an adviser of this IDVA service" });
        }
        var now = Now;
        var c = new IdvaCase
        {
            ReferralId = r.Id, ServiceId = r.ServiceId, AdviserUserId = adviser?.UserId, AdviserName = adviser?.Name,
            RiskAtIntake = await RiskOfAsync(r, null, ct), OpenedUtc = now, OpenedByName = user.DisplayName(), UpdatedUtc = now,
        };
        // Intake accepts the referral on the core's referral record too, so the referrer's clocks and status move.
        if (r.Status == ReferralStatus.Referred)
        {
            r.Status = ReferralStatus.Accepted;
            r.DecidedUtc = now;
            r.DecidedByName = user.DisplayName();
            r.UpdatedUtc = now;
            audit.Add(new AuditEntry(AuditActions.Change, "referral", Id(r.Id), "accepted at IDVA intake"));
        }
        db.Add(c);
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "idva-case", Id(c.Id), $"IDVA intake of referral {r.Id}"));
        await db.SaveChangesAsync(ct);
        return OpResult.Ok(c.Id);
    }

    async Task<IdvaAdviser?> AdviserAsync(int serviceId, Guid? userId, CancellationToken ct) =>
        userId is null ? null : await db.Set<IdvaAdviser>().AsNoTracking().FirstOrDefaultAsync(a => a.ServiceId == serviceId && a.UserId == userId, ct);

    /// <summary>The IDVA case with everything under it (null: not found, refusal audited; the view is audited).</summary>
    public async Task<IdvaCase?> FindAsync(ClaimsPrincipal user, int id, CancellationToken ct, bool audited = true)
    {
        var c = await MyCases(user).AsNoTracking().Include(x => x.Contacts).Include(x => x.SafetyPlan).Include(x => x.OnwardReferrals)
            .Include(x => x.Referral!).ThenInclude(r => r.SharedFields).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            await DeniedAsync("idva-case", id, "not a case of the user's IDVA service", ct);
            return null;
        }
        if (audited)
        {
            await audit.ViewedAsync("idva-case", Id(id), "IDVA case", ct);
        }
        return c;
    }

    /// <summary>Loads the case tracked for a change, checking access and the version the user read.</summary>
    async Task<(IdvaCase? Case, OpResult? Refusal)> ForChangeAsync(ClaimsPrincipal user, int id, int? version, CancellationToken ct)
    {
        var c = await MyCases(user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            await DeniedAsync("idva-case", id, "not a case of the user's IDVA service", ct);
            return (null, OpResult.Missing);
        }
        if (version is null)
        {
            return (null, OpResult.Bad(new() { ["version"] = "Send the version of the case you read" }));
        }
        if (c.Version != version)
        {
            return (null, OpResult.Stale);
        }
        return (c, null);
    }

    async Task<OpResult> SaveAsync(IdvaCase c, string what, CancellationToken ct)
    {
        c.UpdatedUtc = Now;
        audit.Add(new AuditEntry(AuditActions.Change, "idva-case", Id(c.Id), what));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return OpResult.Stale;
        }
        return OpResult.Ok(c.Id);
    }

    public async Task<OpResult> AssignAsync(ClaimsPrincipal user, int id, int? version, Guid? adviserUserId, CancellationToken ct)
    {
        var (c, refusal) = await ForChangeAsync(user, id, version, ct);
        if (c is null)
        {
            return refusal!;
        }
        var adviser = await AdviserAsync(c.ServiceId, adviserUserId, ct);
        if (adviser is null)
        {
            return OpResult.Bad(new() { ["adviserUserId"] = "Choose an adviser of this IDVA service" });
        }
        c.AdviserUserId = adviser.UserId;
        c.AdviserName = adviser.Name;
        return await SaveAsync(c, $"assigned to {adviser.Name}", ct);
    }

    public async Task<OpResult> AddSafetyMeasureAsync(ClaimsPrincipal user, int id, int? version, string? measure, string? status, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(measure))
        {
            errors["measure"] = "Enter the safety measure, like \"panic alarm fitted\"";
        }
        else if (measure.Trim().Length > 500)
        {
            errors["measure"] = "The safety measure must be 500 characters or fewer";
        }
        var s = ParseStatus(status, errors);
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        var (c, refusal) = await ForChangeAsync(user, id, version, ct);
        if (c is null)
        {
            return refusal!;
        }
        if (c.Status == IdvaCaseStatus.Closed)
        {
            return OpResult.Bad(new() { ["measure"] = "The case is closed: reopen it with a new referral" });
        }
        db.Add(new SafetyMeasure { IdvaCaseId = c.Id, Measure = measure!.Trim(), Status = s!.Value, UpdatedUtc = Now, UpdatedByName = user.DisplayName() });
        return await SaveAsync(c, "safety measure added", ct);
    }

    public async Task<OpResult> SetSafetyMeasureStatusAsync(ClaimsPrincipal user, int id, int? version, int measureId, string? status, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var s = ParseStatus(status, errors);
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        var (c, refusal) = await ForChangeAsync(user, id, version, ct);
        if (c is null)
        {
            return refusal!;
        }
        var m = await db.Set<SafetyMeasure>().FirstOrDefaultAsync(x => x.Id == measureId && x.IdvaCaseId == c.Id, ct);
        if (m is null)
        {
            return OpResult.Missing;
        }
        m.Status = s!.Value;
        m.UpdatedUtc = Now;
        m.UpdatedByName = user.DisplayName();
        return await SaveAsync(c, $"safety measure now {s}", ct);
    }

    static SafetyMeasureStatus? ParseStatus(string? status, Dictionary<string, string> errors)
    {
        if (Enum.TryParse<SafetyMeasureStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s))
        {
            return s;
        }
        errors["status"] = "Select the measure's status: Planned, InPlace, Declined or NoLongerNeeded";
        return null;
    }

    public async Task<OpResult> AddContactAsync(ClaimsPrincipal user, int id, int? version, DateOnly? date, string? method, bool reached, string? notes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var today = UkTime.Today(Now);
        if (date is null)
        {
            errors["date"] = "Enter the date of the contact";
        }
        else if (date > today)
        {
            errors["date"] = "The date of the contact must be today or in the past";
        }
        if (!Enum.TryParse<IdvaContactMethod>(method, ignoreCase: true, out var m) || !Enum.IsDefined(m))
        {
            errors["method"] = "Select how the contact was made: Phone, InPerson, TextMessage, Email or Letter";
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        var (c, refusal) = await ForChangeAsync(user, id, version, ct);
        if (c is null)
        {
            return refusal!;
        }
        db.Add(new IdvaContact
        {
            IdvaCaseId = c.Id, OccurredUtc = date == today ? Now : UkTime.StartOfUkDayUtc(date!.Value).AddHours(12), Method = m, Reached = reached,
            Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), RecordedByName = user.DisplayName(),
        });
        return await SaveAsync(c, "contact recorded", ct);
    }

    public async Task<OpResult> SetSupportNeedsAsync(ClaimsPrincipal user, int id, int? version, IReadOnlyList<string>? needs, CancellationToken ct)
    {
        var unknown = (needs ?? []).Where(n => !IdvaSupportNeeds.IsKnown(n)).ToList();
        if (unknown.Count > 0)
        {
            return OpResult.Bad(new() { ["needs"] = $"Unknown support need {string.Join(", ", unknown)}: choose from {string.Join(", ", IdvaSupportNeeds.All.Select(n => n.Code))}" });
        }
        var (c, refusal) = await ForChangeAsync(user, id, version, ct);
        if (c is null)
        {
            return refusal!;
        }
        c.SupportNeeds = string.Join(",", (needs ?? []).Distinct());
        return await SaveAsync(c, "support needs recorded", ct);
    }

    public async Task<OpResult> AddOnwardReferralAsync(ClaimsPrincipal user, int id, int? version, string? kind, string? details, DateOnly? madeOn, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (!Enum.TryParse<OnwardReferralKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k))
        {
            errors["kind"] = "Select where the victim was referred: Housing, SanctuaryScheme, CivilOrder or Other";
        }
        if (string.IsNullOrWhiteSpace(details))
        {
            errors["details"] = "Enter who the referral went to and what for";
        }
        if (madeOn is null)
        {
            errors["madeOn"] = "Enter the date the referral was made";
        }
        else if (madeOn > UkTime.Today(Now))
        {
            errors["madeOn"] = "The date the referral was made must be today or in the past";
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        var (c, refusal) = await ForChangeAsync(user, id, version, ct);
        if (c is null)
        {
            return refusal!;
        }
        db.Add(new OnwardReferral { IdvaCaseId = c.Id, Kind = k, Details = details!.Trim(), MadeOn = madeOn!.Value, RecordedByName = user.DisplayName() });
        return await SaveAsync(c, $"onward referral ({k})", ct);
    }

    /// <summary>Closes the case; the risk at closure and the outcome are required (they are the service's outcome measure).</summary>
    public async Task<OpResult> CloseAsync(ClaimsPrincipal user, int id, int? version, string? riskAtClosure, string? outcome, string? notes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (!Enum.TryParse<RiskBand>(riskAtClosure, ignoreCase: true, out var risk) || !Enum.IsDefined(risk))
        {
            errors["riskAtClosure"] = "Select the risk at closure: Standard, Medium or High";
        }
        if (!Enum.TryParse<IdvaOutcome>(outcome, ignoreCase: true, out var o) || !Enum.IsDefined(o))
        {
            errors["outcome"] = "Select the outcome of the support";
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        var (c, refusal) = await ForChangeAsync(user, id, version, ct);
        if (c is null)
        {
            return refusal!;
        }
        if (c.Status == IdvaCaseStatus.Closed)
        {
            return OpResult.Bad(new() { ["outcome"] = "The case is already closed" });
        }
        c.Status = IdvaCaseStatus.Closed;
        c.ClosedUtc = Now;
        c.RiskAtClosure = risk;
        c.Outcome = o;
        c.ClosureNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        return await SaveAsync(c, $"closed: {o}, risk at closure {risk}", ct);
    }

    /// <summary>Open cases per adviser against their capacity, and for the service, for the user's first IDVA service.</summary>
    public async Task<Caseload?> CaseloadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var service = await MyServices(user).AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (service is null)
        {
            return null;
        }
        var advisers = await db.Set<IdvaAdviser>().AsNoTracking().Where(a => a.ServiceId == service.Id).OrderBy(a => a.Name).ToListAsync(ct);
        var open = await db.Set<IdvaCase>().AsNoTracking().Where(c => c.ServiceId == service.Id && c.Status == IdvaCaseStatus.Open)
            .GroupBy(c => c.AdviserUserId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var loads = advisers.Select(a =>
        {
            var n = open.FirstOrDefault(o => o.Key == a.UserId)?.Count ?? 0;
            return new AdviserLoad(a.UserId, a.Name, n, a.Capacity, IdvaRules.PercentOfCapacity(n, a.Capacity));
        }).ToList();
        var total = open.Sum(o => o.Count);
        var capacity = advisers.Sum(a => a.Capacity);
        await audit.ViewedAsync("idva-caseload", Id(service.Id), "IDVA caseload", ct);
        return new Caseload(service.Name, loads, open.Where(o => o.Key is null).Sum(o => o.Count), total, capacity, IdvaRules.PercentOfCapacity(total, capacity));
    }

    /// <summary>Partnership figures (no personal data): cases open and closed, and closed with risk reduced.</summary>
    public async Task<IdvaFigures> FiguresAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var rows = await db.Set<IdvaCase>().AsNoTracking().Select(c => new { c.Status, c.RiskAtIntake, c.RiskAtClosure }).ToListAsync(ct);
        var closed = rows.Where(r => r.Status == IdvaCaseStatus.Closed).ToList();
        return new IdvaFigures(rows.Count(r => r.Status == IdvaCaseStatus.Open), closed.Count, closed.Count(r => IdvaRules.RiskReduced(r.RiskAtIntake, r.RiskAtClosure)),
            Suppressed: user.IsInRole(Roles.BoardMember));
    }
}
