using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Strands;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Asb;

/// <summary>ASB victim casework: incidents and repeat alerts, victim risk, Community Trigger, 2014 Act powers.</summary>
public static class AsbFeature
{
    public const string CaseType = AsbStrand.Code;

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddStrand<AsbStrand>();
        // The core risk page under the ASB case's own address, as the ASB pages have always linked to it.
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Features/Cases/Risk/Assess", "asb/cases/{id:int}/risk-assessment"));
        services.AddSingleton(_ => AsbOptions.From(configuration));
        services.AddSingleton<AsbOrderRules>();
        services.AddScoped<AsbCaseAccess>();
        services.AddScoped<AsbIncidentRecorder>();
        services.AddSingleton<VictimMatchLedger>();
        services.AddScoped<AsbRepeatMarkers>();
        services.AddHostedService<AsbRepeatSweep>();
        services.AddScoped<AsbCaseOpening>();
        services.AddScoped<AsbCaseReviews>();
        services.AddScoped<Demo.IDemoContributor, AsbDemoContributor>();
    }

    /// <summary>JSON body of POST /api/asb/incidents (dates as yyyy-MM-dd).</summary>
    public sealed record IncidentRequest(
        string? Category,
        DateOnly? OccurredOn,
        DateOnly? ReportedOn,
        string? Narrative,
        int? VictimPersonId,
        string? VictimForename,
        string? VictimSurname,
        DateOnly? VictimDateOfBirth,
        int? PlaceId,
        string? PlaceLine1,
        string? PlacePostcode,
        string? AgencyReference,
        string? VictimAddressLine1 = null,
        string? VictimPostcode = null,
        string? VictimMatchToken = null,
        bool ConfirmNewVictim = false,
        IReadOnlyList<PerpetratorRequest>? Perpetrators = null);

    /// <summary>A perpetrator on POST /api/asb/incidents: a person number the user can see, or a name (new person).</summary>
    public sealed record PerpetratorRequest(int? PersonId, string? Forename, string? Surname, DateOnly? DateOfBirth);

    public static void MapApi(RouteGroupBuilder api)
    {
        var asb = api.MapGroup("/asb").RequireAuthorization(Policies.CaseWork);

        // A victim given by name is checked against existing records first: when there are possible matches nothing is
        // recorded and the answer is 409 listing them (signposts only outside need to know), each with a matchToken.
        // Send the incident again with victimMatchToken (or victimPersonId) to link it, or confirmNewVictim=true.
        asb.MapPost("/incidents", async (IncidentRequest body, ClaimsPrincipal user, AsbIncidentRecorder recorder, CancellationToken ct) =>
        {
            var input = new AsbIncidentInput(body.Category, body.OccurredOn, body.ReportedOn, body.Narrative, body.VictimPersonId, body.VictimForename,
                body.VictimSurname, body.VictimDateOfBirth, body.PlaceId, body.PlaceLine1, body.PlacePostcode, body.AgencyReference,
                body.VictimAddressLine1, body.VictimPostcode, body.VictimMatchToken, body.ConfirmNewVictim,
                body.Perpetrators?.Select(p => new PerpetratorInput(p.PersonId, p.Forename, p.Surname, p.DateOfBirth)).ToList());
            var result = await recorder.RecordAsync(input, Recorder(user), ct);
            if (result.NeedsVictimChoice)
            {
                return Results.Conflict(new
                {
                    title = "The victim may already be known: choose a match (victimMatchToken) or send confirmNewVictim=true. Nothing was recorded.",
                    matches = result.VictimMatches!.Select(m => m.Match.CanSeeDetails
                        ? (object)new { m.Match.Id, m.Match.Name, m.Match.DateOfBirth, m.Match.Postcode, m.Match.Score, m.Match.Reasons, matchToken = m.Token }
                        : new { signpost = $"Known to the partnership – contact {m.Match.ContactAgency}", reasons = m.Match.Reasons, matchToken = m.Token }),
                });
            }
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.Errors.ToDictionary(e => ToCamel(e.Key), e => new[] { e.Value }), title: "The incident was not recorded");
            }
            return Results.Created($"/api/asb/incidents/{result.IncidentId}", new
            {
                id = result.IncidentId,
                // A victim chosen from a signpost is not shared with the user: no record number, only who holds it.
                victimPersonId = result.VictimVisible ? result.VictimPersonId : null,
                victimHeldBy = result.VictimContactAgency,
                // Null for such a victim: it would tell of other incidents and cases about them.
                repeatVictim = result.VictimVisible ? result.RepeatVictim : (bool?)null,
                repeatLocation = result.RepeatLocation,
                alertsRaised = result.VictimVisible ? result.AlertsRaised : (int?)null,
            });
        });

        asb.MapGet("/cases/{id:int}", async (int id, ClaimsPrincipal user, AsbCaseAccess access, AppDb db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await access.FindAsync(user, id, ct);
            if (c is null)
            {
                return Results.NotFound();
            }
            var s = await AsbCaseSummary.LoadAsync(db, user, c, clock.GetUtcNow().UtcDateTime, ct);
            await audit.ViewedAsync("case", Id(c.Id), "ASB case summary (API)", ct);
            return Results.Ok(new
            {
                c.Id,
                c.Reference,
                c.Title,
                status = c.Status.ToString(),
                leadAgency = s.LeadAgency,
                partnerAgencies = s.PartnerAgencies,
                victims = s.Victims.Select(v => new { v.PersonId, v.Name, repeatVictim = v.PersonId is null ? (bool?)null : v.IsRepeatVictim, v.Flags, heldBy = v.HeldBy }),
                incidents = s.Incidents.Select(i => new { i.Id, i.OccurredUtc, i.Category, i.Agency, i.RepeatLocation }),
                risk = s.LatestRisk is { } r ? new { r.InstrumentCode, r.InstrumentVersion, r.Score, computedBand = r.ComputedBand.ToString(), finalBand = r.FinalBand.ToString() } : null,
                victimActionPlanRequired = s.ActionPlanRequired,
                victimActionPlanOutstanding = s.ActionPlanOutstanding,
                actions = s.Actions.Select(a => new { a.Id, a.Title, a.Owner, a.Agency, a.DueOn, status = a.Status.ToString(), a.Overdue, a.Plan }),
                powers = s.Powers.Select(p => new { p.Id, power = p.Power.ToString(), p.Subject, p.IssuedUtc, p.ExpiresUtc, p.Breaches, p.Expired }),
                caseReviews = s.CaseReviews.Select(r => new { r.Id, r.ReceivedOn, decision = r.Decision.ToString() }),
            });
        });

        asb.MapGet("/case-reviews/{id:int}", async (int id, ClaimsPrincipal user, AsbCaseAccess access, AppDb db, AsbCaseReviews reviews, AuditLog audit, CancellationToken ct) =>
        {
            var review = await db.Set<AsbCaseReview>().AsNoTracking().Include(r => r.Complaints).FirstOrDefaultAsync(r => r.Id == id, ct);
            if (review is null || !await access.CanSeeAsync(user, review.CaseId, ct))
            {
                return Results.NotFound();
            }
            var p = await reviews.PictureAsync(review, ct);
            await audit.ViewedAsync("asb-case-review", Id(id), "Community Trigger (API)", ct);
            return Results.Ok(new
            {
                review.Id,
                review.CaseId,
                review.ReceivedOn,
                decision = review.Decision.ToString(),
                thresholdMet = p.Eligibility.IsMet,
                summary = p.Eligibility.Summary,
                qualifying = p.Eligibility.Qualifying.Select(q => q.Id),
                rejected = p.Eligibility.Rejected.Select(x => new { x.Complaint.Id, x.Reason }),
                clocks = p.Clocks.Select(k => new { step = k.Step.ToString(), k.DueOn, k.DoneOn, k.Overdue }),
            });
        });

        asb.MapGet("/alerts", async (ClaimsPrincipal user, AppDb db, CancellationToken ct) =>
        {
            var me = user.UserId();
            var alerts = await db.Set<Alert>().AsNoTracking().Where(a => a.UserId == me).OrderByDescending(a => a.CreatedUtc)
                .Select(a => new { a.Id, a.Type, a.Text, a.CaseId, a.PersonId, a.CreatedUtc, read = a.ReadUtc != null }).Take(200).ToListAsync(ct);
            return Results.Ok(alerts);
        });
    }

    public static AsbRecorder Recorder(ClaimsPrincipal user) =>
        new(user.AgencyId() ?? throw new InvalidOperationException("The user has no agency."), user.UserId(), user.DisplayName(), user);

    static string ToCamel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
