using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>What is needed to record one ASB incident (from the page or the API).</summary>
public sealed record AsbIncidentInput(
    string? Category,
    DateOnly? OccurredOn,
    DateOnly? ReportedOn,
    string? Narrative,
    int? VictimPersonId,
    string? VictimForename,
    string? VictimSurname,
    DateOnly? VictimDateOfBirth,
    int? PlaceId,
    string? PlaceLine1,
    string? PlacePostcode,
    string? AgencyReference);

/// <summary>Who records it: any partner agency may record an ASB incident.</summary>
public sealed record AsbRecorder(int AgencyId, Guid? UserId, string UserName);

public sealed record AsbIncidentResult(
    IReadOnlyDictionary<string, string> Errors,
    int? IncidentId = null,
    int? VictimPersonId = null,
    bool RepeatVictim = false,
    bool RepeatLocation = false,
    int AlertsRaised = 0)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Records ASB incidents and then runs the repeat rule (<see cref="RepeatDetector"/>) over every agency's ASB incidents
/// about the same victim and place: a repeat victim gets the RepeatVictim flag and the owners (lead officers) of the
/// victim's open ASB cases get an alert; a repeat place gets the repeat-location marker (reference 2.3; section 3 item 2).
/// </summary>
public sealed class AsbIncidentRecorder(AppDb db, AuditLog audit, TimeProvider clock, AsbOptions options)
{
    public static readonly IReadOnlyList<(string Code, string Name)> Categories =
        IncidentCategories.All.Where(c => c.Strand == IncidentCategories.AsbStrand).Select(c => (c.Code, c.Name)).ToList();

    public DateOnly Today => DateOnly.FromDateTime(AsbTime.ToUk(clock.GetUtcNow().UtcDateTime));

    /// <summary>Field errors keyed by input name (Category, OccurredOn, …), with GOV.UK wording.</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(AsbIncidentInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Category))
        {
            errors["Category"] = "Select the type of anti-social behaviour";
        }
        else if (!Categories.Any(c => c.Code == input.Category))
        {
            errors["Category"] = $"'{input.Category}' is not an ASB category: choose personal (ASB-PERSONAL), nuisance (ASB-NUISANCE) or environmental (ASB-ENVIRONMENTAL)";
        }
        var today = Today;
        if (input.OccurredOn is null)
        {
            errors["OccurredOn"] = "Enter the date of the behaviour";
        }
        else if (input.OccurredOn > today)
        {
            errors["OccurredOn"] = "Date of the behaviour must be today or in the past";
        }
        if (input.ReportedOn is { } reported)
        {
            if (reported > today)
            {
                errors["ReportedOn"] = "Date reported must be today or in the past";
            }
            else if (input.OccurredOn is { } occurred && reported < occurred)
            {
                errors["ReportedOn"] = "Date reported must be the same as or after the date of the behaviour";
            }
        }
        if (string.IsNullOrWhiteSpace(input.Narrative))
        {
            errors["Narrative"] = "Enter what happened";
        }
        else if (input.Narrative.Length > 8000)
        {
            errors["Narrative"] = "What happened must be 8,000 characters or fewer";
        }
        if (input.VictimPersonId is { } pid)
        {
            if (!await db.Set<Person>().AnyAsync(p => p.Id == pid && p.MergedIntoId == null, ct))
            {
                errors["VictimPersonId"] = "There is no person with that record number: check it, or enter the victim's name instead";
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.VictimForename))
            {
                errors["VictimForename"] = "Enter the victim's first name, or their person record number";
            }
            if (string.IsNullOrWhiteSpace(input.VictimSurname))
            {
                errors["VictimSurname"] = "Enter the victim's last name, or their person record number";
            }
            if (input.VictimDateOfBirth is { } dob && dob >= today)
            {
                errors["VictimDateOfBirth"] = "Victim's date of birth must be in the past";
            }
        }
        if (input.PlaceId is { } placeId)
        {
            if (!await db.Set<Place>().AnyAsync(p => p.Id == placeId, ct))
            {
                errors["PlaceId"] = "There is no place with that record number: check it, or enter the address instead";
            }
        }
        else if (string.IsNullOrWhiteSpace(input.PlaceLine1))
        {
            errors["PlaceLine1"] = "Enter the first line of the address or location where it happened";
        }
        return errors;
    }

    public async Task<AsbIncidentResult> RecordAsync(AsbIncidentInput input, AsbRecorder by, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0)
        {
            return new AsbIncidentResult(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var person = await VictimAsync(input, by, now, ct);
        var place = await PlaceAsync(input, now, ct);
        var occurredUtc = AsbTime.StartOfUkDayUtc(input.OccurredOn!.Value);
        var incident = new Incident
        {
            OccurredUtc = occurredUtc,
            Strand = IncidentCategories.AsbStrand,
            CategoryCode = input.Category!,
            Place = place,
            Narrative = input.Narrative!.Trim(),
            ReportingAgencyId = by.AgencyId,
            AgencyReference = string.IsNullOrWhiteSpace(input.AgencyReference) ? null : input.AgencyReference.Trim(),
            CreatedUtc = now,
            CreatedByUserId = by.UserId,
        };
        incident.People.Add(new IncidentPerson { Person = person, Role = IncidentRole.Victim });
        db.Set<Incident>().Add(incident);
        db.Set<AsbIncidentDetail>().Add(new AsbIncidentDetail { Incident = incident, ReportedOn = input.ReportedOn ?? DateOnly.FromDateTime(AsbTime.ToUk(now)) });
        var newPerson = person.Id == 0;
        // One save for the person, place, incident and details, so a failure leaves nothing half-recorded.
        await db.SaveChangesAsync(ct);
        if (newPerson)
        {
            audit.Add(new AuditEntry(AuditActions.Create, "person", Id(person.Id), "Victim recorded with an ASB incident"));
        }
        audit.Add(new AuditEntry(AuditActions.Create, "incident", Id(incident.Id), $"ASB incident {incident.CategoryCode} about person {person.Id} at place {place.Id}"));

        var (repeatVictim, repeatLocation, alerts) = await DetectRepeatsAsync(person.Id, place.Id, by, ct);
        await db.SaveChangesAsync(ct);
        return new AsbIncidentResult(errors, incident.Id, person.Id, repeatVictim, repeatLocation, alerts);
    }

    /// <summary>Runs the repeat rule for one victim and one place over every agency's ASB incidents; stages flags, markers and alerts.</summary>
    public async Task<(bool RepeatVictim, bool RepeatLocation, int AlertsRaised)> DetectRepeatsAsync(int personId, int? placeId, AsbRecorder by, CancellationToken ct)
    {
        var rule = options.RepeatRule;
        var today = Today;
        var fromUtc = AsbTime.StartOfUkDayUtc(rule.WindowStart(today));
        var rows = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.Strand == IncidentCategories.AsbStrand && i.OccurredUtc >= fromUtc
                && (i.People.Any(p => p.PersonId == personId && p.Role == IncidentRole.Victim) || (placeId != null && i.PlaceId == placeId)))
            .Select(i => new
            {
                i.Id,
                i.OccurredUtc,
                i.CategoryCode,
                i.ReportingAgencyId,
                i.PlaceId,
                Victims = i.People.Where(p => p.Role == IncidentRole.Victim).Select(p => p.PersonId).ToList(),
            })
            .ToListAsync(ct);
        // The rule counts by UK calendar day; incidents are stored as the UTC start of that day.
        var incidents = rows.Select(r => new AsbIncident(
            Id(r.Id),
            DateTime.SpecifyKind(DateOnly.FromDateTime(AsbTime.ToUk(r.OccurredUtc)).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc),
            r.CategoryCode,
            Id(r.ReportingAgencyId),
            r.Victims.Select(Id).ToList(),
            r.PlaceId is { } p ? Id(p) : null)).ToList();
        var analysis = RepeatDetector.Detect(incidents, today, rule);
        var now = clock.GetUtcNow().UtcDateTime;
        var alerts = 0;

        var victim = analysis.RepeatVictims.FirstOrDefault(v => v.Id == Id(personId));
        if (victim is not null)
        {
            var agencies = victim.Incidents.Select(i => i.Agency).Distinct().Count();
            var flagged = await db.Set<PersonFlag>().AnyAsync(f => f.PersonId == personId && f.Type == PersonFlagTypes.RepeatVictim && f.Active, ct);
            if (!flagged)
            {
                db.Set<PersonFlag>().Add(new PersonFlag
                {
                    PersonId = personId,
                    Type = PersonFlagTypes.RepeatVictim,
                    Reason = $"{victim.Count} ASB incidents from {agencies} agenc{(agencies == 1 ? "y" : "ies")} between {AsbTime.Format(analysis.WindowStart)} and {AsbTime.Format(today)} (rule: {rule.MinimumIncidents} or more in {rule.WindowMonths} months)",
                    SetUtc = now,
                    SetByUserId = by.UserId,
                    SetByName = "ASB repeat rule",
                });
                audit.Add(new AuditEntry(AuditActions.Change, "person", Id(personId), "Repeat victim flag set by the ASB repeat rule"));
            }
            alerts = await AlertCaseOwnersAsync(personId, victim, now, ct);
        }

        var location = placeId is { } pl ? analysis.RepeatLocations.FirstOrDefault(l => l.Id == Id(pl)) : null;
        if (location is not null)
        {
            var marker = await db.Set<AsbRepeatLocation>().FirstOrDefaultAsync(m => m.PlaceId == placeId, ct);
            if (marker is null)
            {
                db.Set<AsbRepeatLocation>().Add(new AsbRepeatLocation { PlaceId = placeId!.Value, IncidentCount = location.Count, FlaggedUtc = now, UpdatedUtc = now });
                audit.Add(new AuditEntry(AuditActions.Change, "place", Id(placeId.Value), "Repeat location marker set by the ASB repeat rule"));
            }
            else
            {
                marker.Active = true;
                marker.IncidentCount = location.Count;
                marker.UpdatedUtc = now;
            }
        }
        return (victim is not null, location is not null, alerts);
    }

    async Task<int> AlertCaseOwnersAsync(int personId, RepeatSubject victim, DateTime now, CancellationToken ct)
    {
        var cases = await db.Set<Case>().AsNoTracking()
            .Where(c => c.Type == AsbFeature.CaseType && c.Status != CaseStatus.Closed
                && c.People.Any(p => p.PersonId == personId && p.Role == CasePersonRole.Victim))
            .Select(c => new
            {
                c.Id,
                c.Reference,
                c.LeadOfficerUserId,
                Leads = c.Members.Where(m => m.Role == CaseMemberRole.LeadOfficer).Select(m => m.UserId).ToList(),
            })
            .ToListAsync(ct);
        var raised = 0;
        foreach (var c in cases)
        {
            var owners = c.Leads.Concat(c.LeadOfficerUserId is { } lo ? [lo] : []).Distinct();
            foreach (var owner in owners)
            {
                var key = $"RepeatVictim:person {personId}:case {c.Id}";
                if (await db.Set<Alert>().AnyAsync(a => a.UserId == owner && a.Type == AlertTypes.RepeatVictim && a.DedupKey == key, ct))
                {
                    continue;
                }
                db.Set<Alert>().Add(new Alert
                {
                    UserId = owner,
                    CaseId = c.Id,
                    PersonId = personId,
                    Type = AlertTypes.RepeatVictim,
                    Text = $"Repeat victim on {c.Reference}: {victim.Count} ASB incidents reported by {victim.Incidents.Select(i => i.Agency).Distinct().Count()} agency(ies) in the last {options.RepeatRule.WindowMonths} months.",
                    DedupKey = key,
                    CreatedUtc = now,
                });
                raised++;
            }
        }
        return raised;
    }

    async Task<Person> VictimAsync(AsbIncidentInput input, AsbRecorder by, DateTime now, CancellationToken ct)
    {
        if (input.VictimPersonId is { } id)
        {
            return await db.Set<Person>().FirstAsync(p => p.Id == id, ct);
        }
        // Until the core's duplicate check is on this branch: reuse a record only on an exact name and date-of-birth match.
        var forenameKey = NameKeys.Key(input.VictimForename);
        var surnameKey = NameKeys.Key(input.VictimSurname);
        if (input.VictimDateOfBirth is { } dob)
        {
            var existing = await db.Set<Person>().FirstOrDefaultAsync(
                p => p.MergedIntoId == null && p.SurnameKey == surnameKey && p.ForenameKey == forenameKey && p.DateOfBirth == dob, ct);
            if (existing is not null)
            {
                return existing;
            }
        }
        var person = new Person
        {
            DateOfBirth = input.VictimDateOfBirth,
            CreatedByAgencyId = by.AgencyId,
            CreatedByUserId = by.UserId,
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        person.SetNames(input.VictimForename!, input.VictimSurname!);
        db.Set<Person>().Add(person);
        return person;
    }

    async Task<Place> PlaceAsync(AsbIncidentInput input, DateTime now, CancellationToken ct)
    {
        if (input.PlaceId is { } id)
        {
            return await db.Set<Place>().FirstAsync(p => p.Id == id, ct);
        }
        var line1Key = Place.AddressKey(input.PlaceLine1);
        var postcodeKey = Place.PostcodeKeyOf(input.PlacePostcode);
        var existing = await db.Set<Place>().FirstOrDefaultAsync(p => p.Line1Key == line1Key && p.PostcodeKey == postcodeKey, ct);
        if (existing is not null)
        {
            return existing;
        }
        var place = new Place { CreatedUtc = now };
        place.SetAddress(input.PlaceLine1!, null, null, input.PlacePostcode);
        db.Set<Place>().Add(place);
        return place;
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>UK calendar days and times for the ASB strand (UTC stored, UK shown).</summary>
public static class AsbTime
{
    static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTime ToUk(DateTime utc) => Shared.UkTime.ToUk(utc);

    public static DateTime StartOfUkDayUtc(DateOnly day) => Shared.UkTime.StartOfUkDayUtc(day);

    /// <summary>A UK wall-clock date and time as UTC.</summary>
    public static DateTime UkToUtc(DateOnly day, TimeOnly time) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), London), DateTimeKind.Utc);

    public static string Format(DateOnly day) => Shared.UkTime.FormatDate(day);

    public static string Format(DateTime utc) => Shared.UkTime.Format(utc);
}
