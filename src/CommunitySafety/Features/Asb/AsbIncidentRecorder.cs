using System.Globalization;
using System.Text.Json;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// What is needed to record one ASB incident (from the page or the API). The victim is given as a record the user
/// can see (<see cref="VictimPersonId"/>), as a possible match they chose (<see cref="VictimMatchToken"/>), or by name;
/// a name is first checked against existing records and only becomes a new person when
/// <see cref="ConfirmNewVictim"/> says the officer has seen the possible matches and none is the victim.
/// </summary>
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
    string? AgencyReference,
    string? VictimAddressLine1 = null,
    string? VictimPostcode = null,
    string? VictimMatchToken = null,
    bool ConfirmNewVictim = false,
    IReadOnlyList<PerpetratorInput>? Perpetrators = null);

/// <summary>
/// Someone who caused the behaviour, named while recording it: a record the user can see (<see cref="PersonId"/>), or
/// a new person by name (date of birth optional: officers often know only a name or a description at first).
/// </summary>
public sealed record PerpetratorInput(int? PersonId, string? Forename, string? Surname, DateOnly? DateOfBirth)
{
    public bool IsBlank => PersonId is null && string.IsNullOrWhiteSpace(Forename) && string.IsNullOrWhiteSpace(Surname) && DateOfBirth is null;
}

/// <summary>
/// Who records it: any partner agency may record an ASB incident. <see cref="Principal"/> is the signed-in user
/// (need to know and the duplicate check depend on it); it is null only for the product itself (demo seeding),
/// which names its victims by record number or confirms them as new.
/// </summary>
public sealed record AsbRecorder(int AgencyId, Guid? UserId, string UserName, ClaimsPrincipal? Principal = null);

/// <summary>A possible existing record for the victim, with the token that chooses it (details only within need to know).</summary>
public sealed record VictimMatch(string Token, PossibleMatch Match);

public sealed record AsbIncidentResult(
    IReadOnlyDictionary<string, string> Errors,
    int? IncidentId = null,
    int? VictimPersonId = null,
    bool RepeatVictim = false,
    bool RepeatLocation = false,
    int AlertsRaised = 0,
    IReadOnlyList<VictimMatch>? VictimMatches = null,
    bool VictimVisible = true,
    string? VictimContactAgency = null,
    string? VictimName = null)
{
    public bool Succeeded => Errors.Count == 0 && IncidentId is not null;

    /// <summary>Nothing was recorded: the victim's name matches existing records and the officer must choose.</summary>
    public bool NeedsVictimChoice => Errors.Count == 0 && IncidentId is null && VictimMatches is { Count: > 0 };
}

/// <summary>
/// Records ASB incidents and then runs the repeat rule (<see cref="AsbRepeatMarkers"/>) over every agency's ASB incidents
/// about the same victim and place: a repeat victim gets the RepeatVictim flag and the owners (lead officers) of the
/// victim's open ASB cases get an alert; a repeat place gets the repeat-location marker (reference 2.3; section 3 item 2).
/// Repeat detection across agencies only works if each agency's incident is linked to the same person, so a victim
/// given by name goes through the People core's "is this the same person?" check (<see cref="PersonService.FindMatchesAsync"/>:
/// name similarity and nicknames, date of birth, home address and postcode) before a new record is made.
/// </summary>
public sealed class AsbIncidentRecorder(AppDb db, TimeProvider clock, PersonService people, IncidentService incidents,
    AsbRepeatMarkers repeats, IDataProtectionProvider protection, VictimMatchLedger ledger, IHttpContextAccessor http)
{
    /// <summary>
    /// How long a chosen match stays usable after it was shown: the session's idle timeout, so a form left open longer
    /// is checked again.
    /// </summary>
    public static readonly TimeSpan MatchTokenLifetime = TimeSpan.FromMinutes(30);

    public const string MatchPurpose = "Recording an ASB incident: checking whether the victim is already known";

    IDataProtector Protector => protection.CreateProtector("CommunitySafety.Asb.VictimMatch.v1");

    public static readonly IReadOnlyList<(string Code, string Name)> Categories =
        [.. AsbStrand.Categories];

    public DateOnly Today => DateOnly.FromDateTime(AsbTime.ToUk(clock.GetUtcNow().UtcDateTime));

    /// <summary>Field errors keyed by input name (Category, OccurredOn, …), with GOV.UK wording.</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(AsbIncidentInput input, AsbRecorder by, CancellationToken ct)
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
        // Asked for, never assumed: a back-recorded incident defaulted to today would fall outside the Community Trigger
        // window it belongs to (reference 2.4: the threshold counts reports within six months).
        if (input.ReportedOn is null)
        {
            errors["ReportedOn"] = "Enter the date it was reported to your agency";
        }
        else if (input.ReportedOn is { } reported)
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
            // Only people the user may already see: a record number must not become a way round need to know. The
            // message is the same whether the record does not exist or is not shared, so neither is disclosed.
            var visible = by.Principal is null ? db.Set<Person>() : CaseAccess.People(db, by.Principal);
            if (!await visible.AnyAsync(p => p.Id == pid && p.MergedIntoId == null, ct))
            {
                AccessRefusals.Refused(http.HttpContext, "person", pid);
                errors["VictimPersonId"] = "There is no person with that record number: check it, or enter the victim's name instead";
            }
        }
        else if (!string.IsNullOrEmpty(input.VictimMatchToken))
        {
            if (await ChosenMatchAsync(input.VictimMatchToken, input, by, consume: false, ct) is null)
            {
                errors["VictimChoice"] = "The record you chose can no longer be used: check the victim's details and choose again";
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
            if (input.VictimDateOfBirth is { } dob && DateOfBirthRule.Error(dob, today, "Victim's date of birth") is { } dobError)
            {
                errors["VictimDateOfBirth"] = dobError;
            }
            if (!string.IsNullOrWhiteSpace(input.VictimPostcode) && Place.PostcodeKeyOf(input.VictimPostcode) is not { Length: >= 5 and <= 7 })
            {
                errors["VictimPostcode"] = "Enter a real postcode for the victim, like WY4 2LR";
            }
            if (input.VictimAddressLine1 is { Length: > 200 })
            {
                errors["VictimAddressLine1"] = "Victim's address must be 200 characters or fewer";
            }
            if (input.VictimForename is { Length: > 100 } || input.VictimSurname is { Length: > 100 })
            {
                errors[input.VictimForename is { Length: > 100 } ? "VictimForename" : "VictimSurname"] = "Names must be 100 characters or fewer";
            }
        }
        await ValidatePerpetratorsAsync(input, by, today, errors, ct);
        if (input.PlaceId is { } placeId)
        {
            // A place number names an address: only one the user may already see (CaseAccess.Places), with the same
            // answer for a number that does not exist, so a guessed number cannot attach another agency's address.
            var places = by.Principal is null ? db.Set<Place>() : CaseAccess.Places(db, by.Principal);
            if (!await places.AnyAsync(p => p.Id == placeId, ct))
            {
                AccessRefusals.Refused(http.HttpContext, "place", placeId);
                errors["PlaceId"] = "There is no place with that record number: check it, or enter the address instead";
            }
        }
        else if (string.IsNullOrWhiteSpace(input.PlaceLine1))
        {
            errors["PlaceLine1"] = "Enter the first line of the address or location where it happened";
        }
        return errors;
    }

    /// <summary>Errors keyed "Perpetrators[n].Field", in the order the fields appear.</summary>
    async Task ValidatePerpetratorsAsync(AsbIncidentInput input, AsbRecorder by, DateOnly today, Dictionary<string, string> errors, CancellationToken ct)
    {
        var list = input.Perpetrators ?? [];
        for (var n = 0; n < list.Count; n++)
        {
            var p = list[n];
            var key = $"Perpetrators[{n}].";
            if (p.IsBlank)
            {
                continue;
            }
            if (p.PersonId is { } pid)
            {
                // As for the victim: a record number names only someone the user may already see.
                var visible = by.Principal is null ? db.Set<Person>() : CaseAccess.People(db, by.Principal);
                if (!await visible.AnyAsync(x => x.Id == pid && x.MergedIntoId == null, ct))
                {
                    AccessRefusals.Refused(http.HttpContext, "person", pid);
                    errors[key + "PersonId"] = "There is no person with that record number: check it, or enter the perpetrator's name instead";
                }
                continue;
            }
            if (string.IsNullOrWhiteSpace(p.Forename))
            {
                errors[key + "Forename"] = "Enter the perpetrator's first name, or leave the perpetrator's details blank";
            }
            else if (p.Forename.Length > 100)
            {
                errors[key + "Forename"] = "Perpetrator's first name must be 100 characters or fewer";
            }
            if (string.IsNullOrWhiteSpace(p.Surname))
            {
                errors[key + "Surname"] = "Enter the perpetrator's last name, or leave the perpetrator's details blank";
            }
            else if (p.Surname.Length > 100)
            {
                errors[key + "Surname"] = "Perpetrator's last name must be 100 characters or fewer";
            }
            if (p.DateOfBirth is { } dob && DateOfBirthRule.Error(dob, today, "Perpetrator's date of birth") is { } dobError)
            {
                errors[key + "DateOfBirth"] = dobError;
            }
        }
    }

    public async Task<AsbIncidentResult> RecordAsync(AsbIncidentInput input, AsbRecorder by, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, by, ct);
        if (errors.Count > 0)
        {
            return new AsbIncidentResult(errors);
        }
        Person? chosen = null;
        if (!string.IsNullOrEmpty(input.VictimMatchToken))
        {
            // Spent here, once: a token chooses a victim for one incident only.
            chosen = await ChosenMatchAsync(input.VictimMatchToken, input, by, consume: true, ct);
            if (chosen is null)
            {
                return new AsbIncidentResult(new Dictionary<string, string> { ["VictimChoice"] = "The record you chose can no longer be used: check the victim's details and choose again" });
            }
        }
        if (input.VictimPersonId is null && chosen is null && !input.ConfirmNewVictim && by.Principal is { } user)
        {
            var matches = await people.FindMatchesAsync(user, VictimAsNewPerson(input), MatchPurpose, ct);
            if (matches.Count > 0)
            {
                var issued = clock.GetUtcNow().UtcDateTime.Ticks;
                return new AsbIncidentResult(errors, VictimMatches: matches.Select(m => new VictimMatch(
                    Protector.Protect(JsonSerializer.Serialize(new MatchTicket(m.Id, by.UserId, issued, Guid.NewGuid(),
                        input.VictimForename!.Trim(), input.VictimSurname!.Trim(), input.VictimDateOfBirth,
                        Blank(input.VictimAddressLine1), Blank(input.VictimPostcode)))), m)).ToList());
            }
        }

        // The victim, place, incident, repeat flags, alerts, notices and audit entries commit together, or none of
        // them does (ADR 0004): the repeat rule counts the new incident, so it runs after the incident's save.
        var (incidentId, person, outcome, visible) = await db.InOneTransactionAsync(async ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var person = chosen ?? await VictimAsync(input, by, now, ct);
            var place = await PlaceAsync(input, now, ct);
            var occurredUtc = AsbTime.StartOfUkDayUtc(input.OccurredOn!.Value);
            var incident = new Incident
            {
                OccurredUtc = occurredUtc,
                OccurredTimeKnown = false,
                Strand = AsbStrand.Code,
                CategoryCode = input.Category!,
                Place = place,
                Narrative = input.Narrative!.Trim(),
                ReportingAgencyId = by.AgencyId,
                AgencyReference = string.IsNullOrWhiteSpace(input.AgencyReference) ? null : input.AgencyReference.Trim(),
                CreatedUtc = now,
                CreatedByUserId = by.UserId,
            };
            incident.People.Add(new IncidentPerson { Person = person, Role = IncidentRole.Victim });
            var perpetrators = await PerpetratorsAsync(input, by, ct);
            foreach (var p in perpetrators)
            {
                incident.People.Add(new IncidentPerson { Person = p, Role = IncidentRole.Perpetrator });
            }
            db.Set<Incident>().Add(incident);
            db.Set<AsbIncidentDetail>().Add(new AsbIncidentDetail { Incident = incident, ReportedOn = input.ReportedOn!.Value });
            if (person.Id == 0)
            {
                people.Recorded(person, input.ConfirmNewVictim ? "Victim recorded with an ASB incident (new person confirmed after the possible-match check)" : "Victim recorded with an ASB incident");
            }
            else
            {
                people.Linked(person, () => $"linked to ASB incident {incident.Id} as victim{(chosen is not null ? " (chosen from possible matches)" : "")}");
            }
            incidents.Recorded(incident, () => $"ASB incident {incident.CategoryCode} about person {person.Id} at place {place.Id}" +
                (perpetrators.Count == 0 ? "" : $"; perpetrator(s) {string.Join(",", perpetrators.Select(p => p.Id))}"));
            foreach (var p in perpetrators.Where(p => input.Perpetrators!.Any(x => x.PersonId == p.Id)))
            {
                people.Linked(p, () => $"linked to ASB incident {incident.Id} as perpetrator");
            }
            await db.SaveChangesAsync(ct);

            var outcome = await repeats.ApplyAsync(person.Id, place.Id, by, ct);
            // A victim chosen from a signpost stays outside the user's need to know: they are told who holds the record, not
            // its number, and the holder is told that the record was linked (issue #4).
            var visible = by.Principal is null || await CaseAccess.CanSeePersonAsync(db, by.Principal, person.Id, ct);
            if (!visible)
            {
                await SignpostNotices.StageAsync(db, person.Id, by.AgencyId, $"an ASB incident (their number {Id(incident.Id)}, as victim)", now, ct);
            }
            await db.SaveChangesAsync(ct);
            return (incident.Id, person, outcome, visible);
        }, ct);

        var contact = visible ? null : (await people.ContactAgenciesAsync([person.Id], ct))[person.Id];
        return new AsbIncidentResult(errors, incidentId, person.Id, outcome.RepeatVictim, outcome.RepeatLocation, outcome.AlertsRaised,
            VictimVisible: visible, VictimContactAgency: contact, VictimName: visible ? person.FullName : null);
    }

    /// <summary>
    /// The perpetrators named on the form: known records as they are, new ones added through the People core
    /// (<see cref="PersonService.Stage"/>) in this unit of work, so they are saved with the incident or not at all.
    /// </summary>
    async Task<List<Person>> PerpetratorsAsync(AsbIncidentInput input, AsbRecorder by, CancellationToken ct)
    {
        var result = new List<Person>();
        foreach (var p in (input.Perpetrators ?? []).Where(p => !p.IsBlank))
        {
            if (p.PersonId is { } id)
            {
                if (result.All(x => x.Id != id))
                {
                    result.Add(await db.Set<Person>().FirstAsync(x => x.Id == id, ct));
                }
                continue;
            }
            result.Add(people.Stage(new NewPerson(p.Forename!.Trim(), p.Surname!.Trim(), p.DateOfBirth, null, null, null, null, null, null),
                by.AgencyId, by.UserId, by.Principal, "perpetrator recorded with an ASB incident"));
        }
        return result;
    }

    static NewPerson VictimAsNewPerson(AsbIncidentInput input) => new(input.VictimForename!.Trim(), input.VictimSurname!.Trim(), input.VictimDateOfBirth,
        null, null, null, input.VictimAddressLine1, null, input.VictimPostcode);

    /// <summary>What a match token carries, encrypted and signed (data protection): unforgeable and unreadable by the client.</summary>
    sealed record MatchTicket(int PersonId, Guid? UserId, long IssuedTicks, Guid Nonce, string Forename, string Surname, DateOnly? DateOfBirth,
        string? AddressLine1 = null, string? Postcode = null);

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The person behind a match token, or null. A token is good only for the user it was shown to, within
    /// <see cref="MatchTokenLifetime"/>, once (<paramref name="consume"/> spends it), for the name and date of birth that
    /// were searched (a request that names the victim differently is refused), and only while that person still matches
    /// that search (<see cref="PersonMatching.MatchScore"/>): it cannot be replayed, shared, or pointed at someone outside
    /// the match set. Tokens stand in for person numbers so that records outside need to know can be chosen from a
    /// signpost without their numbers ever reaching the browser.
    /// </summary>
    async Task<Person?> ChosenMatchAsync(string token, AsbIncidentInput input, AsbRecorder by, bool consume, CancellationToken ct)
    {
        MatchTicket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<MatchTicket>(Protector.Unprotect(token));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
        if (ticket is null || ticket.UserId != by.UserId)
        {
            return null;
        }
        var age = clock.GetUtcNow().UtcDateTime - new DateTime(ticket.IssuedTicks, DateTimeKind.Utc);
        if (age < TimeSpan.Zero || age > MatchTokenLifetime || ledger.IsSpent(ticket.Nonce))
        {
            return null;
        }
        if ((!string.IsNullOrWhiteSpace(input.VictimForename) && NameKeys.Key(input.VictimForename) != NameKeys.Key(ticket.Forename))
            || (!string.IsNullOrWhiteSpace(input.VictimSurname) && NameKeys.Key(input.VictimSurname) != NameKeys.Key(ticket.Surname))
            || (input.VictimDateOfBirth is { } dob && dob != ticket.DateOfBirth)
            || (!string.IsNullOrWhiteSpace(input.VictimAddressLine1) && Place.AddressKey(input.VictimAddressLine1) != Place.AddressKey(ticket.AddressLine1))
            || (!string.IsNullOrWhiteSpace(input.VictimPostcode) && Place.PostcodeKeyOf(input.VictimPostcode) != Place.PostcodeKeyOf(ticket.Postcode)))
        {
            return null;
        }
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == ticket.PersonId && p.MergedIntoId == null, ct);
        if (person is null)
        {
            return null;
        }
        // Scored as it was when shown: the searched name, date of birth and home against the record's current ones.
        var searched = new PersonRecord(ticket.Forename, ticket.Surname, ticket.DateOfBirth, ticket.Postcode, AddressLine1: ticket.AddressLine1);
        var record = (await PersonService.MatchRecordsAsync(db, [person.Id], ct)).Single().Record;
        if (!PersonMatching.MatchScore(searched, record).IsPossibleMatch)
        {
            return null;
        }
        if (consume && !ledger.Spend(ticket.Nonce, new DateTime(ticket.IssuedTicks, DateTimeKind.Utc) + MatchTokenLifetime))
        {
            return null;
        }
        return person;
    }

    async Task<Person> VictimAsync(AsbIncidentInput input, AsbRecorder by, DateTime now, CancellationToken ct)
    {
        if (input.VictimPersonId is { } id)
        {
            return await db.Set<Person>().FirstAsync(p => p.Id == id, ct);
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
        if (!string.IsNullOrWhiteSpace(input.VictimAddressLine1))
        {
            person.Addresses.Add(new PersonAddress { Place = await FindOrNewPlaceAsync(input.VictimAddressLine1, input.VictimPostcode, now, ct), FromDate = DateOnly.FromDateTime(AsbTime.ToUk(now)), CreatedUtc = now });
        }
        db.Set<Person>().Add(person);
        return person;
    }

    async Task<Place> PlaceAsync(AsbIncidentInput input, DateTime now, CancellationToken ct)
    {
        if (input.PlaceId is { } id)
        {
            return await db.Set<Place>().FirstAsync(p => p.Id == id, ct);
        }
        return await FindOrNewPlaceAsync(input.PlaceLine1!, input.PlacePostcode, now, ct);
    }

    /// <summary>A known place with the same first line and postcode (so repeat-location counts work), else a new one.</summary>
    async Task<Place> FindOrNewPlaceAsync(string line1, string? postcode, DateTime now, CancellationToken ct)
    {
        var line1Key = Place.AddressKey(line1);
        var postcodeKey = Place.PostcodeKeyOf(postcode);
        var existing = db.ChangeTracker.Entries<Place>().Select(e => e.Entity).FirstOrDefault(p => p.Line1Key == line1Key && p.PostcodeKey == postcodeKey)
            ?? await db.Set<Place>().FirstOrDefaultAsync(p => p.Line1Key == line1Key && p.PostcodeKey == postcodeKey, ct);
        if (existing is not null)
        {
            return existing;
        }
        var place = new Place { CreatedUtc = now };
        place.SetAddress(line1, null, null, postcode);
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

/// <summary>
/// The match tokens already spent, until they expire anyway. Per server and lost on a restart, like the export limits:
/// a token's 30-minute life bounds what a restart could give back.
/// </summary>
public sealed class VictimMatchLedger(TimeProvider clock)
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTime> spent = new();

    public bool IsSpent(Guid nonce) => spent.ContainsKey(nonce);

    /// <summary>Spends the token; false when it was already spent (two requests racing with one token: one wins).</summary>
    public bool Spend(Guid nonce, DateTime expiresUtc)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in spent.Where(e => e.Value < now).Select(e => e.Key).ToList())
        {
            spent.TryRemove(old, out _);
        }
        return spent.TryAdd(nonce, expiresUtc);
    }
}
