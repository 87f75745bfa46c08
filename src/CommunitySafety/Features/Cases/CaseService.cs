using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>Who does a case operation: the user, their name as shown on the timeline, and the agency they act for.</summary>
public sealed record CaseActor(Guid? UserId, string Name, int AgencyId)
{
    public static CaseActor Of(ClaimsPrincipal user) =>
        new(user.UserId(), user.DisplayName(), user.AgencyId() ?? throw new InvalidOperationException("The user has no agency."));
}

/// <summary>What a new case starts with. The actor's agency leads it and the actor is its lead officer.</summary>
/// <param name="Type">A case type a strand registered (the caller has checked it).</param>
public sealed record CaseOpening(string Type, string Title, string? Summary = null)
{
    /// <summary>Partner agencies (the lead agency is left out if named).</summary>
    public IReadOnlyCollection<int> Partners { get; init; } = [];
    public IReadOnlyList<(int PersonId, CasePersonRole Role)> People { get; init; } = [];
    public IReadOnlyList<int> Incidents { get; init; } = [];
    /// <summary>People first recorded with the case (a perpetrator named while opening it), created with it in one save.</summary>
    public IReadOnlyList<(People.NewPerson Person, CasePersonRole Role)> NewPeople { get; init; } = [];
    /// <summary>The "opened" timeline line; by default "Case REF opened: title".</summary>
    public string? TimelineText { get; init; }
}

/// <summary>Case operations shared by the pages, the API and the strands, so all write the same timeline and audit.</summary>
public sealed class CaseService(AppDb db, AuditLog audit, TimeProvider clock, People.PersonService persons)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reserves the next reference for the type and year. The counter row is versioned, so two
    /// openings at once cannot take the same number: the loser retries with the new value.</summary>
    public async Task<string> NextReferenceAsync(string prefix, CancellationToken ct)
    {
        var year = Now.Year;
        for (var attempt = 0; ; attempt++)
        {
            var counter = await db.Set<CaseReferenceCounter>().FirstOrDefaultAsync(c => c.Prefix == prefix && c.Year == year, ct);
            if (counter is null)
            {
                counter = new CaseReferenceCounter { Prefix = prefix, Year = year };
                db.Add(counter);
            }
            counter.LastSequence++;
            try
            {
                await db.SaveChangesAsync(ct);
                return CaseReference.Create(prefix, year, counter.LastSequence).ToString();
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Opens a case: reserves its reference (<see cref="NextReferenceAsync"/>), then saves the case with its lead
    /// officer, partners, people and incidents, and its "opened" timeline line and audit entry. One transaction: a case
    /// that fails to save gives its reference back (no gap in the sequence), and the opening waits for one durable
    /// commit, not two.
    /// </summary>
    public Task<Case> OpenAsync(CaseActor by, CaseOpening opening, CancellationToken ct) =>
        db.InOneTransactionAsync(ct => OpenInTransactionAsync(by, opening, ct), ct);

    async Task<Case> OpenInTransactionAsync(CaseActor by, CaseOpening opening, CancellationToken ct)
    {
        var reference = await NextReferenceAsync(opening.Type, ct);
        var now = Now;
        var c = new Case
        {
            Reference = reference,
            Type = opening.Type,
            Title = opening.Title.Trim(),
            Summary = string.IsNullOrWhiteSpace(opening.Summary) ? null : opening.Summary.Trim(),
            LeadAgencyId = by.AgencyId,
            LeadOfficerUserId = by.UserId,
            OpenedUtc = now,
            OpenedByUserId = by.UserId,
            UpdatedUtc = now,
        };
        foreach (var agencyId in opening.Partners.Where(a => a != by.AgencyId).Distinct())
        {
            c.Agencies.Add(new CaseAgency { AgencyId = agencyId, AddedUtc = now, AddedByUserId = by.UserId });
        }
        if (by.UserId is { } uid)
        {
            c.Members.Add(new CaseMember { UserId = uid, Role = CaseMemberRole.LeadOfficer, AddedUtc = now });
        }
        foreach (var (personId, role) in opening.People.Distinct())
        {
            c.People.Add(new CasePerson { PersonId = personId, Role = role, AddedUtc = now, AddedByUserId = by.UserId });
        }
        var created = new List<(People.Person Person, CasePersonRole Role)>();
        foreach (var (input, role) in opening.NewPeople)
        {
            // Through the People core, so the new record and its audit entry are saved with the case or not at all.
            var person = persons.Stage(input, by.AgencyId, by.UserId, null, $"{role} on case {reference}");
            c.People.Add(new CasePerson { Person = person, Role = role, AddedUtc = now, AddedByUserId = by.UserId });
            created.Add((person, role));
        }
        foreach (var incidentId in opening.Incidents.Distinct())
        {
            c.Incidents.Add(new CaseIncident { IncidentId = incidentId, LinkedUtc = now });
        }
        db.Add(c);
        // One save: the case, its timeline line and its audit entry are kept or lost together (ADR 0004).
        ChangedOnceSaved(by, c, CaseEventKinds.Opened, opening.TimelineText ?? $"Case {reference} opened: {c.Title}", AuditActions.Create,
            opening.People.Count + created.Count == 0 ? null : (Func<string>)(() => $"{reference} opened for {string.Join(", ",
                opening.People.Concat(created.Select(p => (p.Person.Id, p.Role))).Select(p => $"person {p.Item1} ({p.Item2})"))}"));
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>Adds a timeline line and an audit entry for a change to the case; both save with the caller's change.</summary>
    public void Changed(ClaimsPrincipal user, int caseId, string kind, string text, string auditAction = AuditActions.Change) =>
        Changed(new CaseActor(user.UserId(), user.DisplayName(), user.AgencyId() ?? 0), caseId, kind, text, auditAction);

    /// <inheritdoc cref="Changed(ClaimsPrincipal, int, string, string, string)"/>
    /// <param name="auditText">The audit entry's details when they should say more than the timeline line.</param>
    public void Changed(CaseActor by, int caseId, string kind, string text, string auditAction = AuditActions.Change, string? auditText = null)
    {
        db.Add(Event(by, kind, text, e => e.CaseId = caseId));
        audit.Add(new AuditEntry(auditAction, "case", Id(caseId), auditText ?? $"{kind}: {text}"));
    }

    /// <summary>
    /// As <see cref="Changed(CaseActor, int, string, string, string, string?)"/> for a case this save creates: the timeline
    /// line follows the case's id through the navigation and the audit entry is made once the id is known, in one save.
    /// </summary>
    public void Changed(CaseActor by, Case c, string kind, string text, string auditAction = AuditActions.Change, string? auditText = null) =>
        ChangedOnceSaved(by, c, kind, text, auditAction, auditText is null ? null : () => auditText);

    /// <param name="auditText">Made once the save has given ids to the records it names.</param>
    void ChangedOnceSaved(CaseActor by, Case c, string kind, string text, string auditAction, Func<string>? auditText)
    {
        db.Add(Event(by, kind, text, e => e.Case = c));
        audit.AddOnceSaved(() => new AuditEntry(auditAction, "case", Id(c.Id), auditText?.Invoke() ?? $"{kind}: {text}"));
    }

    CaseEvent Event(CaseActor by, string kind, string text, Action<CaseEvent> onCase)
    {
        var e = new CaseEvent
        {
            OccurredUtc = Now,
            Kind = kind,
            Text = text.Length > 2000 ? text[..2000] : text,
            UserId = by.UserId,
            UserName = by.Name,
        };
        onCase(e);
        return e;
    }

    /// <summary>Keeps <see cref="Case.NextReviewDate"/> equal to the earliest review not yet held.</summary>
    public async Task RefreshNextReviewAsync(Case c, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<CaseReview>().Where(e => e.Entity.CaseId == c.Id && e.State != EntityState.Deleted)
            .Select(e => e.Entity).ToList();
        var stored = await db.Set<CaseReview>().AsNoTracking().Where(r => r.CaseId == c.Id).ToListAsync(ct);
        var all = stored.Where(s => pending.All(p => p.Id != s.Id)).Concat(pending);
        c.NextReviewDate = all.Where(r => r.DoneDate == null).Select(r => (DateOnly?)r.ScheduledDate).Min();
    }
}
