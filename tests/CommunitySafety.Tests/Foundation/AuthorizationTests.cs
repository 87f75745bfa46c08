using System.Net;
using System.Net.Http.Json;
using CommunitySafety.Tests.Foundation.Support;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

/// <summary>Deny by default: the endpoint list, not a hand-kept list of pages, is what is checked. The database does not matter here.</summary>
public sealed class AuthorizationTests(PostgresFixture pg)
{
    /// <summary>The only routes anyone may open without signing in.</summary>
    static readonly HashSet<string> AllowAnonymous = new(StringComparer.OrdinalIgnoreCase)
    {
        "account/sign-in", "account/two-factor", "account/sign-out", "error/{code:int?}", "/health",
    };

    internal static IReadOnlyList<RouteEndpoint> Endpoints(AppFactory app)
    {
        _ = app.Server; // starts the host
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    [Fact]
    public async Task Endpoints_Every_NamesAnAuthorizationRuleOrIsOnTheAnonymousList()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var endpoints = Endpoints(app);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/me");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "admin/users");

        var unnamed = new List<string>();
        var wronglyOpen = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorized = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 ||
                endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Count > 0;
            if (anonymous && !AllowAnonymous.Contains(route))
            {
                wronglyOpen.Add(route);
            }
            else if (!anonymous && !authorized)
            {
                unnamed.Add(route);
            }
        }

        Assert.True(wronglyOpen.Count == 0, "Open to anyone but not on the list: " + string.Join(", ", wronglyOpen));
        Assert.True(unnamed.Count == 0, "No [Authorize] or RequireAuthorization (relying on the fallback policy): " + string.Join(", ", unnamed));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account")]
    [InlineData("/admin")]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/agencies")]
    public async Task Get_PageWithoutSignIn_RedirectsToSignInWithReturnUrl(string path)
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);

        var response = await app.NewClient().GetAsync(path);

        Assert.True(Sessions.IsSentToSignIn(response), $"{(int)response.StatusCode} {response.Headers.Location}");
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/agencies")]
    public async Task Get_ApiWithoutSignIn_Returns401NotARedirect(string path)
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);

        var response = await app.NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/users")]
    [InlineData("/admin/users/edit")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/agencies")]
    public async Task Get_AdminPageAsBoardMember_Gets403PermissionPage(string path)
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var board = await app.SignInAsync(DemoUsers.BoardMember);

        var response = await board.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have permission to see this page", html, StringComparison.Ordinal);
        Assert.Contains("govuk-heading-l", html, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-table", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_AdminOnlyAsBoardMember_Gets403()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var board = await app.SignInAsync(DemoUsers.BoardMember);

        var get = await board.GetAsync("/api/agencies");
        var post = await board.PostAsJsonAsync("/api/agencies", new { name = "Board Agency", type = "Police" });

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync("/api/me")).StatusCode);
    }
}
