using System.Security.Claims;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// A change to who works a case. Null means "leave as it is"; a list replaces the current one (the version check
/// makes sure the user saw the current one). <see cref="Members"/> are the case members other than the lead officer.
/// </summary>
public sealed record TeamChange(Guid? LeadOfficerUserId, IReadOnlyList<int>? Partners, IReadOnlyList<(Guid UserId, CaseMemberRole Role)>? Members,
    CaseAccessLevel? Access = null);

/// <summary>The case team as people see it: for the page, the conflict view and the API.</summary>
public sealed record TeamPicture(int Version, (Guid Id, string Name)? LeadOfficer, IReadOnlyList<(int Id, string Name)> Partners,
    IReadOnlyList<(Guid Id, string Name, string Agency, CaseMemberRole Role)> Members, CaseAccessLevel Access = CaseAccessLevel.AgencyWide);

/// <summary>
/// Changing a case's lead officer, partner agencies and case members (pages and API share it). Only
/// <see cref="CaseAccess.CanManageTeam"/> users may; the lead officer must be a case worker of the lead agency; members
/// must be case workers of the lead or a partner agency. A partner agency removed loses sight of the case at once
/// (access is worked out from the partner list on every request) and its users leave the case's members. Every change
/// is a timeline line and an audit entry, and saves only at the version the user read (REL-CONC-01).
/// </summary>
public sealed class CaseTeam(AppDb db, CaseService cases)
{
    public enum Outcome
    {
        Saved,
        NoChange,
        Invalid,
        Conflict,
        NotFound,
        Forbidden,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyDictionary<string, string> Errors);

    static readonly string[] WorkerRoles = [Roles.CaseOfficer, Roles.AgencyManager, Roles.ProviderWorker];

    /// <summary>Enabled users with a case-work role in the given agencies: who may lead or be a member.</summary>
    public async Task<List<(Guid Id, string Name, int AgencyId, string Agency)>> CaseWorkersAsync(IReadOnlyCollection<int> agencyIds, CancellationToken ct)
    {
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where agencyIds.Contains(u.AgencyId) && !u.IsDisabled && WorkerRoles.Contains(r.Name!)
                          select new { u.Id, u.DisplayName, u.AgencyId, Agency = u.Agency!.Name }).Distinct().ToListAsync(ct);
        return rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCulture).Select(r => (r.Id, r.DisplayName, r.AgencyId, r.Agency)).ToList();
    }

    public async Task<TeamPicture> PictureAsync(int caseId, CancellationToken ct)
    {
        var c = await db.Set<Case>().AsNoTracking().FirstAsync(x => x.Id == caseId, ct);
        var partners = await db.Set<CaseAgency>().AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.Agency!.Name)
            .Select(a => new { a.AgencyId, a.Agency!.Name }).ToListAsync(ct);
        var members = await (from m in db.Set<CaseMember>().AsNoTracking()
                             join u in db.Users on m.UserId equals u.Id
                             where m.CaseId == caseId && m.Role != CaseMemberRole.LeadOfficer
                             orderby u.DisplayName
                             select new { u.Id, u.DisplayName, Agency = u.Agency!.Name, m.Role }).ToListAsync(ct);
        var lead = c.LeadOfficerUserId is { } lo ? await db.Users.Where(u => u.Id == lo).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        return new TeamPicture(c.Version, lead is null ? null : (c.LeadOfficerUserId!.Value, lead),
            partners.Select(p => (p.AgencyId, p.Name)).ToList(),
            members.Where(m => m.Id != c.LeadOfficerUserId).Select(m => (m.Id, m.DisplayName, m.Agency, m.Role)).ToList(), c.AccessLevel);
    }

    public async Task<Result> SaveAsync(ClaimsPrincipal user, int caseId, int version, TeamChange change, CancellationToken ct)
    {
        var c = await CaseAccess.Cases(db, user).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
        {
            return new Result(Outcome.NotFound, new Dictionary<string, string>());
        }
        if (!CaseAccess.CanManageTeam(user, c))
        {
            return new Result(Outcome.Forbidden, new Dictionary<string, string>());
        }
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var current = await db.Set<CaseAgency>().Where(a => a.CaseId == caseId).Select(a => a.AgencyId).ToListAsync(ct);
        var partners = change.Partners?.Distinct().ToList() ?? current;
        if (partners.Contains(c.LeadAgencyId))
        {
            errors["Partners"] = "The lead agency cannot also be a partner agency";
        }
        else if (await db.Agencies.CountAsync(a => partners.Contains(a.Id) && (a.IsActive || current.Contains(a.Id)), ct) != partners.Count)
        {
            errors["Partners"] = "Select partner agencies from the list";
        }
        else if (await OpenActionsOfLeavingAgenciesAsync(caseId, current, partners, ct) is { } leaving)
        {
            errors["Partners"] = leaving;
        }
        var leadAgencyName = await db.Agencies.Where(a => a.Id == c.LeadAgencyId).Select(a => a.Name).FirstAsync(ct);
        var leadWorkers = await CaseWorkersAsync([c.LeadAgencyId], ct);
        var lead = change.LeadOfficerUserId ?? c.LeadOfficerUserId;
        if (lead is null || leadWorkers.All(w => w.Id != lead))
        {
            errors["LeadOfficer"] = $"Choose a lead officer who does case work at the lead agency, {leadAgencyName}";
        }
        var allowedAgencies = partners.Append(c.LeadAgencyId).ToList();
        var workers = (await CaseWorkersAsync(allowedAgencies, ct)).ToDictionary(w => w.Id);
        var existing = await db.Set<CaseMember>().Where(m => m.CaseId == caseId).ToListAsync(ct);
        var wantedMembers = new Dictionary<Guid, CaseMemberRole>();
        if (change.Members is { } members)
        {
            foreach (var (id, role) in members)
            {
                if (id == lead)
                {
                    continue;
                }
                if (role == CaseMemberRole.LeadOfficer || !Enum.IsDefined(role))
                {
                    errors["Members"] = "A case member is a case worker or a supervisor: choose the lead officer separately";
                }
                else if (!workers.ContainsKey(id) && existing.All(m => m.UserId != id))
                {
                    errors["Members"] = "Case members must be case workers of the lead agency or a partner agency";
                }
                else
                {
                    wantedMembers[id] = role;
                }
            }
        }
        else
        {
            foreach (var m in existing.Where(m => m.UserId != lead && m.Role != CaseMemberRole.LeadOfficer))
            {
                wantedMembers[m.UserId] = m.Role;
            }
        }
        if (change.Access is { } access && !Enum.IsDefined(access))
        {
            errors["Access"] = "Choose who can see the case: everyone doing case work at its agencies, or only its named members";
        }
        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, errors);
        }

        var changed = false;
        if (change.Access is { } level && level != c.AccessLevel)
        {
            // Every change of who may see the case is on the timeline and in the audit trail (cases.Changed does both).
            cases.Changed(user, c.Id, "access", level == CaseAccessLevel.Restricted
                ? "Case restricted to its named members (and the lead agency's managers): other users of its agencies can no longer see it"
                : "Case opened to everyone doing case work at its agencies (no longer restricted to named members)");
            c.AccessLevel = level;
            changed = true;
        }
        var names = await NamesAsync(existing.Select(m => m.UserId).Concat(wantedMembers.Keys).Append(lead!.Value).Concat(c.LeadOfficerUserId is { } old ? [old] : []), ct);
        if (c.LeadOfficerUserId != lead)
        {
            cases.Changed(user, c.Id, CaseEventKinds.Team, $"Lead officer changed from {(c.LeadOfficerUserId is { } was ? names.GetValueOrDefault(was, "unknown") : "nobody")} to {names[lead.Value]}");
            c.LeadOfficerUserId = lead;
            changed = true;
        }
        changed |= await StagePartnersAsync(user, c, partners, ct);

        // Members who can no longer work the case (their agency left it, or they no longer do case work) leave the members.
        foreach (var gone in wantedMembers.Keys.Where(id => !workers.ContainsKey(id)).ToList())
        {
            wantedMembers.Remove(gone);
        }
        foreach (var m in existing)
        {
            if (db.Entry(m).State == EntityState.Deleted)
            {
                continue; // already taken off with their agency
            }
            if (m.UserId == lead)
            {
                if (m.Role != CaseMemberRole.LeadOfficer)
                {
                    m.Role = CaseMemberRole.LeadOfficer;
                    changed = true;
                }
            }
            else if (wantedMembers.TryGetValue(m.UserId, out var role))
            {
                if (m.Role != role)
                {
                    cases.Changed(user, c.Id, CaseEventKinds.Team, $"{names.GetValueOrDefault(m.UserId, "A member")} is now {Display(role)} on the case (was {Display(m.Role)})");
                    m.Role = role;
                    changed = true;
                }
            }
            else
            {
                cases.Changed(user, c.Id, CaseEventKinds.Team, $"{names.GetValueOrDefault(m.UserId, "A member")} removed from the case members (was {Display(m.Role)})");
                db.Remove(m);
                changed = true;
            }
        }
        if (existing.All(m => m.UserId != lead))
        {
            db.Add(new CaseMember { CaseId = c.Id, UserId = lead.Value, Role = CaseMemberRole.LeadOfficer, AddedUtc = cases.Now });
            changed = true;
        }
        foreach (var (id, role) in wantedMembers.Where(w => existing.All(m => m.UserId != w.Key)))
        {
            db.Add(new CaseMember { CaseId = c.Id, UserId = id, Role = role, AddedUtc = cases.Now });
            cases.Changed(user, c.Id, CaseEventKinds.Team, $"{names.GetValueOrDefault(id, "A user")} ({workers[id].Agency}) added to the case as {Display(role)}");
            changed = true;
        }

        if (!changed)
        {
            db.ChangeTracker.Clear();
            return new Result(Outcome.NoChange, errors);
        }
        // Saving at the version the user read: if anyone saved the case since, none of this is written.
        db.Entry(c).Property(x => x.Version).OriginalValue = version;
        c.UpdatedUtc = cases.Now;
        db.Entry(c).Property(x => x.UpdatedUtc).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
            return new Result(Outcome.Saved, errors);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Result(Outcome.Conflict, errors);
        }
    }

    /// <summary>
    /// Why a partner agency cannot leave the case yet, or null: it still has open actions on it. Its users would no
    /// longer see them, so nobody would complete them and the lead agency would not know; they are closed (done or
    /// cancelled) first.
    /// </summary>
    public async Task<string?> OpenActionsOfLeavingAgenciesAsync(int caseId, IReadOnlyCollection<int> current, IReadOnlyCollection<int> wanted, CancellationToken ct)
    {
        var leaving = current.Where(a => !wanted.Contains(a)).ToList();
        if (leaving.Count == 0)
        {
            return null;
        }

        var open = await db.Set<CaseAction>()
            .Where(a => a.CaseId == caseId && a.Status == CaseActionStatus.Open && leaving.Contains(a.AgencyId))
            .GroupBy(a => a.AgencyId).Select(g => new { AgencyId = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (open.Count == 0)
        {
            return null;
        }

        var names = await db.Agencies.Where(a => leaving.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var which = string.Join(" and ", open.OrderBy(o => names[o.AgencyId], StringComparer.Ordinal)
            .Select(o => $"{names[o.AgencyId]} has {o.Count} open action{(o.Count == 1 ? "" : "s")}"));
        return $"{which} on this case: mark {(open.Sum(o => o.Count) == 1 ? "it" : "them")} done or cancelled (and add it again for another agency if the work is still needed) before removing the agency";
    }

    /// <summary>
    /// Stages the case's partner agencies as <paramref name="wanted"/> with a timeline line for each one added or removed,
    /// and takes the users of removed agencies off the case's members. Returns whether anything changed. The caller has
    /// checked <see cref="CaseAccess.CanManageTeam"/> and saves.
    /// </summary>
    internal async Task<bool> StagePartnersAsync(ClaimsPrincipal user, Case c, IReadOnlyCollection<int> wanted, CancellationToken ct)
    {
        var existing = await db.Set<CaseAgency>().Where(a => a.CaseId == c.Id).ToListAsync(ct);
        var names = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var removed = existing.Where(e => !wanted.Contains(e.AgencyId)).ToList();
        foreach (var gone in removed)
        {
            db.Remove(gone);
            cases.Changed(user, c.Id, CaseEventKinds.Partners, $"Partner agency removed: {names.GetValueOrDefault(gone.AgencyId)}. Its users can no longer see the case.");
        }
        foreach (var added in wanted.Where(w => existing.All(e => e.AgencyId != w)))
        {
            db.Add(new CaseAgency { CaseId = c.Id, AgencyId = added, AddedUtc = cases.Now, AddedByUserId = user.UserId() });
            cases.Changed(user, c.Id, CaseEventKinds.Partners, $"Partner agency added: {names.GetValueOrDefault(added)}. Its case workers can now see the case.");
        }
        if (removed.Count > 0)
        {
            var removedIds = removed.Select(r => r.AgencyId).ToList();
            var leaving = await (from m in db.Set<CaseMember>()
                                 join u in db.Users on m.UserId equals u.Id
                                 where m.CaseId == c.Id && removedIds.Contains(u.AgencyId) && m.Role != CaseMemberRole.LeadOfficer
                                 select new { Member = m, u.DisplayName }).ToListAsync(ct);
            foreach (var l in leaving)
            {
                db.Remove(l.Member);
                cases.Changed(user, c.Id, CaseEventKinds.Team, $"{l.DisplayName} removed from the case members with their agency");
            }
        }
        return removed.Count > 0 || wanted.Any(w => existing.All(e => e.AgencyId != w));
    }

    async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public static string Display(CaseMemberRole role) => role switch
    {
        CaseMemberRole.LeadOfficer => "lead officer",
        CaseMemberRole.CaseWorker => "case worker",
        CaseMemberRole.Supervisor => "supervisor",
        _ => role.ToString(),
    };
}
