using CommunitySafety.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace CommunitySafety.Security;

/// <summary>
/// Named policies: each page and endpoint names one. Anything that names none still needs a
/// signed-in user (the fallback policy), so nothing is open by accident.
/// </summary>
public static class Policies
{
    public const string Administration = "administration";
    /// <summary>Aggregate crime and ASB figures (public police.uk data): every role.</summary>
    public const string PlacesRead = "places-read";
    /// <summary>Loading data and reference tables: administrators and analysts.</summary>
    public const string PlacesImport = "places-import";
    /// <summary>Casework about people: case officers, agency managers and provider workers.</summary>
    public const string CaseWork = "case-work";
    /// <summary>Searching people across the partnership (purpose required).</summary>
    public const string PeopleSearch = "people-search";
    /// <summary>Merging duplicate person records.</summary>
    public const string PeopleMerge = "people-merge";
    /// <summary>Partnership reports and statistics (no personal data).</summary>
    public const string Reports = "reports";

    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        options.AddPolicy(PlacesRead, p => p.RequireAuthenticatedUser().RequireRole(Roles.All.ToArray()));
        options.AddPolicy(PlacesImport, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator, Roles.Analyst));
        options.AddPolicy(CaseWork, p => p.RequireAuthenticatedUser().RequireRole(Roles.CaseOfficer, Roles.AgencyManager, Roles.ProviderWorker));
        options.AddPolicy(PeopleSearch, p => p.RequireAuthenticatedUser().RequireRole(Roles.CaseOfficer, Roles.AgencyManager));
        options.AddPolicy(PeopleMerge, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        options.AddPolicy(Reports, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator, Roles.Analyst, Roles.AgencyManager, Roles.BoardMember));
    }
}
