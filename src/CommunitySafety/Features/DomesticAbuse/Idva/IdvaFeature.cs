using CommunitySafety.Data;
using CommunitySafety.Features.DomesticAbuse.Idva.Orders;
using CommunitySafety.Security;
using CommunitySafety.Shared;

namespace CommunitySafety.Features.DomesticAbuse.Idva;

/// <summary>
/// The domestic abuse strand's protective orders (on the case core's orders) and the IDVA service's casework (on the
/// core's referrals to commissioned services).
/// </summary>
public static class IdvaFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<DaOrderTypeRules>();
        services.AddScoped<DaOrderRecording>();
    }

    /// <summary>JSON body of POST /api/domestic-abuse/cases/{id}/orders/{orderId}/breaches.</summary>
    public sealed record BreachRequest(DateOnly? OccurredOn, string? Details);

    public static void MapApi(RouteGroupBuilder api)
    {
        var da = api.MapGroup("/domestic-abuse").RequireAuthorization(Policies.CaseWork);

        da.MapGet("/cases/{id:int}/orders", async (int id, HttpContext http, AppDb db, DaOrderRecording recording, Auditing.AuditLog audit, CancellationToken ct) =>
        {
            if (await DaCases.FindAsync(db, http.User, id, ct) is null)
            {
                return Results.NotFound();
            }
            var rows = await recording.ListAsync(id, ct);
            await audit.ViewedAsync("case", Cases.CaseService.Id(id), "Domestic abuse orders (API)", ct);
            return Results.Ok(rows.Select(o => new
            {
                o.Id, type = o.Type, o.Name, o.Subject, issuedUtc = o.IssuedUtc, expiresUtc = o.ExpiresUtc, inForce = !o.Expired, o.AuthorisedBy,
                breaches = o.Breaches.Select(b => new { b.OccurredOn, b.Details, b.RecordedBy }),
            }));
        });

        da.MapPost("/cases/{id:int}/orders", async (int id, DaOrderInput input, HttpContext http, AppDb db, DaOrderRecording recording, CancellationToken ct) =>
        {
            if (await DaCases.FindAsync(db, http.User, id, ct) is not { } c)
            {
                return Results.NotFound();
            }
            var (errors, order) = await recording.RecordAsync(http.User, c, input, ct);
            if (order is null)
            {
                return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
            }
            return Results.Created($"/api/domestic-abuse/cases/{id}/orders", new { order.Id, type = order.TypeCode, issuedUtc = order.IssuedUtc, expiresUtc = order.ExpiresUtc });
        });

        da.MapPost("/cases/{id:int}/orders/{orderId:int}/breaches", async (int id, int orderId, BreachRequest input, HttpContext http, AppDb db, DaOrderRecording recording, CancellationToken ct) =>
        {
            if (await DaCases.FindAsync(db, http.User, id, ct) is null)
            {
                return Results.NotFound();
            }
            var errors = await recording.RecordBreachAsync(http.User, id, orderId, input.OccurredOn, input.Details, ct);
            if (errors is null)
            {
                return Results.NotFound();
            }
            return errors.Count > 0
                ? Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }))
                : Results.Created($"/api/domestic-abuse/cases/{id}/orders", new { orderId, input.OccurredOn });
        });
    }
}
