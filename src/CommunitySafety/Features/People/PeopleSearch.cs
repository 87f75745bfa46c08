using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.People;

/// <summary>
/// Name search over people and their aliases, designed for a million-row table: every query is an
/// indexed range scan on the normalised surname key ("smi" → smi ≤ key &lt; smj) or an equality on the
/// phonetic keys (Smith/Smyth → S530), each limited, and the few candidates are ranked in memory with
/// <see cref="PersonMatching.NameSimilarity"/>. No LIKE '%x%', no functions on columns. The page, the API
/// and the benchmark all call <see cref="FindIdsAsync"/>.
/// </summary>
public static class PeopleSearch
{
    public const int DefaultLimit = 50;

    public sealed record NameQuery(string? Forename, string Surname)
    {
        public string SurnameKey { get; } = NameKeys.Key(Surname);
        public string? ForenameKey { get; } = Forename is null ? null : NameKeys.Key(Forename);
        public string SurnamePhonetic { get; } = PersonMatching.PhoneticKey(Surname);
        public string? ForenamePhonetic { get; } = Forename is null ? null : PersonMatching.PhoneticKey(Forename);
    }

    /// <summary>"Smith" → surname only; "John Smith" / "John Paul Smith" → first word forename, last word surname.</summary>
    public static NameQuery? Parse(string? text)
    {
        var words = PersonMatching.Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(NameKeys.Key).Where(w => w.Length > 0).ToList();
        return words.Count switch
        {
            0 => null,
            1 => new NameQuery(null, words[0]),
            _ => new NameQuery(words[0], words[^1]),
        };
    }

    /// <summary>Ids of live (not merged) people matching the name, best match first.</summary>
    public static async Task<IReadOnlyList<int>> FindIdsAsync(AppDb db, string? text, int limit = DefaultLimit, CancellationToken ct = default)
    {
        var query = Parse(text);
        if (query is null || query.SurnameKey.Length == 0)
        {
            return [];
        }

        // One round trip: the four limited index lookups (people by key, people by sound, aliases by key,
        // aliases by sound) as a UNION ALL. Alias hits count only for live people (a merged person's aliases
        // moved to the survivor).
        var people = db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null);
        var aliases = db.Set<PersonAlias>().AsNoTracking().Where(a => a.Person!.MergedIntoId == null);
        var rows = await ByPrefix(people, query).Take(limit).Select(p => new Hit { Id = p.Id, Forename = p.Forename, Surname = p.Surname })
            .Concat(ByPhonetic(people, query).Take(limit).Select(p => new Hit { Id = p.Id, Forename = p.Forename, Surname = p.Surname }))
            .Concat(AliasPrefix(aliases, query).Take(limit).Select(a => new Hit { Id = a.PersonId, Forename = a.Forename, Surname = a.Surname }))
            .Concat(AliasPhonetic(aliases, query).Take(limit).Select(a => new Hit { Id = a.PersonId, Forename = a.Forename, Surname = a.Surname }))
            .ToListAsync(ct);
        var candidates = new Dictionary<int, (string Forename, string Surname)>();
        foreach (var hit in rows)
        {
            candidates.TryAdd(hit.Id, (hit.Forename, hit.Surname));
        }

        return candidates
            .Select(c => (c.Key, Score: Rank(query, c.Value.Forename, c.Value.Surname)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Key)
            .Take(limit)
            .Select(c => c.Key)
            .ToList();
    }

    sealed class Hit
    {
        public int Id { get; init; }
        public string Forename { get; init; } = "";
        public string Surname { get; init; } = "";
    }

    static double Rank(NameQuery q, string forename, string surname)
    {
        var s = PersonMatching.NameSimilarity(q.Surname, surname).Similarity;
        var surnameKey = NameKeys.Key(surname);
        if (surnameKey.StartsWith(q.SurnameKey, StringComparison.Ordinal))
        {
            s = Math.Max(s, 0.95);
        }
        if (q.Forename is null)
        {
            return s;
        }
        var f = PersonMatching.NameSimilarity(q.Forename, forename).Similarity;
        if (NameKeys.Key(forename).StartsWith(q.ForenameKey!, StringComparison.Ordinal))
        {
            f = Math.Max(f, 0.95);
        }
        return (0.6 * s) + (0.4 * f);
    }

    // Range scans rather than StartsWith: they use the (surname_key, forename_key) index on both providers
    // regardless of how LIKE with a parameter is planned. Keys only hold 0-9/a-z, so the bounds are exact.
    // With a forename the surname is taken as typed in full (equality), so "John Smith" reads one tight index
    // range instead of every Smith* surname; misspelt or partial surnames are still found by the phonetic query.
    static IQueryable<Person> ByPrefix(IQueryable<Person> people, NameQuery q)
    {
        var lo = q.SurnameKey;
        var hi = NameKeys.PrefixUpperBound(lo);
        people = q.ForenameKey is { Length: > 0 }
            ? people.Where(p => p.SurnameKey == lo)
            : hi is null
            ? people.Where(p => string.Compare(p.SurnameKey, lo) >= 0)
            : people.Where(p => string.Compare(p.SurnameKey, lo) >= 0 && string.Compare(p.SurnameKey, hi) < 0);
        if (q.ForenameKey is { Length: > 0 } f)
        {
            var fhi = NameKeys.PrefixUpperBound(f);
            people = fhi is null
                ? people.Where(p => string.Compare(p.ForenameKey, f) >= 0)
                : people.Where(p => string.Compare(p.ForenameKey, f) >= 0 && string.Compare(p.ForenameKey, fhi) < 0);
        }
        return people.OrderBy(p => p.SurnameKey).ThenBy(p => p.ForenameKey);
    }

    static IQueryable<Person> ByPhonetic(IQueryable<Person> people, NameQuery q)
    {
        var sp = q.SurnamePhonetic;
        people = people.Where(p => p.SurnamePhonetic == sp);
        if (q.ForenamePhonetic is { Length: > 0 } fp)
        {
            people = people.Where(p => p.ForenamePhonetic == fp);
        }
        return people;
    }

    static IQueryable<PersonAlias> AliasPrefix(IQueryable<PersonAlias> aliases, NameQuery q)
    {
        var lo = q.SurnameKey;
        var hi = NameKeys.PrefixUpperBound(lo) ?? "~";
        aliases = q.ForenameKey is { Length: > 0 }
            ? aliases.Where(a => a.SurnameKey == lo)
            : aliases.Where(a => string.Compare(a.SurnameKey, lo) >= 0 && string.Compare(a.SurnameKey, hi) < 0);
        if (q.ForenameKey is { Length: > 0 } f)
        {
            var fhi = NameKeys.PrefixUpperBound(f) ?? "~";
            aliases = aliases.Where(a => string.Compare(a.ForenameKey, f) >= 0 && string.Compare(a.ForenameKey, fhi) < 0);
        }
        return aliases;
    }

    static IQueryable<PersonAlias> AliasPhonetic(IQueryable<PersonAlias> aliases, NameQuery q)
    {
        var sp = q.SurnamePhonetic;
        aliases = aliases.Where(a => a.SurnamePhonetic == sp);
        if (q.ForenamePhonetic is { Length: > 0 } fp)
        {
            aliases = aliases.Where(a => a.ForenamePhonetic == fp);
        }
        return aliases;
    }

    /// <summary>One search result as a user may see it: details, or only a signpost to the agency to contact.</summary>
    public sealed record Result(int Id, bool CanSeeDetails, string? Name, DateOnly? DateOfBirth, string? Postcode, IReadOnlyList<string> Flags, string ContactAgency);

    /// <summary>
    /// Runs the name search and applies need to know (<see cref="CaseAccess.People"/>): people the user may see come
    /// with details; everyone else only as "known to the partnership – contact X", where X is the agency that recorded
    /// them, or the lead agency of their latest case.
    /// </summary>
    public static async Task<IReadOnlyList<Result>> SearchAsync(AppDb db, ClaimsPrincipal user, string? text, int limit = DefaultLimit, CancellationToken ct = default)
    {
        var ids = await FindIdsAsync(db, text, limit, ct);
        if (ids.Count == 0)
        {
            return [];
        }
        var visible = (await CaseAccess.People(db, user).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var rows = await db.Set<Person>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.Forename,
                p.Surname,
                p.DateOfBirth,
                Postcode = p.Addresses.Where(a => a.ToDate == null).Select(a => a.Place!.Postcode).FirstOrDefault(),
                Flags = p.Flags.Where(f => f.Active).Select(f => f.Type).ToList(),
                CaseAgency = db.Set<CasePerson>().Where(cp => cp.PersonId == p.Id).OrderByDescending(cp => cp.CaseId)
                    .Select(cp => cp.Case!.LeadAgency!.Name).FirstOrDefault(),
                CreatedBy = p.CreatedByAgency!.Name,
            })
            .ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var r = byId[id];
            // The owning agency first, as PersonService.ContactAgenciesAsync.
            var contact = r.CreatedBy ?? r.CaseAgency ?? "the partnership's administrator";
            return visible.Contains(id)
                ? new Result(id, true, $"{r.Forename} {r.Surname}", r.DateOfBirth, r.Postcode, r.Flags.Select(PersonFlagTypes.Display).ToList(), contact)
                : new Result(id, false, null, null, null, [], contact);
        }).ToList();
    }
}
