using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Agencies;

public static class AgenciesFeature
{
    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapGet("/agencies", async (AppDb db, CancellationToken ct) =>
            await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
                .Select(a => new { a.Id, a.Name, type = a.Type.ToString(), a.IsActive }).ToListAsync(ct))
            .RequireAuthorization(Policies.Administration);
    }
}
