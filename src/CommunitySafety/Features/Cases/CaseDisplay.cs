using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.Cases;

public static class CaseDisplay
{
    public static string Status(CaseStatus status) => status switch
    {
        CaseStatus.Open => "Open",
        CaseStatus.UnderReview => "Under review",
        CaseStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string RiskTagClass(RiskBand band) => band switch
    {
        RiskBand.High => "govuk-tag--red",
        RiskBand.Medium => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };

    public static string Role(CasePersonRole role) => role == CasePersonRole.FamilyMember ? "Family member" : role.ToString();

    public static string ActionStatus(CaseActionStatus status) => status switch
    {
        CaseActionStatus.Open => "Open",
        CaseActionStatus.Done => "Done",
        CaseActionStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    /// <summary>"due 5 December 2026", or "no due date": for timeline lines, which are read as sentences.</summary>
    public static string Due(DateOnly? due) => due is { } d ? "due " + Shared.UkTime.FormatDate(d) : "no due date";
}
