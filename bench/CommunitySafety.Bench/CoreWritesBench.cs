using System.Diagnostics;
using System.Security.Claims;
using CommunitySafety.Cli;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Bench;

/// <summary>
/// The write side of the people-search benchmark, on the same generated store: opening a case, recording an incident
/// (the ASB recording path, which checks the victim against every person, and the general incident form) and making a
/// referral, each through the product's own service as a page request calls it: a fresh scope per operation, the signed-in
/// case officer on the request (so the audit entries name them), every audit entry, timeline line and the audit chain's
/// gate included. Nothing here writes SQL; the reads that choose inputs (which people and cases to use) are not timed.
/// Target (issue 9): p95 &lt; 50 ms on both providers.
/// </summary>
public static class CoreWritesBench
{
    public sealed record Generated(int PersonBase, int People, int CaseBase, int Cases, int PlaceBase, int Places);

    const int WarmUp = 15;
    const string OfficerEmail = "dan.okafor@police.wyvernshire.example";

    sealed record Victim(int Id, string Forename, string Surname, DateOnly? DateOfBirth);

    public static async Task<List<string>> RunAsync(CliHost host, string provider, Generated g, int n)
    {
        var ct = CancellationToken.None;
        var accessor = host.Services.GetRequiredService<IHttpContextAccessor>();
        ClaimsPrincipal officer;
        int police, serviceId;
        List<Victim> visible, anyone;
        List<(int CaseId, int PersonId)> policeCases;
        await using (var scope = host.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(OfficerEmail)
                ?? throw new InvalidOperationException($"The demo partnership has no {OfficerEmail}.");
            // The sign-in's own principal (roles, agency and name claims), as the cookie would carry it.
            officer = await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
            police = user.AgencyId;
            var db = sp.GetRequiredService<AppDb>();
            serviceId = await db.Set<CommissionedService>().Where(s => s.Code == ReferralsDemoContributor.RecoveryCode).Select(s => s.Id).SingleAsync(ct);

            // Random generated people, spread over the whole id range (not the first rows of the table).
            var rng = new Random(11);
            var ids = Enumerable.Range(0, 6 * (n + WarmUp) * 3).Select(_ => g.PersonBase + 1 + rng.Next(g.People)).Distinct().ToList();
            var people = new List<(Victim Person, int Agency)>();
            foreach (var chunk in ids.Chunk(500))
            {
                var rows = await db.Set<Person>().AsNoTracking().Where(p => chunk.Contains(p.Id))
                    .Select(p => new { p.Id, p.Forename, p.Surname, p.DateOfBirth, p.CreatedByAgencyId }).ToListAsync(ct);
                people.AddRange(rows.Select(p => (new Victim(p.Id, p.Forename, p.Surname, p.DateOfBirth), p.CreatedByAgencyId ?? 0)));
            }
            people = [.. people.OrderBy(_ => rng.Next())];
            anyone = [.. people.Select(p => p.Person)];
            visible = [.. people.Where(p => p.Agency == police).Select(p => p.Person)];

            // Cases the police lead about a person the police recorded: the officer may refer from them.
            var caseIds = Enumerable.Range(0, 24 * (n + WarmUp)).Select(_ => g.CaseBase + 1 + rng.Next(g.Cases)).Distinct().ToList();
            policeCases = [];
            foreach (var chunk in caseIds.Chunk(500))
            {
                var rows = await db.Set<CasePerson>().AsNoTracking()
                    .Where(cp => chunk.Contains(cp.CaseId) && cp.Case!.LeadAgencyId == police && cp.Person!.CreatedByAgencyId == police)
                    .Select(cp => new { cp.CaseId, cp.PersonId }).ToListAsync(ct);
                policeCases.AddRange(rows.Select(r => (r.CaseId, r.PersonId)));
            }
        }
        if (visible.Count < 2 * (n + WarmUp) || policeCases.Count < n + WarmUp || anyone.Count < 3 * (n + WarmUp))
        {
            throw new InvalidOperationException($"Too few generated rows for {n} writes: {visible.Count} police people, {policeCases.Count} police cases.");
        }

        Console.WriteLine();
        Console.WriteLine($"  core writes ({n} each after {WarmUp} warm-up, as {OfficerEmail}; inputs drawn from the generated rows):");
        var run = new Run(host, accessor, officer, provider);
        var lines = new List<string>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // Opening a case for a victim the officer's agency recorded.
        lines.Add(await MeasureAsync(run, "open a case (CaseService.OpenAsync)", n, async (i, sp, watch) =>
        {
            var victim = visible[i];
            var cases = sp.GetRequiredService<CaseService>();
            watch.Start();
            var c = await cases.OpenAsync(CaseActor.Of(officer), new CaseOpening("ASB", $"Noise and abuse at flat {i}, Tanner House", "Neighbour dispute reported by the victim.")
            {
                People = [(victim.Id, CasePersonRole.Victim)],
            }, ct);
            watch.Stop();
            return c.Id > 0 ? null : "no case id";
        }));

        // The ASB form's first post: the victim named, checked against every person (indexed name search, scoring,
        // need to know, the audited search). With 1M people nearly every real name has possible matches, so this
        // request usually answers with the matches for the officer to choose from.
        var matchOutcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        lines.Add(await MeasureAsync(run, "ASB incident: victim named, match check", n, async (i, sp, watch) =>
        {
            var victim = anyone[i];
            var recorder = sp.GetRequiredService<AsbIncidentRecorder>();
            var input = AsbInput(i, today, victim, g);
            watch.Start();
            var result = await recorder.RecordAsync(input, new AsbRecorder(police, officer.UserId(), officer.DisplayName(), officer), ct);
            watch.Stop();
            var key = result.NeedsVictimChoice ? "matches shown" : result.Succeeded ? "recorded with a new victim" : "refused";
            matchOutcomes[key] = matchOutcomes.GetValueOrDefault(key) + 1;
            return result.NeedsVictimChoice || result.Succeeded ? null : string.Join("; ", result.Errors.Values);
        }));
        Console.WriteLine($"      outcomes (warm-up included): {string.Join(", ", matchOutcomes.Select(o => $"{o.Key} {o.Value}"))}");

        // The second post: the officer chose one of the possible matches (the person searched for when it is among them).
        // The match check it needs is a request of its own (above) and is not timed here.
        var chosenOutcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        lines.Add(await MeasureAsync(run, "ASB incident: chosen match recorded", n, async (i, sp, watch) =>
        {
            var victim = anyone[n + WarmUp + i];
            var input = AsbInput(i, today, victim, g);
            var by = new AsbRecorder(police, officer.UserId(), officer.DisplayName(), officer);
            AsbIncidentResult first;
            await using (var check = host.CreateScope())
            {
                accessor.HttpContext = new DefaultHttpContext { User = officer };
                first = await check.ServiceProvider.GetRequiredService<AsbIncidentRecorder>().RecordAsync(input, by, ct);
            }
            accessor.HttpContext = new DefaultHttpContext { User = officer };
            if (!first.NeedsVictimChoice)
            {
                chosenOutcomes["no matches (recorded by the check)"] = chosenOutcomes.GetValueOrDefault("no matches (recorded by the check)") + 1;
                return null;
            }
            var match = first.VictimMatches!.FirstOrDefault(m => m.Match.Id == victim.Id) ?? first.VictimMatches![0];
            var recorder = sp.GetRequiredService<AsbIncidentRecorder>();
            watch.Start();
            var result = await recorder.RecordAsync(input with { VictimMatchToken = match.Token }, by, ct);
            watch.Stop();
            var key = !result.Succeeded ? "refused" : result.VictimVisible ? "victim visible" : "victim signposted";
            chosenOutcomes[key] = chosenOutcomes.GetValueOrDefault(key) + 1;
            if (result.RepeatVictim)
            {
                chosenOutcomes["repeat victim"] = chosenOutcomes.GetValueOrDefault("repeat victim") + 1;
            }
            return result.Succeeded ? null : string.Join("; ", result.Errors.Values);
        }));
        Console.WriteLine($"      outcomes (warm-up included): {string.Join(", ", chosenOutcomes.Select(o => $"{o.Key} {o.Value}"))}");

        // The second post the other way: none of the matches is the victim, so the officer confirms a new person.
        lines.Add(await MeasureAsync(run, "ASB incident: new victim confirmed", n, async (i, sp, watch) =>
        {
            var victim = anyone[2 * (n + WarmUp) + i];
            var recorder = sp.GetRequiredService<AsbIncidentRecorder>();
            var input = AsbInput(i, today, victim, g) with { ConfirmNewVictim = true, VictimDateOfBirth = victim.DateOfBirth?.AddDays(1) };
            watch.Start();
            var result = await recorder.RecordAsync(input, new AsbRecorder(police, officer.UserId(), officer.DisplayName(), officer), ct);
            watch.Stop();
            return result.Succeeded ? null : string.Join("; ", result.Errors.Values);
        }));

        // The general incident form (any strand): checks and saves, as the page does, for a person the officer can see.
        lines.Add(await MeasureAsync(run, "incident (IncidentService check + create)", n, async (i, sp, watch) =>
        {
            var victim = visible[n + WarmUp + i];
            var incidents = sp.GetRequiredService<IncidentService>();
            var (line1, postcode) = PeopleSearchBench.GeneratedPlace(1 + (i * 7919) % g.Places);
            var input = new NewIncident(DateTime.UtcNow.AddHours(-3), "ASB-NUISANCE", "Loud music from the flat above until 3am.", $"WYP-LOG-{i:D5}",
                line1, "Ashcombe", postcode, [(victim.Id, IncidentRole.Victim)]);
            watch.Start();
            var errors = await incidents.ValidateAsync(officer, input, ct);
            if (errors.Count == 0)
            {
                await incidents.CreateAsync(officer, input, ct);
            }
            watch.Stop();
            return errors.Count == 0 ? null : string.Join("; ", errors.Values);
        }));

        // A referral from a police case to the drug treatment service: picture, checks, disclosure log, case timeline, audit.
        lines.Add(await MeasureAsync(run, "make a referral (ReferralService.MakeAsync)", n, async (i, sp, watch) =>
        {
            var (caseId, personId) = policeCases[i];
            var referrals = sp.GetRequiredService<ReferralService>();
            var input = new MakeReferral(serviceId, personId, caseId, "Drug use linked to the behaviour on the case; agreed to an assessment.",
                nameof(ConsentDecision.Given), null, "ART6-1-E", "CDA1998-S115", "ART9-2-H", [SharedFields.Name, SharedFields.DateOfBirth, SharedFields.SupportNeeds],
                "Wants help with cannabis and alcohol use.", null, null);
            watch.Start();
            var result = await referrals.MakeAsync(officer, input, ct);
            watch.Stop();
            return result.Outcome == Outcome.Done ? null : $"{result.Outcome}: {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}"))}";
        }));
        return lines;
    }

    static AsbIncidentInput AsbInput(int i, DateOnly today, Victim victim, Generated g)
    {
        // Every third incident at an existing generated place, so the repeat-location rule has incidents to count.
        var (line1, postcode) = i % 3 == 0 ? PeopleSearchBench.GeneratedPlace(1 + (i * 104729) % g.Places) : ($"Flat {i}, Tanner House", "WY4 2LR");
        return new AsbIncidentInput("ASB-PERSONAL", today.AddDays(-1), today, "Shouting and banging on the victim's door late at night.", null,
            victim.Forename, victim.Surname, victim.DateOfBirth, null, line1, postcode, $"WYP-LOG-{i:D5}");
    }

    /// <summary>Runs <paramref name="op"/> warm-up + n times, each in a fresh scope with the officer on the request, timing
    /// what the op brackets with the stopwatch; prints p50/p95/p99/max and returns the summary line.</summary>
    sealed record Run(CliHost Host, IHttpContextAccessor Accessor, ClaimsPrincipal Officer, string Provider);

    static async Task<string> MeasureAsync(Run run, string label, int n, Func<int, IServiceProvider, Stopwatch, Task<string?>> op)
    {
        var timings = new List<double>(n);
        var failures = 0;
        string? firstFailure = null;
        for (var k = 0; k < WarmUp + n; k++)
        {
            var i = k < WarmUp ? n + k : k - WarmUp; // warm-up inputs come after the measured ones
            await using var scope = run.Host.CreateScope();
            run.Accessor.HttpContext = new DefaultHttpContext { User = run.Officer };
            var watch = new Stopwatch();
            // CSP_BENCH_SHOW_SQL=1: the SQL of the first measured operation of each kind (to count round trips, check plans).
            using var trace = k == WarmUp && Environment.GetEnvironmentVariable("CSP_BENCH_SHOW_SQL") == "1" ? new SqlTrace() : null;
            var error = await op(i, scope.ServiceProvider, watch);
            trace?.Print($"'{label}'");
            run.Accessor.HttpContext = null;
            if (error is not null)
            {
                failures++;
                firstFailure ??= error;
            }
            if (k >= WarmUp && watch.ElapsedTicks > 0)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        if (firstFailure is not null)
        {
            Console.WriteLine($"    {label}: {failures} failed, first: {firstFailure}");
        }
        var p95 = Percentile(timings, 95);
        var verdict = failures == 0 && p95 < 50 ? "PASS" : "FAIL";
        Console.WriteLine($"    {label,-44} n={timings.Count,4}  p50={Percentile(timings, 50),7:F2} ms  p95={p95,7:F2} ms  p99={Percentile(timings, 99),7:F2} ms  max={timings.Max(),7:F2} ms  {verdict}");
        return $"{run.Provider} {label}: n={timings.Count} p50={Percentile(timings, 50):F2} ms p95={p95:F2} ms p99={Percentile(timings, 99):F2} ms max={timings.Max():F2} ms{(failures > 0 ? $" ({failures} failed)" : "")} {verdict} p95<50ms";
    }

    static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>Collects the commands and commits of one operation (CSP_BENCH_SHOW_SQL=1), to count round trips and see where the time goes.</summary>
    internal sealed class SqlTrace : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        readonly List<IDisposable> _subs = [];
        readonly List<string> _lines = [];
        readonly IDisposable _all;

        public SqlTrace() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name)
            {
                _subs.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData e)
            {
                var text = e.Command.CommandText.ReplaceLineEndings(" ");
                // The duration is until the first row: SQLite steps the rest while they are read.
                var full = Environment.GetEnvironmentVariable("CSP_BENCH_SHOW_SQL_FULL") == "1";
                _lines.Add($"[{e.Duration.TotalMilliseconds,6:F1} ms] {(text.Length > 300 && !full ? text[..300] + "…" : text)}");
            }
            else if (value.Value is Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData t && value.Key.EndsWith("TransactionCommitted", StringComparison.Ordinal))
            {
                _lines.Add($"[{t.Duration.TotalMilliseconds,6:F1} ms] COMMIT");
            }
        }

        public void Print(string label)
        {
            Console.WriteLine($"      -- SQL of one {label} ({_lines.Count} commands and commits):");
            foreach (var line in _lines)
            {
                Console.WriteLine("      " + line);
            }
        }

        public void Dispose()
        {
            _all.Dispose();
            foreach (var s in _subs)
            {
                s.Dispose();
            }
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
