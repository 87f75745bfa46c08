using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Orders;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Asb;

/// <summary>
/// The ASB strand through its real pages and API, on both providers. The app clock is fixed at
/// 23 November 2026 09:00 UTC (a Monday); the demo partnership, including the ASB demo, is seeded.
/// </summary>
public abstract class AsbCaseworkTests(Db db, PostgresFixture pg)
{
    static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public async Task RecordIncident_TwoAgenciesSameVictim_SetsRepeatFlagAndAlertsCaseOwner()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var first = await RecordIncidentPageAsync(council, Today.AddDays(-30), victim: ("Joan", "Tester", new DateOnly(1950, 1, 1)));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var personId = await PersonIdAsync(app, "Tester");
        var caseId = await OpenCaseAsync(council, personId, "police");

        var second = await police.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-NUISANCE",
            occurredOn = Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reportedOn = Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            narrative = "Shouting in the street",
            victimPersonId = personId,
            placeLine1 = "1 Test Street",
            placePostcode = "AS9 9ZZ",
        });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("repeatVictim").GetBoolean());

        var third = await RecordIncidentPageAsync(police, Today.AddDays(-1), victimPersonId: personId);
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var data = app.CreateDbContext(scope);
            var flag = await data.Set<PersonFlag>().SingleAsync(f => f.PersonId == personId && f.Type == PersonFlagTypes.RepeatVictim, TestContext.Current.CancellationToken);
            Assert.True(flag.Active);
            Assert.Contains("2 agencies", flag.Reason, StringComparison.Ordinal);
            var ellie = await data.Users.SingleAsync(u => u.Email == DemoUsers.CouncilCaseOfficer, TestContext.Current.CancellationToken);
            var alert = await data.Set<Alert>().SingleAsync(a => a.PersonId == personId && a.Type == AlertTypes.RepeatVictim, TestContext.Current.CancellationToken);
            Assert.Equal(ellie.Id, alert.UserId);
            Assert.Equal(caseId, alert.CaseId);
            Assert.True(await data.Set<AsbRepeatLocation>().AnyAsync(r => r.Active && r.Place!.Line1 == "1 Test Street", TestContext.Current.CancellationToken));
        }
        var alerts = await council.GetStringAsync("/asb/alerts");
        Assert.Contains($"Repeat victim on {DemoCaseReference(app, caseId)}: 3 ASB incidents reported by 2 agency(ies)", alerts, StringComparison.Ordinal);
        var casePage = await council.GetStringAsync($"/asb/cases/{caseId}");
        Assert.Contains("Repeat victim</strong>", casePage, StringComparison.Ordinal);
        Assert.Contains("Repeat location", casePage, StringComparison.Ordinal);
        // The police officer recorded incidents but does not own the case: no alert for them.
        Assert.DoesNotContain("Repeat victim on", await police.GetStringAsync("/asb/alerts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordIncident_LocalRuleOfTwoIncidents_FlagsRepeatVictimOnSecond()
    {
        await using var app = await AppFactory.CreateAsync(db, pg, new Dictionary<string, string?> { ["Asb:RepeatRule:MinimumIncidents"] = "2" });
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        object Incident(string on) => new { category = "ASB-PERSONAL", occurredOn = on, reportedOn = on, narrative = "Threats", victimForename = "Twyla", victimSurname = "Rule", victimDateOfBirth = "1980-02-02", placeLine1 = "5 Rule Road" };

        var first = await (await police.PostAsJsonAsync("/api/asb/incidents", Incident("2026-10-01"))).Content.ReadFromJsonAsync<JsonElement>();
        // Same name and date of birth: the officer is asked to choose the existing record, and nothing is recorded yet.
        var check = await police.PostAsJsonAsync("/api/asb/incidents", Incident("2026-11-20"));
        Assert.Equal(HttpStatusCode.Conflict, check.StatusCode);
        var match = (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches")[0];
        Assert.Equal(first.GetProperty("victimPersonId").GetInt32(), match.GetProperty("id").GetInt32());
        var second = await (await police.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-PERSONAL", occurredOn = "2026-11-20", reportedOn = "2026-11-20", narrative = "Threats", placeLine1 = "5 Rule Road",
            victimMatchToken = match.GetProperty("matchToken").GetString(),
        })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(first.GetProperty("repeatVictim").GetBoolean());
        Assert.True(second.GetProperty("repeatVictim").GetBoolean());
        // The chosen record is reused, not duplicated.
        Assert.Equal(first.GetProperty("victimPersonId").GetInt32(), second.GetProperty("victimPersonId").GetInt32());
    }

    [Fact]
    public async Task RecordIncident_UnknownCategory_ReturnsClearErrorOnPageAndApi()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var page = await RecordIncidentPageAsync(police, Today, victim: ("Ann", "Example", null), category: "ASB-NOISE");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("is not an ASB category: choose personal (ASB-PERSONAL), nuisance (ASB-NUISANCE) or environmental (ASB-ENVIRONMENTAL)", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        var api = await police.PostAsJsonAsync("/api/asb/incidents", new { category = "DA-INCIDENT", occurredOn = "2026-11-20", reportedOn = "2026-11-20", narrative = "x", victimForename = "Ann", victimSurname = "Example", placeLine1 = "2 Road" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("'DA-INCIDENT' is not an ASB category", problem.GetProperty("errors").GetProperty("category")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordIncident_FutureDateAndMissingFields_ShowsGovUkMessages()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var page = await RecordIncidentPageAsync(police, Today.AddDays(1), victim: ("", "", null), place: "");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Date of the behaviour must be today or in the past", html, StringComparison.Ordinal);
        Assert.Contains("Enter the victim's first name, or their person record number", html, StringComparison.Ordinal);
        Assert.Contains("Enter the first line of the address or location where it happened", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_OccurredOn", html, StringComparison.Ordinal);

        var api = await police.PostAsJsonAsync("/api/asb/incidents", new { category = "ASB-PERSONAL", occurredOn = "2026-12-25", reportedOn = "2026-12-25", narrative = "x", victimForename = "A", victimSurname = "B", placeLine1 = "2 Road" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("must be today or in the past", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RiskAssessment_MediumBand_RequiresVictimActionPlanUntilActionRecorded()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Riskey");

        // P1 (3) + S1 (2) + R1 (3) + F1 (3) = 11: medium (10 to 17).
        var saved = await PostRiskAsync(council, caseId, ["P1", "S1", "R1", "F1"], null, null);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await council.GetStringAsync($"/asb/cases/{caseId}");
        Assert.Contains("Victim action plan required", page, StringComparison.Ordinal);
        Assert.Contains("id=\"risk-final-band\">Medium<", page, StringComparison.Ordinal);
        using (var scope = app.Services.CreateScope())
        {
            var record = await app.CreateDbContext(scope).Set<RiskAssessmentRecord>().SingleAsync(r => r.CaseId == caseId, TestContext.Current.CancellationToken);
            Assert.Equal(("ASB-VRA", 1, 11, RiskBand.Medium, RiskBand.Medium), (record.InstrumentCode, record.InstrumentVersion, record.Score, record.ComputedBand, record.FinalBand));
            Assert.Contains("\"P1\":true", record.AnswersJson, StringComparison.Ordinal);
        }

        var late = await AddActionAsync(app, council, caseId, "Fit a door camera", Today.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(["The due date must be today or in the future"], (await HtmlPage.ReadAsync(late)).Errors);

        var action = await AddActionAsync(app, council, caseId, "Fit a door camera", Today);
        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        page = await council.GetStringAsync($"/asb/cases/{caseId}");
        Assert.DoesNotContain("Victim action plan required", page, StringComparison.Ordinal);
        Assert.Contains("Fit a door camera", page, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-tag--red\">Overdue<", page, StringComparison.Ordinal);

        // Two days on, the action has gone overdue (a new sign-in: the old session has timed out).
        app.Clock.Advance(TimeSpan.FromDays(2));
        var later = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var row = (await HtmlPage.GetAsync(later, $"/asb/cases/{caseId}")).Document.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Fit a door camera", StringComparison.Ordinal));
        Assert.Contains("Overdue", row.QuerySelectorAll(".govuk-tag--red").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public async Task RiskAssessment_OverrideLowersBand_IsRejectedAndNothingSaved()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Lowerson");

        // P1 3 + P2 2 + S1 2 + S2 2 + I1 3 + I2 3 + R1 3 + F1 3 = 21: high (18 or more).
        var response = await PostRiskAsync(council, caseId, ["P1", "P2", "S1", "S2", "I1", "I2", "R1", "F1"], "Standard", "Victim seems fine");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Professional judgement cannot lower the computed band from High to Standard; it may only raise it.", html, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.CreateDbContext(scope).Set<RiskAssessmentRecord>().AnyAsync(r => r.CaseId == caseId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RiskAssessment_OverrideRaisesBandWithReason_IsSaved()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Raiser");

        var response = await PostRiskAsync(council, caseId, ["F6"], "High", "Threats made at the door yesterday");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = app.Services.CreateScope();
        var record = await app.CreateDbContext(scope).Set<RiskAssessmentRecord>().SingleAsync(r => r.CaseId == caseId, TestContext.Current.CancellationToken);
        Assert.Equal((RiskBand.Standard, RiskBand.High, "Threats made at the door yesterday"), (record.ComputedBand, record.FinalBand, record.OverrideReason));
    }

    [Fact]
    public async Task CaseReview_ThirdPartyWithoutConsent_IsRejectedWithMessage()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Consent");
        var fields = new Dictionary<string, string> { ["Input.Applicant"] = "third-party", ["Input.ThirdPartyName"] = "Cllr Smith", ["Input.Behaviour"] = "Noise" };
        Date(fields, "Input.ReceivedOn", Today.AddDays(3));

        var response = await AppFactory.PostFormAsync(council, $"/asb/cases/{caseId}/case-reviews/new", fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A third party can apply only with the victim's consent: confirm the victim has consented", html, StringComparison.Ordinal);
        Assert.Contains("Date received must be today or in the past", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseReview_ExactlyThreeQualifyingComplaintsInSixMonths_ThresholdMet()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Trigger");
        var reviewId = await NewCaseReviewAsync(app, council, caseId, new DateOnly(2026, 11, 20));

        await AddComplaintAsync(council, reviewId, new(2026, 6, 1), new(2026, 6, 10), "Police");
        await AddComplaintAsync(council, reviewId, new(2026, 8, 1), new(2026, 8, 20), "Council");
        var page = await AddComplaintAsync(council, reviewId, new(2026, 10, 1), new(2026, 11, 1), "SocialLandlord"); // exactly 1 calendar month

        Assert.Contains("<strong>Threshold met</strong>: 3 qualifying complaint(s)", page, StringComparison.Ordinal);
        var api = await council.GetFromJsonAsync<JsonElement>($"/api/asb/case-reviews/{reviewId}");
        Assert.True(api.GetProperty("thresholdMet").GetBoolean());
        Assert.Equal(3, api.GetProperty("qualifying").GetArrayLength());
    }

    [Fact]
    public async Task CaseReview_TwoQualifyingAndOneMade31DaysAfterBehaviour_RejectedWithReason()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Latecomer");
        var reviewId = await NewCaseReviewAsync(app, council, caseId, new DateOnly(2026, 11, 20));

        await AddComplaintAsync(council, reviewId, new(2026, 6, 1), new(2026, 6, 10), "Police");
        await AddComplaintAsync(council, reviewId, new(2026, 8, 1), new(2026, 8, 20), "Council");
        var page = WebUtility.HtmlDecode(await AddComplaintAsync(council, reviewId, new(2026, 9, 1), new(2026, 10, 2), "Police"));

        Assert.Contains("<strong>Threshold not met</strong>: 2 qualifying complaint(s)", page, StringComparison.Ordinal);
        Assert.Contains("complaint made 31 days after the behaviour; it had to be made by 1 October 2026", page, StringComparison.Ordinal);
        var api = await council.GetFromJsonAsync<JsonElement>($"/api/asb/case-reviews/{reviewId}");
        Assert.False(api.GetProperty("thresholdMet").GetBoolean());
    }

    [Fact]
    public async Task CaseReview_AcknowledgementDatedBeforeTheApplication_IsRefusedAndNothingRecorded()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Earlyack");
        var reviewId = await NewCaseReviewAsync(app, council, caseId, new DateOnly(2026, 11, 20));

        var early = await TryStepAsync(council, reviewId, "Acknowledge", new DateOnly(2026, 11, 19));

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(["Date acknowledged must be on or after the date the application was received (20 November 2026)"], (await HtmlPage.ReadAsync(early)).Errors);
        using (var scope = app.Services.CreateScope())
        {
            Assert.Null((await app.CreateDbContext(scope).Set<AsbCaseReview>().SingleAsync(r => r.Id == reviewId, TestContext.Current.CancellationToken)).AcknowledgedOn);
        }
        var sameDay = await StepAsync(council, reviewId, "Acknowledge", new DateOnly(2026, 11, 20));
        Assert.Equal(HttpStatusCode.Redirect, sameDay.StatusCode);
    }

    [Fact]
    public async Task CaseReview_Clocks_ShowDueDatesAndOverdueSteps()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Clockwork");
        // Received Monday 2 November 2026: acknowledge by +10 working days (16 Nov), decide by +15 (23 Nov), review by +35 (21 Dec).
        var reviewId = await NewCaseReviewAsync(app, council, caseId, new DateOnly(2026, 11, 2));

        var clocks = (await council.GetFromJsonAsync<JsonElement>($"/api/asb/case-reviews/{reviewId}")).GetProperty("clocks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("step").GetString()!, c => (Due: c.GetProperty("dueOn").GetString(), Overdue: c.GetProperty("overdue").GetBoolean()));
        Assert.Equal(("2026-11-16", true), clocks["Acknowledge"]);
        Assert.Equal(("2026-11-23", false), clocks["Decision"]);
        Assert.Equal(("2026-12-21", false), clocks["ReviewAndOutcome"]);
        Assert.Equal((null, false), clocks["OutcomeLetter"]);

        var page = await StepAsync(council, reviewId, "Acknowledge", new DateOnly(2026, 11, 10));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        await StepAsync(council, reviewId, "Decision", new DateOnly(2026, 11, 20), ("Step.Decision", "ThresholdMet"));
        await StepAsync(council, reviewId, "Meeting", new DateOnly(2026, 11, 23), ("Step.Recommendations", "Mediation; CPW to the neighbour"), ("Step.Outcome", "Agreed plan"));
        clocks = (await council.GetFromJsonAsync<JsonElement>($"/api/asb/case-reviews/{reviewId}")).GetProperty("clocks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("step").GetString()!, c => (Due: c.GetProperty("dueOn").GetString(), Overdue: c.GetProperty("overdue").GetBoolean()));
        Assert.Equal(("2026-11-16", false), clocks["Acknowledge"]);
        Assert.Equal(("2026-12-21", false), clocks["OutcomeLetter"]); // 28 calendar days after the meeting
        var html = await council.GetStringAsync($"/asb/case-reviews/{reviewId}");
        Assert.Contains("id=\"case-review-decision\">Threshold met<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseReview_Statistics_ShowsFourFiguresOnPageAndCsv()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Statson");
        var notMet = await NewCaseReviewAsync(app, council, caseId, new DateOnly(2026, 10, 1));
        var met = await NewCaseReviewAsync(app, council, caseId, new DateOnly(2026, 10, 5));
        var lastYear = await NewCaseReviewAsync(app, council, caseId, new DateOnly(2025, 12, 31));
        await StepAsync(council, notMet, "Decision", new DateOnly(2026, 10, 20), ("Step.Decision", "ThresholdNotMet"));
        await StepAsync(council, met, "Decision", new DateOnly(2026, 10, 20), ("Step.Decision", "ThresholdMet"));
        await StepAsync(council, met, "Meeting", new DateOnly(2026, 11, 2), ("Step.Recommendations", "Install CCTV"));
        await StepAsync(council, lastYear, "Decision", new DateOnly(2026, 1, 10), ("Step.Decision", "ThresholdNotMet"));

        // 2026: these two plus the demo application received 20 November 2026 (pending).
        var csv = await council.GetStringAsync("/asb/case-reviews/statistics?handler=Csv&year=2026");
        Assert.Contains("2026,Number of applications for an ASB case review received,3", csv, StringComparison.Ordinal);
        Assert.Contains("2026,Number of times the threshold for a review was not met,1", csv, StringComparison.Ordinal);
        Assert.Contains("2026,Number of ASB case reviews carried out,1", csv, StringComparison.Ordinal);
        Assert.Contains("2026,Number of ASB case reviews that resulted in recommendations being made,1", csv, StringComparison.Ordinal);
        var page = await council.GetStringAsync("/asb/case-reviews/statistics?year=2025");
        Assert.Contains("Number of times the threshold for a review was not met</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">1<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Power_CpnWithoutPriorCpw_IsRejectedThenAcceptedAfterWarning()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Powers");

        var cpn = await PostPowerAsync(council, caseId, "CommunityProtectionNotice", "Body", null, "Acme Scrap Ltd", new DateOnly(2026, 11, 20), null);
        var html = WebUtility.HtmlDecode(await cpn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, cpn.StatusCode);
        Assert.Contains("A community protection notice requires a prior written warning (CPW) to the same subject.", html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostPowerAsync(council, caseId, "CommunityProtectionWarning", "Body", null, "Acme Scrap Ltd", new DateOnly(2026, 11, 2), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostPowerAsync(council, caseId, "CommunityProtectionNotice", "Body", null, "ACME scrap ltd", new DateOnly(2026, 11, 20), null)).StatusCode);
        var register = await council.GetStringAsync("/asb/powers");
        Assert.Contains("Community protection notice (CPN)", register, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Power_InjunctionForUnder18OverTwelveMonths_IsRejected()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var caseId = await NewCaseWithVictimAsync(app, council, "Youngster", new DateOnly(2010, 1, 1));
        var personId = await PersonIdAsync(app, "Youngster");

        var response = await PostPowerAsync(council, caseId, "CivilInjunction", "Person", personId, null, new DateOnly(2026, 11, 1), new DateOnly(2028, 1, 1));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A civil injunction may last at most 12 months for a person under 18", html, StringComparison.Ordinal);

        // With no end date the default is the 12-month maximum, which is accepted.
        Assert.Equal(HttpStatusCode.Redirect, (await PostPowerAsync(council, caseId, "CivilInjunction", "Person", personId, null, new DateOnly(2026, 11, 1), null)).StatusCode);
        using var scope = app.Services.CreateScope();
        var use = await app.CreateDbContext(scope).Set<Order>().SingleAsync(p => p.CaseId == caseId, TestContext.Current.CancellationToken);
        Assert.Equal("ASB-INJUNCTION", use.TypeCode);
        Assert.Equal(new DateTime(2027, 11, 1, 9, 0, 0, DateTimeKind.Utc), use.ExpiresUtc);
    }

    [Fact]
    public async Task Access_UserFromAgencyNotOnCase_Gets404OnEveryAsbPageAndEndpoint()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        int caseId, reviewId, powerId;
        using (var scope = app.Services.CreateScope())
        {
            // The demo: Margaret Ellison's case is led by the district council with the police as partner.
            var data = app.CreateDbContext(scope);
            caseId = await data.Set<Case>().Where(c => c.Title.Contains("Margaret")).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
            reviewId = await data.Set<AsbCaseReview>().Where(r => r.CaseId == caseId).Select(r => r.Id).SingleAsync(TestContext.Current.CancellationToken);
            var other = await data.Set<Case>().Where(c => c.Title.Contains("Mill Lane")).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
            powerId = await data.Set<Order>().Where(p => p.CaseId == other).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
            // Put a power on Margaret's case too so the breach page is covered for it.
            var police = await data.Agencies.SingleAsync(a => a.Name == "Wyvernshire Constabulary", TestContext.Current.CancellationToken);
            var use = new Order { CaseId = caseId, TypeCode = AsbOrderTypes.CodeOf(AsbPower.CommunityProtectionWarning), SubjectKind = OrderSubjectKind.Body, SubjectDescription = "X", IssuedUtc = DateTime.UtcNow.AddDays(-1), AuthorisedBy = "Y", IssuingAgencyId = police.Id };
            data.Add(use);
            await data.SaveChangesAsync(TestContext.Current.CancellationToken);
            powerId = use.Id;
        }
        string[] pages =
        [
            $"/asb/cases/{caseId}", $"/asb/cases/{caseId}/risk-assessment", $"/asb/cases/{caseId}/actions/new", $"/asb/cases/{caseId}/powers/new",
            $"/asb/cases/{caseId}/case-reviews/new", $"/asb/case-reviews/{reviewId}", $"/asb/powers/{powerId}/breaches/new",
            $"/api/asb/cases/{caseId}", $"/api/asb/case-reviews/{reviewId}",
        ];

        var probation = await app.SignInAsync(DemoUsers.ProbationCaseOfficer);
        foreach (var url in pages)
        {
            Assert.True(HttpStatusCode.NotFound == (await probation.GetAsync(url)).StatusCode, $"GET {url} should be 404 for an agency not on the case");
        }
        // Posts are refused the same way (the form token comes from a page the user can open).
        var token = await AppFactory.AntiforgeryTokenAsync(probation, "/asb/incidents/new");
        string[] posts =
        [
            $"/asb/cases/{caseId}?handler=CompleteAction", $"/asb/cases/{caseId}/risk-assessment", $"/asb/cases/{caseId}/actions/new", $"/asb/cases/{caseId}/powers/new",
            $"/asb/cases/{caseId}/case-reviews/new", $"/asb/case-reviews/{reviewId}?handler=Decision", $"/asb/case-reviews/{reviewId}?handler=Complaint",
            $"/asb/powers/{powerId}/breaches/new",
        ];
        foreach (var url in posts)
        {
            var post = await probation.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.True(HttpStatusCode.NotFound == post.StatusCode, $"POST {url} should be 404 for an agency not on the case, was {(int)post.StatusCode}");
        }
        Assert.DoesNotContain(DemoCaseReference(app, caseId), await probation.GetStringAsync("/asb"), StringComparison.Ordinal);
        Assert.DoesNotContain("Margaret", await probation.GetStringAsync("/asb/powers"), StringComparison.Ordinal);

        // A partner agency's case officer can see it, and the view is audited.
        var partner = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        foreach (var url in pages)
        {
            Assert.True(HttpStatusCode.OK == (await partner.GetAsync(url)).StatusCode, $"GET {url} should be 200 for the partner agency");
        }
        using (var scope = app.Services.CreateScope())
        {
            var audit = app.CreateDbContext(scope).AuditEvents;
            Assert.True(await audit.AnyAsync(e => e.Action == AuditActions.View && e.RecordType == "case" && e.RecordId == caseId.ToString(CultureInfo.InvariantCulture) && e.UserName == DemoUsers.PoliceCaseOfficer, TestContext.Current.CancellationToken));
            Assert.True(await audit.AnyAsync(e => e.Action == AuditActions.View && e.RecordType == "asb-case-review" && e.RecordId == reviewId.ToString(CultureInfo.InvariantCulture), TestContext.Current.CancellationToken));
        }

        // No case-work role (an analyst): refused outright.
        var analyst = await app.SignInAsync(DemoUsers.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/asb/cases/{caseId}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await analyst.GetAsync("/asb/incidents/new")).StatusCode);
    }

    // ---- helpers: drive the real pages ----

    static string DemoCaseReference(AppFactory app, int caseId)
    {
        using var scope = app.Services.CreateScope();
        return app.CreateDbContext(scope).Set<Case>().Where(c => c.Id == caseId).Select(c => c.Reference).Single();
    }

    static void Date(Dictionary<string, string> fields, string name, DateOnly? date)
    {
        fields[name + ".Day"] = date?.Day.ToString(CultureInfo.InvariantCulture) ?? "";
        fields[name + ".Month"] = date?.Month.ToString(CultureInfo.InvariantCulture) ?? "";
        fields[name + ".Year"] = date?.Year.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    static Task<HttpResponseMessage> RecordIncidentPageAsync(HttpClient client, DateOnly occurred, (string First, string Last, DateOnly? Dob)? victim = null,
        int? victimPersonId = null, string category = "ASB-PERSONAL", string place = "1 Test Street")
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Category"] = category,
            ["Input.Narrative"] = "Abuse shouted at the victim",
            ["Input.VictimPersonId"] = victimPersonId?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Input.VictimForename"] = victim?.First ?? "",
            ["Input.VictimSurname"] = victim?.Last ?? "",
            ["Input.PlaceLine1"] = place,
            ["Input.PlacePostcode"] = "AS9 9ZZ",
        };
        Date(fields, "Input.OccurredOn", occurred);
        Date(fields, "Input.ReportedOn", occurred);
        Date(fields, "Input.VictimDateOfBirth", victim?.Dob);
        return AppFactory.PostFormAsync(client, "/asb/incidents/new", fields);
    }

    static async Task<int> PersonIdAsync(AppFactory app, string surname)
    {
        using var scope = app.Services.CreateScope();
        return await app.CreateDbContext(scope).Set<Person>().Where(p => p.Surname == surname).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task OpenCase_ForAPersonOutsideNeedToKnowWithNoAsbIncident_IsRefusedAsUnknown()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var created = await AppFactory.PostFormAsync(police, "/people/new", new()
        {
            ["Input.Forename"] = "Quentin", ["Input.Surname"] = "Hiddenworth",
            ["Input.DateOfBirth.Day"] = "3", ["Input.DateOfBirth.Month"] = "4", ["Input.DateOfBirth.Year"] = "1981",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var personId = await PersonIdAsync(app, "Hiddenworth");
        var casesBefore = await CommunitySafety.Tests.Cases.CaseTestSupport.QueryAsync(app, d => d.Set<Case>().CountAsync());

        var response = await AppFactory.PostFormAsync(council, "/asb/cases/new", new()
        {
            ["Input.Title"] = "Guessed record number",
            ["Input.VictimPersonId"] = personId.ToString(CultureInfo.InvariantCulture),
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is no person with that record number", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hiddenworth", html, StringComparison.Ordinal);
        Assert.Equal(casesBefore, await CommunitySafety.Tests.Cases.CaseTestSupport.QueryAsync(app, d => d.Set<Case>().CountAsync()));
    }

    static async Task<int> OpenCaseAsync(HttpClient client, int personId, params string[] partnerAgencyNames)
    {
        var fields = new Dictionary<string, string> { ["Input.Title"] = "ASB case for person " + personId, ["Input.VictimPersonId"] = personId.ToString(CultureInfo.InvariantCulture) };
        var form = await client.GetStringAsync("/asb/cases/new");
        var content = new List<KeyValuePair<string, string>>(fields);
        foreach (var name in partnerAgencyNames)
        {
            var match = System.Text.RegularExpressions.Regex.Match(form, "value=\"(\\d+)\"[^>]*>\\s*<label[^>]*>[^<]*" + (name == "police" ? "Constabulary" : name));
            Assert.True(match.Success, "partner agency option not found: " + name);
            content.Add(new("Input.PartnerAgencyIds", match.Groups[1].Value));
        }
        content.Add(new("__RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/asb/cases/new")));
        var response = await client.PostAsync("/asb/cases/new", new FormUrlEncodedContent(content));
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, "open case failed: " + await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A council case for a victim the council recorded, whose only incident was reported by fire and rescue (not a Case
    /// Review relevant body). Fire and rescue cannot see the council's record, so it chooses it from the signpost.
    /// </summary>
    static async Task<int> NewCaseWithVictimAsync(AppFactory app, HttpClient council, string surname, DateOnly? dob = null)
    {
        var born = dob ?? new DateOnly(1970, 5, 5);
        var created = await AppFactory.PostFormAsync(council, "/people/new", new()
        {
            ["Input.Forename"] = "Test", ["Input.Surname"] = surname,
            ["Input.DateOfBirth.Day"] = born.Day.ToString(CultureInfo.InvariantCulture), ["Input.DateOfBirth.Month"] = born.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.DateOfBirth.Year"] = born.Year.ToString(CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        object Incident(string? token) => new
        {
            category = "ASB-PERSONAL", occurredOn = Today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reportedOn = Today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), narrative = "Abuse shouted at the victim",
            victimForename = token is null ? "Test" : null, victimSurname = token is null ? surname : null,
            victimDateOfBirth = token is null ? born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            placeLine1 = "9 " + surname + " Road", placePostcode = "AS9 9ZZ", victimMatchToken = token,
        };
        var check = await fire.PostAsJsonAsync("/api/asb/incidents", Incident(null));
        Assert.Equal(HttpStatusCode.Conflict, check.StatusCode);
        var token = (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches")[0].GetProperty("matchToken").GetString();
        Assert.Equal(HttpStatusCode.Created, (await fire.PostAsJsonAsync("/api/asb/incidents", Incident(token))).StatusCode);
        return await OpenCaseAsync(council, await PersonIdAsync(app, surname), "police");
    }

    static Task<HttpResponseMessage> PostRiskAsync(HttpClient client, int caseId, string[] yes, string? overrideBand, string? reason)
    {
        var fields = AsbVictimRiskInstrument.Default.Questions.ToDictionary(q => $"Answers[{q.Id}]", q => yes.Contains(q.Id) ? "yes" : "no");
        fields["Input.OverrideBand"] = overrideBand ?? "";
        fields["Input.OverrideReason"] = reason ?? "";
        return AppFactory.PostFormAsync(client, $"/asb/cases/{caseId}/risk-assessment", fields);
    }

    static async Task<HttpResponseMessage> AddActionAsync(AppFactory app, HttpClient client, int caseId, string title, DateOnly due)
    {
        Guid owner;
        using (var scope = app.Services.CreateScope())
        {
            owner = await app.CreateDbContext(scope).Users.Where(u => u.Email == DemoUsers.PoliceCaseOfficer).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        }
        var fields = new Dictionary<string, string> { ["Input.Title"] = title, ["Input.OwnerUserId"] = owner.ToString(), ["Input.OnVictimActionPlan"] = "true" };
        Date(fields, "Input.DueDate", due);
        return await AppFactory.PostFormAsync(client, $"/asb/cases/{caseId}/actions/new", fields);
    }

    static async Task<int> NewCaseReviewAsync(AppFactory app, HttpClient client, int caseId, DateOnly received)
    {
        var fields = new Dictionary<string, string> { ["Input.Applicant"] = "victim", ["Input.Behaviour"] = "Intimidation outside the home" };
        Date(fields, "Input.ReceivedOn", received);
        var response = await AppFactory.PostFormAsync(client, $"/asb/cases/{caseId}/case-reviews/new", fields);
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, "case review not recorded: " + await response.Content.ReadAsStringAsync());
        _ = app;
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);
    }

    static async Task<string> AddComplaintAsync(HttpClient client, int reviewId, DateOnly behaviour, DateOnly complaint, string body)
    {
        var fields = new Dictionary<string, string> { ["Complaint.ReceivedBy"] = body };
        Date(fields, "Complaint.BehaviourOn", behaviour);
        Date(fields, "Complaint.ComplaintOn", complaint);
        var response = await AppFactory.PostFormAsync(client, $"/asb/case-reviews/{reviewId}?handler=Complaint", fields, $"/asb/case-reviews/{reviewId}");
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, "complaint not added: " + await response.Content.ReadAsStringAsync());
        return await client.GetStringAsync($"/asb/case-reviews/{reviewId}");
    }

    static async Task<HttpResponseMessage> StepAsync(HttpClient client, int reviewId, string handler, DateOnly on, params (string Key, string Value)[] extra)
    {
        var response = await TryStepAsync(client, reviewId, handler, on, extra);
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"{handler} not recorded: " + await response.Content.ReadAsStringAsync());
        return response;
    }

    static async Task<HttpResponseMessage> TryStepAsync(HttpClient client, int reviewId, string handler, DateOnly on, params (string Key, string Value)[] extra)
    {
        var page = await client.GetStringAsync($"/asb/case-reviews/{reviewId}");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Step.Version\" value=\"(\\d+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Step.Version"] = version };
        var dateKey = handler switch
        {
            "Acknowledge" => "Step.AcknowledgedOn",
            "Decision" => "Step.DecisionOn",
            "Meeting" => "Step.MeetingOn",
            "OutcomeLetter" => "Step.LetterOn",
            _ => "Step.AppealOn",
        };
        Date(fields, dateKey, on);
        foreach (var (k, v) in extra)
        {
            fields[k] = v;
        }
        return await AppFactory.PostFormAsync(client, $"/asb/case-reviews/{reviewId}?handler={handler}", fields, $"/asb/case-reviews/{reviewId}");
    }

    static Task<HttpResponseMessage> PostPowerAsync(HttpClient client, int caseId, string power, string kind, int? personId, string? description, DateOnly issued, DateOnly? expires)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Power"] = power,
            ["Input.SubjectKind"] = kind,
            ["Input.SubjectPersonId"] = personId?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Input.SubjectDescription"] = description ?? "",
            ["Input.AuthorisedBy"] = "Insp. Jane Doe",
            ["Input.IssuedAt"] = "09:00",
        };
        Date(fields, "Input.IssuedOn", issued);
        Date(fields, "Input.ExpiresOn", expires);
        Date(fields, "Input.CourtHearingOn", null);
        return AppFactory.PostFormAsync(client, $"/asb/cases/{caseId}/powers/new", fields);
    }
}

public sealed class AsbCaseworkTestsOnSqlite(PostgresFixture pg) : AsbCaseworkTests(Db.Sqlite, pg);

public sealed class AsbCaseworkTestsOnPostgres(PostgresFixture pg) : AsbCaseworkTests(Db.Postgres, pg);
