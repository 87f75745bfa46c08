using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Tests.Foundation.Support;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

/// <summary>Headers, rate limiting, antiforgery and bad input: behaviour of the HTTP pipeline, the same on either database.</summary>
public sealed class HttpHardeningTests(PostgresFixture pg)
{
    [Fact]
    [Trait("Requirement", "SEC-HDR-02")]
    public async Task Get_EveryHtmlRoute_HasCspNosniffReferrerPolicyAndFrameAncestors()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var anonymous = app.NewClient();
        var routes = AuthorizationTests.Endpoints(app)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Select(r => r.Replace("{code:int?}", "404", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.True(routes.Count >= 10, "Expected the foundation's pages: " + string.Join(", ", routes));
        routes.Add("/no-such-page");

        var checkedResponses = 0;
        foreach (var route in routes)
        {
            foreach (var client in new[] { admin, anonymous })
            {
                var response = await client.GetAsync(route);
                var type = response.Content.Headers.ContentType?.MediaType;
                if (type != "text/html")
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route}: {(int)response.StatusCode} {type}");
                }
                var csp = Header(response, "Content-Security-Policy");
                var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                Assert.DoesNotContain("'unsafe-inline'", csp, StringComparison.Ordinal);
                Assert.DoesNotContain("'unsafe-eval'", csp, StringComparison.Ordinal);
                Assert.Contains("object-src 'none'", directives);
                Assert.Contains("base-uri 'none'", directives);
                Assert.Contains("frame-ancestors 'none'", directives);
                Assert.Contains(directives, d => d.StartsWith("script-src ", StringComparison.Ordinal) || d.StartsWith("default-src ", StringComparison.Ordinal));
                Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
                Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
                checkedResponses++;
            }
        }
        Assert.Equal(routes.Count * 2, checkedResponses);
    }

    [Fact]
    public async Task Get_StaticFile_CachedAndRevalidatedWith304_WhilePagesAreNeverStored()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var client = app.NewClient();

        var css = await client.GetAsync("/lib/govuk/govuk-frontend.min.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("no-cache", Header(css, "Cache-Control"));
        var again = new HttpRequestMessage(HttpMethod.Get, "/lib/govuk/govuk-frontend.min.css");
        again.Headers.IfNoneMatch.Add(css.Headers.ETag!);
        var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);

        var page = await client.GetAsync("/account/sign-in");
        Assert.Contains("no-store", Header(page, "Cache-Control"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-HDR-01")]
    public async Task Get_OverHttpsWithRealHostOutsideDevelopment_SendsHstsForAYearWithSubdomains()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://csp.test"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/sign-in");

        var hsts = Header(response, "Strict-Transport-Security");
        var maxAge = hsts.Split(';', StringSplitOptions.TrimEntries).Single(p => p.StartsWith("max-age=", StringComparison.Ordinal));
        Assert.True(long.Parse(maxAge["max-age=".Length..], System.Globalization.CultureInfo.InvariantCulture) >= 31_536_000, hsts);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-RL-01")]
    public async Task SignIn_EleventhPostWithinAMinute_Gets429WithRetryAfter()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var client = app.NewClient();
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/account/sign-in");
        Task<HttpResponseMessage> PostAsync(int i) => client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = $"stuffing{i}@example.org", ["Input.Password"] = "guessed password " + i, ["__RequestVerificationToken"] = token,
        }));

        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(i)).StatusCode);
        }
        var eleventh = await PostAsync(11);

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.NotNull(eleventh.Headers.RetryAfter);
        Assert.Contains("Too many attempts", await eleventh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Pages other than sign-in are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "SEC-CSRF-01")]
    public async Task Post_FormWithoutAntiforgeryToken_Gets400AndChangesNothing()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var anonymous = app.NewClient();
        await anonymous.GetAsync("/account/sign-in");

        var signIn = await anonymous.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoUsers.Analyst, ["Input.Password"] = AppFactory.DemoPassword,
        }));
        var addAgency = await admin.PostAsync("/admin/agencies/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Forged Agency", ["Input.Type"] = "Police", ["Input.IsActive"] = "true",
        }));
        var signOut = await admin.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, addAgency.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Contains("Sorry, the request could not be read", await addAgency.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(signIn.Headers.Contains("Set-Cookie") && signIn.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(Sessions.CookieName, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/account")).StatusCode);
        using var scope = app.Services.CreateScope();
        var db = app.CreateDbContext(scope);
        Assert.False(await db.Set<Agency>().AnyAsync(a => a.Name == "Forged Agency", TestContext.Current.CancellationToken));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.UserName == DemoUsers.Analyst, TestContext.Current.CancellationToken));
    }

    [Fact]
    [Trait("Requirement", "SEC-CSRF-01")]
    public async Task Post_EveryPageAndApiEndpointWithoutToken_IsRefused()
    {
        // Many posts to the sign-in pages: keep the rate limiter (tested above) out of the way.
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "1000" });
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var endpoints = AuthorizationTests.Endpoints(app);
        var pages = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/').Replace("{code:int?}", "500", StringComparison.Ordinal)).Distinct().ToList();
        var apiWrites = endpoints.Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/api", StringComparison.Ordinal) &&
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Any(m => m != "GET" && m != "HEAD") == true)
            // Each write endpoint with its own method, route parameters filled in (e.g. PUT /api/cases/1).
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Where(m => m != "GET" && m != "HEAD")
                .Select(m => (Method: m, Route: System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, "{[^}]+}", "1"))))
            .Distinct().ToList();
        Assert.NotEmpty(apiWrites);

        var accepted = new List<string>();
        foreach (var page in pages.Where(p => !p.StartsWith("/error", StringComparison.Ordinal)))
        {
            foreach (var handler in new[] { "", "?handler=End", "?handler=Revoke", "?handler=Unlock", "?handler=ResetTwoFactor" })
            {
                var response = await admin.PostAsync(page + handler, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "x" }));
                // 400 from antiforgery; 403/404 when the record or role check refuses first. Either way nothing runs.
                if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    accepted.Add($"POST {page}{handler}: {(int)response.StatusCode}");
                }
            }
        }
        foreach (var (method, route) in apiWrites)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), route)
            {
                Content = new StringContent("""{"name":"Cross-site","type":"Police"}""", Encoding.UTF8, "text/plain"),
            };
            var response = await admin.SendAsync(request);
            // 415 when the JSON body binder refuses text/plain; 404 when the record check refuses first.
            if (response.StatusCode is not (HttpStatusCode.UnsupportedMediaType or HttpStatusCode.NotFound))
            {
                accepted.Add($"{method} {route} as text/plain: {(int)response.StatusCode}");
            }
        }

        Assert.True(accepted.Count == 0, "Cross-site posts not refused:\n" + string.Join("\n", accepted));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/account")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "SEC-CSRF-01")]
    public async Task Post_ApiJsonSentAsPlainText_Gets415()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var response = await admin.PostAsync("/api/agencies", new StringContent("""{"name":"Cross-site","type":"Police"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_ApiAgencyWithValidJson_CreatesItAndAuditsIt()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var response = await admin.PostAsJsonAsync("/api/agencies", new { name = "Wyvernshire Youth Justice Service", type = "LocalAuthority" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var list = await admin.GetStringAsync("/api/agencies");
        Assert.Contains("Wyvernshire Youth Justice Service", list, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.True(await app.CreateDbContext(scope).AuditEvents.AnyAsync(e => e.Action == "agency-created" && e.UserName == DemoUsers.Administrator,
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_ApiAgencyMissingFields_Gets400ValidationProblem()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var response = await admin.PostAsJsonAsync("/api/agencies", new { name = "", type = "Spaceport" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _), problem.RootElement.ToString());
        Assert.True(errors.TryGetProperty("type", out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task Post_ApiMalformedJson_Gets400ProblemDetailsWithoutStackTrace()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var response = await admin.PostAsync("/api/agencies", new StringContent("""{"name": "Unclosed""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-UP-01")]
    public async Task Post_Api2MegabyteBody_Gets413()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var big = "{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"type\":\"Police\"}";

        var response = await admin.PostAsync("/api/agencies", new StringContent(big, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var scope = app.Services.CreateScope();
        // The nine demo agencies and no more: the oversized one was not created.
        Assert.Equal(9, await app.CreateDbContext(scope).Set<Agency>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_UnknownPage_ShowsGovUkNotFoundPage()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var response = await client.GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1 class=\"govuk-heading-l\">Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("govuk-template", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownPageWithoutSignIn_GoesToSignInLikeAnyOtherPage()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);

        // Deny by default covers addresses with no page too, so an anonymous visitor cannot probe which pages exist.
        var response = await app.NewClient().GetAsync("/no/such/page");

        Assert.True(Sessions.IsSentToSignIn(response), $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Get_UnknownApiRoute_Gets404ProblemDetailsNotAPage()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var response = await admin.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("govuk-template", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri}: no {name} header ({(int)response.StatusCode}).");
}
