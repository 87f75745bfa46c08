using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.DomesticAbuse.Idva;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Security;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Tests.DomesticAbuse.Idva;

/// <summary>
/// The IDVA service receives a DA case referral without re-keying and records a safety plan; the provider sees only
/// referrals made to it; closure needs the risk at closure.
/// </summary>
public abstract class IdvaJourneyTests(Db db, PostgresFixture pg)
{
    const string Grace = IdvaDemoContributor.AdviserEmail;

    static async Task<(Case Case, int VictimId, int ReferralId)> ReferredDaCaseAsync(AppFactory app, HttpClient dan)
    {
        var victim = await TestRecords.CreatePersonAsync(app, configure: p => { p.Forename = "Ruth"; p.Phone = "01632 960 555"; });
        var perpetrator = await TestRecords.CreatePersonAsync(app, configure: p => p.Forename = "Gary");
        var c = await TestRecords.CreateCaseAsync(app, configure: s => { s.Type = "DA"; s.People.Add((victim, CasePersonRole.Victim)); s.People.Add((perpetrator, CasePersonRole.Perpetrator)); });
        await TestRecords.QueryAsync(app, async d =>
        {
            var tracked = await d.Set<Case>().SingleAsync(x => x.Id == c.Id);
            tracked.CurrentRiskBand = RiskBand.High;
            return await d.SaveChangesAsync();
        });
        var service = await TestRecords.QueryAsync(app, d => d.Set<CommissionedService>().Where(s => s.Code == ReferralsDemoContributor.IdvaCode).Select(s => s.Id).SingleAsync());
        var response = await dan.PostAsJsonAsync("/api/referrals", new
        {
            serviceId = service, personId = victim.Id, caseId = c.Id, reason = "Fifteen yes answers on DASH; she agrees to IDVA support.",
            consent = "Given", lawfulBasis = "ART6-1-E", sharingPower = "CDA1998-S115", specialCategoryCondition = "ART9-2-G-DPA-SCH1-18",
            sharedFields = new[] { "Name", "Phone", "SupportNeeds" }, supportNeeds = "Two children under five; no family nearby.",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (c, victim.Id, JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32());
    }

    static async Task<JsonElement> CaseAsync(HttpClient client, int id) => await client.GetFromJsonAsync<JsonElement>($"/api/domestic-abuse/idva/cases/{id}");

    static int Version(JsonElement c) => c.GetProperty("version").GetInt32();

    [Fact]
    public async Task IdvaReceivesTheReferralWithoutRekeying_RecordsASafetyPlan_AndClosesWithRiskReduced()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var (_, _, referralId) = await ReferredDaCaseAsync(app, dan);
        var grace = await app.SignInAsync(Grace);

        // The provider's list holds only referrals made to its IDVA service.
        var referrals = await grace.GetFromJsonAsync<JsonElement>("/api/domestic-abuse/idva/referrals");
        Assert.Contains(referrals.EnumerateArray(), r => r.GetProperty("id").GetInt32() == referralId);
        var idvaService = await TestRecords.QueryAsync(app, d => d.Set<CommissionedService>().Where(s => s.Code == ReferralsDemoContributor.IdvaCode).Select(s => s.Id).SingleAsync());
        var toOthers = await TestRecords.QueryAsync(app, d => d.Set<Referral>().Where(r => r.ServiceId != idvaService).Select(r => r.Id).ToListAsync());
        Assert.NotEmpty(toOthers);
        Assert.DoesNotContain(referrals.EnumerateArray(), r => toOthers.Contains(r.GetProperty("id").GetInt32()));

        // Intake shows the risk level, the shared answers and the victim, as the referrer gave them.
        var intake = await grace.GetFromJsonAsync<JsonElement>($"/api/domestic-abuse/idva/referrals/{referralId}/intake");
        Assert.Equal((int)RiskBand.High, intake.GetProperty("riskLevel").GetInt32());
        var shared = intake.GetProperty("shared").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("value").GetString());
        Assert.StartsWith("Ruth ", shared["Name"], StringComparison.Ordinal);
        Assert.Equal("01632 960 555", shared["Phone"]);
        Assert.Equal("Two children under five; no family nearby.", shared["SupportNeeds"]);
        Assert.DoesNotContain("Gary", intake.GetRawText(), StringComparison.Ordinal);

        var graceId = await TestRecords.QueryAsync(app, d => d.Users.Where(u => u.Email == Grace).Select(u => u.Id).SingleAsync());
        var opened = await grace.PostAsJsonAsync($"/api/domestic-abuse/idva/referrals/{referralId}/intake", new { adviserUserId = graceId });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        Assert.Equal(ReferralStatus.Accepted, await TestRecords.QueryAsync(app, d => d.Set<Referral>().Where(r => r.Id == referralId).Select(r => r.Status).SingleAsync()));

        var c = await CaseAsync(grace, id);
        Assert.Equal("High", c.GetProperty("riskAtIntake").GetString());
        Assert.Equal("01632 960 555", c.GetProperty("shared").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "Phone").GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.Created, (await grace.PostAsJsonAsync($"/api/domestic-abuse/idva/cases/{id}/safety-plan", new { version = Version(c), measure = "Panic alarm fitted", status = "InPlace" })).StatusCode);
        c = await CaseAsync(grace, id);
        Assert.Equal(HttpStatusCode.Created, (await grace.PostAsJsonAsync($"/api/domestic-abuse/idva/cases/{id}/onward-referrals",
            new { version = Version(c), kind = "SanctuaryScheme", details = "Safer Homes sanctuary scheme", madeOn = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime) })).StatusCode);
        c = await CaseAsync(grace, id);
        Assert.Equal("Panic alarm fitted", c.GetProperty("safetyPlan")[0].GetProperty("measure").GetString());
        Assert.Equal("InPlace", c.GetProperty("safetyPlan")[0].GetProperty("status").GetString());

        var load = await grace.GetFromJsonAsync<JsonElement>("/api/domestic-abuse/idva/caseload");
        var mine = load.GetProperty("advisers").EnumerateArray().Single(a => a.GetProperty("userId").GetGuid() == graceId);
        var expectedOpen = await TestRecords.QueryAsync(app, d => d.Set<IdvaCase>().CountAsync(x => x.AdviserUserId == graceId && x.Status == IdvaCaseStatus.Open));
        Assert.Equal(expectedOpen, mine.GetProperty("open").GetInt32());
        Assert.True(mine.GetProperty("capacity").GetInt32() > 0);

        var closed = await grace.PostAsJsonAsync($"/api/domestic-abuse/idva/cases/{id}/closure", new { version = Version(c), riskAtClosure = "Medium", outcome = "SupportCompleted" });
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        c = await CaseAsync(grace, id);
        Assert.True(c.GetProperty("riskReduced").GetBoolean());
        Assert.True(await TestRecords.QueryAsync(app, d => d.AuditEvents.AnyAsync(a => a.RecordType == "idva-case" && a.RecordId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "view")));
    }

    [Fact]
    public async Task ClosureWithoutRiskAtClosure_IsRefusedNamingTheField_AndTheCaseStaysOpen()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var (_, _, referralId) = await ReferredDaCaseAsync(app, dan);
        var grace = await app.SignInAsync(Grace);
        var opened = await grace.PostAsJsonAsync($"/api/domestic-abuse/idva/referrals/{referralId}/intake", new { });
        var id = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var c = await CaseAsync(grace, id);

        var response = await grace.PostAsJsonAsync($"/api/domestic-abuse/idva/cases/{id}/closure", new { version = Version(c), outcome = "SupportCompleted", notes = "Moving on well" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Select the risk at closure: Standard, Medium or High", problem.GetProperty("errors").GetProperty("riskAtClosure")[0].GetString());
        var after = await CaseAsync(grace, id);
        Assert.Equal("Open", after.GetProperty("status").GetString());
        Assert.Equal(Version(c), Version(after));

        // A stale version is a conflict, never an overwrite.
        Assert.Equal(HttpStatusCode.Conflict, (await grace.PostAsJsonAsync($"/api/domestic-abuse/idva/cases/{id}/closure", new { version = Version(c) + 5, riskAtClosure = "Standard", outcome = "SupportCompleted" })).StatusCode);
    }

    [Fact]
    public async Task OtherProvidersAndTheReferrer_CannotReachTheIdvaRecord_AndRefusalsAreAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var (_, _, referralId) = await ReferredDaCaseAsync(app, dan);
        var grace = await app.SignInAsync(Grace);
        var opened = await grace.PostAsJsonAsync($"/api/domestic-abuse/idva/referrals/{referralId}/intake", new { });
        var id = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        foreach (var email in new[] { DemoUsers.ProviderWorker, DemoUsers.PoliceCaseOfficer, DemoUsers.CouncilCaseOfficer })
        {
            var other = await app.SignInAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/domestic-abuse/idva/cases/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/domestic-abuse/idva/referrals/{referralId}/intake")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/domestic-abuse/idva/cases/{id}/safety-plan", new { version = 1, measure = "x", status = "Planned" })).StatusCode);
            var list = await other.GetFromJsonAsync<JsonElement>("/api/domestic-abuse/idva/cases");
            Assert.Empty(list.EnumerateArray());
        }
        var idText = id.ToString(CultureInfo.InvariantCulture);
        var denied = await TestRecords.QueryAsync(app, d => d.AuditEvents.Where(a => a.Action == AccessRefusals.Action && a.RecordType == "idva-case" && a.RecordId == idText).Select(a => a.UserName).ToListAsync());
        Assert.Contains(DemoUsers.ProviderWorker, denied);
        Assert.Contains(DemoUsers.CouncilCaseOfficer, denied);
        Assert.Empty(await TestRecords.QueryAsync(app, d => d.Set<SafetyMeasure>().Where(m => m.IdvaCaseId == id).ToListAsync()));
    }

    [Fact]
    public async Task Figures_HaveNoPersonalData_AndBoardMembersSeeSmallCountsWithheld()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var open = await TestRecords.QueryAsync(app, d => d.Set<IdvaCase>().CountAsync(c => c.Status == IdvaCaseStatus.Open));
        Assert.InRange(open, 1, 4);

        var analyst = await app.SignInAsync(DemoUsers.Analyst);
        var figures = await analyst.GetFromJsonAsync<JsonElement>("/api/domestic-abuse/idva/figures");
        Assert.Equal(open.ToString(CultureInfo.InvariantCulture), figures.GetProperty("open").GetString());

        var board = await app.SignInAsync(DemoUsers.BoardMember);
        var boardFigures = await board.GetFromJsonAsync<JsonElement>("/api/domestic-abuse/idva/figures");
        Assert.Equal("fewer than 5", boardFigures.GetProperty("open").GetString());
        var csv = await board.GetStringAsync("/api/domestic-abuse/idva/figures.csv");
        Assert.Contains("Open,fewer than 5", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Hannah", csv, StringComparison.Ordinal);

        var grace = await app.SignInAsync(Grace);
        Assert.Equal(HttpStatusCode.Forbidden, (await grace.GetAsync("/api/domestic-abuse/idva/figures")).StatusCode);
    }
}

public sealed class IdvaJourneyTestsOnSqlite(PostgresFixture pg) : IdvaJourneyTests(Db.Sqlite, pg);

public sealed class IdvaJourneyTestsOnPostgres(PostgresFixture pg) : IdvaJourneyTests(Db.Postgres, pg);
