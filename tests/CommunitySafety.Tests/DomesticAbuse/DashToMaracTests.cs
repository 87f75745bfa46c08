using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.DomesticAbuse;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Tests.DomesticAbuse;

/// <summary>DASH to Marac referral through the real pages and API, on both providers.</summary>
public abstract class DashToMaracTests(Db db, PostgresFixture pg)
{
    static Dictionary<string, string> Answers(int yes) =>
        Enumerable.Range(1, 24).ToDictionary(n => $"Answers[Q{n}]", n => n <= yes ? "yes" : "no");

    static async Task<(AppFactory App, Case Case, int VictimId)> CaseAsync(Db db, PostgresFixture pg)
    {
        var app = await AppFactory.CreateAsync(db, pg);
        var victim = await TestRecords.CreatePersonAsync(app, configure: p => { p.Forename = "Dana"; p.Surname = TestRecords.Unique("Victim"); });
        var abuser = await TestRecords.CreatePersonAsync(app, configure: p => { p.Forename = "Paul"; p.Surname = TestRecords.Unique("Abuser"); });
        var child = await TestRecords.CreatePersonAsync(app, configure: p => { p.Forename = "Kit"; p.Surname = TestRecords.Unique("Child"); p.DateOfBirth = new DateOnly(2018, 1, 1); });
        var c = await TestRecords.CreateCaseAsync(app, configure: s =>
        {
            s.Type = DomesticAbuseStrand.Code;
            s.People.Add((victim, CasePersonRole.Victim));
            s.People.Add((abuser, CasePersonRole.Perpetrator));
            s.People.Add((child, CasePersonRole.FamilyMember));
        });
        return (app, c, victim.Id);
    }

    [Fact]
    public async Task Dash15Yes_IsHigh_AndTheMaracReferralOpensWithTheAnswers()
    {
        var (app, c, victimId) = await CaseAsync(db, pg);
        await using var _app = app;
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var dashUrl = $"/domestic-abuse/cases/{c.Id}/dash";

        var saved = await AppFactory.PostFormAsync(police, dashUrl, Answers(15));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var casePage = await police.GetStringAsync($"/domestic-abuse/cases/{c.Id}");
        Assert.Contains("High risk", casePage, StringComparison.Ordinal);
        Assert.Contains("15 yes answers", casePage, StringComparison.Ordinal);

        var html = await police.GetStringAsync($"/domestic-abuse/cases/{c.Id}/marac-referral");
        Assert.Contains("Visible high risk", html, StringComparison.Ordinal);
        Assert.Contains("Paul", html, StringComparison.Ordinal);
        Assert.Contains("Kit", html, StringComparison.Ordinal);
        var prefill = await police.GetFromJsonAsync<JsonElement>($"/api/domestic-abuse/cases/{c.Id}/marac-referral", TestContext.Current.CancellationToken);
        Assert.Equal(15, prefill.GetProperty("yesCount").GetInt32());
        Assert.Equal("yes", prefill.GetProperty("answers").GetProperty("Q15").GetString());
        Assert.Equal("no", prefill.GetProperty("answers").GetProperty("Q16").GetString());
        Assert.Equal(victimId, prefill.GetProperty("victim").GetProperty("personId").GetInt32());

        // No consent decision, then not sought without its reason: refused, naming the field.
        var noConsent = await AppFactory.PostFormAsync(police, $"/domestic-abuse/cases/{c.Id}/marac-referral", new() { ["Input.Reason"] = "High risk DASH" });
        Assert.Equal(HttpStatusCode.OK, noConsent.StatusCode);
        Assert.Contains("Select whether the victim consented", await noConsent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var api = await police.PostAsJsonAsync($"/api/domestic-abuse/cases/{c.Id}/marac-referrals", new { consent = "NotSought", reason = "High risk DASH" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.True((await api.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("consentOverrideReason", out _));

        var referred = await AppFactory.PostFormAsync(police, $"/domestic-abuse/cases/{c.Id}/marac-referral", new()
        {
            ["Input.Consent"] = "NotSought",
            ["Input.ConsentOverrideReason"] = "Seeking consent would increase the risk",
            ["Input.Reason"] = "High risk DASH after a strangulation",
        });
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        var referral = await TestRecords.QueryAsync(app, d => d.Set<MaracReferral>().SingleAsync(r => r.CaseId == c.Id));
        Assert.Contains("VisibleHighRisk", referral.Criteria, StringComparison.Ordinal);
        Assert.Equal(victimId, referral.VictimPersonId);
        Assert.True(await TestRecords.QueryAsync(app, d => d.Set<CommunitySafety.Auditing.AuditEvent>().AnyAsync(a => a.RecordType == "da-marac-referral" && a.RecordId == referral.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task DashWithUnansweredQuestions_IsADraft_NotScored_AndCanBeCompleted()
    {
        var (app, c, _) = await CaseAsync(db, pg);
        await using var _app = app;
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var partial = Answers(12);
        partial.Remove("Answers[Q24]");
        partial.Remove("Answers[Q23]");
        var saved = await AppFactory.PostFormAsync(police, $"/domestic-abuse/cases/{c.Id}/dash", partial);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await TestRecords.QueryAsync(app, d => d.Set<DashRecord>().SingleAsync(r => r.CaseId == c.Id));
        Assert.Equal(DashStatus.Draft, draft.Status);
        Assert.Null(draft.FinalBand);
        Assert.Null((await TestRecords.QueryAsync(app, d => d.Set<Case>().SingleAsync(x => x.Id == c.Id))).CurrentRiskBand);
        Assert.Contains("(22 of 24 answered)", await police.GetStringAsync($"/domestic-abuse/cases/{c.Id}"), StringComparison.Ordinal);

        var form = await AppFactory.PostFormAsync(police, $"/domestic-abuse/cases/{c.Id}/dash?draft={draft.Id}",
            new(Answers(12)) { ["Input.Version"] = draft.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        var done = await TestRecords.QueryAsync(app, d => d.Set<DashRecord>().SingleAsync(r => r.Id == draft.Id));
        Assert.Equal(DashStatus.Completed, done.Status);
        Assert.Equal(12, done.YesCount);
        Assert.NotNull(done.RiskAssessmentId);
    }

    [Fact]
    public async Task LoweringOverride_IsRefused_AndNothingSaved()
    {
        var (app, c, _) = await CaseAsync(db, pg);
        await using var _app = app;
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var fields = Answers(14);
        fields["Input.OverrideBand"] = "Medium";
        fields["Input.OverrideReason"] = "Victim has moved away";
        var response = await AppFactory.PostFormAsync(police, $"/domestic-abuse/cases/{c.Id}/dash", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot lower the band", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(await TestRecords.QueryAsync(app, d => d.Set<DashRecord>().AnyAsync(r => r.CaseId == c.Id)));
    }

    [Fact]
    public async Task OutsideTheCase_Gets404_AndTheRefusalIsAudited()
    {
        var (app, c, _) = await CaseAsync(db, pg);
        await using var _app = app;
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await council.GetAsync($"/domestic-abuse/cases/{c.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await council.GetAsync($"/api/domestic-abuse/cases/{c.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await council.GetAsync($"/domestic-abuse/cases/{c.Id}/marac-referral")).StatusCode);
        Assert.True(await TestRecords.QueryAsync(app, d => d.Set<CommunitySafety.Auditing.AuditEvent>()
            .AnyAsync(a => a.Action == "authz.denied" && a.RecordType == "case" && a.RecordId == c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}

public sealed class DashToMaracTestsOnSqlite(PostgresFixture pg) : DashToMaracTests(Db.Sqlite, pg);

public sealed class DashToMaracTestsOnPostgres(PostgresFixture pg) : DashToMaracTests(Db.Postgres, pg);
