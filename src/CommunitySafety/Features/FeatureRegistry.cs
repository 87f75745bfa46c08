using System.CommandLine;
using CommunitySafety.Features.Strands;

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
        Meetings.MeetingsFeature.AddServices(services);
        Places.Map.PlacesMapFeature.AddServices(services);
        Places.PlacesFeature.AddServices(services);
        Referrals.ReferralsFeature.AddServices(services);
        DomesticAbuse.DomesticAbuseFeature.AddServices(services, configuration);
        DomesticAbuse.Idva.IdvaFeature.AddServices(services);
        // Strands not built yet register only what the demo partnership's records already use.
        services.AddStrand<Hate.HateStrand>();
        services.AddStrand<CrimeAndFire.CrimeAndFireStrand>();
    }

    public static void MapFeatures(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        Accounts.AccountsFeature.MapApi(api);
        Agencies.AgenciesFeature.MapApi(api);
        Places.Assessment.PlacesAnalysisFeature.MapApi(api);
        Asb.AsbFeature.MapApi(api);
        Cases.CasesFeature.MapEndpoints(app, api);
        DomesticAbuse.DomesticAbuseFeature.MapApi(api);
        Meetings.MeetingsFeature.MapApi(api);
        People.PeopleFeature.MapApi(api);
        Incidents.IncidentsFeature.MapApi(api);
        Places.Map.PlacesMapFeature.MapApi(api);
        Places.PlacesFeature.MapApi(api);
        Referrals.ReferralsFeature.MapApi(api);
        DomesticAbuse.Idva.IdvaFeature.MapApi(api);
    }

    public static IEnumerable<Command> Commands()
    {
        foreach (var command in Places.PlacesFeature.Commands())
        {
            yield return command;
        }
    }
}
