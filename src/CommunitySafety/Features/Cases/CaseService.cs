using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>Case operations shared by the pages and the API, so both write the same timeline and audit.</summary>
public sealed class CaseService(AppDb db, AuditLog audit, TimeProvider clock)
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

    /// <summary>Adds a timeline line and an audit entry for a change to the case; both save with the caller's change.</summary>
    public void Changed(ClaimsPrincipal user, int caseId, string kind, string text, string auditAction = AuditActions.Change)
    {
        db.Add(new CaseEvent
        {
            CaseId = caseId,
            OccurredUtc = Now,
            Kind = kind,
            Text = text.Length > 2000 ? text[..2000] : text,
            UserId = user.UserId(),
            UserName = user.DisplayName(),
        });
        audit.Add(new AuditEntry(auditAction, "case", Id(caseId), $"{kind}: {text}"));
    }

    /// <summary>
    /// As <see cref="Changed(ClaimsPrincipal, int, string, string, string)"/> for a case this save creates: the timeline line
    /// follows the case's id through the navigation and the audit entry is made once the id is known, all in one save.
    /// </summary>
    public void Changed(ClaimsPrincipal user, Case c, string kind, string text, string auditAction = AuditActions.Change)
    {
        db.Add(new CaseEvent
        {
            Case = c,
            OccurredUtc = Now,
            Kind = kind,
            Text = text.Length > 2000 ? text[..2000] : text,
            UserId = user.UserId(),
            UserName = user.DisplayName(),
        });
        audit.AddOnceSaved(() => new AuditEntry(auditAction, "case", Id(c.Id), $"{kind}: {text}"), user);
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
