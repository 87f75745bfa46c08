using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// The case page: summary, people, incidents, places, actions, reviews, notes, documents and timeline,
/// with a small form for each. Each handler binds and validates only its own form (TryUpdateModelAsync),
/// so an error in one form does not block the others, then hands the write to <see cref="CaseWorkService"/>. Every request first checks <see cref="CaseAccess"/>:
/// a case the user may not see is "not found", whether it exists or not.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
// A body a little over the document limit reaches the page, which explains the limit; larger ones get 413.
[RequestSizeLimit(DocumentStore.MaxBytes + 2 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = DocumentStore.MaxBytes + 2 * 1024 * 1024)]
public sealed class ViewModel(AppDb db, AuditLog audit, CaseService cases, CaseWorkService work, DocumentStore documents, Strands.StrandCatalogue strands) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public Case Case { get; private set; } = null!;
    public string LeadAgency { get; private set; } = "";
    public string? LeadOfficer { get; private set; }
    public IReadOnlyList<string> Partners { get; private set; } = [];
    public IReadOnlyList<string> Members { get; private set; } = [];
    public bool CanManageTeam { get; private set; }
    /// <summary>A linked person: in full when the user may see them (CaseAccess), else only who holds them (<see cref="HeldBy"/>).</summary>
    public sealed record PersonRow(int? PersonId, string? Name, DateOnly? DateOfBirth, CasePersonRole Role, IReadOnlyList<string> Flags, string? HeldBy = null);
    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public sealed record IncidentRow(int Id, DateTime OccurredUtc, string Category, string? Place, string Agency, bool TimeKnown = true);
    public IReadOnlyList<IncidentRow> Incidents { get; private set; } = [];
    /// <summary>Linked incidents the user may not see, by reporting agency (counts only: who to ask, not what they hold).</summary>
    public IReadOnlyList<(string Agency, int Count)> HiddenIncidents { get; private set; } = [];
    public IReadOnlyList<Place> Places { get; private set; } = [];
    public sealed record ActionRow(CaseAction Action, string? Owner, string Agency);
    public IReadOnlyList<ActionRow> Actions { get; private set; } = [];
    public IReadOnlyList<CaseReview> Reviews { get; private set; } = [];
    public IReadOnlyList<CaseNote> Notes { get; private set; } = [];
    public IReadOnlyList<CaseDocument> Documents { get; private set; } = [];
    public IReadOnlyList<CaseEvent> Timeline { get; private set; } = [];
    public List<SelectListItem> OwnerOptions { get; private set; } = [];
    public List<SelectListItem> AgencyOptions { get; private set; } = [];
    public DateOnly Today => cases.Today;

    public NoteInput Note { get; set; } = new();
    public ActionInput NewAction { get; set; } = new();
    public ReviewInput Review { get; set; } = new();
    public LinkInput Link { get; set; } = new();
    public DocumentInput Document { get; set; } = new();

    public sealed class NoteInput
    {
        [Required(ErrorMessage = "Enter the note")]
        [StringLength(20000, ErrorMessage = "Note must be 20,000 characters or fewer")]
        public string? Text { get; set; }
    }

    public sealed class ActionInput
    {
        [Required(ErrorMessage = "Enter what needs to be done")]
        [StringLength(300, ErrorMessage = "Action must be 300 characters or fewer")]
        [Display(Name = "Action")]
        public string? Title { get; set; }

        [Display(Name = "Owner")]
        public string? Owner { get; set; }

        [Required(ErrorMessage = "Select the agency responsible")]
        public string? Agency { get; set; }

        [Required(ErrorMessage = "Enter the due date")]
        [Display(Name = "Due date")]
        public DateOnly? DueDate { get; set; }
    }

    public sealed class ReviewInput
    {
        [Required(ErrorMessage = "Enter the date of the review")]
        [Display(Name = "Review date")]
        public DateOnly? Date { get; set; }
    }

    public sealed class LinkInput
    {
        [Display(Name = "Person number")]
        public int? PersonId { get; set; }
        public string? Role { get; set; }
        [Display(Name = "Incident number")]
        public int? IncidentId { get; set; }
    }

    public sealed class DocumentInput
    {
        public IFormFile? File { get; set; }
        [StringLength(500, ErrorMessage = "Description must be 500 characters or fewer")]
        public string? Description { get; set; }
    }

    public IEnumerable<SelectListItem> RoleOptions => Enum.GetValues<CasePersonRole>().Select(r => new SelectListItem(CaseDisplay.Role(r), r.ToString(), Link.Role == r.ToString()));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        await audit.ViewedAsync("case", CaseService.Id(Id), ct: ct);
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = await CaseAccess.Cases(db, User).AsNoTracking().Include(c => c.LeadAgency).FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (found is null)
        {
            return false;
        }
        Case = found;
        LeadAgency = found.LeadAgency!.Name;
        LeadOfficer = found.LeadOfficerUserId is Guid lo ? await db.Users.Where(u => u.Id == lo).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        Partners = await db.Set<CaseAgency>().Where(a => a.CaseId == Id).Select(a => a.Agency!.Name).OrderBy(n => n).ToListAsync(ct);
        Members = (await (from m in db.Set<CaseMember>().AsNoTracking()
                          join u in db.Users on m.UserId equals u.Id
                          where m.CaseId == Id && m.Role != CaseMemberRole.LeadOfficer
                          orderby u.DisplayName
                          select new { u.DisplayName, m.Role }).ToListAsync(ct))
            .Select(m => $"{m.DisplayName} ({CaseTeam.Display(m.Role)})").ToList();
        CanManageTeam = CaseAccess.CanManageTeam(User, found);
        var visiblePeople = CaseAccess.People(db, User).Select(p => p.Id);
        People = (await db.Set<CasePerson>().AsNoTracking().Where(p => p.CaseId == Id)
            .Select(p => new
            {
                p.PersonId, Visible = visiblePeople.Contains(p.PersonId), p.Person!.Forename, p.Person.Surname, p.Person.DateOfBirth, p.Role,
                Flags = p.Person.Flags.Where(f => f.Active).Select(f => f.Type).ToList(), HeldBy = p.Person.CreatedByAgency!.Name,
            })
            .ToListAsync(ct))
            .Select(p => p.Visible
                ? new PersonRow(p.PersonId, $"{p.Forename} {p.Surname}", p.DateOfBirth, p.Role, p.Flags.Select(PersonFlagTypes.Display).ToList())
                : new PersonRow(null, null, null, p.Role, [], p.HeldBy ?? "the partnership's administrator")).ToList();
        var visibleIncidents = CaseAccess.Incidents(db, User).Select(i => i.Id);
        var linked = await db.Set<CaseIncident>().AsNoTracking().Where(i => i.CaseId == Id)
            .Select(i => new { i.Incident!.Id, Visible = visibleIncidents.Contains(i.IncidentId), i.Incident.OccurredUtc, i.Incident.OccurredTimeKnown, i.Incident.CategoryCode, i.Incident.PlaceId, Agency = i.Incident.ReportingAgency!.Name })
            .ToListAsync(ct);
        var placeIds = linked.Where(i => i.Visible && i.PlaceId != null).Select(i => i.PlaceId!.Value).ToList();
        var placeNames = await CaseAccess.Places(db, User).AsNoTracking().Where(p => placeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Line1, ct);
        Incidents = linked.Where(i => i.Visible)
            .Select(i => new IncidentRow(i.Id, i.OccurredUtc, strands.IncidentCategoryName(i.CategoryCode), i.PlaceId is int pl ? placeNames.GetValueOrDefault(pl) : null, i.Agency, i.OccurredTimeKnown))
            .OrderByDescending(i => i.OccurredUtc).ToList();
        HiddenIncidents = linked.Where(i => !i.Visible).GroupBy(i => i.Agency).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var casePlaces = CaseAccess.Places(db, User).Select(p => p.Id);
        Places = await db.Set<CasePlace>().AsNoTracking().Where(p => p.CaseId == Id && casePlaces.Contains(p.PlaceId)).Select(p => p.Place!).ToListAsync(ct);
        var actions = await db.Set<CaseAction>().AsNoTracking().Where(a => a.CaseId == Id).OrderBy(a => a.Status).ThenBy(a => a.DueDate).ToListAsync(ct);
        var ownerIds = actions.Where(a => a.OwnerUserId != null).Select(a => a.OwnerUserId!.Value).Distinct().ToList();
        var owners = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        Actions = actions.Select(a => new ActionRow(a, a.OwnerUserId is Guid o && owners.TryGetValue(o, out var n) ? n : null, agencies.GetValueOrDefault(a.AgencyId, ""))).ToList();
        Reviews = await db.Set<CaseReview>().AsNoTracking().Where(r => r.CaseId == Id).OrderBy(r => r.ScheduledDate).ToListAsync(ct);
        Notes = await db.Set<CaseNote>().AsNoTracking().Where(n => n.CaseId == Id).OrderByDescending(n => n.CreatedUtc).ToListAsync(ct);
        Documents = await db.Set<CaseDocument>().AsNoTracking().Where(d => d.CaseId == Id).OrderByDescending(d => d.UploadedUtc).ToListAsync(ct);
        Timeline = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == Id).OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id).Take(200).ToListAsync(ct);

        // Actions can be given to users of the case's agencies who do case work.
        var caseAgencies = Partners.Count == 0 ? [found.LeadAgencyId] : await db.Set<CaseAgency>().Where(a => a.CaseId == Id).Select(a => a.AgencyId).ToListAsync(ct);
        caseAgencies.Add(found.LeadAgencyId);
        var workerRoles = new[] { Roles.CaseOfficer, Roles.AgencyManager, Roles.ProviderWorker };
        var workers = await (from u in db.Users
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where caseAgencies.Contains(u.AgencyId) && workerRoles.Contains(r.Name!)
                             select new { u.Id, u.DisplayName, u.AgencyId }).Distinct().ToListAsync(ct);
        OwnerOptions = [new SelectListItem("No named owner", ""), .. workers.OrderBy(w => w.DisplayName).Select(w => new SelectListItem($"{w.DisplayName} ({agencies.GetValueOrDefault(w.AgencyId)})", w.Id.ToString(), NewAction.Owner == w.Id.ToString()))];
        AgencyOptions = caseAgencies.Distinct().Select(a => new SelectListItem(agencies.GetValueOrDefault(a, ""), a.ToString(CultureInfo.InvariantCulture), NewAction.Agency == a.ToString(CultureInfo.InvariantCulture))).OrderBy(a => a.Text).ToList();
        return true;
    }

    async Task<Case?> TrackedCaseAsync(CancellationToken ct) => await CaseAccess.Cases(db, User).FirstOrDefaultAsync(c => c.Id == Id, ct);

    CaseActor Actor => CaseActor.Of(User);

    RedirectResult Done(string message)
    {
        TempData["Success"] = message;
        return Redirect($"/cases/{Id}");
    }

    async Task<IActionResult> Invalid(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken ct)
    {
        if (await TrackedCaseAsync(ct) is null)
        {
            return NotFound();
        }
        if (!await TryUpdateModelAsync(Note, nameof(Note)) || string.IsNullOrWhiteSpace(Note.Text))
        {
            ModelState.TryAddModelError("Note.Text", "Enter the note");
            return await Invalid(ct);
        }
        await work.AddNoteAsync(Actor, Id, new NewCaseNote(Note.Text), ct);
        return Done("Note added.");
    }

    public async Task<IActionResult> OnPostDocumentAsync(CancellationToken ct)
    {
        if (await TrackedCaseAsync(ct) is null)
        {
            return NotFound();
        }
        await TryUpdateModelAsync(Document, nameof(Document));
        if (DocumentStore.Validate(Document.File) is { } error)
        {
            ModelState.AddModelError("Document.File", error);
        }
        if (!ModelState.IsValid)
        {
            return await Invalid(ct);
        }
        var file = Document.File!;
        var (stored, hash, type) = await documents.SaveAsync(file, ct);
        var name = DocumentStore.SafeFileName(file.FileName);
        await work.AddDocumentAsync(Actor, Id, new NewCaseDocument(name, stored, type, file.Length, hash, Document.Description), ct);
        return Done($"{name} uploaded.");
    }

    public async Task<IActionResult> OnPostActionAsync(CancellationToken ct)
    {
        if (await TrackedCaseAsync(ct) is not { } c)
        {
            return NotFound();
        }
        await TryUpdateModelAsync(NewAction, nameof(NewAction));
        var caseAgencies = await db.Set<CaseAgency>().Where(a => a.CaseId == Id).Select(a => a.AgencyId).ToListAsync(ct);
        caseAgencies.Add(c.LeadAgencyId);
        int agencyId = 0;
        if (NewAction.Agency is not null && (!int.TryParse(NewAction.Agency, out agencyId) || !caseAgencies.Contains(agencyId)))
        {
            ModelState.AddModelError("NewAction.Agency", "Select one of the case's agencies");
        }
        if (NewAction.DueDate is { } due && CaseAction.NewDueDateError(due, UkTime.Today(cases.Now)) is { } dueError)
        {
            ModelState.AddModelError("NewAction.DueDate", dueError);
        }
        Guid? owner = null;
        if (!string.IsNullOrEmpty(NewAction.Owner))
        {
            if (!Guid.TryParse(NewAction.Owner, out var o) || !await db.Users.AnyAsync(u => u.Id == o && caseAgencies.Contains(u.AgencyId), ct))
            {
                ModelState.AddModelError("NewAction.Owner", "Select an owner from the case's agencies");
            }
            else
            {
                owner = o;
            }
        }
        if (!ModelState.IsValid)
        {
            return await Invalid(ct);
        }
        await work.AddActionAsync(Actor, c, new NewCaseAction(NewAction.Title!, agencyId, NewAction.DueDate) { OwnerUserId = owner }, ct);
        return Done("Action added.");
    }

    public async Task<IActionResult> OnPostActionStatusAsync(int actionId, int actionVersion, string? status, CancellationToken ct)
    {
        if (await TrackedCaseAsync(ct) is null)
        {
            return NotFound();
        }
        if (!await db.Set<CaseAction>().AnyAsync(a => a.Id == actionId && a.CaseId == Id, ct))
        {
            return NotFound();
        }
        if (!Enum.TryParse<CaseActionStatus>(status, out var newStatus))
        {
            ModelState.AddModelError(string.Empty, "Select the action's new status");
            return await Invalid(ct);
        }
        var (outcome, action) = await work.ChangeActionStatusAsync(Actor, Id, new ActionStatusChange(actionId, actionVersion, newStatus), ct);
        switch (outcome)
        {
            case CaseWriteOutcome.NotFound:
                return NotFound();
            case CaseWriteOutcome.Conflict:
                ModelState.AddModelError(string.Empty, $"Someone else changed the action “{action!.Title}” while you were looking at it. Its current status is shown below: check it and try again.");
                return await Invalid(ct);
            default:
                return Done($"Action marked {newStatus.ToString().ToLowerInvariant()}.");
        }
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        if (await TrackedCaseAsync(ct) is not { } c)
        {
            return NotFound();
        }
        if (!await TryUpdateModelAsync(Review, nameof(Review)))
        {
            return await Invalid(ct);
        }
        if (Review.Date < cases.Today)
        {
            ModelState.AddModelError("Review.Date", "Review date must be today or in the future");
            return await Invalid(ct);
        }
        await work.ScheduleReviewAsync(Actor, c, new CaseReviewBooking(Review.Date!.Value), ct);
        return Done("Review scheduled.");
    }

    public async Task<IActionResult> OnPostReviewDoneAsync(int reviewId, string? outcome, CancellationToken ct)
    {
        if (await TrackedCaseAsync(ct) is not { } c)
        {
            return NotFound();
        }
        if (!await db.Set<CaseReview>().AnyAsync(r => r.Id == reviewId && r.CaseId == Id, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(outcome))
        {
            ModelState.AddModelError($"outcome-{reviewId}", "Enter the outcome of the review");
            return await Invalid(ct);
        }
        return await work.RecordReviewAsync(Actor, c, new CaseReviewHeld(reviewId, outcome), ct) == CaseWriteOutcome.NotFound
            ? NotFound()
            : Done("Review recorded.");
    }

    public async Task<IActionResult> OnPostLinkPersonAsync(CancellationToken ct)
    {
        if (await TrackedCaseAsync(ct) is null)
        {
            return NotFound();
        }
        await TryUpdateModelAsync(Link, nameof(Link));
        if (!Enum.TryParse<CasePersonRole>(Link.Role, out var role))
        {
            ModelState.AddModelError("Link.Role", "Select the person's role in the case");
        }
        // Only people the user may already see can be linked: linking must not become a way to read a record.
        if (Link.PersonId is not int pid || !await CaseAccess.People(db, User).AnyAsync(p => p.Id == pid && p.MergedIntoId == null, ct))
        {
            if (Link.PersonId is int refused)
            {
                AccessRefusals.Refused(HttpContext, "person", refused);
            }
            ModelState.AddModelError("Link.PersonId", "Enter the number of a person you can see (find them under People)");
        }
        else if (await db.Set<CasePerson>().AnyAsync(p => p.CaseId == Id && p.PersonId == pid && p.Role == role, ct))
        {
            ModelState.AddModelError("Link.PersonId", "This person is already linked to the case in that role");
        }
        if (!ModelState.IsValid)
        {
            return await Invalid(ct);
        }
        await work.LinkPersonAsync(Actor, Id, new CasePersonLink(Link.PersonId!.Value, role), ct);
        return Done("Person linked.");
    }

    public async Task<IActionResult> OnPostLinkIncidentAsync(CancellationToken ct)
    {
        if (await TrackedCaseAsync(ct) is null)
        {
            return NotFound();
        }
        await TryUpdateModelAsync(Link, nameof(Link));
        if (Link.IncidentId is not int iid || !await CaseAccess.Incidents(db, User).AnyAsync(i => i.Id == iid, ct))
        {
            if (Link.IncidentId is int refused)
            {
                AccessRefusals.Refused(HttpContext, "incident", refused);
            }
            ModelState.AddModelError("Link.IncidentId", "Enter the number of an incident you can see");
        }
        else if (await db.Set<CaseIncident>().AnyAsync(i => i.CaseId == Id && i.IncidentId == iid, ct))
        {
            ModelState.AddModelError("Link.IncidentId", "This incident is already linked to the case");
        }
        if (!ModelState.IsValid)
        {
            return await Invalid(ct);
        }
        await work.LinkIncidentAsync(Actor, Id, new CaseIncidentLink(Link.IncidentId!.Value), ct);
        return Done("Incident linked.");
    }
}
