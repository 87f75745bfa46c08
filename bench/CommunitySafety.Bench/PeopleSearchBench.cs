using System.Diagnostics;
using System.Globalization;
using CommunitySafety.Cli;
using CommunitySafety.Data;
using CommunitySafety.Features.Demo;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace CommunitySafety.Bench;

/// <summary>
/// People-search benchmark: generates N people (with aliases) and M cases into a fresh SQLite file and a
/// fresh PostgreSQL database (schema from the product's own migrations, rows by bulk insert/COPY), then
/// times <see cref="PeopleSearch.FindIdsAsync"/> – the query the /people page runs – over random queries:
/// surname prefixes, forename + surname, and misspellings found through the phonetic keys.
/// Target (brief): p95 &lt; 50 ms on both providers.
/// </summary>
public static class PeopleSearchBench
{
    public sealed record Options(int People, int Cases, int Queries, bool Sqlite, bool Postgres, string Folder, bool ReuseSqlite = false, int Writes = 300)
    {
        public static Options Parse(string[] args)
        {
            int Int(string name, int fallback)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
            }
            var pi = Array.IndexOf(args, "--provider");
            var provider = pi >= 0 && pi + 1 < args.Length ? args[pi + 1] : "both";
            var fi = Array.IndexOf(args, "--folder");
            var folder = fi >= 0 && fi + 1 < args.Length ? args[fi + 1] : Path.Combine(Path.GetTempPath(), "csp-bench");
            return new Options(Int("--people", 1_000_000), Int("--cases", 200_000), Int("--queries", 500),
                provider is "both" or "sqlite", provider is "both" or "postgres", folder, args.Contains("--reuse-sqlite"), Int("--writes", 300));
        }
    }

    static readonly string[] Forenames =
    [
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Daniel", "Matthew",
        "Anthony", "Mark", "Paul", "Steven", "Andrew", "Kenneth", "Joshua", "Kevin", "Brian", "George", "Edward", "Ronald",
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Nancy", "Lisa",
        "Margaret", "Sandra", "Ashley", "Emily", "Donna", "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie",
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya", "Willow",
        "Noah", "Oliver", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore", "Freddie", "Jack",
        "Priya", "Aisha", "Fatima", "Mohammed", "Ahmed", "Ali", "Omar", "Yusuf", "Zara", "Amina", "Hassan", "Ibrahim",
        "Siobhan", "Niamh", "Aoife", "Ciaran", "Declan", "Seamus", "Rhys", "Dylan", "Cerys", "Gethin", "Bronwen", "Iwan",
        "Wojciech", "Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Andrei", "Elena", "Ionut", "Chidi", "Ngozi", "Kwame", "Ama",
    ];

    static readonly string[] SurnameRoots =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson",
        "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel",
        "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker",
        "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young",
        "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller",
        "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson", "Foster",
        "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer",
        "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray",
        "Dixon", "Harvey", "Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart",
        "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West", "Lawrence", "Cole", "Atkinson",
        "O'Brien", "McDonald", "MacLeod", "Kowalski", "Nowak", "Wisniewski", "Popescu", "Okafor", "Mensah", "Nguyen", "Chen", "Wang",
        "Fernandes", "Silva", "Costa", "Oliveira", "Rossi", "Russo", "Muller", "Schmidt", "Van der Berg", "De Souza", "St John",
    ];

    // Suffixes make ~10,000 distinct surnames so prefix ranges are realistic (Smith, Smithson, Smithers…).
    static readonly string[] Suffixes = ["", "", "", "", "son", "s", "er", "ley", "ton", "field", "ford", "wood", "well", "by", "ham", "stone", "more", "worth", "ridge", "land", "ington", "ers", "ell", "ock", "an", "en", "ie", "ey", "ing", "all", "ard", "ick", "ett", "ow", "ald", "ane", "ick", "ope", "urn", "yll"];

    public static async Task<int> RunAsync(Options o)
    {
        Console.WriteLine($"People search and core writes benchmark: {o.People:N0} people, {o.Cases:N0} cases and as many incidents, {o.Queries} queries and {o.Writes} of each write per provider.");
        var surnames = BuildSurnames();
        Console.WriteLine($"  {surnames.Length:N0} distinct surnames, {Forenames.Length} forenames.");
        var results = new List<string>();
        Directory.CreateDirectory(o.Folder);

        if (o.Sqlite)
        {
            var file = Path.Combine(o.Folder, "people-bench.db");
            var cs = $"Data Source={file};Pooling=True";
            if (o.ReuseSqlite && File.Exists(file))
            {
                // Measure again on the file a previous run generated (generation takes minutes on a busy machine).
                results.AddRange(await RunProviderAsync("SQLite (reused file)", "Sqlite", cs, null, o, surnames));
            }
            else
            {
                foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(f);
                }
                results.AddRange(await RunProviderAsync("SQLite", "Sqlite", cs, () => GenerateSqliteAsync(cs, o, surnames), o, surnames));
            }
        }

        if (o.Postgres)
        {
            await using var server = await StartPostgresAsync();
            if (server is null)
            {
                Console.WriteLine("  PostgreSQL: no server (set CSP_BENCH_POSTGRES or install postgresql); skipped.");
                results.Add("PostgreSQL: skipped (no server)");
            }
            else
            {
                var cs = await server.CreateUniqueDatabaseAsync("bench");
                results.AddRange(await RunProviderAsync("PostgreSQL", "Postgres", cs, () => GeneratePostgresAsync(cs, o, surnames), o, surnames));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Summary (search: PeopleSearch.FindIdsAsync, limit 50; writes: the core services, each with its audit entries and timeline):");
        foreach (var line in results)
        {
            Console.WriteLine("  " + line);
        }
        return 0;
    }

    static async Task<PostgresTestServer?> StartPostgresAsync()
    {
        var external = Environment.GetEnvironmentVariable("CSP_BENCH_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            Environment.SetEnvironmentVariable(PostgresTestServer.ExternalServerEnvVar, external);
        }
        var server = await PostgresTestServer.StartAsync();
        if (!server.IsAvailable)
        {
            Console.WriteLine("  " + server.SkipReason);
            await server.DisposeAsync();
            return null;
        }
        return server;
    }

    static string[] BuildSurnames()
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in SurnameRoots)
        {
            foreach (var suffix in Suffixes)
            {
                set.Add(root + suffix);
            }
        }
        // Two-root double-barrelled names widen the set further.
        var rng = new Random(7);
        while (set.Count < 10_000)
        {
            set.Add(SurnameRoots[rng.Next(SurnameRoots.Length)] + "-" + SurnameRoots[rng.Next(SurnameRoots.Length)]);
        }
        return [.. set];
    }

    /// <summary>
    /// One provider: the product's own host (its DbContext, SQLite pragmas, audit protection and services), the demo
    /// partnership seeded by the product (agencies, users, commissioned services), the generated people, cases and
    /// incidents on top, then the search and the write measurements (<see cref="CoreWritesBench"/>).
    /// </summary>
    static async Task<List<string>> RunProviderAsync(string name, string provider, string cs, Func<Task>? generate, Options o, string[] surnames)
    {
        Console.WriteLine();
        Console.WriteLine($"{name}:");
        var sw = Stopwatch.StartNew();
        await using var host = CliHost.Create([$"--Database:Provider={provider}", $"--ConnectionStrings:{provider}={cs}", "--Demo:PlacesData=false",
            // The search's Take-without-OrderBy warning is deliberate (each branch takes any N index hits): keep the table readable.
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Query=Error", "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error"]);
        await host.MigrateAsync(CancellationToken.None);
        Console.WriteLine($"  schema (product migrations) in {sw.Elapsed.TotalSeconds:F1} s");
        await using (var scope = host.CreateScope())
        {
            await DurabilityAsync(scope.ServiceProvider.GetRequiredService<AppDb>());
        }
        if (generate is not null)
        {
            sw.Restart();
            await using (var scope = host.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
            }
            Console.WriteLine($"  demo partnership (product seed: agencies, users, services, funding) in {sw.Elapsed.TotalSeconds:F1} s");
            sw.Restart();
            await generate();
            Console.WriteLine($"  generated in {sw.Elapsed.TotalSeconds:F1} s");
        }
        AppDb NewDb(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDb>();

        var queries = BuildQueries(o.Queries, surnames);
        if (Environment.GetEnvironmentVariable("CSP_BENCH_SHOW_SQL") == "1")
        {
            // Shows the SQL the search sends for one query of each kind (to check index use).
            await using var scope = host.CreateScope();
            var db = NewDb(scope);
            db.Database.SetCommandTimeout(30);
            foreach (var q in queries.Take(3))
            {
                using var trace = new CoreWritesBench.SqlTrace();
                await PeopleSearch.FindIdsAsync(db, q.Text);
                trace.Print($"{q.Kind}: {q.Text}");
            }
        }
        // Warm-up: first use of each query shape compiles and caches the EF query and plans.
        await using (var scope = host.CreateScope())
        {
            foreach (var q in queries.Take(20))
            {
                await PeopleSearch.FindIdsAsync(NewDb(scope), q.Text);
            }
        }

        var timings = new Dictionary<string, List<double>>();
        var empty = 0;
        foreach (var q in queries)
        {
            // A fresh context per query, as a web request would have.
            await using var scope = host.CreateScope();
            var db = NewDb(scope);
            var t = Stopwatch.StartNew();
            var ids = await PeopleSearch.FindIdsAsync(db, q.Text);
            t.Stop();
            if (ids.Count == 0)
            {
                empty++;
            }
            (timings.TryGetValue(q.Kind, out var list) ? list : timings[q.Kind] = []).Add(t.Elapsed.TotalMilliseconds);
        }
        var all = timings.Values.SelectMany(v => v).ToList();
        foreach (var (kind, list) in timings.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {kind,-22} n={list.Count,4}  p50={Percentile(list, 50),7:F2} ms  p95={Percentile(list, 95),7:F2} ms  max={list.Max(),7:F2} ms");
        }
        var line = $"{name} people search: n={all.Count} p50={Percentile(all, 50):F2} ms p95={Percentile(all, 95):F2} ms max={all.Max():F2} ms (queries with no result: {empty}) {(Percentile(all, 95) < 50 ? "PASS" : "FAIL")} p95<50ms";
        Console.WriteLine("  " + line);

        var lines = new List<string> { line };
        if (o.Writes > 0)
        {
            lines.AddRange(await CoreWritesBench.RunAsync(host, name, new CoreWritesBench.Generated(PersonBase, o.People, CaseBase, o.Cases, PlaceBase, Places(o)), o.Writes));
        }
        return lines;
    }

    /// <summary>Says how durable commits are, since write latency depends on it (the tests' throwaway server turns fsync off).</summary>
    static async Task DurabilityAsync(AppDb db)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = db.Provider == DatabaseProvider.Postgres
                ? "SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes')"
                : "SELECT 'journal_mode=' || (SELECT journal_mode FROM pragma_journal_mode) || ', synchronous=' || (SELECT synchronous FROM pragma_synchronous) || ' (2 = FULL)'";
            Console.WriteLine($"  durability: {await cmd.ExecuteScalarAsync()}");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    sealed record Query(string Kind, string Text);

    static List<Query> BuildQueries(int count, string[] surnames)
    {
        var rng = new Random(42);
        var list = new List<Query>(count);
        for (var i = 0; i < count; i++)
        {
            // Drawn with the same skew as the generated people, so most queries name people who exist.
            var surname = surnames[(int)(surnames.Length * Math.Pow(rng.NextDouble(), 2.5))];
            var forename = Forenames[rng.Next(Forenames.Length)];
            switch (i % 3)
            {
                case 0:
                    var key = NameKeys.Key(surname);
                    list.Add(new Query("surname prefix", surname[..Math.Min(surname.Length, Math.Max(3, Math.Min(key.Length, 3 + rng.Next(3))))]));
                    break;
                case 1:
                    list.Add(new Query("forename + surname", $"{forename} {surname}"));
                    break;
                default:
                    list.Add(new Query("misspelt (phonetic)", $"{Misspell(forename, rng)} {Misspell(surname, rng)}"));
                    break;
            }
        }
        return list;
    }

    // A typical keying or hearing error that keeps the first letter: vowel swapped, letter doubled or dropped.
    static string Misspell(string name, Random rng)
    {
        if (name.Length < 4)
        {
            return name;
        }
        var i = 1 + rng.Next(name.Length - 2);
        return rng.Next(3) switch
        {
            0 => name[..i] + ("aeiouy".Contains(name[i], StringComparison.Ordinal) ? "aeiouy"[rng.Next(6)] : name[i]) + name[(i + 1)..],
            1 => name[..i] + name[i] + name[i..],
            _ => name[..i] + name[(i + 1)..],
        };
    }

    // ---- Data generation -------------------------------------------------------------------------

    sealed record GenPerson(int Id, string Forename, string Surname, DateOnly Dob, int AgencyId);

    // Generated rows take ids from here up, above the demo partnership's own (seeded first, by the product), so the
    // write measurements know which rows are generated and a reused file has them at the same ids.
    const int PersonBase = 100_000, CaseBase = 100_000, PlaceBase = 100_000, IncidentBase = 100_000;

    // Demo agency ids, in DemoSeeder's order: generated people and cases belong to the first four
    // (police, county council, district council, fire), as before.
    const int GeneratedAgencies = 4;

    static int Places(Options o) => Math.Max(1, o.Cases / 4);

    static readonly string[] Streets = ["High Street", "Station Road", "Church Lane", "Mill Lane", "Park Road", "Victoria Street", "Green Lane", "School Road", "The Crescent", "Bridge Street", "Queens Road", "Kings Avenue"];

    /// <summary>Generated place k: a house number, street and a WY postcode (fictional area), deterministic so the
    /// write measurements can name existing places without reading them.</summary>
    public static (string Line1, string Postcode) GeneratedPlace(int k) =>
        ($"{1 + k % 250} {Streets[k / 250 % Streets.Length]}",
         $"WY{1 + k / 3000 % 9} {k % 10}{(char)('A' + k / 10 % 26)}{(char)('A' + k / 260 % 26)}");

    static readonly string[] AsbCategories = ["ASB-PERSONAL", "ASB-NUISANCE", "ASB-ENVIRONMENTAL"];

    /// <summary>Incident i (one per generated case, about its victim): ASB, over the last two years so the repeat rule's
    /// three-month window holds some of each victim's and place's incidents.</summary>
    sealed record GenIncident(int Id, int CaseId, int PersonId, int PlaceId, int AgencyId, string Category, DateTime OccurredUtc);

    static IEnumerable<GenPerson> People(Options o, string[] surnames)
    {
        var rng = new Random(1);
        for (var id = 1; id <= o.People; id++)
        {
            // Zipf-like surname popularity: low indexes (common names) are picked far more often.
            var s = surnames[(int)(surnames.Length * Math.Pow(rng.NextDouble(), 2.5))];
            var f = Forenames[rng.Next(Forenames.Length)];
            var dob = new DateOnly(1930, 1, 1).AddDays(rng.Next(365 * 90));
            yield return new GenPerson(PersonBase + id, f, s, dob, 1 + rng.Next(GeneratedAgencies));
        }
    }

    static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>The generated cases (lead agency, victim) and their incidents, in one deterministic pass.</summary>
    static IEnumerable<(int CaseId, int AgencyId, int PersonId, GenIncident Incident)> CasesAndIncidents(Options o)
    {
        var rng = new Random(4);
        var places = Places(o);
        var today = DateTime.UtcNow.Date;
        for (var i = 1; i <= o.Cases; i++)
        {
            var agency = 1 + rng.Next(GeneratedAgencies);
            var person = PersonBase + 1 + rng.Next(o.People);
            var incident = new GenIncident(IncidentBase + i, CaseBase + i, person, PlaceBase + 1 + rng.Next(places), agency,
                AsbCategories[rng.Next(AsbCategories.Length)], today.AddDays(-rng.Next(730)).AddHours(8 + rng.Next(14)));
            yield return (CaseBase + i, agency, person, incident);
        }
    }

    static async Task GenerateSqliteAsync(string cs, Options o, string[] surnames)
    {
        await using var conn = new SqliteConnection(cs);
        await conn.OpenAsync();
        await Exec(conn, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");

        await using (var tx = conn.BeginTransaction())
        {
            var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO people (id, forename, surname, date_of_birth, surname_key, forename_key, surname_phonetic, forename_phonetic, created_by_agency_id, created_utc, updated_utc, version) VALUES ($id,$f,$s,$dob,$sk,$fk,$sp,$fp,$a,$c,$c,1)";
            var ps = new[] { "$id", "$f", "$s", "$dob", "$sk", "$fk", "$sp", "$fp", "$a", "$c" }.Select(n => cmd.Parameters.Add(n, SqliteType.Text)).ToArray();
            ps[0].SqliteType = SqliteType.Integer;
            ps[8].SqliteType = SqliteType.Integer;
            cmd.Prepare();
            var alias = conn.CreateCommand();
            alias.Transaction = tx;
            alias.CommandText = "INSERT INTO person_aliases (person_id, forename, surname, surname_key, forename_key, surname_phonetic, forename_phonetic, created_utc) VALUES ($p,$f,$s,$sk,$fk,$sp,$fp,$c)";
            var aps = new[] { "$p", "$f", "$s", "$sk", "$fk", "$sp", "$fp", "$c" }.Select(n => alias.Parameters.Add(n, SqliteType.Text)).ToArray();
            alias.Prepare();
            var created = Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var rng = new Random(3);
            foreach (var p in People(o, surnames))
            {
                ps[0].Value = p.Id; ps[1].Value = p.Forename; ps[2].Value = p.Surname; ps[3].Value = p.Dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                ps[4].Value = NameKeys.Key(p.Surname); ps[5].Value = NameKeys.Key(p.Forename);
                ps[6].Value = PersonMatching.PhoneticKey(p.Surname); ps[7].Value = PersonMatching.PhoneticKey(p.Forename);
                ps[8].Value = p.AgencyId; ps[9].Value = created;
                await cmd.ExecuteNonQueryAsync();
                if (rng.Next(10) == 0)
                {
                    var s = surnames[rng.Next(surnames.Length)];
                    aps[0].Value = p.Id; aps[1].Value = p.Forename; aps[2].Value = s; aps[3].Value = NameKeys.Key(s); aps[4].Value = NameKeys.Key(p.Forename);
                    aps[5].Value = PersonMatching.PhoneticKey(s); aps[6].Value = PersonMatching.PhoneticKey(p.Forename); aps[7].Value = created;
                    await alias.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
        }

        await using (var tx = conn.BeginTransaction())
        {
            var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO cases (id, reference, type, title, status, access_level, lead_agency_id, opened_utc, updated_utc, version) VALUES ($id,$r,'ASB',$t,'Open','AgencyWide',$a,$c,$c,1)";
            var ps = new[] { "$id", "$r", "$t", "$a", "$c" }.Select(n => cmd.Parameters.Add(n, SqliteType.Text)).ToArray();
            var link = conn.CreateCommand();
            link.Transaction = tx;
            link.CommandText = "INSERT INTO case_people (case_id, person_id, role, added_utc) VALUES ($c,$p,'Victim',$u)";
            var lps = new[] { "$c", "$p", "$u" }.Select(n => link.Parameters.Add(n, SqliteType.Text)).ToArray();
            var place = conn.CreateCommand();
            place.Transaction = tx;
            place.CommandText = "INSERT INTO places (id, line1, town, postcode, postcode_key, line1_key, created_utc) VALUES ($id,$l,'Ashcombe',$p,$pk,$lk,$c)";
            var pls = new[] { "$id", "$l", "$p", "$pk", "$lk", "$c" }.Select(n => place.Parameters.Add(n, SqliteType.Text)).ToArray();
            var incident = conn.CreateCommand();
            incident.Transaction = tx;
            incident.CommandText = "INSERT INTO incidents (id, occurred_utc, strand, category_code, place_id, narrative, reporting_agency_id, created_utc, version) VALUES ($id,$o,'ASB',$cat,$pl,'Generated incident',$a,$c,1);" +
                "INSERT INTO incident_people (incident_id, person_id, role) VALUES ($id,$p,'Victim');" +
                "INSERT INTO asb_incident_details (incident_id, reported_on) VALUES ($id,$r);" +
                "INSERT INTO case_incidents (case_id, incident_id, linked_utc) VALUES ($case,$id,$c);";
            var ips = new[] { "$id", "$o", "$cat", "$pl", "$a", "$c", "$p", "$r", "$case" }.Select(n => incident.Parameters.Add(n, SqliteType.Text)).ToArray();
            var created = Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            for (var k = 1; k <= Places(o); k++)
            {
                var (line1, postcode) = GeneratedPlace(k);
                pls[0].Value = PlaceBase + k; pls[1].Value = line1; pls[2].Value = postcode; pls[3].Value = Place.PostcodeKeyOf(postcode);
                pls[4].Value = Place.AddressKey(line1); pls[5].Value = created;
                await place.ExecuteNonQueryAsync();
            }
            foreach (var (id, agency, person, i) in CasesAndIncidents(o))
            {
                ps[0].Value = id; ps[1].Value = $"ASB-2025-{id - CaseBase:D6}"; ps[2].Value = "Generated case"; ps[3].Value = agency; ps[4].Value = created;
                await cmd.ExecuteNonQueryAsync();
                lps[0].Value = id; lps[1].Value = person; lps[2].Value = created;
                await link.ExecuteNonQueryAsync();
                ips[0].Value = i.Id; ips[1].Value = i.OccurredUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture); ips[2].Value = i.Category;
                ips[3].Value = i.PlaceId; ips[4].Value = i.AgencyId; ips[5].Value = created; ips[6].Value = i.PersonId;
                ips[7].Value = i.OccurredUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); ips[8].Value = i.CaseId;
                await incident.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        // Fold the bulk load into the main file (as a long-running app's checkpoints would) and refresh statistics.
        await Exec(conn, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine($"  rows: {await Scalar(conn, "SELECT count(*) FROM people")} people, {await Scalar(conn, "SELECT count(*) FROM person_aliases")} aliases, {await Scalar(conn, "SELECT count(*) FROM cases")} cases, {await Scalar(conn, "SELECT count(*) FROM incidents")} incidents, {await Scalar(conn, "SELECT count(*) FROM places")} places");
    }

    static async Task Exec(SqliteConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    static async Task<object?> Scalar(SqliteConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    static async Task GeneratePostgresAsync(string cs, Options o, string[] surnames)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var rng = new Random(3);
        var aliases = new List<(int PersonId, string Forename, string Surname)>();
        await using (var copy = await conn.BeginBinaryImportAsync("COPY people (id, forename, surname, date_of_birth, surname_key, forename_key, surname_phonetic, forename_phonetic, created_by_agency_id, created_utc, updated_utc, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in People(o, surnames))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.Forename, NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.Surname, NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.Dob, NpgsqlDbType.Date);
                await copy.WriteAsync(NameKeys.Key(p.Surname), NpgsqlDbType.Varchar);
                await copy.WriteAsync(NameKeys.Key(p.Forename), NpgsqlDbType.Varchar);
                await copy.WriteAsync(PersonMatching.PhoneticKey(p.Surname), NpgsqlDbType.Varchar);
                await copy.WriteAsync(PersonMatching.PhoneticKey(p.Forename), NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.AgencyId, NpgsqlDbType.Integer);
                await copy.WriteAsync(Now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(Now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                if (rng.Next(10) == 0)
                {
                    aliases.Add((p.Id, p.Forename, surnames[rng.Next(surnames.Length)]));
                }
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY person_aliases (person_id, forename, surname, surname_key, forename_key, surname_phonetic, forename_phonetic, created_utc) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (pid, f, s) in aliases)
            {
                await copy.WriteRowAsync(default, pid, f, s, NameKeys.Key(s), NameKeys.Key(f), PersonMatching.PhoneticKey(s), PersonMatching.PhoneticKey(f), Now);
            }
            await copy.CompleteAsync();
        }
        var generated = CasesAndIncidents(o).ToList();
        await using (var copy = await conn.BeginBinaryImportAsync("COPY places (id, line1, town, postcode, postcode_key, line1_key, created_utc) FROM STDIN (FORMAT BINARY)"))
        {
            for (var k = 1; k <= Places(o); k++)
            {
                var (line1, postcode) = GeneratedPlace(k);
                await copy.WriteRowAsync(default, PlaceBase + k, line1, "Ashcombe", postcode, Place.PostcodeKeyOf(postcode), Place.AddressKey(line1), Now);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY cases (id, reference, type, title, status, access_level, lead_agency_id, opened_utc, updated_utc, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, agency, _, _) in generated)
            {
                await copy.WriteRowAsync(default, id, $"ASB-2025-{id - CaseBase:D6}", "ASB", "Generated case", "Open", "AgencyWide", agency, Now, Now, 1);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY case_people (case_id, person_id, role, added_utc) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (c, _, p, _) in generated)
            {
                await copy.WriteRowAsync(default, c, p, "Victim", Now);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY incidents (id, occurred_utc, strand, category_code, place_id, narrative, reporting_agency_id, created_utc, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (_, _, _, i) in generated)
            {
                await copy.WriteRowAsync(default, i.Id, i.OccurredUtc, "ASB", i.Category, i.PlaceId, "Generated incident", i.AgencyId, Now, 1);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY incident_people (incident_id, person_id, role) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (_, _, _, i) in generated)
            {
                await copy.WriteRowAsync(default, i.Id, i.PersonId, "Victim");
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY asb_incident_details (incident_id, reported_on) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (_, _, _, i) in generated)
            {
                await copy.WriteRowAsync(default, i.Id, DateOnly.FromDateTime(i.OccurredUtc));
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY case_incidents (case_id, incident_id, linked_utc) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (_, _, _, i) in generated)
            {
                await copy.WriteRowAsync(default, i.CaseId, i.Id, Now);
            }
            await copy.CompleteAsync();
        }
        // Identity sequences must move past the ids given explicitly above.
        await using (var cmd = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('people','id'), (SELECT max(id) FROM people)); SELECT setval(pg_get_serial_sequence('cases','id'), (SELECT max(id) FROM cases)); SELECT setval(pg_get_serial_sequence('places','id'), (SELECT max(id) FROM places)); SELECT setval(pg_get_serial_sequence('incidents','id'), (SELECT max(id) FROM incidents)); ANALYZE;", conn))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var cmd = new NpgsqlCommand("SELECT (SELECT count(*) FROM people)||' people, '||(SELECT count(*) FROM person_aliases)||' aliases, '||(SELECT count(*) FROM cases)||' cases, '||(SELECT count(*) FROM incidents)||' incidents, '||(SELECT count(*) FROM places)||' places'", conn))
        {
            Console.WriteLine($"  rows: {await cmd.ExecuteScalarAsync()}");
        }
    }
}
