using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.Meetings;
using CommunitySafety.Features.Orders;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Disclosures;
using CommunitySafety.Tests.Infrastructure;
using CommunitySafety.Tests.Referrals;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Tests.Foundation;

/// <summary>
/// ADR 0004 through the real pages and API: when the audit trail cannot be written, the change, its timeline line and
/// its audit entry are all lost together, and the same request succeeds once the database works again. The database is
/// made to refuse audit inserts by <see cref="AuditWriteFailure"/>, armed only around the request under test.
/// </summary>
public abstract class AtomicCaseWriteTests(Db db, PostgresFixture pg)
{
    readonly AuditWriteFailure _failure = new();

    static DateOnly Today => new(2026, 11, 23);

    [Fact]
    public async Task CaseNote_PageAndApi_AuditFails_NeitherNoteNorTimelineNorAuditIsKept()
    {
        await using var app = await StartAsync();
        var c = await TestRecords.CreateCaseAsync(app, DemoUsers.CouncilCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        await FailsThenSucceedsAsync(app, () => PostFormAsync(ellie, $"/cases/{c.Id}?handler=Note", new() { ["Note.Text"] = "Spoke to the victim" }, $"/cases/{c.Id}"),
            HttpStatusCode.Redirect, "case_notes");
        await FailsThenSucceedsAsync(app, () => ellie.PostAsJsonAsync($"/api/cases/{c.Id}/notes", new { text = "Spoke to the landlord" }),
            HttpStatusCode.Created, "case_notes");
    }

    [Fact]
    public async Task CaseAction_Page_AuditFails_NeitherActionNorTimelineNorAuditIsKept()
    {
        await using var app = await StartAsync();
        var c = await TestRecords.CreateCaseAsync(app, DemoUsers.CouncilCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var fields = new Dictionary<string, string> { ["NewAction.Title"] = "Visit the victim", ["NewAction.Agency"] = Id(c.LeadAgencyId) };
        Date(fields, "NewAction.DueDate", Today.AddDays(7));

        await FailsThenSucceedsAsync(app, () => PostFormAsync(ellie, $"/cases/{c.Id}?handler=Action", fields, $"/cases/{c.Id}"), HttpStatusCode.Redirect, "case_actions");
        var entry = await QueryAsync(app, d => d.AuditEvents.SingleAsync(e => e.RecordType == "case-action"));
        Assert.Equal(AuditActions.Create, entry.Action);
        Assert.Equal(Id(await QueryAsync(app, d => d.Set<CaseAction>().Where(a => a.CaseId == c.Id).Select(a => a.Id).SingleAsync())), entry.RecordId);
    }

    [Fact]
    public async Task AsbAction_Page_AuditFails_NeitherActionNorTimelineNorAuditIsKept()
    {
        await using var app = await StartAsync();
        var c = await TestRecords.CreateCaseAsync(app, DemoUsers.CouncilCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var owner = await QueryAsync(app, d => d.Users.Where(u => u.Email == DemoUsers.CouncilCaseOfficer).Select(u => u.Id).SingleAsync());
        var fields = new Dictionary<string, string> { ["Input.Title"] = "Fit a door camera", ["Input.OwnerUserId"] = owner.ToString(), ["Input.OnVictimActionPlan"] = "true" };
        Date(fields, "Input.DueDate", Today.AddDays(14));

        await FailsThenSucceedsAsync(app, () => PostFormAsync(ellie, $"/asb/cases/{c.Id}/actions/new", fields), HttpStatusCode.Redirect, "case_actions");
    }

    [Fact]
    public async Task RiskAssessment_Api_AuditFails_NeitherResultNorBandNorAuditIsKept()
    {
        await using var app = await StartAsync();
        var c = await TestRecords.CreateCaseAsync(app, DemoUsers.CouncilCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var answers = AsbVictimRiskInstrument.Default.Questions.ToDictionary(q => q.Id, q => (object)true);

        await FailsThenSucceedsAsync(app, () => ellie.PostAsJsonAsync($"/api/cases/{c.Id}/risk-assessments", new { answers }), HttpStatusCode.Created, "risk_assessments");
        Assert.Equal(1, await QueryAsync(app, d => d.AuditEvents.CountAsync(e => e.RecordType == "risk-assessment" && e.Action == AuditActions.Create)));
    }

    [Fact]
    public async Task AsbPowerAndBreach_Pages_AuditFails_NeitherOrderNorBreachNorAuditIsKept()
    {
        await using var app = await StartAsync();
        var c = await TestRecords.CreateCaseAsync(app, DemoUsers.CouncilCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var power = new Dictionary<string, string>
        {
            ["Input.Power"] = "CommunityProtectionWarning", ["Input.SubjectKind"] = "Body", ["Input.SubjectPersonId"] = "",
            ["Input.SubjectDescription"] = "Acme Scrap Ltd", ["Input.AuthorisedBy"] = "Insp. Jane Doe", ["Input.IssuedAt"] = "09:00",
        };
        Date(power, "Input.IssuedOn", Today.AddDays(-3));
        Date(power, "Input.ExpiresOn", null);
        Date(power, "Input.CourtHearingOn", null);

        await FailsThenSucceedsAsync(app, () => PostFormAsync(ellie, $"/asb/cases/{c.Id}/powers/new", power), HttpStatusCode.Redirect, "orders");
        var orderId = await QueryAsync(app, d => d.Set<Order>().Where(o => o.CaseId == c.Id).Select(o => o.Id).SingleAsync());
        var breach = new Dictionary<string, string> { ["Input.Details"] = "Scrap left on the pavement again" };
        Date(breach, "Input.OccurredOn", Today.AddDays(-1));

        await FailsThenSucceedsAsync(app, () => PostFormAsync(ellie, $"/asb/powers/{orderId}/breaches/new", breach), HttpStatusCode.Redirect, "order_breaches");
    }

    [Fact]
    public async Task AsbCaseReviewApplication_Page_AuditFails_NeitherReviewNorTimelineNorAuditIsKept()
    {
        await using var app = await StartAsync();
        var victim = await TestRecords.CreatePersonAsync(app, DemoUsers.CouncilCaseOfficer);
        var c = await TestRecords.CreateCaseAsync(app, DemoUsers.CouncilCaseOfficer, s => s.People.Add((victim, CasePersonRole.Victim)));
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var fields = new Dictionary<string, string> { ["Input.Applicant"] = "victim", ["Input.Behaviour"] = "Intimidation outside the home" };
        Date(fields, "Input.ReceivedOn", Today.AddDays(-1));

        await FailsThenSucceedsAsync(app, () => PostFormAsync(ellie, $"/asb/cases/{c.Id}/case-reviews/new", fields), HttpStatusCode.Redirect, "asb_case_reviews");
    }

    [Fact]
    public async Task Meeting_Api_AuditFails_NoMeetingIsKept()
    {
        await using var app = await StartAsync();
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        await FailsThenSucceedsAsync(app, () => police.PostAsJsonAsync("/api/meetings", new { kind = "MARAC", title = "Ashcombe Marac, December", heldOn = "2026-12-03", attendingAgencies = Array.Empty<int>() }),
            HttpStatusCode.Created, "meetings");
    }

    [Fact]
    public async Task Referral_Api_AuditFails_NeitherReferralNorDisclosureNorTimelineIsKept()
    {
        await using var app = await StartAsync();
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var dorothy = await ReferralTestSupport.DorothyAsync(app);
        var c = await ReferralTestSupport.BurglaryCaseAsync(app);
        var service = await ReferralTestSupport.ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);

        await FailsThenSucceedsAsync(app, () => dan.PostAsJsonAsync("/api/referrals", ReferralTestSupport.HomeSafetyReferral(service, dorothy.Id, c.Id)),
            HttpStatusCode.Created, "referrals");
    }

    [Fact]
    public async Task AsbIncident_Api_AuditFails_NeitherVictimNorPlaceNorIncidentIsKept()
    {
        await using var app = await StartAsync();
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var surname = TestRecords.Unique("Quillfeather");

        await FailsThenSucceedsAsync(app, () => police.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-NUISANCE", occurredOn = "2026-11-21", reportedOn = "2026-11-21", narrative = "Shouting in the street",
            victimForename = "Audrey", victimSurname = surname, victimDateOfBirth = "1948-03-02",
            placeLine1 = "17 " + surname + " Row", placePostcode = "AS9 9ZZ", confirmNewVictim = true,
        }), HttpStatusCode.Created, "incidents");
        Assert.Equal(1, await QueryAsync(app, d => d.Set<Person>().CountAsync(p => p.Surname == surname)));
    }

    /// <summary>
    /// Sends the request with the audit trail refusing writes: it fails and leaves every table as it was (and the chain
    /// whole). Then sends it again with the database working: it succeeds and <paramref name="table"/> gains a row.
    /// </summary>
    async Task FailsThenSucceedsAsync(AppFactory app, Func<Task<HttpResponseMessage>> send, HttpStatusCode success, string table)
    {
        var before = await CountsAsync(app);
        var refusedBefore = _failure.Refused;
        HttpResponseMessage failed;
        using (_failure.Arm())
        {
            failed = await send();
        }
        Assert.True(_failure.Refused > refusedBefore, "the request wrote no audit entry, so nothing was tested");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(before, await CountsAsync(app));
        Assert.Null(await QueryAsync(app, d => AuditChain.FindFirstBrokenAsync(d, TestContext.Current.CancellationToken)));

        var saved = await send();
        Assert.True(success == saved.StatusCode, $"expected {(int)success}, got {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        var after = await CountsAsync(app);
        Assert.Equal(before[table] + 1, after[table]);
        Assert.True(after["audit_events"] > before["audit_events"]);
        Assert.Null(await QueryAsync(app, d => AuditChain.FindFirstBrokenAsync(d, TestContext.Current.CancellationToken)));
    }

    /// <summary>The token is fetched before the failure is armed: showing the form is a view, which is audited too.</summary>
    static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await AppFactory.AntiforgeryTokenAsync(client, formPage ?? url);
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    Task<AppFactory> StartAsync() => AppFactory.CreateAsync(db, pg, services: _failure.Register);

    static Task<Dictionary<string, int>> CountsAsync(AppFactory app) => QueryAsync(app, async d => new Dictionary<string, int>
    {
        ["case_notes"] = await d.Set<CaseNote>().CountAsync(),
        ["case_actions"] = await d.Set<CaseAction>().CountAsync(),
        ["case_events"] = await d.Set<CaseEvent>().CountAsync(),
        ["cases"] = await d.Set<Case>().CountAsync(c => c.CurrentRiskBand != null),
        ["risk_assessments"] = await d.Set<RiskAssessmentRecord>().CountAsync(),
        ["orders"] = await d.Set<Order>().CountAsync(),
        ["order_breaches"] = await d.Set<OrderBreach>().CountAsync(),
        ["asb_case_reviews"] = await d.Set<AsbCaseReview>().CountAsync(),
        ["meetings"] = await d.Set<Meeting>().CountAsync(),
        ["referrals"] = await d.Set<Referral>().CountAsync(),
        ["disclosures"] = await d.Set<DisclosureRecord>().CountAsync(),
        ["incidents"] = await d.Set<Incident>().CountAsync(),
        ["people"] = await d.Set<Person>().CountAsync(),
        ["places"] = await d.Set<Place>().CountAsync(),
        ["audit_events"] = await d.AuditEvents.CountAsync(),
    });

    static Task<T> QueryAsync<T>(AppFactory app, Func<CommunitySafety.Data.AppDb, Task<T>> query) => TestRecords.QueryAsync(app, query);

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    static void Date(Dictionary<string, string> fields, string name, DateOnly? date)
    {
        fields[name + ".Day"] = date?.Day.ToString(CultureInfo.InvariantCulture) ?? "";
        fields[name + ".Month"] = date?.Month.ToString(CultureInfo.InvariantCulture) ?? "";
        fields[name + ".Year"] = date?.Year.ToString(CultureInfo.InvariantCulture) ?? "";
    }
}

public sealed class AtomicCaseWriteTestsOnSqlite(PostgresFixture pg) : AtomicCaseWriteTests(Db.Sqlite, pg);

public sealed class AtomicCaseWriteTestsOnPostgres(PostgresFixture pg) : AtomicCaseWriteTests(Db.Postgres, pg);
