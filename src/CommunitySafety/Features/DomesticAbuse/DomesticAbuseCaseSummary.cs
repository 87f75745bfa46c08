using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse;

/// <summary>What the DA case page and API show: the people, the current DASH and DARA (side by side, never compared), drafts and Marac referrals.</summary>
public sealed record DomesticAbuseCasePicture(
    IReadOnlyList<(int PersonId, string Name, CasePersonRole Role)> People,
    DashRecord? CurrentDash,
    IReadOnlyList<DashRecord> Drafts,
    IReadOnlyList<DashRecord> Completed,
    DaraRecord? CurrentDara,
    IReadOnlyList<MaracReferral> Referrals);

public sealed class DomesticAbuseCaseSummary(AppDb db)
{
    public async Task<DomesticAbuseCasePicture> LoadAsync(ClaimsPrincipal user, Case c, CancellationToken ct)
    {
        var visible = CaseAccess.People(db, user).Select(p => p.Id);
        var people = await db.Set<CasePerson>().AsNoTracking().Where(p => p.CaseId == c.Id && visible.Contains(p.PersonId))
            .OrderBy(p => p.Role).ThenBy(p => p.Person!.Surname)
            .Select(p => new { p.PersonId, p.Person!.Forename, p.Person.Surname, p.Role }).ToListAsync(ct);
        var dashes = await db.Set<DashRecord>().AsNoTracking().Where(d => d.CaseId == c.Id)
            .OrderByDescending(d => d.UpdatedUtc).ThenByDescending(d => d.Id).ToListAsync(ct);
        var completed = dashes.Where(d => d.Status == DashStatus.Completed).OrderByDescending(d => d.CompletedUtc).ToList();
        var dara = await db.Set<DaraRecord>().AsNoTracking().Where(d => d.CaseId == c.Id)
            .OrderByDescending(d => d.AssessedOn).ThenByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        var referrals = await db.Set<MaracReferral>().AsNoTracking().Where(r => r.CaseId == c.Id).OrderByDescending(r => r.ReferredUtc).ToListAsync(ct);
        return new(people.Select(p => (p.PersonId, $"{p.Forename} {p.Surname}", p.Role)).ToList(),
            completed.FirstOrDefault(), dashes.Where(d => d.Status == DashStatus.Draft).ToList(), completed, dara, referrals);
    }
}
