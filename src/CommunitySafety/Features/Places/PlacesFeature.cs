using System.CommandLine;
using CommunitySafety.Features.Places.Import;

namespace CommunitySafety.Features.Places;

/// <summary>Places: police.uk crime data, ward boundaries, lookups and populations.</summary>
public static class PlacesFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<PoliceUkImporter>();
        services.AddScoped<ReferenceImporter>();
    }

    public static IEnumerable<Command> Commands()
    {
        yield return ImportCommands.Build();
    }
}
