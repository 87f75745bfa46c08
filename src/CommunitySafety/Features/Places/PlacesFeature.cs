using System.CommandLine;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Imports;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places;

/// <summary>Places: police.uk crime data, ward boundaries, lookups and populations.</summary>
public static class PlacesFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<PoliceUkImporter>();
        services.AddScoped<ReferenceImporter>();
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<ImportOwner>();
        services.AddSingleton<UploadFolders>();
        services.AddSingleton<InterruptedImports>();
        services.AddSingleton<IAfterMigration>(sp => sp.GetRequiredService<InterruptedImports>());
        services.AddHostedService<ImportQueueWorker>();
        services.AddScoped<Demo.IDemoContributor, WyvernshirePlaces>();
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/places/imports").RequireAuthorization(Policies.PlacesImport);
        imports.MapGet("/", async (AppDb db, CancellationToken ct) => await ImportQueries.Batches(db).Take(200).ToListAsync(ct));
        imports.MapGet("/{id:int}", async (int id, AppDb db, ImportQueue queue, CancellationToken ct) =>
            await ImportQueries.Batches(db, id).FirstOrDefaultAsync(ct) is { } batch
                ? Results.Ok(new { batch, progress = queue.Progress.GetValueOrDefault(id) })
                : Results.NotFound());
        imports.MapGet("/{id:int}/rejections", async (int id, int? page, AppDb db, CancellationToken ct) =>
            await db.Set<Model.ImportBatch>().AnyAsync(b => b.Id == id, ct)
                ? Results.Ok(await ImportQueries.RejectionsAsync(db, id, page ?? 1, ct))
                : Results.NotFound());
    }

    public static IEnumerable<Command> Commands()
    {
        yield return ImportCommands.Build();
    }
}
