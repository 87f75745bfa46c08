using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Demo;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Features.Referrals.Disclosures;
using CommunitySafety.Features.Referrals.Funding;
using CommunitySafety.Features.Referrals.Outcomes;
using CommunitySafety.Features.Referrals.Rules;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals;

/// <summary>The policies this capability adds (registered here so the core policy list stays as it is).</summary>
public static class ReferralPolicies
{
    /// <summary>The services catalogue: every role (no personal data).</summary>
    public const string ServicesRead = "services-read";
    /// <summary>Funding lines, allocations and spend: administrators (the partnership's commissioning lead).</summary>
    public const string FundingManage = "funding-manage";
    /// <summary>Changing the services catalogue (deliverables, eligibility, capacity, targets): administrators.</summary>
    public const string ServicesManage = "services-manage";
    /// <summary>The disclosure log for subject access requests: administrators (the data protection role).</summary>
    public const string DisclosureLog = "disclosure-log";

    public static void Configure(AuthorizationOptions o)
    {
        o.AddPolicy(ServicesRead, p => p.RequireAuthenticatedUser().RequireRole(Roles.All.ToArray()));
        o.AddPolicy(FundingManage, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        o.AddPolicy(ServicesManage, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        o.AddPolicy(DisclosureLog, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
    }
}

/// <summary>
/// Commissioned services, referrals into them, the disclosure log, funding and outcomes. Referral visibility is
/// <see cref="ReferralAccess"/>; who may refer is <see cref="Cases.CaseAccess"/>. A referral the user may not see is
/// 404 whether or not it exists.
/// </summary>
public static class ReferralsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.Configure<AuthorizationOptions>(ReferralPolicies.Configure);
        services.AddScoped<ReferralService>();
        services.AddScoped<FundingReports>();
        services.AddScoped<CatalogueEditing>();
        services.AddScoped<OutcomeFigures>();
        services.AddScoped<IDemoContributor, ReferralsDemoContributor>();
    }

    public sealed record VersionInput(int Version);
    public sealed record DeclineInput(int Version, string? Reason);
    public sealed record ContactInput(int Version, DateOnly? Date, string? Method, bool Reached, string? Notes);
    public sealed record VisitInput(int Version, DateOnly? Date, List<string>? Delivered, string? Notes);
    public sealed record CloseInput(int Version, string? Outcome, string? Notes);
    public sealed record SpendInput(int? ServiceId, DateOnly? Date, decimal? Amount, string? Description);
    public sealed record ServiceUpdate(int Version, string? Name, string? Description, int? MonthlyCapacity, int? FirstContactWorkingDays, int? DeliveryWorkingDays,
        bool IsActive, List<string>? Deliverables, List<EligibilityRuleData>? Eligibility);
    public sealed record AllocationInput(int? ServiceId, int? Year, decimal? Amount);

    static string Camel(string key) => key.Length == 0 ? key : char.ToLowerInvariant(key[0]) + key[1..];

    /// <summary>The API's answer for an operation's result (problem details naming the field for bad input).</summary>
    public static IResult ToResult(OpResult result, Func<int, IResult> ok) => result.Outcome switch
    {
        Outcome.Done => ok(result.Id!.Value),
        Outcome.NotFound => Results.NotFound(),
        Outcome.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the provider's workers can change a referral to their service."),
        Outcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The record was changed by someone else; nothing was saved. Read it again and retry."),
        _ => Results.ValidationProblem(result.Errors.ToDictionary(e => Camel(e.Key), e => new[] { e.Value }), title: "Some of the input needs correcting; nothing was saved."),
    };

    public static void MapApi(RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").RequireAuthorization(ReferralPolicies.ServicesRead);
        services.MapGet("", async (AppDb db, Strands.StrandCatalogue strands, TimeProvider clock, CancellationToken ct) => Results.Ok(await ServiceCatalogue.ListAsync(db, strands, clock.GetUtcNow().UtcDateTime, ct)));
        services.MapGet("/{id:int}", async (int id, AppDb db, Strands.StrandCatalogue strands, TimeProvider clock, CancellationToken ct) =>
            await ServiceCatalogue.DetailAsync(db, strands, id, clock.GetUtcNow().UtcDateTime, ct) is { } s ? Results.Ok(s) : Results.NotFound());

        api.MapPut("/services/{id:int}", async (int id, ServiceUpdate input, CatalogueEditing editing, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await editing.SaveAsync(user, id, new ServiceChange(input.Version, input.Name, input.Description, input.MonthlyCapacity, input.FirstContactWorkingDays,
                input.DeliveryWorkingDays, input.IsActive, input.Deliverables ?? [], input.Eligibility ?? []), ct), _ => Results.NoContent()))
            .RequireAuthorization(ReferralPolicies.ServicesManage);

        var referrals = api.MapGroup("/referrals").RequireAuthorization(Policies.CaseWork);
        referrals.MapGet("", async (string? view, AppDb db, AuditLog audit, ReferralService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var query = view switch
            {
                "provider" => ReferralAccess.ToMyServices(db, user),
                "referrer" => ReferralAccess.MadeByMySide(db, user),
                null or "" => ReferralAccess.Visible(db, user),
                _ => null,
            };
            if (query is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["view"] = ["view must be provider, referrer or left out"] });
            }
            var rows = await ReferralQueries.RowsAsync(query, service.Today, ct);
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "referral-list", "api", $"referral list (api, {view ?? "all"}): {rows.Count} row(s)"), ct);
            return Results.Ok(rows.Select(r => new
            {
                r.Id, r.ReferredUtc, service = r.ServiceName, provider = r.ProviderAgency, referrer = r.ReferringAgency, name = r.Name,
                status = r.Status.ToString(), outcome = r.Outcome?.ToString(), firstContact = Clock(r.FirstContactClock), delivery = r.DeliveryClock is { } d ? Clock(d) : null,
            }));
        });

        referrals.MapGet("/{id:int}", async (int id, AppDb db, AuditLog audit, ReferralService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var r = await ReferralQueries.DetailAsync(db, user, id, service.Today, ct);
            if (r is null)
            {
                await audit.WriteAsync(new AuditEntry(ReferralService.DeniedAction, "referral", ReferralService.Id(id), "referral not visible to the user (api)", Outcome: AuditOutcome.Denied), ct);
                return Results.NotFound();
            }
            await audit.ViewedAsync("referral", ReferralService.Id(id), ct: ct);
            return Results.Ok(Json(r));
        });

        referrals.MapPost("", async (MakeReferral input, ReferralService service, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await service.MakeAsync(user, input, ct), id => Results.Created($"/api/referrals/{id}", new { id, href = $"/referrals/{id}" })));
        referrals.MapPost("/{id:int}/accept", async (int id, VersionInput input, ReferralService service, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await service.AcceptAsync(user, id, input.Version, ct), _ => Results.NoContent()));
        referrals.MapPost("/{id:int}/decline", async (int id, DeclineInput input, ReferralService service, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await service.DeclineAsync(user, id, input.Version, input.Reason, ct), _ => Results.NoContent()));
        referrals.MapPost("/{id:int}/contacts", async (int id, ContactInput input, ReferralService service, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await service.AddContactAsync(user, id, input.Version, input.Date, input.Method, input.Reached, input.Notes, ct), _ => Results.NoContent()));
        referrals.MapPost("/{id:int}/visits", async (int id, VisitInput input, ReferralService service, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await service.AddVisitAsync(user, id, input.Version, input.Date, input.Delivered, input.Notes, ct), _ => Results.NoContent()));
        referrals.MapPost("/{id:int}/close", async (int id, CloseInput input, ReferralService service, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await service.CloseAsync(user, id, input.Version, input.Outcome, input.Notes, ct), _ => Results.NoContent()));

        api.MapGet("/referrals/disclosures", async (int? personId, string? purpose, AppDb db, AuditLog audit, CancellationToken ct) =>
        {
            if (personId is null || string.IsNullOrWhiteSpace(purpose))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    [personId is null ? "personId" : "purpose"] = [personId is null ? "Give the person number (?personId=)" : "Give the purpose, for example the subject access request reference (?purpose=)"],
                });
            }
            var rows = await DisclosureLog.ForPersonAsync(db, personId.Value, ct);
            await audit.WriteAsync(new AuditEntry(AuditActions.View, "disclosure-log", ReferralService.Id(personId.Value), $"disclosure log (api): {rows.Count} disclosure(s)", Purpose: purpose), ct);
            return Results.Ok(rows);
        }).RequireAuthorization(ReferralPolicies.DisclosureLog);

        var funding = api.MapGroup("/funding").RequireAuthorization(Policies.Reports);
        funding.MapGet("/lines", async (AppDb db, CancellationToken ct) => Results.Ok(await FundingCatalogue.LinesAsync(db, ct)));
        funding.MapGet("/lines/{id:int}/report", async (int id, int? year, FundingReports reports, TimeProvider clock, CancellationToken ct) =>
        {
            var fy = year ?? FundingDisplay.YearOf(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            return await reports.ReportAsync(id, fy, ct) is { } r ? Results.Ok(r) : Results.NotFound();
        });
        api.MapPost("/funding/lines/{id:int}/spend", async (int id, SpendInput input, FundingReports reports, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await reports.RecordSpendAsync(user, id, input.ServiceId, input.Date, input.Amount, input.Description, ct), _ => Results.Created($"/api/funding/lines/{id}/report", null)))
            .RequireAuthorization(ReferralPolicies.FundingManage);
        api.MapPut("/funding/lines/{id:int}/allocations", async (int id, AllocationInput input, FundingReports reports, ClaimsPrincipal user, CancellationToken ct) =>
            ToResult(await reports.AllocateAsync(user, id, input.ServiceId, input.Year, input.Amount, ct), _ => Results.NoContent()))
            .RequireAuthorization(ReferralPolicies.FundingManage);
        funding.MapGet("/outcomes", async (int? year, OutcomeFigures figures, TimeProvider clock, CancellationToken ct) =>
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return Results.Ok(await figures.ForYearAsync(year ?? FundingDisplay.YearOf(today), today, ct));
        });
    }

    static object Clock(ClockReading c) => new { due = c.Due, state = c.State.ToString(), workingDays = c.WorkingDaysElapsed };

    /// <summary>The API shape of a referral: the provider side never gets the person or case ids.</summary>
    static object Json(ReferralView r) => new
    {
        r.Id, r.Version, service = new { id = r.ServiceId, name = r.ServiceName, provider = r.ProviderAgency },
        status = r.Status.ToString(), r.ReferredUtc, referredBy = r.ReferredByName, referringAgency = r.ReferringAgency, r.Reason,
        consent = r.Consent.ToString(), r.ConsentJustification, r.LawfulBasis, r.SharingPower, r.SpecialCategoryCondition,
        r.MadeOutsideEligibility, r.EligibilityWarnings, r.EligibilityOverrideReason,
        shared = r.Shared.ToDictionary(f => Camel(f.Field), f => f.Value),
        contacts = r.Contacts.Select(c => new { c.OccurredUtc, method = c.Method.ToString(), c.Reached, c.Notes, c.RecordedBy }),
        visits = r.Visits.Select(v => new { v.VisitDate, v.Delivered, v.Notes, v.RecordedBy }),
        r.DecidedUtc, r.DecidedByName, r.DeclineReason, r.ClosedUtc, outcome = r.Outcome?.ToString(), r.OutcomeNotes,
        firstContact = Clock(r.FirstContactClock), delivery = r.DeliveryClock is { } d ? Clock(d) : null,
        personId = r.PersonId, caseId = r.CaseId, caseReference = r.CaseReference,
    };
}
