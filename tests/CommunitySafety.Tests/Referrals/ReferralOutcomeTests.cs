using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Tests.Infrastructure;
using static CommunitySafety.Tests.Referrals.ReferralTestSupport;

namespace CommunitySafety.Tests.Referrals;

/// <summary>
/// Waiting-time clocks on the work lists (provider and referrer), and the outcome figures over the demo's referrals:
/// conversion, waiting times and the indicative repeat-burglary comparison, from the records themselves.
/// </summary>
public abstract class ReferralOutcomeTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task OverdueFirstContact_IsShownToTheProviderAndTheReferrer()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        // Harold Briggs was referred 12 days ago with no contact; Safer Homes' target is 5 working days.
        foreach (var email in new[] { DemoUsers.ProviderWorker, DemoUsers.PoliceCaseOfficer })
        {
            var client = await app.SignInAsync(email);
            var rows = await client.GetFromJsonAsync<JsonElement>(email == DemoUsers.ProviderWorker ? "/api/referrals?view=provider" : "/api/referrals?view=referrer");
            var harold = rows.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Harold Briggs");
            Assert.Equal("Overdue", harold.GetProperty("firstContact").GetProperty("state").GetString());
            var edna = rows.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Edna Moss");
            Assert.Equal("Running", edna.GetProperty("firstContact").GetProperty("state").GetString());
            var list = await client.GetStringAsync("/referrals");
            Assert.Contains("First contact overdue", list, StringComparison.Ordinal);
        }
        // The IDVA worker's list has none of Safer Homes' referrals.
        var grace = await app.SignInAsync(IdvaWorker);
        var graceRows = await grace.GetFromJsonAsync<JsonElement>("/api/referrals?view=provider");
        Assert.All(graceRows.EnumerateArray(), r => Assert.Equal("Independent domestic violence advisers", r.GetProperty("service").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await grace.GetAsync("/api/referrals?view=everything")).StatusCode);
    }

    [Fact]
    public async Task Outcomes_CountConversionWaitingTimesAndRepeatBurglary_FromTheRecords()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var analyst = await app.SignInAsync(DemoUsers.Analyst);
        var report = await analyst.GetFromJsonAsync<JsonElement>("/api/funding/outcomes?year=2026");
        var safer = report.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "Safer Homes home-safety service");
        // Demo: 6 older referrals delivered, plus in progress, overdue, new, declined and accepted ones.
        Assert.Equal(11, safer.GetProperty("referred").GetInt32());
        Assert.Equal(8, safer.GetProperty("accepted").GetInt32());
        Assert.Equal(6, safer.GetProperty("delivered").GetInt32());
        Assert.Equal(1, safer.GetProperty("waitingOverdue").GetInt32());
        Assert.True(safer.GetProperty("p90DaysToContact").GetDouble() >= safer.GetProperty("medianDaysToContact").GetDouble());

        // Treated: six addresses, one burgled again after the visit. Untreated: the five unreferred addresses (two burgled
        // again) and the six victims referred but not yet visited.
        var repeat = report.GetProperty("repeatBurglary");
        Assert.Equal((6, 1), (repeat.GetProperty("treatedAddresses").GetInt32(), repeat.GetProperty("treatedRepeats").GetInt32()));
        Assert.Equal((11, 2), (repeat.GetProperty("untreatedAddresses").GetInt32(), repeat.GetProperty("untreatedRepeats").GetInt32()));

        var page = await analyst.GetStringAsync("/referrals/outcomes?year=2026");
        Assert.Contains("Indicative", page, StringComparison.Ordinal);
        Assert.Contains("90th percentile", page, StringComparison.Ordinal);
        // Aggregate only: no names on the page.
        Assert.DoesNotContain("Harold", page, StringComparison.Ordinal);
        // Case officers do not get the partnership figures.
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.GetAsync("/referrals/outcomes")).StatusCode);
    }
}

public sealed class ReferralOutcomeTestsOnSqlite(PostgresFixture pg) : ReferralOutcomeTests(Db.Sqlite, pg);

public sealed class ReferralOutcomeTestsOnPostgres(PostgresFixture pg) : ReferralOutcomeTests(Db.Postgres, pg);
