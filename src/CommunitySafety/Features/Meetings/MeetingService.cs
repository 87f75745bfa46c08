using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Strands;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Meetings;

public sealed record NewMeeting(string? Kind, string? Title, DateOnly? HeldOn, IReadOnlyCollection<int> AttendingAgencies);

public sealed record NewMeetingAction(string? Title, int? OwnerAgencyId, DateOnly? DueDate);

/// <summary>One agenda line as the user may see it: the case's reference and title only when they may see the case.</summary>
public sealed record AgendaLine(int ItemId, int Position, int CaseId, bool CanSee, string? Reference, string? Title, string LeadAgency, string? Record, string? RecordedBy, int Version);

public sealed record MeetingPicture(Meeting Meeting, string KindName, string OrganisingAgency, IReadOnlyList<string> Agencies, IReadOnlyList<AgendaLine> Agenda, bool CanChangeAgenda);

/// <summary>Result of a meeting write: errors by field (camelCase) or, when the record is outside the user's reach, NotFound.</summary>
/// <param name="Conflict">Someone else saved first: nothing was saved (the error says so).</param>
public sealed record MeetingResult(bool NotFound, IReadOnlyDictionary<string, string> Errors, int? Id = null, bool Conflict = false)
{
    public bool Succeeded => !NotFound && Errors.Count == 0;

    public static MeetingResult Missing { get; } = new(true, new Dictionary<string, string>());

    public static MeetingResult Fail(string field, string message) => new(false, new Dictionary<string, string> { [field] = message });

    public static MeetingResult Done(int id) => new(false, new Dictionary<string, string>(), id);

    public static MeetingResult Stale(string field, string message) => new(false, new Dictionary<string, string> { [field] = message }, Conflict: true);
}

/// <summary>
/// Meetings for the pages and the API. A meeting is seen by case-work users of its organising and attending agencies;
/// an agenda case's reference, title and record only by those who may also see the case (<see cref="CaseAccess"/>), so
/// attending a meeting never widens need to know. The organising agency sets the agenda from cases it may see.
/// </summary>
public sealed class MeetingService(AppDb db, AuditLog audit, CaseService cases, CaseWorkService work, StrandCatalogue strands)
{
    /// <summary>Audit action for a refused look-up, so probing for records shows in the audit trail.</summary>
    public const string Denied = "authz.denied";

    public IQueryable<Meeting> Visible(ClaimsPrincipal user)
    {
        if (!CaseAccess.HasCaseWorkRole(user) || user.AgencyId() is not int agency)
        {
            return db.Set<Meeting>().Where(m => false);
        }
        return db.Set<Meeting>().Where(m => m.OrganisingAgencyId == agency || m.Attendees.Any(a => a.AgencyId == agency));
    }

    public async Task<MeetingResult> CreateAsync(ClaimsPrincipal user, NewMeeting input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (strands.MeetingKind(input.Kind) is null)
        {
            errors["kind"] = "Select the kind of meeting";
        }
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 200)
        {
            errors["title"] = "Enter a title of 200 characters or fewer";
        }
        if (input.HeldOn is null)
        {
            errors["heldOn"] = "Enter the date of the meeting";
        }
        var agencies = input.AttendingAgencies.Distinct().ToList();
        if (await db.Agencies.CountAsync(a => agencies.Contains(a.Id) && a.IsActive, ct) != agencies.Count)
        {
            errors["attendingAgencies"] = "Select attending agencies from the list";
        }
        if (errors.Count > 0)
        {
            return new(false, errors);
        }
        var organiser = user.AgencyId()!.Value;
        var meeting = new Meeting
        {
            Kind = input.Kind!,
            Title = input.Title!.Trim(),
            HeldOn = input.HeldOn!.Value,
            OrganisingAgencyId = organiser,
            CreatedUtc = cases.Now,
            CreatedByUserId = user.UserId(),
        };
        foreach (var a in agencies.Append(organiser).Distinct())
        {
            meeting.Attendees.Add(new MeetingAttendee { AgencyId = a, Name = a == organiser ? user.DisplayName() : null });
        }
        db.Add(meeting);
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "meeting", Id(meeting.Id), $"{meeting.Kind} on {meeting.HeldOn:yyyy-MM-dd}: agencies {string.Join(",", agencies)}"));
        await db.SaveChangesAsync(ct);
        return MeetingResult.Done(meeting.Id);
    }

    /// <summary>The meeting as this user may see it, or null (answer 404; the refusal is audited).</summary>
    public async Task<MeetingPicture?> PictureAsync(ClaimsPrincipal user, int meetingId, CancellationToken ct)
    {
        var meeting = await Visible(user).AsNoTracking().Include(m => m.Attendees).ThenInclude(a => a.Agency).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            await RefusedAsync(meetingId, ct);
            return null;
        }
        var visible = CaseAccess.VisibleCaseIds(db, user);
        var items = await db.Set<MeetingAgendaItem>().AsNoTracking().Where(i => i.MeetingId == meetingId).OrderBy(i => i.Position)
            .Select(i => new { i.Id, i.Position, i.CaseId, CanSee = visible.Contains(i.CaseId), i.Case!.Reference, i.Case.Title, Lead = i.Case.LeadAgency!.Name, i.Record, i.RecordedByName, i.Version })
            .ToListAsync(ct);
        var agenda = items.Select(i => i.CanSee
            ? new AgendaLine(i.Id, i.Position, i.CaseId, true, i.Reference, i.Title, i.Lead, i.Record, i.RecordedByName, i.Version)
            : new AgendaLine(i.Id, i.Position, i.CaseId, false, null, null, i.Lead, null, null, 0)).ToList();
        var organiser = meeting.Attendees.FirstOrDefault(a => a.AgencyId == meeting.OrganisingAgencyId)?.Agency?.Name ?? "";
        await audit.WriteAsync(new AuditEntry(AuditActions.View, "meeting", Id(meetingId),
            $"agenda: {agenda.Count(a => a.CanSee)} case(s) shown{(agenda.Any(a => a.CanSee) ? " (" + string.Join(",", agenda.Where(a => a.CanSee).Select(a => a.CaseId)) + ")" : "")}, {agenda.Count(a => !a.CanSee)} withheld"), ct);
        return new MeetingPicture(meeting, strands.MeetingKind(meeting.Kind)?.Name ?? meeting.Kind, organiser,
            meeting.Attendees.Select(a => a.Agency?.Name ?? "").Order(StringComparer.Ordinal).ToList(), agenda, user.AgencyId() == meeting.OrganisingAgencyId);
    }

    /// <summary>Adds a case the user may see to the agenda (organising agency only).</summary>
    public async Task<MeetingResult> AddCaseAsync(ClaimsPrincipal user, int meetingId, int? caseId, CancellationToken ct)
    {
        var meeting = await Visible(user).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            await RefusedAsync(meetingId, ct);
            return MeetingResult.Missing;
        }
        if (meeting.OrganisingAgencyId != user.AgencyId())
        {
            return MeetingResult.Fail("agenda", "Only the organising agency can change the agenda");
        }
        // A case the user may not see gets the same answer as one that does not exist.
        if (caseId is not int id || !await CaseAccess.CanSeeCaseAsync(db, user, id, ct))
        {
            return MeetingResult.Fail("caseId", "Choose a case you can see");
        }
        if (await db.Set<MeetingAgendaItem>().AnyAsync(i => i.MeetingId == meetingId && i.CaseId == id, ct))
        {
            return MeetingResult.Fail("caseId", "The case is already on the agenda");
        }
        var position = await db.Set<MeetingAgendaItem>().Where(i => i.MeetingId == meetingId).Select(i => (int?)i.Position).MaxAsync(ct) ?? 0;
        var item = new MeetingAgendaItem { MeetingId = meetingId, CaseId = id, Position = position + 1 };
        db.Add(item);
        // The meeting's version guards the agenda: two people adding at once cannot both take the same position.
        db.Entry(meeting).State = EntityState.Modified;
        cases.Changed(user, id, CaseEventKinds.StrandStep, $"Put on the agenda of {meeting.Title} ({Shared.UkTime.FormatDate(meeting.HeldOn)})");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MeetingResult.Stale("agenda", "The agenda was changed by someone else; nothing was saved. Look at it again and retry.");
        }
        return MeetingResult.Done(item.Id);
    }

    /// <summary>
    /// Records what the meeting said about one case (attendees who may see the case). <paramref name="version"/> is the
    /// item's version the user read; a stale one is refused, never overwriting another attendee's record.
    /// </summary>
    public async Task<MeetingResult> RecordAsync(ClaimsPrincipal user, int meetingId, int itemId, string? record, int? version, CancellationToken ct)
    {
        if (await ItemAsync(user, meetingId, itemId, ct) is not { } item)
        {
            return MeetingResult.Missing;
        }
        if (string.IsNullOrWhiteSpace(record) || record.Length > 8000)
        {
            return MeetingResult.Fail("record", "Enter what the meeting decided about the case (8,000 characters or fewer)");
        }
        const string stale = "Someone else saved a record for this case first; nothing was saved. Read their record and try again.";
        if (version != item.Version)
        {
            return MeetingResult.Stale("record", stale);
        }
        item.Record = record.Trim();
        item.RecordedUtc = cases.Now;
        item.RecordedByName = user.DisplayName();
        cases.Changed(user, item.CaseId, CaseEventKinds.StrandStep, $"Meeting record: {item.Record}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MeetingResult.Stale("record", stale);
        }
        return MeetingResult.Done(item.Id);
    }

    /// <summary>An action agreed for one case: a core case action with an owner agency and a due date, tagged with the meeting.</summary>
    public async Task<MeetingResult> AddActionAsync(ClaimsPrincipal user, int meetingId, int itemId, NewMeetingAction input, CancellationToken ct)
    {
        if (await ItemAsync(user, meetingId, itemId, ct) is not { } item)
        {
            return MeetingResult.Missing;
        }
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 300)
        {
            errors["title"] = "Enter the action (300 characters or fewer)";
        }
        if (input.DueDate is null)
        {
            errors["dueDate"] = "Enter the date the action is due";
        }
        else if (input.DueDate < cases.Today)
        {
            errors["dueDate"] = "Date the action is due must be today or in the future";
        }
        var attending = await db.Set<MeetingAttendee>().Where(a => a.MeetingId == meetingId).Select(a => a.AgencyId).ToListAsync(ct);
        if (input.OwnerAgencyId is not int owner || !attending.Contains(owner))
        {
            errors["ownerAgencyId"] = "Select the agency that owns the action from those attending";
        }
        if (errors.Count > 0)
        {
            return new(false, errors);
        }
        var c = await db.Set<Case>().AsNoTracking().FirstAsync(x => x.Id == item.CaseId, ct);
        var action = await work.AddActionAsync(CaseActor.Of(user), c, new NewCaseAction(input.Title!, input.OwnerAgencyId!.Value, input.DueDate)
        {
            MeetingId = meetingId,
            TimelineText = $"Action added at meeting {meetingId}: {input.Title!.Trim()} ({CaseDisplay.Due(input.DueDate)})",
        }, ct);
        return MeetingResult.Done(action.Id);
    }

    /// <summary>Actions agreed at the meeting on cases the user may see.</summary>
    public Task<List<CaseAction>> ActionsAsync(ClaimsPrincipal user, int meetingId, CancellationToken ct)
    {
        var visible = CaseAccess.VisibleCaseIds(db, user);
        return db.Set<CaseAction>().AsNoTracking().Where(a => a.MeetingId == meetingId && visible.Contains(a.CaseId)).OrderBy(a => a.DueDate).ToListAsync(ct);
    }

    async Task<MeetingAgendaItem?> ItemAsync(ClaimsPrincipal user, int meetingId, int itemId, CancellationToken ct)
    {
        var item = await db.Set<MeetingAgendaItem>().FirstOrDefaultAsync(i => i.Id == itemId && i.MeetingId == meetingId
            && Visible(user).Any(m => m.Id == meetingId), ct);
        if (item is null || !await CaseAccess.CanSeeCaseAsync(db, user, item.CaseId, ct))
        {
            await RefusedAsync(meetingId, ct);
            return null;
        }
        return item;
    }

    Task RefusedAsync(int meetingId, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(Denied, "meeting", Id(meetingId), "meeting or agenda case outside the user's need to know"), ct);

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
