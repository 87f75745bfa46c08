using CommunitySafety.Shared;
namespace CommunitySafety.Features.Asb.Rules;

/// <summary>Bodies that can receive an ASB complaint relevant to a Case Review (s.104 ASB, Crime and Policing Act 2014).</summary>
public enum ReceivingBody
{
    Police = 0,
    Council = 1,
    SocialLandlord = 2,
    Health = 3,
}

/// <summary>One complaint about the anti-social behaviour, as cited in a Case Review application.</summary>
public sealed record CaseReviewComplaint(
    string Id,
    DateOnly BehaviourDate,
    DateOnly ComplaintDate,
    ReceivingBody ReceivedBy,
    string ComplainantId,
    bool IsHate = false);

/// <summary>
/// ASB Case Review ("Community Trigger") threshold, s.104 of the 2014 Act. Sources for every default:
/// https://gov.uk/guidance/anti-social-behaviour-asb-case-review-also-known-as-the-community-trigger ;
/// local variants: https://wbclive1.azurewebsites.net/community-safety/antisocial-behaviour/community-trigger/about-community-trigger ;
/// http://www.ribblevalley.gov.uk/info/200323/community_safety/1590/community_trigger ; https://www.pendle.gov.uk/xfp/form/452 .
/// <para>
/// "Within 1 month" is a calendar month: a complaint qualifies when
/// complaint date ≤ behaviour date + 1 calendar month (so 10 April → 10 May; 31 January → 28/29 February,
/// because the month is clamped to its last day). The same calendar-month arithmetic is used for the
/// 6-month windows.
/// </para>
/// </summary>
/// <param name="QualifyingComplaintsRequired">Default 3 qualifying complaints (gov.uk guidance, common threshold).</param>
/// <param name="ComplaintPeriodMonths">Default 6: the complaints must fall in the 6 months before the application (gov.uk guidance).</param>
/// <param name="ComplaintWithinMonthsOfBehaviour">Default 1: a qualifying complaint is made within 1 month of the behaviour (gov.uk guidance).</param>
/// <param name="DistinctComplainantsRuleEnabled">Local variant, off by default (Ribble Valley / Pendle style).</param>
/// <param name="DistinctComplainantsRequired">Default 5 different individuals about the same problem in the period (local variant).</param>
/// <param name="HateIncidentRuleEnabled">Local variant, off by default.</param>
/// <param name="HateIncidentsRequired">Default 1 hate incident in the period (local variant).</param>
public sealed record CaseReviewThreshold(
    int QualifyingComplaintsRequired = 3,
    int ComplaintPeriodMonths = 6,
    int ComplaintWithinMonthsOfBehaviour = 1,
    bool DistinctComplainantsRuleEnabled = false,
    int DistinctComplainantsRequired = 5,
    bool HateIncidentRuleEnabled = false,
    int HateIncidentsRequired = 1)
{
    public static CaseReviewThreshold Default { get; } = new();
}

public enum CaseReviewCriterion
{
    QualifyingComplaints = 0,
    DistinctComplainants = 1,
    HateIncident = 2,
}

public sealed record RejectedComplaint(CaseReviewComplaint Complaint, string Reason);

public sealed record CaseReviewEligibilityResult(
    bool IsMet,
    IReadOnlyList<CaseReviewCriterion> CriteriaMet,
    IReadOnlyList<CaseReviewComplaint> Qualifying,
    IReadOnlyList<RejectedComplaint> Rejected,
    string Summary);

public static class CaseReviewEligibility
{
    public static CaseReviewEligibilityResult Check(
        DateOnly applicationDate,
        IEnumerable<CaseReviewComplaint> complaints,
        CaseReviewThreshold? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        threshold ??= CaseReviewThreshold.Default;

        var periodStart = applicationDate.AddMonths(-threshold.ComplaintPeriodMonths);
        var qualifying = new List<CaseReviewComplaint>();
        var rejected = new List<RejectedComplaint>();

        foreach (var complaint in complaints.OrderBy(c => c.ComplaintDate).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            var reason = RejectionReason(complaint, applicationDate, periodStart, threshold);
            if (reason is null)
            {
                qualifying.Add(complaint);
            }
            else
            {
                rejected.Add(new RejectedComplaint(complaint, reason));
            }
        }

        var met = new List<CaseReviewCriterion>();
        if (qualifying.Count >= threshold.QualifyingComplaintsRequired)
        {
            met.Add(CaseReviewCriterion.QualifyingComplaints);
        }

        var distinctComplainants = qualifying.Select(c => c.ComplainantId).Distinct(StringComparer.Ordinal).Count();
        if (threshold.DistinctComplainantsRuleEnabled && distinctComplainants >= threshold.DistinctComplainantsRequired)
        {
            met.Add(CaseReviewCriterion.DistinctComplainants);
        }

        var hate = qualifying.Count(c => c.IsHate);
        if (threshold.HateIncidentRuleEnabled && hate >= threshold.HateIncidentsRequired)
        {
            met.Add(CaseReviewCriterion.HateIncident);
        }

        var summary = met.Count > 0
            ? $"Threshold met ({string.Join("; ", met.Select(m => CaseReviewCriterionText.Describe(m, threshold)))}): {CaseReviewCriterionText.Complaints(qualifying.Count)} between {UkTime.FormatDate(periodStart)} and {UkTime.FormatDate(applicationDate)}."
            : $"Threshold not met: {CaseReviewCriterionText.Complaints(qualifying.Count)} between {UkTime.FormatDate(periodStart)} and {UkTime.FormatDate(applicationDate)}; {threshold.QualifyingComplaintsRequired} required.";

        return new CaseReviewEligibilityResult(met.Count > 0, met, qualifying, rejected, summary);
    }

    private static string? RejectionReason(CaseReviewComplaint c, DateOnly applicationDate, DateOnly periodStart, CaseReviewThreshold threshold)
    {
        if (c.ComplaintDate < c.BehaviourDate)
        {
            return $"complaint date {UkTime.FormatDate(c.ComplaintDate)} is before the behaviour date {UkTime.FormatDate(c.BehaviourDate)}";
        }

        if (c.ComplaintDate > applicationDate)
        {
            return $"complaint made {UkTime.FormatDate(c.ComplaintDate)}, after the application date {UkTime.FormatDate(applicationDate)}";
        }

        var latest = c.BehaviourDate.AddMonths(threshold.ComplaintWithinMonthsOfBehaviour);
        if (c.ComplaintDate > latest)
        {
            var days = c.ComplaintDate.DayNumber - c.BehaviourDate.DayNumber;
            return $"complaint made {days} days after the behaviour; it had to be made by {UkTime.FormatDate(latest)} (within {threshold.ComplaintWithinMonthsOfBehaviour} calendar month(s))";
        }

        if (c.ComplaintDate < periodStart)
        {
            return $"complaint made {UkTime.FormatDate(c.ComplaintDate)}, more than {threshold.ComplaintPeriodMonths} months before the application date {UkTime.FormatDate(applicationDate)}";
        }

        return null;
    }
}

/// <summary>How a met criterion reads in the threshold summary (not its enum name).</summary>
static class CaseReviewCriterionText
{
    public static string Describe(CaseReviewCriterion criterion, CaseReviewThreshold threshold) => criterion switch
    {
        CaseReviewCriterion.QualifyingComplaints => $"{threshold.QualifyingComplaintsRequired} or more qualifying complaints",
        CaseReviewCriterion.DistinctComplainants => $"{threshold.DistinctComplainantsRequired} or more people complaining about the same problem",
        CaseReviewCriterion.HateIncident => $"{threshold.HateIncidentsRequired} or more hate incidents",
        _ => criterion.ToString(),
    };

    public static string Complaints(int n) => n == 1 ? "1 qualifying complaint" : $"{n} qualifying complaints";
}
