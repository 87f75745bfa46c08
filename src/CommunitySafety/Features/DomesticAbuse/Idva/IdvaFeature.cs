using CommunitySafety.Data;
using CommunitySafety.Features.DomesticAbuse.Idva.Orders;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

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
        services.AddScoped<IdvaService>();
        services.AddScoped<Demo.IDemoContributor, IdvaDemoContributor>();
    }

    public sealed record IntakeRequest(Guid? AdviserUserId);

    public sealed record AssignRequest(int? Version, Guid? AdviserUserId);

    public sealed record SafetyMeasureRequest(int? Version, string? Measure, string? Status);

    public sealed record MeasureStatusRequest(int? Version, string? Status);

    public sealed record ContactRequest(int? Version, DateOnly? Date, string? Method, bool Reached, string? Notes);

    public sealed record SupportNeedsRequest(int? Version, IReadOnlyList<string>? Needs);

    public sealed record OnwardReferralRequest(int? Version, string? Kind, string? Details, DateOnly? MadeOn);

    public sealed record ClosureRequest(int? Version, string? RiskAtClosure, string? Outcome, string? Notes);

    static IResult Answer(Referrals.OpResult result, Func<int, IResult> ok) => result.Outcome switch
    {
        Referrals.Outcome.Done => ok(result.Id!.Value),
        Referrals.Outcome.NotFound => Results.NotFound(),
        Referrals.Outcome.Forbidden => Results.NotFound(),
        Referrals.Outcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The IDVA case was changed by someone else; nothing was saved. Read it again and retry."),
        _ => Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "Some of the input needs correcting; nothing was saved."),
    };

    /// <summary>The IDVA case as the API shows it (the referral's shared snapshot, never the referrer's case or person ids).</summary>
    public static object View(IdvaCase c) => new
    {
        c.Id, c.ReferralId, c.Version, status = c.Status.ToString(), c.AdviserUserId, c.AdviserName, riskAtIntake = c.RiskAtIntake?.ToString(),
        c.OpenedUtc, supportNeeds = c.SupportNeeds.Split(',', StringSplitOptions.RemoveEmptyEntries),
        shared = c.Referral!.SharedFields.Select(f => new { f.Field, name = Referrals.SharedFields.Display(f.Field), f.Value }),
        safetyPlan = c.SafetyPlan.OrderBy(m => m.Id).Select(m => new { m.Id, m.Measure, status = m.Status.ToString(), m.UpdatedUtc, m.UpdatedByName }),
        contacts = c.Contacts.OrderBy(x => x.OccurredUtc).Select(x => new { x.OccurredUtc, method = x.Method.ToString(), x.Reached, x.Notes, x.RecordedByName }),
        onwardReferrals = c.OnwardReferrals.OrderBy(x => x.MadeOn).Select(x => new { kind = x.Kind.ToString(), x.Details, x.MadeOn }),
        c.ClosedUtc, riskAtClosure = c.RiskAtClosure?.ToString(), outcome = c.Outcome?.ToString(), c.ClosureNotes,
        riskReduced = c.Status == IdvaCaseStatus.Closed ? IdvaRules.RiskReduced(c.RiskAtIntake, c.RiskAtClosure) : (bool?)null,
    };

    /// <summary>JSON body of POST /api/domestic-abuse/cases/{id}/orders/{orderId}/breaches.</summary>
    public sealed record BreachRequest(DateOnly? OccurredOn, string? Details);

    public static void MapApi(RouteGroupBuilder api)
    {
        var da = api.MapGroup("/domestic-abuse").RequireAuthorization(Policies.CaseWork);
        MapIdva(api);

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

    static void MapIdva(RouteGroupBuilder api)
    {
        var idva = api.MapGroup("/domestic-abuse/idva").RequireAuthorization(Policies.CaseWork);

        // Referrals made to the user's IDVA service, with whether each has been taken on.
        idva.MapGet("/referrals", async (HttpContext http, IdvaService service, AppDb db, Auditing.AuditLog audit, CancellationToken ct) =>
        {
            var taken = db.Set<IdvaCase>().Select(c => c.ReferralId);
            var rows = await service.MyReferrals(http.User).AsNoTracking().OrderByDescending(r => r.ReferredUtc)
                .Select(r => new { r.Id, service = r.Service!.Name, referringAgency = r.ReferringAgency!.Name, r.ReferredUtc, status = r.Status.ToString(), takenOn = taken.Contains(r.Id) })
                .Take(500).ToListAsync(ct);
            await audit.ViewedAsync("referral-list", "idva", "IDVA referrals", ct);
            return Results.Ok(rows);
        });

        idva.MapGet("/referrals/{referralId:int}/intake", async (int referralId, HttpContext http, IdvaService service, CancellationToken ct) =>
            await service.IntakeAsync(http.User, referralId, ct) is { } intake
                ? Results.Ok(intake)
                : Results.NotFound());

        idva.MapPost("/referrals/{referralId:int}/intake", async (int referralId, IntakeRequest? input, HttpContext http, IdvaService service, CancellationToken ct) =>
            Answer(await service.OpenAsync(http.User, referralId, input?.AdviserUserId, ct), id => Results.Created($"/api/domestic-abuse/idva/cases/{id}", new { id })));

        idva.MapGet("/cases", async (HttpContext http, IdvaService service, Auditing.AuditLog audit, CancellationToken ct) =>
        {
            var rows = await service.MyCases(http.User).AsNoTracking().OrderBy(c => c.Status).ThenBy(c => c.OpenedUtc)
                .Select(c => new { c.Id, c.ReferralId, status = c.Status.ToString(), c.AdviserName, riskAtIntake = c.RiskAtIntake.ToString(), c.OpenedUtc, c.ClosedUtc })
                .Take(1000).ToListAsync(ct);
            await audit.ViewedAsync("idva-case-list", "idva", "IDVA cases", ct);
            return Results.Ok(rows);
        });

        idva.MapGet("/cases/{id:int}", async (int id, HttpContext http, IdvaService service, CancellationToken ct) =>
            await service.FindAsync(http.User, id, ct) is { } c ? Results.Ok(View(c)) : Results.NotFound());

        idva.MapPost("/cases/{id:int}/adviser", async (int id, AssignRequest input, HttpContext http, IdvaService service, CancellationToken ct) =>
            Answer(await service.AssignAsync(http.User, id, input.Version, input.AdviserUserId, ct), _ => Results.NoContent()));

        idva.MapPost("/cases/{id:int}/safety-plan", async (int id, SafetyMeasureRequest input, HttpContext http, IdvaService service, CancellationToken ct) =>
            Answer(await service.AddSafetyMeasureAsync(http.User, id, input.Version, input.Measure, input.Status, ct), _ => Results.Created($"/api/domestic-abuse/idva/cases/{id}", null)));

        idva.MapPost("/cases/{id:int}/safety-plan/{measureId:int}", async (int id, int measureId, MeasureStatusRequest input, HttpContext http, IdvaService service, CancellationToken ct) =>
            Answer(await service.SetSafetyMeasureStatusAsync(http.User, id, input.Version, measureId, input.Status, ct), _ => Results.NoContent()));

        idva.MapPost("/cases/{id:int}/contacts", async (int id, ContactRequest input, HttpContext http, IdvaService service, CancellationToken ct) =>
            Answer(await service.AddContactAsync(http.User, id, input.Version, input.Date, input.Method, input.Reached, input.Notes, ct), _ => Results.Created($"/api/domestic-abuse/idva/cases/{id}", null)));

        idva.MapPost("/cases/{id:int}/support-needs", async (int id, SupportNeedsRequest input, HttpContext http, IdvaService service, CancellationToken ct) =>
            Answer(await service.SetSupportNeedsAsync(http.User, id, input.Version, input.Needs, ct), _ => Results.NoContent()));

        idva.MapPost("/cases/{id:int}/onward-referrals", async (int id, OnwardReferralRequest input, HttpContext http, IdvaService service, CancellationToken ct) =>
            Answer(await service.AddOnwardReferralAsync(http.User, id, input.Version, input.Kind, input.Details, input.MadeOn, ct), _ => Results.Created($"/api/domestic-abuse/idva/cases/{id}", null)));

        idva.MapPost("/cases/{id:int}/closure", async (int id, ClosureRequest input, HttpContext http, IdvaService service, CancellationToken ct) =>
            Answer(await service.CloseAsync(http.User, id, input.Version, input.RiskAtClosure, input.Outcome, input.Notes, ct), _ => Results.NoContent()));

        idva.MapGet("/caseload", async (HttpContext http, IdvaService service, CancellationToken ct) =>
            await service.CaseloadAsync(http.User, ct) is { } load ? Results.Ok(load) : Results.NotFound());

        var figures = api.MapGroup("/domestic-abuse/idva").RequireAuthorization(Policies.Reports);
        figures.MapGet("/figures", async (HttpContext http, IdvaService service, CancellationToken ct) =>
        {
            var f = await service.FiguresAsync(http.User, ct);
            return Results.Ok(new { open = f.Show(f.Open), closed = f.Show(f.Closed), closedWithRiskReduced = f.Show(f.ClosedWithRiskReduced), suppressed = f.Suppressed });
        });
        figures.MapGet("/figures.csv", async (HttpContext http, IdvaService service, CancellationToken ct) =>
        {
            var f = await service.FiguresAsync(http.User, ct);
            await CsvExport.WriteAsync(http.Response, "idva-figures.csv", ["Measure", "Cases"], Rows(f), ct,
                title: "IDVA service figures (no personal data" + (f.Suppressed ? "; counts under 5 withheld)" : ")"));
            return Results.Empty;
        });
    }

    static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(IdvaFigures f)
    {
        await Task.CompletedTask;
        yield return ["Open", f.Show(f.Open)];
        yield return ["Closed", f.Show(f.Closed)];
        yield return ["Closed with risk reduced", f.Show(f.ClosedWithRiskReduced)];
    }
}
