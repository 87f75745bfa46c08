using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Asb.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb.Pages;

/// <summary>
/// One Case Review: complaint history (gathered from all agencies' ASB incidents about the victim, plus complaints
/// added by hand), the threshold check with reasons, the clocks, and the forms for each step of the workflow.
/// </summary>
public sealed class AsbCaseReviewModel(AppDb db, AsbCaseAccess access, AuditLog audit, TimeProvider clock, AsbCaseReviews reviews, AsbOptions options)
    : AsbPageModel(db, access, audit, clock)
{
    public CaseReviewPicture Picture { get; private set; } = default!;
    public AsbCaseReview Review => Picture.Review;
    public CaseReviewThreshold Threshold => options.Threshold;

    [BindProperty] public ComplaintInput Complaint { get; set; } = new();
    [BindProperty] public StepInput Step { get; set; } = new();

    public sealed class ComplaintInput
    {
        public DateOnly? BehaviourOn { get; set; }
        public DateOnly? ComplaintOn { get; set; }
        public string? ReceivedBy { get; set; }
        public string? Description { get; set; }
    }

    /// <summary>One form per step; each field has its own name so ids stay unique on the page.</summary>
    public sealed class StepInput
    {
        public int Version { get; set; }
        public DateOnly? AcknowledgedOn { get; set; }
        public string? Decision { get; set; }
        public DateOnly? DecisionOn { get; set; }
        public string? DecisionReason { get; set; }
        public DateOnly? MeetingOn { get; set; }
        public string? Recommendations { get; set; }
        public string? Outcome { get; set; }
        public DateOnly? LetterOn { get; set; }
        public DateOnly? AppealOn { get; set; }
        public string? AppealOutcome { get; set; }
    }

    public IEnumerable<SelectListItem> BodyOptions =>
        Enum.GetValues<ReceivingBody>().Select(b => new SelectListItem(AsbOptions.Display(b), b.ToString(), Complaint.ReceivedBy == b.ToString()));

    public IEnumerable<SelectListItem> DecisionOptions =>
    [
        new("Threshold met: hold a case review", nameof(CaseReviewDecision.ThresholdMet)),
        new("Threshold not met", nameof(CaseReviewDecision.ThresholdNotMet)),
    ];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await Audit.ViewedAsync("asb-case-review", Id(id), "Community Trigger", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostComplaintAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ClearStepErrors();
        var c = Complaint;
        RequireDate(c.BehaviourOn, "Complaint.BehaviourOn", "Enter the date of the behaviour", "Date of the behaviour must be today or in the past");
        RequireDate(c.ComplaintOn, "Complaint.ComplaintOn", "Enter the date the complaint was made", "Date of the complaint must be today or in the past");
        if (c.BehaviourOn is { } b && c.ComplaintOn is { } made && made < b)
        {
            ModelState.AddModelError("Complaint.ComplaintOn", "Date of the complaint must be the same as or after the date of the behaviour");
        }
        ReceivingBody body = default;
        if (string.IsNullOrEmpty(c.ReceivedBy) || !Enum.TryParse(c.ReceivedBy, out body) || !Enum.IsDefined(body))
        {
            ModelState.AddModelError("Complaint.ReceivedBy", "Select who received the complaint");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await reviews.AddComplaintAsync(CaseActor.Of(User), id, new CaseReviewComplaintInput(c.BehaviourOn!.Value, c.ComplaintOn!.Value, body, c.Description), ct);
        TempData["Success"] = "Complaint added.";
        return Redirect($"/asb/case-reviews/{id}");
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(int id, CancellationToken ct) =>
        StepAsync(id, "acknowledgement", "Step.AcknowledgedOn", r =>
        {
            if (RequireDate(Step.AcknowledgedOn, "Step.AcknowledgedOn", "Enter the date the application was acknowledged", "Date acknowledged must be today or in the past")
                && InOrder("Step.AcknowledgedOn", "Date acknowledged", Step.AcknowledgedOn!.Value, CaseReviewStepOrder.Of("the date the application was received", r.ReceivedOn)))
            {
                r.AcknowledgedOn = Step.AcknowledgedOn;
            }
        }, ct);

    public Task<IActionResult> OnPostDecisionAsync(int id, CancellationToken ct) =>
        StepAsync(id, "decision", "Step.DecisionOn", r =>
        {
            if (Step.Decision is not (nameof(CaseReviewDecision.ThresholdMet) or nameof(CaseReviewDecision.ThresholdNotMet)))
            {
                ModelState.AddModelError("Step.Decision", "Select whether the threshold is met");
            }
            if (RequireDate(Step.DecisionOn, "Step.DecisionOn", "Enter the date of the decision", "Date of the decision must be today or in the past")
                && InOrder("Step.DecisionOn", "Date of the decision", Step.DecisionOn!.Value,
                    CaseReviewStepOrder.Of("the date the application was received", r.ReceivedOn), CaseReviewStepOrder.Of("the date it was acknowledged", r.AcknowledgedOn))
                && ModelState.IsValid)
            {
                r.Decision = Enum.Parse<CaseReviewDecision>(Step.Decision!);
                r.DecisionOn = Step.DecisionOn;
                r.DecisionReason = string.IsNullOrWhiteSpace(Step.DecisionReason) ? null : Step.DecisionReason.Trim();
            }
        }, ct);

    public Task<IActionResult> OnPostMeetingAsync(int id, CancellationToken ct) =>
        StepAsync(id, "review meeting", "Step.MeetingOn", r =>
        {
            if (r.Decision != CaseReviewDecision.ThresholdMet)
            {
                ModelState.AddModelError("Step.MeetingOn", "Record the decision that the threshold is met before the review meeting");
                return;
            }
            if (RequireDate(Step.MeetingOn, "Step.MeetingOn", "Enter the date of the review meeting", "Date of the review meeting must be today or in the past")
                && InOrder("Step.MeetingOn", "Date of the review meeting", Step.MeetingOn!.Value, CaseReviewStepOrder.Of("the date of the decision", r.DecisionOn)))
            {
                r.ReviewMeetingOn = Step.MeetingOn;
                r.Recommendations = string.IsNullOrWhiteSpace(Step.Recommendations) ? null : Step.Recommendations.Trim();
                r.Outcome = string.IsNullOrWhiteSpace(Step.Outcome) ? null : Step.Outcome.Trim();
            }
        }, ct);

    public Task<IActionResult> OnPostOutcomeLetterAsync(int id, CancellationToken ct) =>
        StepAsync(id, "outcome letter", "Step.LetterOn", r =>
        {
            if (r.Decision == CaseReviewDecision.Pending)
            {
                ModelState.AddModelError("Step.LetterOn", "Record the decision before the outcome letter");
                return;
            }
            if (RequireDate(Step.LetterOn, "Step.LetterOn", "Enter the date the outcome letter was sent", "Date the letter was sent must be today or in the past")
                && InOrder("Step.LetterOn", "Date the letter was sent", Step.LetterOn!.Value,
                    CaseReviewStepOrder.Of("the date of the review meeting", r.ReviewMeetingOn), CaseReviewStepOrder.Of("the date of the decision", r.DecisionOn)))
            {
                r.OutcomeLetterOn = Step.LetterOn;
            }
        }, ct);

    public Task<IActionResult> OnPostAppealAsync(int id, CancellationToken ct) =>
        StepAsync(id, "appeal", "Step.AppealOn", r =>
        {
            if (r.OutcomeLetterOn is null)
            {
                ModelState.AddModelError("Step.AppealOn", "Record the outcome letter before an appeal");
                return;
            }
            if (RequireDate(Step.AppealOn, "Step.AppealOn", "Enter the date the appeal was received", "Date the appeal was received must be today or in the past")
                && InOrder("Step.AppealOn", "Date the appeal was received", Step.AppealOn!.Value, CaseReviewStepOrder.Of("the date the outcome letter was sent", r.OutcomeLetterOn)))
            {
                r.AppealReceivedOn = Step.AppealOn;
                r.AppealOutcome = string.IsNullOrWhiteSpace(Step.AppealOutcome) ? null : Step.AppealOutcome.Trim();
            }
        }, ct);

    async Task<IActionResult> StepAsync(int id, string what, string dateKey, Action<AsbCaseReview> apply, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ClearComplaintErrors();
        var review = await Db.Set<AsbCaseReview>().FirstAsync(r => r.Id == id, ct);
        apply(review);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await reviews.SaveStepAsync(CaseActor.Of(User), review, new CaseReviewStepSave(Step.Version, what), ct))
        {
            await LoadAsync(id, ct);
            ModelState.AddModelError(dateKey, "Someone else changed this Case Review while you were looking at it. Check the page and save again.");
            return Page();
        }
        TempData["Success"] = $"Case Review {what} recorded.";
        return Redirect($"/asb/case-reviews/{id}");
    }

    bool InOrder(string key, string step, DateOnly on, params CaseReviewStepOrder.Earlier?[] earlier)
    {
        if (CaseReviewStepOrder.Error(step, on, earlier) is { } error)
        {
            ModelState.AddModelError(key, error);
            return false;
        }
        return true;
    }

    bool RequireDate(DateOnly? date, string key, string missing, string future)
    {
        if (date is null)
        {
            if ((ModelState[key]?.Errors.Count ?? 0) == 0)
            {
                ModelState.AddModelError(key, missing);
            }
            return false;
        }
        if (date > Today)
        {
            ModelState.AddModelError(key, future);
            return false;
        }
        return true;
    }

    void ClearStepErrors()
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Step.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    void ClearComplaintErrors()
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Complaint.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var review = await Db.Set<AsbCaseReview>().AsNoTracking().Include(r => r.Complaints).Include(r => r.VictimPerson).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (review is null || await LoadCaseAsync(review.CaseId, ct) is null)
        {
            return false;
        }
        Picture = await reviews.PictureAsync(review, ct);
        return true;
    }
}
