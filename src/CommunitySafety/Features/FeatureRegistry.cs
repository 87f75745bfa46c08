using System.CommandLine;

namespace CommunitySafety.Features;

/// <summary>
/// The one list of the product's capabilities: each feature folder registers its services, API
/// endpoints and command-line verbs here, so adding a capability is one line per hook.
/// </summary>
public static class FeatureRegistry
{
    public static void AddFeatures(IServiceCollection services, IConfiguration configuration)
    {
        Accounts.AccountsFeature.AddServices(services);
        Asb.AsbFeature.AddServices(services, configuration);
        Cases.CasesFeature.AddServices(services);
        Places.Map.PlacesMapFeature.AddServices(services);
        Places.PlacesFeature.AddServices(services);
        Referrals.ReferralsFeature.AddServices(services);
    }

    public static void MapFeatures(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        Accounts.AccountsFeature.MapApi(api);
        Agencies.AgenciesFeature.MapApi(api);
        Places.Assessment.PlacesAnalysisFeature.MapApi(api);
        Asb.AsbFeature.MapApi(api);
        Cases.CasesFeature.MapEndpoints(app, api);
        People.PeopleFeature.MapApi(api);
        Incidents.IncidentsFeature.MapApi(api);
        Places.Map.PlacesMapFeature.MapApi(api);
        Places.PlacesFeature.MapApi(api);
        Referrals.ReferralsFeature.MapApi(api);
    }

    public static IEnumerable<Command> Commands()
    {
        foreach (var command in Places.PlacesFeature.Commands())
        {
            yield return command;
        }
    }
}
