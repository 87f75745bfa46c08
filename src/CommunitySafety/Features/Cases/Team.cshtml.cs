using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// Changes who works a case: the lead officer, the partner agencies and the case members (<see cref="CaseTeam"/>).
/// Users who cannot see the case get "not found"; those who can see it but do not manage it get the permission page.
/// A save based on a stale version shows both versions and keeps the user's choices in the form.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class TeamModel(AppDb db, CaseTeam team, AuditLog audit) : PageModel
{
    public const string RemoveMember = "Remove";

    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public TeamInput Input { get; set; } = new();

    public sealed class TeamInput
    {
        public string? LeadOfficer { get; set; }
        public List<string> Partners { get; set; } = [];
        public List<MemberRow> Members { get; set; } = [];
        public string? NewMember { get; set; }
        public string? NewMemberRole { get; set; }
        /// <summary>AgencyWide or Restricted (<see cref="CaseAccessLevel"/>).</summary>
        public string? Access { get; set; }
    }

    public sealed class MemberRow
    {
        public string? UserId { get; set; }
        public string? Name { get; set; }
        /// <summary>CaseWorker, Supervisor or <see cref="RemoveMember"/>.</summary>
        public string? Role { get; set; }
    }

    public string Reference { get; private set; } = "";
    public string LeadAgency { get; private set; } = "";
    public List<SelectListItem> LeadOptions { get; private set; } = [];
    public List<SelectListItem> PartnerOptions { get; private set; } = [];
    public List<SelectListItem> NewMemberOptions { get; private set; } = [];
    public IReadOnlyList<(string Key, string Value)>? Yours { get; private set; }
    public IReadOnlyList<(string Key, string Value)>? Theirs { get; private set; }

    public IEnumerable<SelectListItem> AccessOptions =>
    [
        new("Everyone doing case work at the lead and partner agencies", nameof(CaseAccessLevel.AgencyWide), Input.Access != nameof(CaseAccessLevel.Restricted)),
        new("Only the named case members (and the lead agency's managers)", nameof(CaseAccessLevel.Restricted), Input.Access == nameof(CaseAccessLevel.Restricted)),
    ];

    public IEnumerable<SelectListItem> RoleOptions(string? selected, bool withRemove) =>
        new[] { (CaseMemberRole.CaseWorker.ToString(), "Case worker"), (CaseMemberRole.Supervisor.ToString(), "Supervisor") }
            .Concat(withRemove ? [(RemoveMember, "Remove from the case")] : [])
            .Select(o => new SelectListItem(o.Item2, o.Item1, o.Item1 == selected));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var c = await CaseAccess.Cases(db, User).AsNoTracking().Include(x => x.LeadAgency).FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (c is null)
        {
            return NotFound();
        }
        if (!CaseAccess.CanManageTeam(User, c))
        {
            return Forbid();
        }
        var picture = await team.PictureAsync(Id, ct);
        Version = picture.Version;
        Input = From(picture);
        await LoadAsync(c, ct);
        await audit.WriteAsync(new AuditEntry(AuditActions.View, "case", CaseService.Id(Id), "case team opened to change it"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var c = await CaseAccess.Cases(db, User).AsNoTracking().Include(x => x.LeadAgency).FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (c is null)
        {
            return NotFound();
        }
        if (!CaseAccess.CanManageTeam(User, c))
        {
            return Forbid();
        }
        if (!Guid.TryParse(Input.LeadOfficer, out var lead))
        {
            ModelState.AddModelError("Input.LeadOfficer", "Choose the lead officer");
        }
        var partners = Input.Partners.Select(p => int.TryParse(p, out var a) ? a : -1).ToList();
        var members = new List<(Guid, CaseMemberRole)>();
        foreach (var row in Input.Members.Where(r => r.Role != RemoveMember))
        {
            if (Guid.TryParse(row.UserId, out var uid) && Enum.TryParse<CaseMemberRole>(row.Role, out var role))
            {
                members.Add((uid, role));
            }
        }
        if (!string.IsNullOrEmpty(Input.NewMember))
        {
            if (!Guid.TryParse(Input.NewMember, out var uid))
            {
                ModelState.AddModelError("Input.NewMember", "Choose a case member from the list");
            }
            else if (!Enum.TryParse<CaseMemberRole>(Input.NewMemberRole, out var role) || role == CaseMemberRole.LeadOfficer)
            {
                ModelState.AddModelError("Input.NewMemberRole", "Choose the new member's role");
            }
            else
            {
                members.Add((uid, role));
            }
        }
        CaseAccessLevel? access = null;
        if (Input.Access is not null)
        {
            if (Enum.TryParse<CaseAccessLevel>(Input.Access, out var level) && Enum.IsDefined(level))
            {
                access = level;
            }
            else
            {
                ModelState.AddModelError("Input.Access", "Choose who can see the case");
            }
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(c, ct);
            return Page();
        }
        var result = await team.SaveAsync(User, Id, Version, new TeamChange(lead, partners, members, access), ct);
        switch (result.Outcome)
        {
            case CaseTeam.Outcome.NotFound:
                return NotFound();
            case CaseTeam.Outcome.Forbidden:
                return Forbid();
            case CaseTeam.Outcome.Saved:
            case CaseTeam.Outcome.NoChange:
                TempData["Success"] = result.Outcome == CaseTeam.Outcome.Saved ? "Case team saved." : "Nothing was changed.";
                return Redirect($"/cases/{Id}");
            case CaseTeam.Outcome.Invalid:
                foreach (var (key, message) in result.Errors)
                {
                    ModelState.AddModelError("Input." + key, message);
                }
                await LoadAsync(c, ct);
                return Page();
            default:
                var current = await team.PictureAsync(Id, ct);
                var names = await NamesAsync(ct);
                Yours = Summary(lead, partners, members, access ?? current.Access, names);
                Theirs = Summary(current.LeadOfficer?.Id, current.Partners.Select(p => p.Id), current.Members.Select(m => (m.Id, m.Role)), current.Access, names);
                // Keep the user's choices, now against the current version, so saving again applies them.
                Version = current.Version;
                ModelState.Remove(nameof(Version));
                ModelState.AddModelError(string.Empty, "Someone else changed this case while you were changing its team. Your changes have not been saved yet: compare them with the current version below, then save again or go back.");
                var fresh = await db.Set<Case>().AsNoTracking().Include(x => x.LeadAgency).FirstAsync(x => x.Id == Id, ct);
                await LoadAsync(fresh, ct);
                return Page();
        }
    }

    static TeamInput From(TeamPicture p) => new()
    {
        LeadOfficer = p.LeadOfficer?.Id.ToString(),
        Partners = p.Partners.Select(x => x.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        Members = p.Members.Select(m => new MemberRow { UserId = m.Id.ToString(), Name = $"{m.Name} ({m.Agency})", Role = m.Role.ToString() }).ToList(),
        Access = p.Access.ToString(),
    };

    async Task LoadAsync(Case c, CancellationToken ct)
    {
        Reference = c.Reference;
        LeadAgency = c.LeadAgency!.Name;
        var leads = await team.CaseWorkersAsync([c.LeadAgencyId], ct);
        LeadOptions = [new SelectListItem("Choose the lead officer", ""), .. leads.Select(w => new SelectListItem(w.Name, w.Id.ToString(), w.Id.ToString() == Input.LeadOfficer))];
        PartnerOptions = await db.Agencies.AsNoTracking().Where(a => a.IsActive && a.Id != c.LeadAgencyId).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(ct);
        var current = await db.Set<CaseAgency>().Where(a => a.CaseId == c.Id).Select(a => a.AgencyId).ToListAsync(ct);
        var listed = Input.Members.Select(m => m.UserId).Append(Input.LeadOfficer).ToHashSet();
        var candidates = await team.CaseWorkersAsync([.. current, c.LeadAgencyId], ct);
        NewMemberOptions = [new SelectListItem("Nobody", ""), .. candidates.Where(w => !listed.Contains(w.Id.ToString()))
            .Select(w => new SelectListItem($"{w.Name} ({w.Agency})", w.Id.ToString(), w.Id.ToString() == Input.NewMember))];
    }

    async Task<(Dictionary<Guid, string> Users, Dictionary<int, string> Agencies)> NamesAsync(CancellationToken ct) =>
        (await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct), await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct));

    static List<(string, string)> Summary(Guid? lead, IEnumerable<int> partners, IEnumerable<(Guid Id, CaseMemberRole Role)> members, CaseAccessLevel access,
        (Dictionary<Guid, string> Users, Dictionary<int, string> Agencies) names) =>
    [
        ("Who can see the case", access == CaseAccessLevel.Restricted ? "Only the named case members" : "Everyone doing case work at its agencies"),
        ("Lead officer", lead is { } l ? names.Users.GetValueOrDefault(l, "unknown") : "Not set"),
        ("Partner agencies", string.Join(", ", partners.Select(p => names.Agencies.GetValueOrDefault(p, "unknown")).Order(StringComparer.CurrentCulture)) is { Length: > 0 } p ? p : "None"),
        ("Case members", string.Join(", ", members.Where(m => m.Id != lead).Select(m => $"{names.Users.GetValueOrDefault(m.Id, "unknown")} ({CaseTeam.Display(m.Role)})")) is { Length: > 0 } m ? m : "None"),
    ];
}
