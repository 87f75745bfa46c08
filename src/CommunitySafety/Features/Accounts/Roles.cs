namespace CommunitySafety.Features.Accounts;

/// <summary>The partnership's roles. A user may hold several; each page and endpoint names the ones it allows.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Analyst = "Analyst";
    public const string CaseOfficer = "CaseOfficer";
    public const string AgencyManager = "AgencyManager";
    public const string BoardMember = "BoardMember";
    public const string ProviderWorker = "ProviderWorker";

    public static readonly IReadOnlyList<string> All =
        [Administrator, Analyst, CaseOfficer, AgencyManager, BoardMember, ProviderWorker];

    public static string Display(string role) => role switch
    {
        Administrator => "Administrator",
        Analyst => "Analyst",
        CaseOfficer => "Case officer",
        AgencyManager => "Agency manager",
        BoardMember => "Board member",
        ProviderWorker => "Provider worker",
        _ => role,
    };

    public static string Describe(string role) => role switch
    {
        Administrator => "Manages agencies, users and the audit trail.",
        Analyst => "Imports and analyses crime and anti-social behaviour data.",
        CaseOfficer => "Works cases for people at risk and people who present risk.",
        AgencyManager => "Oversees their agency's cases and staff.",
        BoardMember => "Sees the partnership's figures (places and services), never people's records. Board reports are not available yet.",
        ProviderWorker => "Works referrals made to their commissioned service.",
        _ => "",
    };

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
