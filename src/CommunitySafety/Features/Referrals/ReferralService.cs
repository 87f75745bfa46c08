using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Features.Referrals.Disclosures;
using CommunitySafety.Features.Referrals.Rules;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals;

public enum Outcome
{
    Done,
    NotFound,
    /// <summary>The user sees the referral but may not do this to it (e.g. the referrer trying to accept).</summary>
    Forbidden,
    Invalid,
    /// <summary>The referral was changed since the user read it; nothing was saved.</summary>
    Conflict,
}

/// <summary>The result of an operation: on Invalid, errors by field (the input's property name) with the message to show.</summary>
public sealed record OpResult(Outcome Outcome, IReadOnlyDictionary<string, string> Errors, int? Id = null)
{
    public static OpResult Ok(int id) => new(Outcome.Done, new Dictionary<string, string>(), id);
    public static readonly OpResult Missing = new(Outcome.NotFound, new Dictionary<string, string>());
    public static readonly OpResult Refused = new(Outcome.Forbidden, new Dictionary<string, string>());
    public static readonly OpResult Stale = new(Outcome.Conflict, new Dictionary<string, string>());
    public static OpResult Bad(Dictionary<string, string> errors) => new(Outcome.Invalid, errors);
}

/// <summary>What a referrer submits. Field names are the API's (camel-cased) and the page's (Input.X).</summary>
public sealed record MakeReferral(
    int? ServiceId,
    int? PersonId,
    int? CaseId,
    string? Reason,
    string? Consent,
    string? ConsentJustification,
    string? LawfulBasis,
    string? SharingPower,
    string? SpecialCategoryCondition,
    IReadOnlyList<string>? SharedFields,
    string? SupportNeeds,
    IReadOnlyList<string>? FireRiskFactors,
    string? EligibilityOverrideReason);

public sealed record ReferralPicture(Person Person, Place? Address, EligibilityFacts Facts, IReadOnlyList<(string Category, DateOnly Date)> Crimes);

/// <summary>
/// Referral operations shared by the pages and the API: making a referral (with its disclosure-log entry) and the
/// provider's decisions and work. Each change, its audit entry and (for referrals from a case) its case-timeline
/// line commit together; status changes carry the version the user read, so a stale one is a conflict.
/// </summary>
public sealed class ReferralService(AppDb db, AuditLog audit, CaseService cases, TimeProvider clock, Strands.StrandCatalogue strands)
{
    /// <summary>The calendar for waiting-time clocks: the same England and Wales working days the case rules use.</summary>
    public static WorkingDays Calendar => WorkingDays.WithKnownOneOffs;

    public const string DeniedAction = "authz.denied";

    DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(UkTime.ToUk(Now));

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Incident categories that count as burglary for eligibility and outcomes.</summary>
    public static readonly IReadOnlyList<string> BurglaryCategories = ["CRIME-BURGLARY", "CRIME-DISTRACTION-BURGLARY"];

    /// <summary>What the referrer may see of the person: the record, current address and crimes they were a victim of.</summary>
    public async Task<ReferralPicture?> PictureAsync(ClaimsPrincipal user, int personId, int? caseId, CancellationToken ct)
    {
        if (!await ReferralAccess.CanReferAsync(db, user, personId, caseId, ct))
        {
            await audit.WriteAsync(new AuditEntry(DeniedAction, "person", Id(personId), $"referral: person {personId}" + (caseId is { } c ? $" from case {c}" : "") + " not visible to the user", Outcome: AuditOutcome.Denied), ct);
            return null;
        }
        var person = await db.Set<Person>().AsNoTracking().Include(p => p.Flags).FirstAsync(p => p.Id == personId, ct);
        var address = await db.Set<PersonAddress>().AsNoTracking().Where(a => a.PersonId == personId && a.ToDate == null)
            .OrderByDescending(a => a.FromDate).Select(a => a.Place).FirstOrDefaultAsync(ct);
        var visibleIncidents = CaseAccess.Incidents(db, user);
        var crimes = await db.Set<IncidentPerson>().AsNoTracking()
            .Where(ip => ip.PersonId == personId && ip.Role == IncidentRole.Victim && visibleIncidents.Any(i => i.Id == ip.IncidentId))
            .Select(ip => new { ip.Incident!.CategoryCode, ip.Incident.OccurredUtc }).ToListAsync(ct);
        var list = crimes.Select(c => (c.CategoryCode, DateOnly.FromDateTime(UkTime.ToUk(c.OccurredUtc)))).OrderByDescending(c => c.Item2).ToList();
        var facts = new EligibilityFacts(person.DateOfBirth, address?.Postcode, list,
            person.Flags.Any(f => f.Type == PersonFlagTypes.RepeatVictim && f.Active), Today);
        return new ReferralPicture(person, address, facts, list);
    }

    public IReadOnlyList<string> EligibilityProblems(CommissionedService service, ReferralPicture picture) =>
        Eligibility.NotEligibleBecause(service.Eligibility.Select(r => r.Data), picture.Facts, strands.IncidentCategoryName);

    public async Task<OpResult> MakeAsync(ClaimsPrincipal user, MakeReferral input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var service = input.ServiceId is int sid
            ? await db.Set<CommissionedService>().Include(s => s.Eligibility).Include(s => s.ProviderAgency).FirstOrDefaultAsync(s => s.Id == sid && s.IsActive, ct)
            : null;
        if (service is null)
        {
            errors[nameof(MakeReferral.ServiceId)] = input.ServiceId is null ? "Select the service to refer to" : "Select a service from the catalogue: there is no active service with that number";
        }
        if (input.PersonId is not int personId)
        {
            errors[nameof(MakeReferral.PersonId)] = "Enter the person to refer";
            return OpResult.Bad(errors);
        }
        var picture = await PictureAsync(user, personId, input.CaseId, ct);
        if (picture is null)
        {
            return OpResult.Missing;
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors[nameof(MakeReferral.Reason)] = "Enter the reason for the referral";
        }
        else if (reason.Length > 2000)
        {
            errors[nameof(MakeReferral.Reason)] = "Reason must be 2,000 characters or fewer";
        }
        ConsentDecision? consent = Enum.TryParse<ConsentDecision>(input.Consent, ignoreCase: false, out var cd) && Enum.IsDefined(cd) ? cd : null;
        if (consent is null)
        {
            errors[nameof(MakeReferral.Consent)] = "Select whether consent was given, refused or not sought";
        }
        if (consent == ConsentDecision.NotSought && string.IsNullOrWhiteSpace(input.ConsentJustification))
        {
            errors[nameof(MakeReferral.ConsentJustification)] = "Explain why consent was not sought (for example, seeking it would increase the risk)";
        }
        if (consent == ConsentDecision.Refused && string.IsNullOrWhiteSpace(input.ConsentJustification))
        {
            errors[nameof(MakeReferral.ConsentJustification)] = "Explain why you are referring although consent was refused";
        }
        if (!LawfulBases.In(LawfulBases.Article6, input.LawfulBasis))
        {
            errors[nameof(MakeReferral.LawfulBasis)] = "Select the lawful basis (UK GDPR Art. 6) for sharing";
        }
        else if (input.LawfulBasis == "ART6-1-A" && consent is not null and not ConsentDecision.Given)
        {
            errors[nameof(MakeReferral.LawfulBasis)] = "Consent is the lawful basis but consent was not given: select another basis";
        }
        if (!LawfulBases.In(LawfulBases.Powers, input.SharingPower))
        {
            errors[nameof(MakeReferral.SharingPower)] = "Select the power you share under (for example, Crime and Disorder Act 1998 s.115)";
        }
        else if (input.SharingPower == "CONSENT-ONLY" && consent is not null and not ConsentDecision.Given)
        {
            errors[nameof(MakeReferral.SharingPower)] = "Without consent, select the statutory power you share under";
        }

        var fields = (input.SharedFields ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (fields.Count == 0)
        {
            errors[nameof(MakeReferral.SharedFields)] = "Select the details to share with the service (at least one, only what it needs)";
        }
        else if (fields.FirstOrDefault(f => !SharingTermsKnown(f)) is { } unknown)
        {
            errors[nameof(MakeReferral.SharedFields)] = $"'{unknown}' is not a field that can be shared";
        }
        else if (fields.Contains(SharedFields.DateOfBirth) && fields.Contains(SharedFields.AgeBand))
        {
            errors[nameof(MakeReferral.SharedFields)] = "Share either the date of birth or the age band, not both";
        }
        else
        {
            var missing = fields.Where(f => Snapshot(f, picture, input, null) is null).Select(SharedFields.Display).ToList();
            if (missing.Count > 0)
            {
                errors[nameof(MakeReferral.SharedFields)] = $"Nothing is recorded to share for: {string.Join(", ", missing)}. Untick it, or add it to the person's record first";
            }
        }
        if (fields.Contains(SharedFields.SupportNeeds) && string.IsNullOrWhiteSpace(input.SupportNeeds))
        {
            errors[nameof(MakeReferral.SupportNeeds)] = "Describe the support needs you are sharing, or untick them";
        }
        else if (input.SupportNeeds?.Length > 1000)
        {
            errors[nameof(MakeReferral.SupportNeeds)] = "Support needs must be 1,000 characters or fewer";
        }
        if (fields.Any(SharedFields.IsSensitive) && !LawfulBases.In(LawfulBases.Conditions, input.SpecialCategoryCondition))
        {
            errors[nameof(MakeReferral.SpecialCategoryCondition)] = "You are sharing health or offence information: select the Art. 9 or Art. 10 condition";
        }
        else if (!string.IsNullOrEmpty(input.SpecialCategoryCondition) && !LawfulBases.In(LawfulBases.Conditions, input.SpecialCategoryCondition))
        {
            errors[nameof(MakeReferral.SpecialCategoryCondition)] = "Select a condition from the list";
        }

        FireRiskFactors? fire = null;
        if (service?.Kind == ServiceKind.HomeSafety)
        {
            fire = FireRiskFactors.None;
            foreach (var f in input.FireRiskFactors ?? [])
            {
                if (!Enum.TryParse<FireRiskFactors>(f, out var factor) || !FireRiskScreen.Factors.Any(x => x.Factor == factor))
                {
                    errors[nameof(MakeReferral.FireRiskFactors)] = $"'{f}' is not one of the eight fire-risk factors";
                    break;
                }
                fire |= factor;
            }
        }
        else if (fields.Contains(SharedFields.FireRiskScreen))
        {
            errors[nameof(MakeReferral.SharedFields)] = "The fire-risk screen is for home-safety services only: untick it";
        }

        IReadOnlyList<string> warnings = service is null ? [] : EligibilityProblems(service, picture);
        if (warnings.Count > 0 && string.IsNullOrWhiteSpace(input.EligibilityOverrideReason))
        {
            errors[nameof(MakeReferral.EligibilityOverrideReason)] =
                "The person may not be eligible: " + string.Join(" ", warnings) + " To refer anyway, give your reason";
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }

        var now = Now;
        var referral = new Referral
        {
            ServiceId = service!.Id,
            PersonId = personId,
            CaseId = input.CaseId,
            PlaceId = picture.Address?.Id,
            ReferringAgencyId = user.AgencyId()!.Value,
            ReferredByUserId = user.UserId(),
            ReferredByName = user.DisplayName(),
            ReferredUtc = now,
            Reason = reason!,
            Consent = consent!.Value,
            ConsentJustification = Clean(input.ConsentJustification),
            LawfulBasis = input.LawfulBasis!,
            SharingPower = input.SharingPower!,
            SpecialCategoryCondition = Clean(input.SpecialCategoryCondition),
            EligibilityWarnings = warnings.Count == 0 ? null : string.Join(" ", warnings),
            EligibilityOverrideReason = warnings.Count == 0 ? null : Clean(input.EligibilityOverrideReason),
            FireRisk = fire,
            FirePriority = fire is { } factors ? FireRiskScreen.Priority(factors) : null,
            UpdatedUtc = now,
        };
        foreach (var f in fields)
        {
            referral.SharedFields.Add(new ReferralSharedField { Field = f, Value = Snapshot(f, picture, input, fire)! });
        }
        var disclosure = new DisclosureRecord
        {
            PersonId = personId,
            Referral = referral,
            DisclosedUtc = now,
            ByUserId = user.UserId(),
            ByName = user.DisplayName(),
            ByAgencyId = referral.ReferringAgencyId,
            ByAgencyName = user.FindFirstValue(AppClaims.AgencyName) ?? "",
            ToAgencyId = service.ProviderAgencyId,
            ToAgencyName = service.ProviderAgency!.Name,
            ServiceName = service.Name,
            Fields = string.Join(",", fields),
            LawfulBasis = referral.LawfulBasis,
            SharingPower = referral.SharingPower,
            SpecialCategoryCondition = referral.SpecialCategoryCondition,
            Consent = referral.Consent.ToString(),
            Purpose = $"Referral to {service.Name}: {reason}",
        };
        db.Add(referral);
        db.Add(disclosure);
        // One save: the referral, the disclosure log, the case timeline and every audit entry are kept or lost together;
        // the referral's own entry is made once its id is known (ADR 0004).
        audit.Add(new AuditEntry(AuditActions.Share, "person", Id(personId),
            $"shared with {service.ProviderAgency.Name} ({service.Name}): {string.Join(", ", fields.Select(SharedFields.Display))}; basis {referral.LawfulBasis}, {referral.SharingPower}" +
            (referral.SpecialCategoryCondition is { } cond ? $", {cond}" : "") + $"; {ReferralDisplay.Consent(referral.Consent)}", Purpose: reason));
        if (input.CaseId is int caseId)
        {
            cases.Changed(user, caseId, "referral", $"Referred to {service.Name} ({service.ProviderAgency.Name})");
        }
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "referral", Id(referral.Id),
            $"referral to {service.Name} for person {personId}" + (input.CaseId is { } c ? $" from case {c}" : "") + $"; disclosure {disclosure.Id}"));
        await db.SaveChangesAsync(ct);
        return OpResult.Ok(referral.Id);
    }

    static bool SharingTermsKnown(string code) => SharedFields.IsKnown(code);

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The value disclosed for a field, as it is now; null when there is nothing to share.</summary>
    string? Snapshot(string field, ReferralPicture picture, MakeReferral input, FireRiskFactors? fire)
    {
        var p = picture.Person;
        return field switch
        {
            SharedFields.Name => p.FullName,
            SharedFields.Address => picture.Address?.OneLine,
            SharedFields.Phone => Clean(p.Phone),
            SharedFields.Email => Clean(p.Email),
            SharedFields.DateOfBirth => p.DateOfBirth is { } d ? UkTime.FormatDate(d) : null,
            SharedFields.AgeBand => p.DateOfBirth is { } b ? SharedFields.AgeBandOf(Eligibility.AgeOn(b, Today)) : null,
            SharedFields.CrimeExperienced => picture.Crimes.Count == 0 ? null
                : string.Join("; ", picture.Crimes.Take(3).Select(c => $"{strands.IncidentCategoryName(c.Category)} on {UkTime.FormatDate(c.Date)}")),
            SharedFields.FireRiskScreen => fire is { } f ? $"{FireRiskScreen.Priority(f)} priority: {FireRiskScreen.Describe(f)}" : (input.FireRiskFactors is null ? null : "Not screened"),
            SharedFields.SupportNeeds => Clean(input.SupportNeeds),
            _ => null,
        };
    }

    /// <summary>Loads a referral the user works as the provider, after the visibility and version checks.</summary>
    async Task<(Referral? Referral, OpResult? Refusal)> ForProviderAsync(ClaimsPrincipal user, int id, int version, CancellationToken ct)
    {
        var r = await ReferralAccess.Visible(db, user).Include(x => x.Service).ThenInclude(s => s!.Deliverables).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            await audit.WriteAsync(new AuditEntry(DeniedAction, "referral", Id(id), "referral not visible to the user", Outcome: AuditOutcome.Denied), ct);
            return (null, OpResult.Missing);
        }
        if (!ReferralAccess.IsProvider(user, r.Service!.ProviderAgencyId))
        {
            await audit.WriteAsync(new AuditEntry(DeniedAction, "referral", Id(id), "only the provider's workers can change a referral", Outcome: AuditOutcome.Denied), ct);
            return (null, OpResult.Refused);
        }
        if (r.Version != version)
        {
            return (null, OpResult.Stale);
        }
        return (r, null);
    }

    async Task<OpResult> SaveAsync(ClaimsPrincipal user, Referral r, string what, CancellationToken ct)
    {
        r.UpdatedUtc = Now;
        audit.Add(new AuditEntry(AuditActions.Change, "referral", Id(r.Id), what));
        if (r.CaseId is int caseId)
        {
            cases.Changed(user, caseId, "referral", $"Referral to {r.Service!.Name}: {what}");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return OpResult.Stale;
        }
        return OpResult.Ok(r.Id);
    }

    public async Task<OpResult> AcceptAsync(ClaimsPrincipal user, int id, int version, CancellationToken ct)
    {
        var (r, refusal) = await ForProviderAsync(user, id, version, ct);
        if (r is null)
        {
            return refusal!;
        }
        if (r.Status != ReferralStatus.Referred)
        {
            return OpResult.Bad(new() { ["Status"] = $"The referral is {ReferralDisplay.Status(r.Status).ToLowerInvariant()}: only a new referral can be accepted" });
        }
        r.Status = ReferralStatus.Accepted;
        r.DecidedUtc = Now;
        r.DecidedByName = user.DisplayName();
        return await SaveAsync(user, r, "accepted", ct);
    }

    public async Task<OpResult> DeclineAsync(ClaimsPrincipal user, int id, int version, string? reason, CancellationToken ct)
    {
        var (r, refusal) = await ForProviderAsync(user, id, version, ct);
        if (r is null)
        {
            return refusal!;
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            return OpResult.Bad(new() { ["DeclineReason"] = "Enter why the referral is declined (1,000 characters or fewer)" });
        }
        if (r.Status != ReferralStatus.Referred)
        {
            return OpResult.Bad(new() { ["Status"] = $"The referral is {ReferralDisplay.Status(r.Status).ToLowerInvariant()}: only a new referral can be declined" });
        }
        r.Status = ReferralStatus.Declined;
        r.DecidedUtc = Now;
        r.DecidedByName = user.DisplayName();
        r.DeclineReason = reason.Trim();
        return await SaveAsync(user, r, $"declined: {r.DeclineReason}", ct);
    }

    static DateOnly ReferredOn(Referral r) => DateOnly.FromDateTime(UkTime.ToUk(r.ReferredUtc));

    string? DateProblem(Referral r, DateOnly? date, string what)
    {
        if (date is not { } d)
        {
            return $"Enter the date of the {what}";
        }
        if (d < ReferredOn(r))
        {
            return $"The {what} date must be on or after the referral date, {UkTime.FormatDate(ReferredOn(r))}";
        }
        return d > Today ? $"The {what} date must be today or in the past" : null;
    }

    static string? WorkProblem(Referral r) => r.Status is ReferralStatus.Accepted or ReferralStatus.InProgress ? null
        : r.Status == ReferralStatus.Referred ? "Accept the referral before recording work on it"
        : $"The referral is {ReferralDisplay.Status(r.Status).ToLowerInvariant()}: nothing more can be recorded";

    public async Task<OpResult> AddContactAsync(ClaimsPrincipal user, int id, int version, DateOnly? date, string? method, bool reached, string? notes, CancellationToken ct)
    {
        var (r, refusal) = await ForProviderAsync(user, id, version, ct);
        if (r is null)
        {
            return refusal!;
        }
        var errors = new Dictionary<string, string>();
        if (WorkProblem(r) is { } status)
        {
            errors["Status"] = status;
        }
        if (DateProblem(r, date, "contact") is { } dateError)
        {
            errors["ContactDate"] = dateError;
        }
        if (!Enum.TryParse<ContactMethod>(method, out var how) || !Enum.IsDefined(how))
        {
            errors["Method"] = "Select how the contact was made";
        }
        if (notes?.Length > 2000)
        {
            errors["Notes"] = "Notes must be 2,000 characters or fewer";
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        var when = UkTime.StartOfUkDayUtc(date!.Value);
        r.Contacts.Add(new ReferralContact { OccurredUtc = when, Method = how, Reached = reached, Notes = Clean(notes), RecordedByName = user.DisplayName(), RecordedUtc = Now });
        r.Status = ReferralStatus.InProgress;
        if (reached && (r.FirstContactUtc is null || r.FirstContactUtc > when))
        {
            r.FirstContactUtc = when;
        }
        return await SaveAsync(user, r, $"contact by {how.ToString().ToLowerInvariant()} on {UkTime.FormatDate(date.Value)} ({(reached ? "reached" : "not reached")})", ct);
    }

    public async Task<OpResult> AddVisitAsync(ClaimsPrincipal user, int id, int version, DateOnly? date, IReadOnlyList<string>? delivered, string? notes, CancellationToken ct)
    {
        var (r, refusal) = await ForProviderAsync(user, id, version, ct);
        if (r is null)
        {
            return refusal!;
        }
        var errors = new Dictionary<string, string>();
        if (WorkProblem(r) is { } status)
        {
            errors["Status"] = status;
        }
        if (DateProblem(r, date, "visit") is { } dateError)
        {
            errors["VisitDate"] = dateError;
        }
        var codes = (delivered ?? []).Distinct(StringComparer.Ordinal).ToList();
        var offered = r.Service!.Deliverables.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            errors["Delivered"] = "Select what was delivered at the visit";
        }
        else if (codes.FirstOrDefault(c => !offered.Contains(c)) is { } other)
        {
            errors["Delivered"] = $"'{Deliverables.Display(other)}' is not something {r.Service.Name} delivers";
        }
        if (notes?.Length > 2000)
        {
            errors["Notes"] = "Notes must be 2,000 characters or fewer";
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        var day = date!.Value;
        r.Visits.Add(new ReferralVisit { VisitDate = day, Delivered = string.Join(",", codes), Notes = Clean(notes), RecordedByName = user.DisplayName(), RecordedUtc = Now });
        r.Status = ReferralStatus.InProgress;
        if (r.FirstVisitDate is null || r.FirstVisitDate > day)
        {
            r.FirstVisitDate = day;
        }
        var when = UkTime.StartOfUkDayUtc(day);
        if (r.FirstContactUtc is null || r.FirstContactUtc > when)
        {
            r.FirstContactUtc = when;
        }
        return await SaveAsync(user, r, $"visit on {UkTime.FormatDate(day)}: {string.Join(", ", codes.Select(Deliverables.Display))}", ct);
    }

    public async Task<OpResult> CloseAsync(ClaimsPrincipal user, int id, int version, string? outcome, string? notes, CancellationToken ct)
    {
        var (r, refusal) = await ForProviderAsync(user, id, version, ct);
        if (r is null)
        {
            return refusal!;
        }
        var errors = new Dictionary<string, string>();
        if (WorkProblem(r) is { } status)
        {
            errors["Status"] = status.Replace("recording work on it", "closing it", StringComparison.Ordinal);
        }
        if (!Enum.TryParse<ReferralOutcome>(outcome, out var result) || !Enum.IsDefined(result))
        {
            errors["Outcome"] = "Select the outcome";
        }
        else if (result is ReferralOutcome.Delivered or ReferralOutcome.PartlyDelivered && r.FirstVisitDate is null)
        {
            errors["Outcome"] = "Record the visit and what was delivered before closing as delivered";
        }
        if (notes?.Length > 2000)
        {
            errors["OutcomeNotes"] = "Notes must be 2,000 characters or fewer";
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        r.Status = ReferralStatus.Closed;
        r.ClosedUtc = Now;
        r.Outcome = result;
        r.OutcomeNotes = Clean(notes);
        return await SaveAsync(user, r, $"closed: {ReferralDisplay.Outcome(result)}", ct);
    }
}
