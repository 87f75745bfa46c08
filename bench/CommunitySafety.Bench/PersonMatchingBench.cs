using System.Diagnostics;
using System.Globalization;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Bench;

/// <summary>
/// Precision and recall of the person-matching rule (<see cref="PersonMatching.MatchScore"/> at the product's
/// threshold) on a seeded, generated population: people at realistic addresses, their relatives and namesakes (the
/// hard cases: twins, a parent and child of one name, a spouse, neighbours), and for every person a second record as
/// another agency might type it, with one or two of: a nickname, day and month transposed, no date of birth, a new
/// address, a typing slip in a name, a double-barrelled surname. Every second record is scored against every first
/// record; a pair at or above the threshold that is not the same person is a false positive.
/// Usage: <c>person-matching [--people N] [--seed S]</c> (bench/person-matching.sh).
/// </summary>
public static class PersonMatchingBench
{
    static readonly string[] Forenames =
    [
        "Margaret", "Elizabeth", "William", "Robert", "Richard", "James", "John", "Edward", "Thomas", "Anthony", "Charles",
        "Catherine", "Christopher", "Michael", "Patricia", "Susan", "Deborah", "Rebecca", "Jennifer", "Alexander", "Daniel",
        "David", "Joseph", "Samuel", "Benjamin", "Nicholas", "Stephen", "Matthew", "Andrew", "Peter", "Harold", "Henry",
        "Frederick", "Dorothy", "Mary", "Sarah", "Anne", "Helen", "Eleanor", "Victoria", "Joan", "Gillian", "Pamela",
        "Kenneth", "Ronald", "Philip", "Timothy", "Amanda", "Louise", "Joanne", "Priya", "Aisha", "Mohammed", "Tariq",
        "Grace", "Olivia", "Amelia", "Isla", "Oliver", "George", "Noah", "Arthur", "Leo", "Freya", "Ruby", "Chloe",
        "Siobhan", "Niamh", "Rhys", "Gareth", "Bethan", "Ewan", "Fiona", "Callum", "Kyle", "Jordan", "Shannon", "Jade",
        "Zoe", "Karen", "Tracey", "Wayne", "Dean", "Lee", "Carl", "Lisa", "Julie", "Emma", "Laura", "Hannah", "Sophie",
    ];

    static readonly string[] Surnames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis",
        "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander", "Morgan", "Moore",
        "Martin", "Price", "Bell", "Ward", "Turner", "Hughes", "Edwards", "Collins", "Stewart", "Morris", "Murphy",
        "Cook", "Rogers", "Cooper", "Harris", "King", "Lee", "Baker", "Harrison", "Young", "Allen", "Scott", "Adams",
        "Pritchard", "Ellison", "Okafor", "Hussain", "Begum", "Ali", "Ahmed", "Kaur", "Singh", "Nowak", "Kowalski",
        "O'Brien", "McCarthy", "MacDonald", "Fitzgerald", "Gallagher", "Doherty", "Kennedy", "Lynch", "Quinn", "Walsh",
        "Pike", "Brennan", "Cole", "Shah", "Green", "Fletcher", "Marsh", "Barker", "Holmes", "Lloyd", "Owen", "Powell",
    ];

    static readonly string[] StreetNames =
    [
        "Lark", "Mill", "Orchard", "Church", "Station", "Victoria", "Albert", "Park", "Queens", "Kings", "Manor", "Oak",
        "Elm", "Ash", "Willow", "Beech", "Meadow", "Brook", "Chapel", "School", "Windmill", "Hawthorn", "Kingfisher",
        "Heron", "Quay", "Market", "Bridge", "Castle", "Abbey", "Priory", "Rectory", "Vicarage", "Forge", "Granary",
        "Maltings", "Tanners", "Weavers", "Coopers", "Foxglove", "Primrose",
    ];

    static readonly (string Long, string Short)[] StreetKinds =
    [
        ("Rise", "Rise"), ("Road", "Rd"), ("Street", "St"), ("Lane", "Ln"), ("Close", "Cl"), ("Avenue", "Ave"),
        ("Drive", "Dr"), ("Way", "Way"), ("Gardens", "Gdns"), ("Court", "Ct"),
    ];

    enum Variant { Nickname, TransposedDob, MissingDob, MovedAddress, TypoInName, HyphenatedSurname }

    sealed record Person(int Id, string Forename, string Surname, DateOnly? Dob, int Street, int Number, string Kind);

    sealed class Options
    {
        public int People { get; set; } = 1000;
        public int Seed { get; set; } = 14;

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--people": o.People = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--seed": o.Seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown option {args[i]} (use --people N, --seed S)");
                }
            }
            return o;
        }
    }

    public static Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine(e.Message);
            return Task.FromResult(2);
        }
        var rng = new Random(options.Seed);
        var streets = StreetNames.SelectMany(n => StreetKinds.Select(k => (Name: n, Kind: k))).ToArray();
        var people = Population(rng, options.People, streets.Length);

        // The second record of each person, as another agency typed it.
        var variants = new List<(PersonRecord Record, int SourceId, Variant[] Kinds)>();
        var all = Enum.GetValues<Variant>();
        foreach (var p in people)
        {
            Variant[] kinds;
            do
            {
                kinds = rng.NextDouble() < 0.6
                    ? [all[rng.Next(all.Length)]]
                    : all.OrderBy(_ => rng.Next()).Take(2).ToArray();
            }
            // A new address and no date of birth (in either record) leave only the name: nobody could tell that record is
            // the same person, so such pairs are not generated; a date both missing and transposed is no variant.
            while (kinds.Contains(Variant.MovedAddress) && (kinds.Contains(Variant.MissingDob) || p.Dob is null)
                || (kinds.Contains(Variant.TransposedDob) && kinds.Contains(Variant.MissingDob))
                || (kinds.Contains(Variant.Nickname) && !HasNickname(p.Forename))
                || (kinds.Contains(Variant.TransposedDob) && (p.Dob is not { } d || d.Day > 12 || d.Day == d.Month)));
            variants.Add((Vary(rng, p, kinds, streets), p.Id, kinds));
        }

        var existing = people.Select(p => (p.Id, Record: Record(rng, p, streets, noisy: false))).ToList();
        var watch = Stopwatch.StartNew();
        long tp = 0, fp = 0, fn = 0, pairs = 0;
        var byKind = all.ToDictionary(k => k, _ => (Found: 0, Total: 0));
        var missed = new List<string>();
        var wrong = new List<string>();
        foreach (var (record, source, kinds) in variants)
        {
            var foundSource = false;
            foreach (var (id, held) in existing)
            {
                pairs++;
                var result = PersonMatching.MatchScore(record, held);
                if (!result.IsPossibleMatch)
                {
                    continue;
                }
                if (id == source)
                {
                    foundSource = true;
                }
                else
                {
                    fp++;
                    if (wrong.Count < 5)
                    {
                        wrong.Add($"{Show(record)}  ~  {Show(held)}  score {result.Score}: {string.Join("; ", result.Reasons)}");
                    }
                }
            }
            if (foundSource)
            {
                tp++;
            }
            else
            {
                fn++;
                if (missed.Count < 5)
                {
                    var held = existing.Single(e => e.Id == source).Record;
                    var r = PersonMatching.MatchScore(record, held);
                    missed.Add($"[{string.Join("+", kinds)}] {Show(record)}  ~  {Show(held)}  score {r.Score}: {string.Join("; ", r.Reasons)}");
                }
            }
            foreach (var k in kinds)
            {
                var (f, t) = byKind[k];
                byKind[k] = (f + (foundSource ? 1 : 0), t + 1);
            }
        }
        watch.Stop();

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var relatives = people.Count(p => p.Kind != "person");
        Console.WriteLine(Invariant($"person-matching: seed={options.Seed} people={people.Count} ({options.People} people + {relatives} relatives and namesakes), second records={variants.Count}, pairs scored={pairs:N0} in {watch.Elapsed.TotalSeconds:F1} s, threshold={PersonMatchOptions.Default.PossibleMatchThreshold}"));
        Console.WriteLine(Invariant($"TP={tp} FP={fp} FN={fn} precision={precision:F4} recall={recall:F4}"));
        foreach (var (k, (f, t)) in byKind)
        {
            Console.WriteLine(Invariant($"  {k,-18} records={t,5} found={f,5} recall={(t == 0 ? 0 : (double)f / t):F4}"));
        }
        var met = recall >= 0.95 && precision >= 0.98;
        Console.WriteLine($"target recall >= 0.95 at precision >= 0.98: {(met ? "met" : "NOT met")}");
        foreach (var m in missed)
        {
            Console.WriteLine("  missed: " + m);
        }
        foreach (var w in wrong)
        {
            Console.WriteLine("  false match: " + w);
        }
        return Task.FromResult(0);
    }

    static bool HasNickname(string forename)
    {
        var n = PersonMatching.Normalise(forename);
        return NicknameForms.Any(f => Nicknames.AreForms(n, f));
    }

    // Short forms the generator may use (its own list, so the rule is not tested only on the names it was written with).
    static readonly string[] NicknameForms =
    [
        "peggy", "maggie", "meg", "liz", "beth", "betty", "bill", "will", "bob", "rob", "dick", "rick", "jim", "jimmy",
        "jack", "ted", "eddie", "tom", "tony", "charlie", "kate", "kathy", "chris", "mike", "mick", "pat", "sue", "debbie",
        "becky", "jenny", "alex", "dan", "danny", "dave", "joe", "sam", "ben", "nick", "steve", "matt", "andy", "pete",
        "harry", "fred", "dot", "molly", "polly", "sally", "annie", "nell", "ellie", "vicky", "jo", "gill", "pam", "ken",
        "ron", "phil", "tim", "mandy", "lou",
    ];

    static List<Person> Population(Random rng, int count, int streetCount)
    {
        var people = new List<Person>();
        DateOnly Birth() => new DateOnly(1935, 1, 1).AddDays(rng.Next(365 * 75));
        for (var i = 0; i < count; i++)
        {
            var surname = Surnames[rng.Next(Surnames.Length)];
            if (rng.NextDouble() < 0.08)
            {
                surname += "-" + Surnames[rng.Next(Surnames.Length)];
            }
            var p = new Person(people.Count + 1, Forenames[rng.Next(Forenames.Length)], surname, rng.NextDouble() < 0.85 ? Birth() : null,
                rng.Next(streetCount), 1 + rng.Next(120), "person");
            people.Add(p);
            var roll = rng.NextDouble();
            // The hard cases a partnership meets: people who share a surname and a home, a name, or a date of birth.
            if (roll < 0.10)
            {
                people.Add(p with { Id = people.Count + 1, Forename = OtherForename(rng, p.Forename), Dob = Birth(), Kind = "spouse or sibling" });
            }
            else if (roll < 0.13)
            {
                people.Add(p with { Id = people.Count + 1, Forename = OtherForename(rng, p.Forename), Kind = "twin" });
            }
            else if (roll < 0.16)
            {
                people.Add(p with { Id = people.Count + 1, Dob = p.Dob is { } d ? d.AddYears(rng.Next(20, 35)) : Birth(), Kind = "parent or child of one name" });
            }
            else if (roll < 0.21)
            {
                people.Add(p with { Id = people.Count + 1, Dob = Birth(), Street = rng.Next(streetCount), Number = 1 + rng.Next(120), Kind = "namesake" });
            }
            else if (roll < 0.24)
            {
                people.Add(p with { Id = people.Count + 1, Number = p.Number + 1 + rng.Next(10), Dob = Birth(), Kind = "neighbour of one name" });
            }
        }
        return people;
    }

    static string OtherForename(Random rng, string forename)
    {
        string other;
        do
        {
            other = Forenames[rng.Next(Forenames.Length)];
        }
        while (other == forename || Nicknames.AreForms(PersonMatching.Normalise(other), PersonMatching.Normalise(forename)));
        return other;
    }

    static PersonRecord Vary(Random rng, Person p, Variant[] kinds, (string Name, (string Long, string Short) Kind)[] streets)
    {
        var v = p;
        foreach (var k in kinds)
        {
            v = k switch
            {
                Variant.Nickname => v with { Forename = Titled(NicknameForms.Where(f => Nicknames.AreForms(PersonMatching.Normalise(p.Forename), f)).OrderBy(_ => rng.Next()).First()) },
                Variant.TransposedDob => v with { Dob = new DateOnly(v.Dob!.Value.Year, v.Dob.Value.Day, v.Dob.Value.Month) },
                Variant.MissingDob => v with { Dob = null },
                Variant.MovedAddress => v with { Street = rng.Next(streets.Length), Number = 1 + rng.Next(120) },
                Variant.TypoInName => rng.Next(2) == 0 ? v with { Forename = Typo(rng, v.Forename) } : v with { Surname = Typo(rng, v.Surname) },
                Variant.HyphenatedSurname => v with
                {
                    Surname = v.Surname.Contains('-', StringComparison.Ordinal)
                        ? v.Surname.Split('-')[rng.Next(2)]
                        : rng.Next(2) == 0 ? $"{v.Surname}-{Surnames[rng.Next(Surnames.Length)]}" : $"{Surnames[rng.Next(Surnames.Length)]}-{v.Surname}",
                },
                _ => v,
            };
        }
        return Record(rng, v, streets, noisy: true);
    }

    /// <summary>One typing slip: a letter changed, dropped, doubled or swapped with the next.</summary>
    static string Typo(Random rng, string name)
    {
        var chars = name.ToList();
        var i = rng.Next(chars.Count);
        switch (rng.Next(4))
        {
            case 0: chars[i] = (char)('a' + rng.Next(26)); break;
            case 1 when chars.Count > 3: chars.RemoveAt(i); break;
            case 2: chars.Insert(i, chars[i]); break;
            default:
                if (i + 1 < chars.Count)
                {
                    (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                }
                else
                {
                    chars[i] = (char)('a' + rng.Next(26));
                }
                break;
        }
        return new string(chars.ToArray());
    }

    /// <summary>
    /// The record as stored. Second records are typed as people do: "Rd" for "Road", a comma after the number,
    /// a postcode in lower case or without its space; the UPRN is known for about a third of records.
    /// </summary>
    static PersonRecord Record(Random rng, Person p, (string Name, (string Long, string Short) Kind)[] streets, bool noisy)
    {
        var (name, kind) = streets[p.Street];
        var suffix = noisy && rng.Next(3) == 0 ? kind.Short : kind.Long;
        var line = noisy && rng.Next(4) == 0 ? $"{p.Number}, {name} {suffix}" : $"{p.Number} {name} {suffix}";
        // Each street lies in one district; a postcode unit covers about 30 houses of it.
        var district = 1 + (p.Street % 9);
        var unit = $"{(p.Street / 9 % 9) + 1}{(char)('A' + (p.Street % 20))}{(char)('A' + (p.Number / 30))}";
        var postcode = $"WY{district} {unit}";
        if (noisy && rng.Next(3) == 0)
        {
            postcode = postcode.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        }
        long? uprn = rng.NextDouble() < 0.35 ? 100_000_000_000L + (p.Street * 1000L) + p.Number : null;
        return new PersonRecord(p.Forename, p.Surname, p.Dob, postcode, AddressLine1: line, Uprn: uprn);
    }

    static string Titled(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    static string Show(PersonRecord r) =>
        Invariant($"{r.Forename} {r.Surname} {(r.DateOfBirth is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no-dob")} {r.AddressLine1} {r.Postcode}{(r.Uprn is { } u ? $" uprn {u}" : "")}");

    static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
