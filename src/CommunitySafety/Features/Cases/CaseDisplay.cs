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
}
