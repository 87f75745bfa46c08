using System.Net;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Hosting;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

/// <summary>
/// ADR 0009: two app instances on one database, as a partnership runs them for availability or a rolling upgrade.
/// Each instance here is a separate host with its own services, in-process gates, data folder and clock; only the
/// database is shared. What they share must behave as one: the audit chain, the export allowance, the key ring
/// that protects cookies and forms, and who runs the scheduled jobs.
/// </summary>
public abstract class SeveralInstancesTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task AuditedViews_FromTwoInstancesAtOnce_OneEntryPerView_AndTheChainVerifies()
    {
        await using var first = await AppFactory.CreateAsync(db, pg);
        await using var second = first.AnotherInstance();
        var ct = TestContext.Current.CancellationToken;
        var caseId = (await TestRecords.CreateCaseAsync(first)).Id;
        var onFirst = await first.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var onSecond = await second.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var before = await ViewsAsync(first, caseId, ct);

        // Eight clients on each instance, five case views each, all at once.
        const int PerClient = 5;
        var clients = Enumerable.Range(0, 8).SelectMany(_ => new[] { onFirst, onSecond }).ToList();
        var statuses = await Task.WhenAll(clients.Select(async client =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < PerClient; i++)
            {
                codes.Add((await client.GetAsync($"/cases/{caseId}", ct)).StatusCode);
            }
            return codes;
        }));

        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(before + (clients.Count * PerClient), await ViewsAsync(first, caseId, ct));
        await using var scope = first.Services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.Null(await AuditChain.FindFirstBrokenAsync(check, ct));
        var sequences = await check.AuditEvents.Select(e => e.Sequence).OrderBy(s => s).ToListAsync(ct);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Exports_SpreadAcrossTwoInstances_ShareOneAllowance()
    {
        await using var first = await AppFactory.CreateAsync(db, pg);
        await using var second = first.AnotherInstance();
        var ct = TestContext.Current.CancellationToken;
        var onFirst = await first.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var onSecond = await second.SignInAsync(DemoUsers.CouncilCaseOfficer);
        const string Export = "/cases/export?purpose=Case%20conference";

        // The allowance is 5 an hour. Three on one instance and two on the other use it up...
        foreach (var client in new[] { onFirst, onSecond, onFirst, onSecond, onFirst })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Export, ct)).StatusCode);
        }

        // ...so the sixth is refused on either, saying when to try again.
        var refused = await onSecond.GetAsync(Export, ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(55));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onFirst.GetAsync(Export, ct)).StatusCode);

        // An hour after the first export the window starts again, on whichever instance is asked (signed in
        // afresh: an hour idle ends the session).
        second.Clock.Advance(TimeSpan.FromHours(1));
        var later = await second.SignInAsync(DemoUsers.CouncilCaseOfficer);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync(Export, ct)).StatusCode);
    }

    [Fact]
    public async Task SignInAndForm_OnOneInstance_AreAcceptedByTheOther()
    {
        await using var first = await AppFactory.CreateAsync(db, pg);
        await using var second = first.AnotherInstance();
        var ct = TestContext.Current.CancellationToken;
        var signedIn = await first.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var token = await AppFactory.AntiforgeryTokenAsync(signedIn, "/people/new");

        // The same browser, now served by the second instance (a load balancer moved it).
        var moved = second.NewClient();
        foreach (var header in await CookiesAsync(signedIn))
        {
            moved.DefaultRequestHeaders.Add("Cookie", header);
        }
        Assert.Equal(HttpStatusCode.OK, (await moved.GetAsync("/cases", ct)).StatusCode);

        // A form rendered by the first instance posts to the second: its antiforgery token still validates, so the
        // answer is the form's own validation (200 with errors), not a 400 for a token the second cannot read.
        var posted = await moved.PostAsync("/people/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }), ct);
        Assert.NotEqual(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }

    [Fact]
    public async Task ScheduledJob_RunsOnTheInstanceHoldingItsLease_AndMovesWhenTheLeaseLapses()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var ct = TestContext.Current.CancellationToken;
        var length = TimeSpan.FromMinutes(30);
        await using var scopeA = app.Services.CreateAsyncScope();
        await using var scopeB = app.Services.CreateAsyncScope();
        var a = new JobLeases(scopeA.ServiceProvider.GetRequiredService<AppDb>(), new AppInstance(), app.Clock);
        var b = new JobLeases(scopeB.ServiceProvider.GetRequiredService<AppDb>(), new AppInstance(), app.Clock);

        Assert.True(await a.TryHoldAsync("test-job", length, ct));
        Assert.False(await b.TryHoldAsync("test-job", length, ct));
        // The holder renews before the lease runs out and keeps it.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await a.TryHoldAsync("test-job", length, ct));
        Assert.False(await b.TryHoldAsync("test-job", length, ct));
        // The holder stops: once its lease lapses the other instance takes the job, and the old holder cannot.
        app.Clock.Advance(length);
        Assert.True(await b.TryHoldAsync("test-job", length, ct));
        Assert.False(await a.TryHoldAsync("test-job", length, ct));
        // Another job is leased on its own.
        Assert.True(await a.TryHoldAsync("other-job", length, ct));
    }

    static async Task<int> ViewsAsync(AppFactory app, int caseId, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var id = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEvents
            .CountAsync(e => e.Action == AuditActions.View && e.RecordType == "case" && e.RecordId == id, ct);
    }

    /// <summary>The cookies the client holds for the test host, as Cookie header values.</summary>
    static async Task<IEnumerable<string>> CookiesAsync(HttpClient client)
    {
        // The test client keeps its cookies in its handler, which adds them to each request: read what it sent.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cases");
        using var response = await client.SendAsync(request);
        return response.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? values : [];
    }
}

public sealed class SeveralInstancesTestsOnSqlite(PostgresFixture pg) : SeveralInstancesTests(Db.Sqlite, pg);

public sealed class SeveralInstancesTestsOnPostgres(PostgresFixture pg) : SeveralInstancesTests(Db.Postgres, pg);
