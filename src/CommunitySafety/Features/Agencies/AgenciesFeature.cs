using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Agencies;

public static class AgenciesFeature
{
    /// <summary>Body of <c>POST /api/agencies</c>.</summary>
    public sealed record NewAgency(string? Name, string? Type);

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapGet("/agencies", async (AppDb db, CancellationToken ct) =>
            await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
                .Select(a => new { a.Id, a.Name, type = a.Type.ToString(), a.IsActive }).ToListAsync(ct))
            .RequireAuthorization(Policies.Administration);

        // Adds an agency (administrators). Invalid input gets 400 validation problem details naming each field.
        api.MapPost("/agencies", async (NewAgency body, AppDb db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var name = body.Name?.Trim();
                if (string.IsNullOrEmpty(name))
                {
                    errors["name"] = ["Enter the agency's name"];
                }
                else if (name.Length > 200)
                {
                    errors["name"] = ["Agency name must be 200 characters or fewer"];
                }
                else if (await db.Agencies.AnyAsync(a => a.Name == name, ct))
                {
                    errors["name"] = ["An agency with this name already exists"];
                }
                if (!Enum.TryParse<AgencyType>(body.Type, ignoreCase: false, out var type) || !Enum.IsDefined(type) ||
                    int.TryParse(body.Type, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    errors["type"] = ["Type must be one of: " + string.Join(", ", Enum.GetNames<AgencyType>())];
                }
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors);
                }
                var agency = new Agency { Name = name!, Type = type, CreatedUtc = clock.GetUtcNow().UtcDateTime };
                db.Agencies.Add(agency);
                audit.AddOnceSaved(() => new AuditEntry(AuditActions.AgencyCreated, "agency", agency.Id.ToString(CultureInfo.InvariantCulture),
                    $"{agency.Name}; {agency.Type}"));
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/agencies/{agency.Id}", new { agency.Id, agency.Name, type = agency.Type.ToString(), agency.IsActive });
            })
            .RequireAuthorization(Policies.Administration);
    }
}
