using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Hosting;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>What the repeat rule found for one victim and place just after an incident was recorded.</summary>
public sealed record RepeatOutcome(bool RepeatVictim, bool RepeatLocation, int AlertsRaised);

/// <summary>
/// Keeps the automatic repeat-victim flags and repeat-location markers equal to the current repeat rule
/// (<see cref="RepeatDetector"/>, reference 2.3: by default 3 or more ASB incidents, from any agency, in the last
/// 3 months). The rule is evaluated at two moments:
/// <list type="bullet">
/// <item>whenever an ASB incident is recorded, for its victim and place (<see cref="ApplyAsync"/>): the flag or
/// marker is set, or cleared if the rule no longer holds (a back-dated incident can arrive after the window moved);</item>
/// <item>by <see cref="AsbRepeatSweep"/> at start-up and then every <see cref="AsbOptions.RepeatSweepInterval"/>
/// (<see cref="SweepAsync"/>): incidents only ever leave the window as days pass, so the sweep only clears.</item>
/// </list>
/// A flag set by a person (<see cref="PersonFlag.Automatic"/> false) is never ended by the rule: it records a
/// practitioner's judgement. Flags and markers are ended, never deleted, so the history stays.
/// </summary>
public sealed class AsbRepeatMarkers(AppDb db, AuditLog audit, TimeProvider clock, AsbOptions options, PersonFlags flags)
{
    public const string RuleName = "ASB repeat rule";
    /// <summary>Who the audit trail names for changes made by the scheduled check (there is no signed-in user).</summary>
    public const string SweepActor = "ASB repeat rule (scheduled check)";

    // Each sweep query names at most this many people or places (keeps IN lists well under provider limits).
    const int ChunkSize = 500;

    DateOnly Today => DateOnly.FromDateTime(AsbTime.ToUk(clock.GetUtcNow().UtcDateTime));

    /// <summary>Sets or clears the repeat markers of one victim and one place as of today; stages alerts. The caller saves.</summary>
    public async Task<RepeatOutcome> ApplyAsync(int personId, int? placeId, AsbRecorder by, CancellationToken ct)
    {
        var rule = options.RepeatRule;
        var today = Today;
        var analysis = await AnalyseAsync([personId], placeId is { } p ? [p] : [], today, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var alerts = 0;

        var victim = analysis.Analysis.RepeatVictims.FirstOrDefault(v => v.Id == Id(personId));
        var active = await db.Set<PersonFlag>()
            .Where(f => f.PersonId == personId && f.Type == PersonFlagTypes.RepeatVictim && f.Active).ToListAsync(ct);
        if (victim is not null)
        {
            var episodeStart = active.Select(f => (DateTime?)f.SetUtc).Min();
            if (episodeStart is null)
            {
                var agencies = victim.Incidents.Select(i => i.Agency).Distinct().Count();
                flags.Raise(personId, new NewPersonFlag(PersonFlagTypes.RepeatVictim,
                    $"{victim.Count} ASB incidents from {agencies} agenc{(agencies == 1 ? "y" : "ies")} between {AsbTime.Format(analysis.Analysis.WindowStart)} and {AsbTime.Format(today)} (rule: {rule.MinimumIncidents} or more in {rule.WindowMonths} months)")
                {
                    Automatic = true,
                    AuditText = "Repeat victim flag set by the ASB repeat rule",
                }, by.UserId, RuleName);
                episodeStart = now;
            }
            alerts = await AlertCaseOwnersAsync(personId, victim, episodeStart.Value, now, ct);
        }
        else
        {
            EndFlags(active.Where(f => f.Automatic), analysis.VictimCounts.GetValueOrDefault(personId), analysis.Analysis.WindowStart, today, null);
        }

        var location = placeId is { } pl ? analysis.Analysis.RepeatLocations.FirstOrDefault(l => l.Id == Id(pl)) : null;
        if (placeId is { } place)
        {
            var marker = await db.Set<AsbRepeatLocation>().FirstOrDefaultAsync(m => m.PlaceId == place, ct);
            if (location is not null)
            {
                if (marker is null)
                {
                    db.Set<AsbRepeatLocation>().Add(new AsbRepeatLocation { PlaceId = place, IncidentCount = location.Count, FlaggedUtc = now, UpdatedUtc = now });
                    audit.Add(new AuditEntry(AuditActions.Change, "place", Id(place), "Repeat location marker set by the ASB repeat rule"));
                }
                else
                {
                    if (!marker.Active)
                    {
                        marker.FlaggedUtc = now;
                        audit.Add(new AuditEntry(AuditActions.Change, "place", Id(place), "Repeat location marker set again by the ASB repeat rule"));
                    }
                    marker.Active = true;
                    marker.IncidentCount = location.Count;
                    marker.UpdatedUtc = now;
                }
            }
            else if (marker is { Active: true })
            {
                EndMarker(marker, analysis.PlaceCounts.GetValueOrDefault(place), analysis.Analysis.WindowStart, today, now, null);
            }
        }
        return new RepeatOutcome(victim is not null, location is not null, alerts);
    }

    /// <summary>
    /// Ends every automatic repeat-victim flag and repeat-location marker whose rule no longer holds today, and
    /// saves. Returns how many flags and markers were ended.
    /// </summary>
    public async Task<(int Flags, int Markers)> SweepAsync(CancellationToken ct)
    {
        var today = Today;
        var now = clock.GetUtcNow().UtcDateTime;
        var flagged = await db.Set<PersonFlag>().AsNoTracking()
            .Where(f => f.Active && f.Automatic && f.Type == PersonFlagTypes.RepeatVictim).Select(f => f.PersonId).Distinct().ToListAsync(ct);
        var marked = await db.Set<AsbRepeatLocation>().AsNoTracking().Where(m => m.Active).Select(m => m.PlaceId).ToListAsync(ct);
        var endedFlags = 0;
        var endedMarkers = 0;

        foreach (var people in flagged.Chunk(ChunkSize))
        {
            var analysis = await AnalyseAsync(people, [], today, ct);
            var still = analysis.Analysis.RepeatVictims.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
            var lapsed = people.Where(p => !still.Contains(Id(p))).ToList();
            if (lapsed.Count == 0)
            {
                continue;
            }
            var flags = await db.Set<PersonFlag>()
                .Where(f => lapsed.Contains(f.PersonId) && f.Active && f.Automatic && f.Type == PersonFlagTypes.RepeatVictim).ToListAsync(ct);
            foreach (var group in flags.GroupBy(f => f.PersonId))
            {
                endedFlags += EndFlags(group, analysis.VictimCounts.GetValueOrDefault(group.Key), analysis.Analysis.WindowStart, today, SweepActor);
            }
        }

        foreach (var places in marked.Chunk(ChunkSize))
        {
            var analysis = await AnalyseAsync([], places, today, ct);
            var counts = analysis.Analysis.RepeatLocations.GroupBy(l => l.Id).ToDictionary(g => g.Key, g => g.Max(l => l.Count), StringComparer.Ordinal);
            var markers = await db.Set<AsbRepeatLocation>().Where(m => places.Contains(m.PlaceId) && m.Active).ToListAsync(ct);
            foreach (var marker in markers)
            {
                if (counts.TryGetValue(Id(marker.PlaceId), out var count))
                {
                    if (marker.IncidentCount != count)
                    {
                        marker.IncidentCount = count;
                        marker.UpdatedUtc = now;
                    }
                }
                else
                {
                    EndMarker(marker, analysis.PlaceCounts.GetValueOrDefault(marker.PlaceId), analysis.Analysis.WindowStart, today, now, SweepActor);
                    endedMarkers++;
                }
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
        return (endedFlags, endedMarkers);
    }

    int EndFlags(IEnumerable<PersonFlag> ending, int inWindow, DateOnly windowStart, DateOnly today, string? actor)
    {
        var rule = options.RepeatRule;
        var ended = 0;
        foreach (var flag in ending)
        {
            var reason = $"Ended by the ASB repeat rule: {inWindow} ASB incident{(inWindow == 1 ? "" : "s")} between {AsbTime.Format(windowStart)} and {AsbTime.Format(today)}, fewer than the rule's {rule.MinimumIncidents} in {rule.WindowMonths} months{(rule.RequireSameCategory ? " of one category" : "")}";
            flags.End(flag, reason, byUserId: null, auditText: "Repeat victim flag ended: " + reason, userNameOverride: actor);
            ended++;
        }
        return ended;
    }

    void EndMarker(AsbRepeatLocation marker, int inWindow, DateOnly windowStart, DateOnly today, DateTime now, string? actor)
    {
        var rule = options.RepeatRule;
        marker.Active = false;
        marker.IncidentCount = inWindow;
        marker.UpdatedUtc = now;
        audit.Add(new AuditEntry(AuditActions.Change, "place", Id(marker.PlaceId),
            $"Repeat location marker ended by the ASB repeat rule: {inWindow} ASB incident(s) between {AsbTime.Format(windowStart)} and {AsbTime.Format(today)}, fewer than {rule.MinimumIncidents} in {rule.WindowMonths} months"),
            userNameOverride: actor);
    }

    sealed record Analysed(RepeatAnalysis Analysis, Dictionary<int, int> VictimCounts, Dictionary<int, int> PlaceCounts);

    /// <summary>Every agency's ASB incidents in the rule's window about these victims or places, run through the rule.</summary>
    async Task<Analysed> AnalyseAsync(IReadOnlyCollection<int> personIds, IReadOnlyCollection<int> placeIds, DateOnly today, CancellationToken ct)
    {
        var rule = options.RepeatRule;
        var fromUtc = AsbTime.StartOfUkDayUtc(rule.WindowStart(today));
        // The victims' and the places' incidents are found through their own indexes (incident_people by person and
        // role, incidents by place) and only then filtered to the window: an OR of the two in one filter cannot use
        // either index, so it read every incident in the window (all agencies', county-wide) on every recording.
        var ofVictims = db.Set<IncidentPerson>().Where(p => personIds.Contains(p.PersonId) && p.Role == IncidentRole.Victim).Select(p => p.IncidentId);
        var atPlaces = db.Set<Incident>().Where(i => i.PlaceId != null && placeIds.Contains(i.PlaceId.Value)).Select(i => i.Id);
        var candidates = ofVictims.Union(atPlaces);
        var rows = await db.Set<Incident>().AsNoTracking()
            .Where(i => candidates.Contains(i.Id) && i.Strand == AsbStrand.Code && i.OccurredUtc >= fromUtc)
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
        var inWindow = incidents.Where(i => rule.IsInWindow(i.OccurredUtc, today)).ToList();
        var victimCounts = personIds.ToDictionary(p => p, p => inWindow.Count(i => i.VictimPersonIds.Contains(Id(p))));
        var placeCounts = placeIds.ToDictionary(p => p, p => inWindow.Count(i => i.PlaceId == Id(p)));
        return new Analysed(RepeatDetector.Detect(incidents, today, rule), victimCounts, placeCounts);
    }

    /// <summary>
    /// Alerts the owners (lead officers) of the victim's open ASB cases, once per repeat episode: the key carries
    /// the time the current flag was set, so a victim who stops being a repeat victim and later becomes one again
    /// raises a new alert.
    /// </summary>
    async Task<int> AlertCaseOwnersAsync(int personId, RepeatSubject victim, DateTime episodeStart, DateTime now, CancellationToken ct)
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
        var episode = episodeStart.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        foreach (var c in cases)
        {
            var owners = c.Leads.Concat(c.LeadOfficerUserId is { } lo ? [lo] : []).Distinct();
            foreach (var owner in owners)
            {
                var key = $"RepeatVictim:person {personId}:case {c.Id}:since {episode}";
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

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Runs <see cref="AsbRepeatMarkers.SweepAsync"/> at start-up and then every <see cref="AsbOptions.RepeatSweepInterval"/>
/// on the app's <see cref="TimeProvider"/>, so repeat flags clear on the day the window passes even when no new incident
/// is recorded (and tests can drive it with a fake clock).
/// </summary>
public sealed class AsbRepeatSweep(IServiceScopeFactory scopes, TimeProvider clock, AsbOptions options, ILogger<AsbRepeatSweep> logger) : BackgroundService
{
    public const string SweepJob = "asb-repeat-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RepeatSweepInterval <= TimeSpan.Zero)
        {
            logger.RepeatSweepOff();
            return;
        }
        // Let start-up finish first (the database is migrated by an earlier hosted service).
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // With several instances on one database only the lease holder sweeps; the lease outlasts two
                // intervals so its holder renews it in time, and another instance takes over if the holder stops.
                var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
                if (await leases.TryHoldAsync(SweepJob, options.RepeatSweepInterval * 2, stoppingToken))
                {
                    var (flags, markers) = await scope.ServiceProvider.GetRequiredService<AsbRepeatMarkers>().SweepAsync(stoppingToken);
                    if (flags + markers > 0)
                    {
                        logger.RepeatSweepEnded(flags, markers);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed check is retried at the next interval; it must not stop the web app.
                logger.RepeatSweepFailed(ex);
            }
            try
            {
                await Task.Delay(options.RepeatSweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
