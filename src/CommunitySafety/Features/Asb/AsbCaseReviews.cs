using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>One complaint shown on a Case Review: gathered from a recorded ASB incident, or added by hand.</summary>
public sealed record CaseReviewComplaintRow(
    string Id,
    string Source,
    DateOnly BehaviourOn,
    DateOnly ComplaintOn,
    ReceivingBody? Body,
    string ReceivedByName,
    string? Description,
    bool IsHate);

/// <summary>Everything the Case Review page and API show: complaints, the threshold check and the clocks.</summary>
public sealed record CaseReviewPicture(
    AsbCaseReview Review,
    IReadOnlyList<CaseReviewComplaintRow> Complaints,
    IReadOnlyList<CaseReviewComplaintRow> NotRelevantBody,
    CaseReviewEligibilityResult Eligibility,
    IReadOnlyList<CaseReviewClock> Clocks);

public sealed record CaseReviewClock(CaseReviewStepKind Step, string Name, DateOnly? DueOn, DateOnly? DoneOn, bool Overdue, string Source);

/// <summary>A Case Review application as received. A third party applies only with the victim's consent (the caller has checked).</summary>
public sealed record CaseReviewApplication(int VictimPersonId, DateOnly ReceivedOn, string Behaviour)
{
    public string? ThirdPartyName { get; init; }
    public bool VictimConsentConfirmed { get; init; }
}

/// <summary>A complaint added by hand to a Case Review (one not recorded as an ASB incident).</summary>
public sealed record CaseReviewComplaintInput(DateOnly BehaviourOn, DateOnly ComplaintOn, ReceivingBody ReceivedBy, string? Description);

/// <summary>A workflow step the caller has applied to the tracked review, against the version the user saw.</summary>
public sealed record CaseReviewStepSave(int Version, string What);

/// <summary>
/// Community Trigger workflow over the pure rules: complaint history gathered across police, council, landlord and
/// health from the victim's ASB incidents (reference section 3 item 4), <see cref="CaseReviewEligibility"/>,
/// <see cref="CaseReviewTimetable"/> and <see cref="CaseReviewStatistics"/>.
/// </summary>
public sealed class AsbCaseReviews(AppDb db, AsbOptions options, TimeProvider clock, AuditLog audit, CaseService cases)
{
    public DateOnly Today => DateOnly.FromDateTime(AsbTime.ToUk(clock.GetUtcNow().UtcDateTime));

    /// <summary>Records an application on the case, with its timeline line and audit entry, in one save (ADR 0004).</summary>
    public async Task<AsbCaseReview> ReceiveAsync(CaseActor by, Case c, CaseReviewApplication application, CancellationToken ct)
    {
        var review = new AsbCaseReview
        {
            CaseId = c.Id,
            VictimPersonId = application.VictimPersonId,
            ThirdPartyName = string.IsNullOrWhiteSpace(application.ThirdPartyName) ? null : application.ThirdPartyName.Trim(),
            VictimConsentConfirmed = application.VictimConsentConfirmed,
            ReceivedOn = application.ReceivedOn,
            Behaviour = application.Behaviour.Trim(),
            CreatedUtc = cases.Now,
            CreatedByUserId = by.UserId,
        };
        db.Set<AsbCaseReview>().Add(review);
        cases.Changed(by, c.Id, CaseEventKinds.StrandStep, $"ASB Case Review application received {AsbTime.Format(review.ReceivedOn)}");
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "asb-case-review", Id(review.Id), $"Case {c.Reference}: application received {review.ReceivedOn:yyyy-MM-dd}"));
        await db.SaveChangesAsync(ct);
        return review;
    }

    public async Task<AsbCaseReviewComplaint> AddComplaintAsync(CaseActor by, int reviewId, CaseReviewComplaintInput input, CancellationToken ct)
    {
        var complaint = new AsbCaseReviewComplaint
        {
            CaseReviewId = reviewId,
            BehaviourOn = input.BehaviourOn,
            ComplaintOn = input.ComplaintOn,
            ReceivedBy = input.ReceivedBy,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            CreatedUtc = cases.Now,
            CreatedByUserId = by.UserId,
        };
        db.Set<AsbCaseReviewComplaint>().Add(complaint);
        audit.Add(new AuditEntry(AuditActions.Change, "asb-case-review", Id(reviewId), $"Complaint added: behaviour {complaint.BehaviourOn:yyyy-MM-dd}, complaint {complaint.ComplaintOn:yyyy-MM-dd}, {input.ReceivedBy}"));
        await db.SaveChangesAsync(ct);
        return complaint;
    }

    /// <summary>
    /// Saves a step the caller has applied to the tracked <paramref name="review"/>, with its timeline line and audit entry.
    /// False when someone else changed the review first: nothing is saved and the unit of work is cleared.
    /// </summary>
    public async Task<bool> SaveStepAsync(CaseActor by, AsbCaseReview review, CaseReviewStepSave step, CancellationToken ct)
    {
        db.Entry(review).Property(r => r.Version).OriginalValue = step.Version;
        cases.Changed(by, review.CaseId, CaseEventKinds.StrandStep, $"ASB Case Review {step.What} recorded");
        audit.Add(new AuditEntry(AuditActions.Change, "asb-case-review", Id(review.Id), $"{step.What} recorded"));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task<CaseReviewPicture> PictureAsync(AsbCaseReview review, CancellationToken ct)
    {
        var incidents = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.Strand == AsbStrand.Code && i.People.Any(p => p.PersonId == review.VictimPersonId && p.Role == IncidentRole.Victim))
            .Select(i => new
            {
                i.Id,
                i.OccurredUtc,
                i.CreatedUtc,
                i.CategoryCode,
                Agency = i.ReportingAgency!.Name,
                AgencyType = i.ReportingAgency.Type,
                Reported = db.Set<AsbIncidentDetail>().Where(d => d.IncidentId == i.Id).Select(d => (DateOnly?)d.ReportedOn).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var gathered = incidents.Select(i => new CaseReviewComplaintRow(
            "incident-" + i.Id.ToString(CultureInfo.InvariantCulture),
            "Recorded incident",
            DateOnly.FromDateTime(AsbTime.ToUk(i.OccurredUtc)),
            i.Reported ?? DateOnly.FromDateTime(AsbTime.ToUk(i.CreatedUtc)),
            options.BodyFor(i.AgencyType, i.Agency),
            i.Agency,
            AsbStrand.CategoryName(i.CategoryCode),
            false));
        var manual = review.Complaints.Select(c => new CaseReviewComplaintRow(
            "complaint-" + c.Id.ToString(CultureInfo.InvariantCulture),
            "Added by hand",
            c.BehaviourOn,
            c.ComplaintOn,
            c.ReceivedBy,
            AsbOptions.Display(c.ReceivedBy),
            c.Description,
            c.IsHate));
        var all = gathered.Concat(manual).OrderBy(c => c.ComplaintOn).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var relevant = all.Where(c => c.Body is not null).ToList();
        var complainant = review.VictimPersonId.ToString(CultureInfo.InvariantCulture);
        var eligibility = CaseReviewEligibility.Check(
            review.ReceivedOn,
            relevant.Select(c => new CaseReviewComplaint(c.Id, c.BehaviourOn, c.ComplaintOn, c.Body!.Value, complainant, c.IsHate)),
            options.Threshold);
        return new CaseReviewPicture(review, relevant, all.Where(c => c.Body is null).ToList(), eligibility, Clocks(review));
    }

    public IReadOnlyList<CaseReviewClock> Clocks(AsbCaseReview r)
    {
        var today = Today;
        var deadlines = options.Timetable.Compute(new CaseReviewDates(r.ReceivedOn, r.ReviewMeetingOn, r.OutcomeLetterOn), options.Calendar);
        return deadlines.Select(d =>
        {
            // The appeal window is the applicant's clock, not ours: it is never "overdue", only open or closed.
            DateOnly? done = d.Step.Kind switch
            {
                CaseReviewStepKind.Acknowledge => r.AcknowledgedOn,
                CaseReviewStepKind.Decision => r.Decision == CaseReviewDecision.Pending ? null : r.DecisionOn,
                CaseReviewStepKind.ReviewAndOutcome => r.Decision == CaseReviewDecision.ThresholdNotMet ? r.DecisionOn : r.ReviewMeetingOn,
                CaseReviewStepKind.OutcomeLetter => r.OutcomeLetterOn,
                _ => r.AppealReceivedOn,
            };
            var overdue = d.Step.Kind != CaseReviewStepKind.AppealWindowCloses && d.IsOverdue(today, done);
            return new CaseReviewClock(d.Step.Kind, StepName(d.Step.Kind, d.Step), d.DueOn, done, overdue, d.Step.Source);
        }).ToList();
    }

    public static string StepName(CaseReviewStepKind kind, CaseReviewStep step)
    {
        var unit = step.Unit == DayCountUnit.WorkingDays ? "working days" : "days";
        var anchor = step.Anchor switch
        {
            TimetableAnchor.Receipt => "of receipt",
            TimetableAnchor.ReviewMeeting => "of the review meeting",
            _ => "of the outcome letter",
        };
        var what = kind switch
        {
            CaseReviewStepKind.Acknowledge => "Acknowledge the application",
            CaseReviewStepKind.Decision => "Decide whether the threshold is met",
            CaseReviewStepKind.ReviewAndOutcome => "Hold the review and reach an outcome",
            CaseReviewStepKind.OutcomeLetter => "Send the outcome letter",
            _ => "Appeal window closes",
        };
        return $"{what} (within {step.Amount.ToString(CultureInfo.InvariantCulture)} {unit} {anchor})";
    }

    /// <summary>The four annual figures (by date of receipt) over every application in the partnership (no personal data).</summary>
    public async Task<CaseReviewStatistics> StatisticsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await db.Set<AsbCaseReview>().AsNoTracking()
            .Where(r => r.ReceivedOn >= from && r.ReceivedOn <= to)
            .Select(r => new { r.Id, r.ReceivedOn, r.Decision, r.ReviewMeetingOn, r.Recommendations })
            .ToListAsync(ct);
        return CaseReviewStatistics.ForPeriod(
            rows.Select(r => new CaseReviewApplicationRecord(
                r.Id.ToString(CultureInfo.InvariantCulture), r.ReceivedOn, r.Decision,
                r.ReviewMeetingOn is not null, !string.IsNullOrWhiteSpace(r.Recommendations))),
            from,
            to);
    }
}
