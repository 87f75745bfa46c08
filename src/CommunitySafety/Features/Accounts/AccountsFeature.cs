using CommunitySafety.Security;

namespace CommunitySafety.Features.Accounts;

public static class AccountsFeature
{
    public static void AddServices(IServiceCollection services)
    {
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        // Who am I: lets API clients and the front end know the user's agency and roles.
        api.MapGet("/me", (HttpContext http) =>
        {
            var user = http.User;
            return Results.Ok(new
            {
                name = user.DisplayName(),
                email = user.Identity?.Name,
                agencyId = user.AgencyId(),
                agency = user.FindFirst(AppClaims.AgencyName)?.Value,
                roles = Roles.All.Where(user.IsInRole).ToArray(),
            });
        });
    }
}
