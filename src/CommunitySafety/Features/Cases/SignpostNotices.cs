using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.People;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// Telling the owning agency that another agency linked one of its people (issue #4: choosing a signposted person
/// links your own record to them "and tells the owning agency"). The alert goes to whoever recorded the person and to
/// the owning agency's managers, so it reaches someone who can decide whether to share; it names the person (their own
/// record) and the agency and record that linked them, which is all the linking agency disclosed by linking.
/// </summary>
public static class SignpostNotices
{
    public const string AlertType = "LinkedByPartner";

    /// <summary>Stages the alerts (the caller saves). Nothing is staged when the person's own agency did the linking.</summary>
    public static async Task StageAsync(AppDb db, int personId, int linkingAgencyId, string what, DateTime nowUtc, CancellationToken ct)
    {
        var person = await db.Set<Person>().AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.Id, p.Forename, p.Surname, p.CreatedByAgencyId, p.CreatedByUserId }).FirstOrDefaultAsync(ct);
        if (person?.CreatedByAgencyId is not int owner || owner == linkingAgencyId)
        {
            return;
        }
        var linker = await db.Agencies.Where(a => a.Id == linkingAgencyId).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? "Another agency";
        var managers = await (from u in db.Users
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where u.AgencyId == owner && !u.IsDisabled && r.Name == Roles.AgencyManager
                              select u.Id).ToListAsync(ct);
        var creatorEnabled = person.CreatedByUserId is Guid c && await db.Users.AnyAsync(u => u.Id == c && !u.IsDisabled && u.AgencyId == owner, ct);
        var to = managers.Concat(creatorEnabled ? [person.CreatedByUserId!.Value] : []).Distinct().ToList();
        var dedup = $"{AlertType}:{personId}:{linkingAgencyId}:{what}";
        foreach (var user in to)
        {
            db.Add(new Alert
            {
                UserId = user, PersonId = personId, Type = AlertType, DedupKey = dedup.Length > 200 ? dedup[..200] : dedup, CreatedUtc = nowUtc,
                Text = $"{linker} linked {what} to {person.Forename} {person.Surname} (person {person.Id}), whom your agency holds. They cannot see your record: contact them if it should be shared.",
            });
        }
    }
}
