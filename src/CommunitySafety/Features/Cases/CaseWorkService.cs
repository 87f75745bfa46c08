using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Incidents;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases;

/// <summary>A note to add to a case (notes are never edited: a correction is a new note).</summary>
public sealed record NewCaseNote(string Text);

/// <summary>A document already written to the <see cref="DocumentStore"/>, to record on a case.</summary>
public sealed record NewCaseDocument(string FileName, string StoredName, string ContentType, long SizeBytes, string Sha256, string? Description = null);

/// <summary>An action agreed on a case. The caller has checked the agency and owner belong to the case.</summary>
public sealed record NewCaseAction(string Title, int AgencyId, DateOnly? DueDate)
{
    public Guid? OwnerUserId { get; init; }
    public string? Details { get; init; }
    /// <summary>A plan the action belongs to, e.g. the ASB victim action plan.</summary>
    public string? Plan { get; init; }
    /// <summary>The multi-agency meeting that agreed it.</summary>
    public int? MeetingId { get; init; }
    /// <summary>The "action added" timeline line; by default "Action added: title (due date)".</summary>
    public string? TimelineText { get; init; }
}

/// <summary>A new status for an action, against the version the user saw (a stale one is a conflict, never an overwrite).</summary>
public sealed record ActionStatusChange(int ActionId, int Version, CaseActionStatus Status)
{
    /// <summary>The timeline line; by default "Action “title” marked Status".</summary>
    public string? TimelineText { get; init; }
}

public sealed record CaseReviewBooking(DateOnly Date);

public sealed record CaseReviewHeld(int ReviewId, string Outcome);

public sealed record CasePersonLink(int PersonId, CasePersonRole Role);

public sealed record CaseIncidentLink(int IncidentId);

public enum CaseEditResult
{
    Saved,
    Invalid,
    Conflict,
}

public enum CaseWriteOutcome
{
    Saved,
    NotFound,
    /// <summary>Someone else changed the record first; nothing was saved and the unit of work is cleared.</summary>
    Conflict,
}

/// <summary>
/// The day-to-day writes on a case (details, notes, documents, actions, reviews, links), for the case pages, the JSON API, meetings
/// and the strands alike. Each makes its change, the timeline line and the audit entry in one save, so they are kept or
/// lost together (ADR 0004). Callers check first that the user may see the case (<see cref="CaseAccess"/>) and validate
/// the form; what is written, and how it is recorded, is decided here.
/// </summary>
public sealed class CaseWorkService(AppDb db, AuditLog audit, CaseService cases, CaseTeam team)
{
    /// <summary>
    /// Validates and applies an edit of the case's details (and, for those who may manage the team, its partners) at the
    /// version the user read: the case page and <c>PUT /api/cases/{id}</c> share it. Errors are added under the form's
    /// field names ("Input.Title"); a stale version is a conflict and nothing is saved.
    /// </summary>
    /// <param name="c">The case, tracked, which the caller has checked the user may see.</param>
    public async Task<CaseEditResult> SaveDetailsAsync(ClaimsPrincipal user, Case c, int version, EditModel.CaseEdit input, ModelStateDictionary errors, CancellationToken ct)
    {
        if (!Enum.TryParse<CaseStatus>(input.Status, out var status))
        {
            errors.AddModelError("Input.Status", "Select the case status");
        }
        if (status == CaseStatus.Closed && string.IsNullOrWhiteSpace(input.ClosureReason))
        {
            errors.AddModelError("Input.ClosureReason", "Enter the reason for closing the case");
        }
        List<int>? wanted = null;
        if (input.Partners is not null)
        {
            wanted = input.Partners.Select(p => int.TryParse(p, out var id) ? id : -1).Where(p => p != c.LeadAgencyId).Distinct().ToList();
            var existing = await db.Set<CaseAgency>().Where(a => a.CaseId == c.Id).Select(a => a.AgencyId).ToListAsync(ct);
            if (existing.Order().SequenceEqual(wanted.Order()))
            {
                wanted = null;
            }
            else if (!CaseAccess.CanManageTeam(user, c))
            {
                errors.AddModelError("Input.Partners", "Only the lead agency's managers or the case's lead officer can change the partner agencies");
            }
            else if (await db.Agencies.CountAsync(a => wanted.Contains(a.Id) && (a.IsActive || existing.Contains(a.Id)), ct) != wanted.Count)
            {
                errors.AddModelError("Input.Partners", "Select partner agencies from the list");
            }
            else if (await team.OpenActionsOfLeavingAgenciesAsync(c.Id, existing, wanted, ct) is { } leaving)
            {
                errors.AddModelError("Input.Partners", leaving);
            }
        }
        if (!errors.IsValid)
        {
            return CaseEditResult.Invalid;
        }

        db.Entry(c).Property(x => x.Version).OriginalValue = version;
        var before = $"title={c.Title}; status={c.Status}";
        c.Title = input.Title!.Trim();
        c.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
        if (c.Status != status)
        {
            cases.Changed(user, c.Id, CaseEventKinds.Status, status == CaseStatus.Closed
                ? $"Status changed from {CaseDisplay.Status(c.Status)} to Closed: {input.ClosureReason!.Trim()}"
                : $"Status changed from {CaseDisplay.Status(c.Status)} to {CaseDisplay.Status(status)}");
        }
        c.Status = status;
        c.ClosureReason = status == CaseStatus.Closed ? input.ClosureReason!.Trim() : null;
        c.ClosedUtc = status == CaseStatus.Closed ? c.ClosedUtc ?? cases.Now : null;
        c.UpdatedUtc = cases.Now;
        // Marked even when nothing else changed, so the version is checked and raised on every save.
        db.Entry(c).Property(x => x.UpdatedUtc).IsModified = true;
        if (wanted is not null)
        {
            await team.StagePartnersAsync(user, c, wanted, ct);
        }
        cases.Changed(user, c.Id, CaseEventKinds.Details, $"Case details saved (was {before}; now title={c.Title}; status={c.Status})");
        try
        {
            await db.SaveChangesAsync(ct);
            return CaseEditResult.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CaseEditResult.Conflict;
        }
    }

    public async Task<CaseNote> AddNoteAsync(CaseActor by, int caseId, NewCaseNote note, CancellationToken ct)
    {
        var n = new CaseNote { CaseId = caseId, Text = note.Text.Trim(), AuthorUserId = by.UserId, AuthorName = by.Name, AuthorAgencyId = by.AgencyId, CreatedUtc = cases.Now };
        db.Add(n);
        cases.Changed(by, caseId, CaseEventKinds.NoteAdded, "Note added");
        await db.SaveChangesAsync(ct);
        return n;
    }

    public async Task<CaseDocument> AddDocumentAsync(CaseActor by, int caseId, NewCaseDocument document, CancellationToken ct)
    {
        var d = new CaseDocument
        {
            CaseId = caseId, FileName = document.FileName, StoredName = document.StoredName, ContentType = document.ContentType,
            SizeBytes = document.SizeBytes, Sha256 = document.Sha256,
            Description = string.IsNullOrWhiteSpace(document.Description) ? null : document.Description.Trim(),
            UploadedByUserId = by.UserId, UploadedByName = by.Name, UploadedUtc = cases.Now,
        };
        db.Add(d);
        cases.Changed(by, caseId, CaseEventKinds.DocumentAdded, $"Document uploaded: {document.FileName}");
        await db.SaveChangesAsync(ct);
        return d;
    }

    /// <summary>Adds the action with its timeline line, the case's audit entry and the action's own, which names its new id.</summary>
    public async Task<CaseAction> AddActionAsync(CaseActor by, Case c, NewCaseAction input, CancellationToken ct)
    {
        var action = new CaseAction
        {
            CaseId = c.Id,
            Title = input.Title.Trim(),
            Details = string.IsNullOrWhiteSpace(input.Details) ? null : input.Details.Trim(),
            OwnerUserId = input.OwnerUserId,
            AgencyId = input.AgencyId,
            DueDate = input.DueDate,
            Plan = input.Plan,
            MeetingId = input.MeetingId,
            CreatedUtc = cases.Now,
            CreatedByUserId = by.UserId,
        };
        db.Add(action);
        cases.Changed(by, c.Id, CaseEventKinds.ActionAdded, input.TimelineText ?? $"Action added: {action.Title} ({CaseDisplay.Due(action.DueDate)})");
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "case-action", CaseService.Id(action.Id), $"Case {c.Reference}: {action.Title}"));
        await db.SaveChangesAsync(ct);
        return action;
    }

    public async Task<(CaseWriteOutcome Outcome, CaseAction? Action)> ChangeActionStatusAsync(CaseActor by, int caseId, ActionStatusChange change, CancellationToken ct)
    {
        var action = await db.Set<CaseAction>().FirstOrDefaultAsync(a => a.Id == change.ActionId && a.CaseId == caseId, ct);
        if (action is null)
        {
            return (CaseWriteOutcome.NotFound, null);
        }
        db.Entry(action).Property(a => a.Version).OriginalValue = change.Version;
        action.Status = change.Status;
        action.CompletedUtc = change.Status == CaseActionStatus.Open ? null : cases.Now;
        cases.Changed(by, caseId, CaseEventKinds.ActionChanged, change.TimelineText ?? $"Action “{action.Title}” marked {change.Status}");
        audit.Add(new AuditEntry(AuditActions.Change, "case-action", CaseService.Id(action.Id), $"Marked as {change.Status.ToString().ToLowerInvariant()}"));
        try
        {
            await db.SaveChangesAsync(ct);
            return (CaseWriteOutcome.Saved, action);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (CaseWriteOutcome.Conflict, action);
        }
    }

    /// <param name="c">The case, tracked: its next review date and last change are updated with the review.</param>
    public async Task<CaseReview> ScheduleReviewAsync(CaseActor by, Case c, CaseReviewBooking booking, CancellationToken ct)
    {
        var review = new CaseReview { CaseId = c.Id, ScheduledDate = booking.Date, CreatedUtc = cases.Now };
        db.Add(review);
        await cases.RefreshNextReviewAsync(c, ct);
        c.UpdatedUtc = cases.Now;
        cases.Changed(by, c.Id, CaseEventKinds.ReviewScheduled, $"Review scheduled for {Shared.UkTime.FormatDate(booking.Date)}");
        await db.SaveChangesAsync(ct);
        return review;
    }

    /// <param name="c">The case, tracked (see <see cref="ScheduleReviewAsync"/>).</param>
    public async Task<CaseWriteOutcome> RecordReviewAsync(CaseActor by, Case c, CaseReviewHeld held, CancellationToken ct)
    {
        var review = await db.Set<CaseReview>().FirstOrDefaultAsync(r => r.Id == held.ReviewId && r.CaseId == c.Id, ct);
        if (review is null)
        {
            return CaseWriteOutcome.NotFound;
        }
        review.DoneDate = cases.Today;
        review.Outcome = held.Outcome.Trim();
        review.ReviewedByUserId = by.UserId;
        await cases.RefreshNextReviewAsync(c, ct);
        c.UpdatedUtc = cases.Now;
        cases.Changed(by, c.Id, CaseEventKinds.ReviewHeld, $"Review of {Shared.UkTime.FormatDate(review.ScheduledDate)} held: {review.Outcome}");
        await db.SaveChangesAsync(ct);
        return CaseWriteOutcome.Saved;
    }

    /// <summary>Links a person the caller has checked the user may see; the person's own audit trail records the link too.</summary>
    public async Task LinkPersonAsync(CaseActor by, int caseId, CasePersonLink link, CancellationToken ct)
    {
        db.Add(new CasePerson { CaseId = caseId, PersonId = link.PersonId, Role = link.Role, AddedUtc = cases.Now, AddedByUserId = by.UserId });
        cases.Changed(by, caseId, CaseEventKinds.PersonLinked, $"Person {link.PersonId} linked as {link.Role}");
        audit.Add(new AuditEntry(AuditActions.Change, "person", CaseService.Id(link.PersonId), $"linked to case {caseId} as {link.Role}"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Links an incident the caller has checked the user may see; its place joins the case's places.</summary>
    public async Task LinkIncidentAsync(CaseActor by, int caseId, CaseIncidentLink link, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().AsNoTracking().FirstAsync(i => i.Id == link.IncidentId, ct);
        db.Add(new CaseIncident { CaseId = caseId, IncidentId = incident.Id, LinkedUtc = cases.Now });
        if (incident.PlaceId is int placeId && !await db.Set<CasePlace>().AnyAsync(p => p.CaseId == caseId && p.PlaceId == placeId, ct))
        {
            db.Add(new CasePlace { CaseId = caseId, PlaceId = placeId, Description = "Incident location", LinkedUtc = cases.Now });
        }
        cases.Changed(by, caseId, CaseEventKinds.IncidentLinked, $"Incident {incident.Id} linked");
        await db.SaveChangesAsync(ct);
    }
}
