using System.Security.Claims;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Meetings;

/// <summary>Multi-agency meetings: services and the JSON API (same rules as the pages, through <see cref="MeetingService"/>).</summary>
public static class MeetingsFeature
{
    public sealed record MeetingInput(string? Kind, string? Title, DateOnly? HeldOn, List<int>? AttendingAgencies);
    public sealed record AgendaInput(int? CaseId);
    /// <summary>Version: the agenda item's version as read (GET /api/meetings/{id}); a stale one gets 409.</summary>
    public sealed record RecordInput(string? Record, int? Version);
    public sealed record ActionInput(string? Title, int? OwnerAgencyId, DateOnly? DueDate);

    public static void AddServices(IServiceCollection services) => services.AddScoped<MeetingService>();

    public static void MapApi(RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("/meetings").RequireAuthorization(Policies.CaseWork);

        meetings.MapGet("", async (MeetingService service, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok(await service.Visible(user).AsNoTracking().OrderByDescending(m => m.HeldOn)
                .Select(m => new { m.Id, m.Kind, m.Title, m.HeldOn, cases = m.Agenda.Count }).Take(200).ToListAsync(ct)));

        meetings.MapPost("", async (MeetingInput input, MeetingService service, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await service.CreateAsync(user, new NewMeeting(input.Kind, input.Title, input.HeldOn, input.AttendingAgencies ?? []), ct), id => $"/api/meetings/{id}"));

        meetings.MapGet("/{id:int}", async (int id, MeetingService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var p = await service.PictureAsync(user, id, ct);
            if (p is null)
            {
                return Results.NotFound();
            }
            var actions = await service.ActionsAsync(user, id, ct);
            return Results.Ok(new
            {
                p.Meeting.Id, p.Meeting.Kind, kindName = p.KindName, p.Meeting.Title, p.Meeting.HeldOn, organisingAgency = p.OrganisingAgency, agencies = p.Agencies,
                agenda = p.Agenda.Select(a => a.CanSee
                    ? (object)new { itemId = a.ItemId, a.Position, a.CaseId, a.Reference, a.Title, leadAgency = a.LeadAgency, a.Record, a.RecordedBy, a.Version }
                    : new { itemId = a.ItemId, a.Position, withheld = $"A case led by {a.LeadAgency}: its details are shared only with agencies working the case" }),
                actions = actions.Select(a => new { a.Id, a.CaseId, a.Title, ownerAgencyId = a.AgencyId, a.DueDate, status = a.Status.ToString() }),
            });
        });

        meetings.MapPost("/{id:int}/agenda", async (int id, AgendaInput input, MeetingService service, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await service.AddCaseAsync(user, id, input.CaseId, ct), item => $"/api/meetings/{id}"));

        meetings.MapPut("/{id:int}/agenda/{itemId:int}/record", async (int id, int itemId, RecordInput input, MeetingService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await service.RecordAsync(user, id, itemId, input.Record, input.Version, ct);
            return result.NotFound ? Results.NotFound() : result.Errors.Count > 0 ? Problem(result) : Results.NoContent();
        });

        meetings.MapPost("/{id:int}/agenda/{itemId:int}/actions", async (int id, int itemId, ActionInput input, MeetingService service, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await service.AddActionAsync(user, id, itemId, new NewMeetingAction(input.Title, input.OwnerAgencyId, input.DueDate), ct), _ => $"/api/meetings/{id}"));
    }

    static IResult Answer(MeetingResult result, Func<int, string> location) =>
        result.NotFound ? Results.NotFound()
        : result.Errors.Count > 0 ? Problem(result)
        : Results.Created(location(result.Id!.Value), new { id = result.Id });

    static IResult Problem(MeetingResult result) => result.Conflict
        ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Errors.Values.First())
        : Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "Nothing was saved");
}
