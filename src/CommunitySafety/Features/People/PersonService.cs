using System.Security.Claims;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.People;

public sealed record NewPerson(string Forename, string Surname, DateOnly? DateOfBirth, string? Gender, string? Phone, string? Email,
    string? AddressLine1, string? Town, string? Postcode);

/// <summary>
/// A possible existing record for a new person; details only when the user may see that person. For one they may not,
/// <see cref="Reasons"/> are the shared reasons only (<see cref="PersonMatchResult.SharedReasons"/>: same street, same
/// year of birth…), so the officer does not choose blind and learns nothing that need to know withholds.
/// </summary>
public sealed record PossibleMatch(int Id, int Score, IReadOnlyList<string> Reasons, bool CanSeeDetails, string? Name, DateOnly? DateOfBirth, string? Postcode, string ContactAgency);

/// <summary>Creating, matching, merging and unmerging people (pages and API share it).</summary>
public sealed class PersonService(AppDb db, AuditLog audit, TimeProvider clock)
{
    public const string NotAlike = "These records are not alike enough to be the same person: check the numbers (records are merged only when their names, date of birth or postcode match)";

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The "is this the same person?" check. Candidates come from the indexed name search (exact, prefix and
    /// sound-alike, aliases included); each is scored with <see cref="PersonMatching.MatchScore"/> on names, date of
    /// birth and postcode, and those at or above the possible-match threshold are returned, best first. People outside
    /// the user's need to know come back as a signpost with the shared reasons only. The check is a search of personal data (DPA 2018 s.62
    /// consultation), so it is audited with <paramref name="purpose"/> and the ids found.
    /// </summary>
    public async Task<IReadOnlyList<PossibleMatch>> FindMatchesAsync(ClaimsPrincipal user, NewPerson input, string purpose, CancellationToken ct, int? excludeId = null)
    {
        var matches = await MatchesAsync(user, input, ct, excludeId);
        await audit.WriteAsync(new AuditEntry(AuditActions.Search, "person", null,
            $"possible-match check: {input.Forename.Trim()} {input.Surname.Trim()} ({matches.Count} possible match{(matches.Count == 1 ? "" : "es")}, {matches.Count(m => m.CanSeeDetails)} shown in full; ids {string.Join(",", matches.Select(m => m.Id))})",
            Purpose: purpose), ct);
        return matches;
    }

    async Task<IReadOnlyList<PossibleMatch>> MatchesAsync(ClaimsPrincipal user, NewPerson input, CancellationToken ct, int? excludeId = null)
    {
        var ids = (await PeopleSearch.FindIdsAsync(db, $"{input.Forename} {input.Surname}", 50, ct))
            .Concat(await PeopleSearch.FindIdsAsync(db, input.Surname, 50, ct))
            .Concat(await BornOnAsync(input.DateOfBirth, ct)).ToList();
        // Each half of a double-barrelled surname, so "Pritchard-Jones" finds "Pritchard" (the reverse is a prefix anyway).
        var parts = PersonMatching.Normalise(input.Surname).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 1)
        {
            foreach (var part in parts.Where(p => p.Length > 1))
            {
                ids.AddRange(await PeopleSearch.FindIdsAsync(db, $"{input.Forename} {part}", 50, ct));
            }
        }
        ids = ids.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var people = await MatchRecordsAsync(db, ids, ct);
        var candidate = new PersonRecord(input.Forename, input.Surname, input.DateOfBirth, input.Postcode, AddressLine1: input.AddressLine1);
        var scored = people.Where(p => p.Id != excludeId)
            .Select(p => (p, r: PersonMatching.MatchScore(candidate, p.Record)))
            .Where(x => x.r.IsPossibleMatch).OrderByDescending(x => x.r.Score).Take(10).ToList();
        if (scored.Count == 0)
        {
            return [];
        }
        var matchIds = scored.Select(s => s.p.Id).ToList();
        var visible = (await CaseAccess.People(db, user).Where(p => matchIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var contacts = await ContactAgenciesAsync(matchIds, ct);
        return scored.Select(s => visible.Contains(s.p.Id)
            ? new PossibleMatch(s.p.Id, s.r.Score, s.r.Reasons, true, $"{s.p.Record.Forename} {s.p.Record.Surname}", s.p.Record.DateOfBirth, s.p.Record.Postcode, contacts[s.p.Id])
            : new PossibleMatch(s.p.Id, s.r.Score, s.r.SharedReasons, false, null, null, null, contacts[s.p.Id])).ToList();
    }

    /// <summary>A person as the matching rules see them: names, aliases, date of birth and current home (first line, postcode, UPRN).</summary>
    public sealed record MatchRecord(int Id, PersonRecord Record);

    public static async Task<List<MatchRecord>> MatchRecordsAsync(AppDb db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var rows = await db.Set<Person>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.Forename, p.Surname, p.DateOfBirth,
                Home = p.Addresses.Where(a => a.ToDate == null).OrderByDescending(a => a.Id).Select(a => new { a.Place!.Line1, a.Place.Postcode, a.Place.Uprn }).FirstOrDefault(),
                Aliases = p.Aliases.Select(a => new PersonName(a.Forename, a.Surname)).ToList(),
            }).ToListAsync(ct);
        return rows.Select(r => new MatchRecord(r.Id, new PersonRecord(r.Forename, r.Surname, r.DateOfBirth, r.Home?.Postcode, r.Aliases, r.Home?.Line1, r.Home?.Uprn))).ToList();
    }

    /// <summary>
    /// People born on the date given, or on it with day and month transposed (the two dates that can lift a name match
    /// over the threshold, <see cref="PersonMatching.MatchScore"/>). The name searches stop at 50 each, so with a
    /// common name (hundreds of John Smiths among a million people) the record that is the same person would
    /// otherwise be found only by chance and a duplicate made. A date of birth narrows to a few dozen people (indexed).
    /// </summary>
    async Task<List<int>> BornOnAsync(DateOnly? dateOfBirth, CancellationToken ct)
    {
        if (dateOfBirth is not { } dob)
        {
            return [];
        }
        var transposed = dob.Day <= 12 && dob.Day != dob.Month ? new DateOnly(dob.Year, dob.Day, dob.Month) : dob;
        return await db.Set<Person>().AsNoTracking()
            .Where(p => p.MergedIntoId == null && (p.DateOfBirth == dob || p.DateOfBirth == transposed))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>
    /// Whether two records are similar enough to be one person (<see cref="PersonMatching.MatchScore"/> on names and
    /// aliases, date of birth and current postcode, the better of either way round). The merge page shows and merges
    /// only such pairs: an administrator merging duplicates needs to compare two records that look alike, not to read
    /// any record by its number.
    /// </summary>
    public async Task<PersonMatchResult?> DuplicateLikenessAsync(int a, int b, CancellationToken ct)
    {
        var rows = await MatchRecordsAsync(db, [a, b], ct);
        if (a == b || rows.Count != 2)
        {
            return null;
        }
        PersonRecord Of(int id) => rows.Single(r => r.Id == id).Record;
        var one = PersonMatching.MatchScore(Of(a), Of(b));
        var other = PersonMatching.MatchScore(Of(b), Of(a));
        return one.Score >= other.Score ? one : other;
    }

    /// <summary>
    /// Who to contact about a person: the agency that recorded them (the owning agency, which decides what to share),
    /// else the lead agency of their latest case. Not the latest case first: that may be the asking agency's own case,
    /// linked to the person from a signpost.
    /// </summary>
    public async Task<Dictionary<int, string>> ContactAgenciesAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var rows = await db.Set<Person>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                CaseAgency = db.Set<CasePerson>().Where(cp => cp.PersonId == p.Id).OrderByDescending(cp => cp.CaseId).Select(cp => cp.Case!.LeadAgency!.Name).FirstOrDefault(),
                Created = p.CreatedByAgency!.Name,
            }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Created ?? r.CaseAgency ?? "the partnership's administrator");
    }

    /// <summary>
    /// Stages the audit entry for a person a strand records in its own unit of work (the ASB victim recorded with an
    /// incident); it is made once the person's id is known and commits with the person (ADR 0004).
    /// </summary>
    public void Recorded(Person person, string details) =>
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "person", Id(person.Id), details));

    /// <summary>Stages the audit entry for an existing person linked to a record the same save creates.</summary>
    public void Linked(Person person, Func<string> details) =>
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Change, "person", Id(person.Id), details()));

    public async Task<Person> CreateAsync(ClaimsPrincipal user, NewPerson input, CancellationToken ct)
    {
        var person = Stage(input, user.AgencyId(), user.UserId(), user);
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>
    /// Adds a new person to the caller's unit of work, with its "created" audit entry made once the save gives it an id
    /// (<see cref="AuditLog.AddOnceSaved"/>), so a person recorded with something else (a perpetrator named on an incident
    /// or a case) is kept or lost with it. <paramref name="actor"/> is null only for the product itself (demo seeding).
    /// </summary>
    public Person Stage(NewPerson input, int? agencyId, Guid? userId, ClaimsPrincipal? actor, string? auditText = null)
    {
        var person = new Person
        {
            DateOfBirth = input.DateOfBirth,
            Gender = Blank(input.Gender),
            Phone = Blank(input.Phone),
            Email = Blank(input.Email),
            CreatedByAgencyId = agencyId,
            CreatedByUserId = userId,
            CreatedUtc = Now,
            UpdatedUtc = Now,
        };
        person.SetNames(input.Forename, input.Surname);
        if (!string.IsNullOrWhiteSpace(input.AddressLine1))
        {
            var place = new Place { CreatedUtc = Now };
            place.SetAddress(input.AddressLine1, null, input.Town, input.Postcode);
            person.Addresses.Add(new PersonAddress { Place = place, FromDate = DateOnly.FromDateTime(Now), CreatedUtc = Now });
        }
        db.Add(person);
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "person", person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            auditText is null ? $"created {person.FullName}" : $"created {person.FullName}: {auditText}"), actor);
        return person;
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    sealed class MovedLinks
    {
        public List<int> IncidentPeople { get; set; } = [];
        public List<int> CasePeople { get; set; } = [];
        public List<int> Addresses { get; set; } = [];
        public List<int> Aliases { get; set; } = [];
        public List<int> Flags { get; set; } = [];
        public List<int> RiskAssessments { get; set; } = [];
        public List<long> Alerts { get; set; } = [];
        /// <summary>The alias added to the survivor with the duplicate's name (removed again on unmerge).</summary>
        public int? AddedAliasId { get; set; }
    }

    /// <summary>
    /// Merges <paramref name="duplicateId"/> into <paramref name="survivorId"/>: moves the duplicate's links to the
    /// survivor, keeps the duplicate's name as an alias, marks the duplicate merged, and records every moved row so
    /// <see cref="UnmergeAsync"/> can put it back. Links that would duplicate one the survivor already has (same case
    /// or incident and role) stay on the merged record, which still exists, so nothing is lost either way.
    /// </summary>
    public async Task<(PersonMerge? Merge, string? Error)> MergeAsync(ClaimsPrincipal user, int survivorId, int duplicateId, string reason, CancellationToken ct)
    {
        if (survivorId == duplicateId)
        {
            return (null, "Choose two different people");
        }
        var survivor = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == survivorId, ct);
        var duplicate = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == duplicateId, ct);
        if (survivor is null || duplicate is null)
        {
            return (null, "Enter the numbers of two existing people");
        }
        if (survivor.MergedIntoId is not null || duplicate.MergedIntoId is not null)
        {
            return (null, "One of these people has already been merged: unmerge it first");
        }
        if (await DuplicateLikenessAsync(survivorId, duplicateId, ct) is not { IsPossibleMatch: true })
        {
            return (null, NotAlike);
        }
        // Moving the links, the merge record and its audit entries commit together (ADR 0004).
        return await db.InOneTransactionAsync<(PersonMerge?, string?)>(async ct =>
        {
            var moved = new MovedLinks();

            var survivorIncidents = await db.Set<IncidentPerson>().Where(i => i.PersonId == survivorId).Select(i => new { i.IncidentId, i.Role }).ToListAsync(ct);
            foreach (var row in await db.Set<IncidentPerson>().Where(i => i.PersonId == duplicateId).ToListAsync(ct))
            {
                if (!survivorIncidents.Any(s => s.IncidentId == row.IncidentId && s.Role == row.Role))
                {
                    row.PersonId = survivorId;
                    moved.IncidentPeople.Add(row.Id);
                }
            }
            var survivorCases = await db.Set<CasePerson>().Where(c => c.PersonId == survivorId).Select(c => new { c.CaseId, c.Role }).ToListAsync(ct);
            foreach (var row in await db.Set<CasePerson>().Where(c => c.PersonId == duplicateId).ToListAsync(ct))
            {
                if (!survivorCases.Any(s => s.CaseId == row.CaseId && s.Role == row.Role))
                {
                    row.PersonId = survivorId;
                    moved.CasePeople.Add(row.Id);
                }
            }
            foreach (var row in await db.Set<PersonAddress>().Where(a => a.PersonId == duplicateId).ToListAsync(ct))
            {
                row.PersonId = survivorId;
                moved.Addresses.Add(row.Id);
            }
            foreach (var row in await db.Set<PersonAlias>().Where(a => a.PersonId == duplicateId).ToListAsync(ct))
            {
                row.PersonId = survivorId;
                moved.Aliases.Add(row.Id);
            }
            foreach (var row in await db.Set<PersonFlag>().Where(a => a.PersonId == duplicateId).ToListAsync(ct))
            {
                row.PersonId = survivorId;
                moved.Flags.Add(row.Id);
            }
            foreach (var row in await db.Set<RiskAssessmentRecord>().Where(a => a.PersonId == duplicateId).ToListAsync(ct))
            {
                row.PersonId = survivorId;
                moved.RiskAssessments.Add(row.Id);
            }
            foreach (var row in await db.Set<Alert>().Where(a => a.PersonId == duplicateId).ToListAsync(ct))
            {
                row.PersonId = survivorId;
                moved.Alerts.Add(row.Id);
            }
            var alias = PersonAlias.For(duplicate.Forename, duplicate.Surname, Now);
            alias.PersonId = survivorId;
            db.Add(alias);
            duplicate.MergedIntoId = survivorId;
            duplicate.UpdatedUtc = Now;
            survivor.UpdatedUtc = Now;
            await db.SaveChangesAsync(ct);
            moved.AddedAliasId = alias.Id;

            var merge = new PersonMerge
            {
                SurvivorId = survivorId, MergedId = duplicateId, Reason = reason.Trim(), MergedUtc = Now,
                MergedByUserId = user.UserId(), MovedLinksJson = JsonSerializer.Serialize(moved),
            };
            db.Add(merge);
            await db.SaveChangesAsync(ct);
            audit.Add(new AuditEntry(AuditActions.Combine, "person", Id(survivorId), $"merge {merge.Id}: person {duplicateId} merged into {survivorId}; moved {merge.MovedLinksJson}", Purpose: merge.Reason));
            audit.Add(new AuditEntry(AuditActions.Combine, "person", Id(duplicateId), $"merge {merge.Id}: merged into {survivorId}", Purpose: merge.Reason));
            await db.SaveChangesAsync(ct);
            return (merge, null);
        }, ct);
    }

    /// <summary>Undoes a merge exactly: moves back the rows it moved, removes the alias it added, revives the duplicate.</summary>
    public async Task<string?> UnmergeAsync(ClaimsPrincipal user, int mergeId, string? reason, CancellationToken ct)
    {
        var merge = await db.Set<PersonMerge>().FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null)
        {
            return "That merge was not found";
        }
        if (merge.UnmergedUtc is not null)
        {
            return "That merge has already been undone";
        }
        var moved = JsonSerializer.Deserialize<MovedLinks>(merge.MovedLinksJson) ?? new MovedLinks();
        return await db.InOneTransactionAsync<string?>(async ct =>
        {
            var back = merge.MergedId;
            await db.Set<IncidentPerson>().Where(r => moved.IncidentPeople.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, back), ct);
            await db.Set<CasePerson>().Where(r => moved.CasePeople.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, back), ct);
            await db.Set<PersonAddress>().Where(r => moved.Addresses.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, back), ct);
            await db.Set<PersonAlias>().Where(r => moved.Aliases.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, back), ct);
            await db.Set<PersonFlag>().Where(r => moved.Flags.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, back), ct);
            await db.Set<RiskAssessmentRecord>().Where(r => moved.RiskAssessments.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, (int?)back), ct);
            await db.Set<Alert>().Where(r => moved.Alerts.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, (int?)back), ct);
            if (moved.AddedAliasId is int aliasId)
            {
                await db.Set<PersonAlias>().Where(a => a.Id == aliasId).ExecuteDeleteAsync(ct);
            }
            var duplicate = await db.Set<Person>().FirstAsync(p => p.Id == merge.MergedId, ct);
            duplicate.MergedIntoId = null;
            duplicate.UpdatedUtc = Now;
            merge.UnmergedUtc = Now;
            merge.UnmergedByUserId = user.UserId();
            merge.UnmergeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            audit.Add(new AuditEntry(AuditActions.Combine, "person", Id(merge.SurvivorId), $"merge {merge.Id} undone: person {merge.MergedId} separated again", Purpose: merge.UnmergeReason));
            audit.Add(new AuditEntry(AuditActions.Combine, "person", Id(merge.MergedId), $"merge {merge.Id} undone", Purpose: merge.UnmergeReason));
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
    }

    static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
