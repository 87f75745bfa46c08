using System.Globalization;
using System.Runtime.CompilerServices;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Queries;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.Net.Http.Headers;

namespace CommunitySafety.Features.Places.Map;

/// <summary>The ward map's API: ward polygons, ward figures (JSON and CSV) and ward profiles.</summary>
public static class PlacesMapFeature
{
    public static readonly IReadOnlyList<string> CsvHeader =
    [
        "ward_code", "ward_name", "local_authority_code", "local_authority_name", "count", "population",
        "rate_per_1000", "previous_count", "change_percent",
    ];

    public static void AddServices(IServiceCollection services) => services.AddSingleton<WardLayer>();

    public static void MapApi(RouteGroupBuilder api)
    {
        var places = api.MapGroup("/places").RequireAuthorization(Policies.PlacesRead);

        places.MapGet("/wards.geojson", async (HttpContext http, AppDb db, WardLayer layer, CancellationToken ct) =>
        {
            var etag = await WardLayer.CurrentETagAsync(db, ct);
            // Private: behind sign-in. no-cache: the browser keeps it but asks each time, getting a 304 until the set changes.
            http.Response.Headers.CacheControl = "private, no-cache";
            http.Response.Headers.ETag = etag;
            if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            var built = await layer.GetAsync(db, etag, ct);
            return Results.Bytes(built.Body, "application/geo+json");
        });

        places.MapGet("/ward-figures", async (HttpContext http, AppDb db, string? from, string? to, string? category,
            string? force, string? la, string? format, CancellationToken ct) =>
        {
            var (figures, error) = await WardFiguresQuery.RunAsync(db, new WardFigureRequest(from, to, category, force, la), ct);
            if (figures is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The figures could not be worked out", detail: error);
            }

            if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            {
                await WriteCsvAsync(http, figures, ct);
                return Results.Empty;
            }

            return Results.Ok(figures);
        });

        places.MapGet("/ward-figures.csv", async (HttpContext http, AppDb db, string? from, string? to, string? category,
            string? force, string? la, CancellationToken ct) =>
        {
            var (figures, error) = await WardFiguresQuery.RunAsync(db, new WardFigureRequest(from, to, category, force, la), ct);
            if (figures is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The figures could not be worked out", detail: error);
            }

            await WriteCsvAsync(http, figures, ct);
            return Results.Empty;
        });

        places.MapGet("/wards/{code}/profile", async (AppDb db, string code, string? from, string? to, CancellationToken ct) =>
        {
            var (profile, error) = await WardProfileQuery.RunAsync(db, code, from, to, ct);
            if (error is not null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The profile could not be worked out", detail: error);
            }

            return profile is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Ward not found",
                    detail: $"No ward with code {code} in the current ward boundaries.")
                : Results.Ok(profile);
        });
    }

    /// <summary>File name says what and when, so downloads of different periods do not overwrite each other.</summary>
    public static string CsvFileName(WardFigures f) =>
        $"ward-figures-{f.Category ?? "all-categories"}-{f.From ?? "none"}-to-{f.To ?? "none"}.csv";

    static Task WriteCsvAsync(HttpContext http, WardFigures figures, CancellationToken ct) =>
        CsvExport.WriteAsync(http.Response, CsvFileName(figures), CsvHeader, Rows(figures, ct), ct);

    static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(WardFigures figures, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var w in figures.Wards)
        {
            ct.ThrowIfCancellationRequested();
            yield return
            [
                w.Code, w.Name, w.LaCode, w.LaName,
                w.Count.ToString(CultureInfo.InvariantCulture),
                w.Population?.ToString(CultureInfo.InvariantCulture),
                w.RatePerThousand?.ToString("0.###", CultureInfo.InvariantCulture),
                w.PreviousCount?.ToString(CultureInfo.InvariantCulture),
                w.ChangePercent?.ToString("0.#", CultureInfo.InvariantCulture),
            ];
        }

        await Task.CompletedTask;
    }
}
