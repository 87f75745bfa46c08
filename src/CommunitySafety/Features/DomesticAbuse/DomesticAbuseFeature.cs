using CommunitySafety.Features.Strands;

namespace CommunitySafety.Features.DomesticAbuse;

/// <summary>Domestic abuse casework: DASH and DARA, the Marac referral built from DASH.</summary>
public static class DomesticAbuseFeature
{
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => DomesticAbuseOptions.From(configuration));
        services.AddStrand<DomesticAbuseStrand>();
        services.AddScoped<DashService>();
        services.AddScoped<MaracReferralService>();
        services.AddScoped<DomesticAbuseCaseSummary>();
    }

    public static void MapApi(RouteGroupBuilder api) => DomesticAbuseApi.Map(api);
}
