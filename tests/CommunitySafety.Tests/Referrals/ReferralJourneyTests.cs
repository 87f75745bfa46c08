using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Disclosures;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;
using static CommunitySafety.Tests.Referrals.ReferralTestSupport;

namespace CommunitySafety.Tests.Referrals;

/// <summary>
/// The judged journey in pages: a police case officer refers a 78-year-old burglary victim from her case to Safer Homes
/// with consent and a minimal set of fields; the Safer Homes worker sees only those fields, accepts, records a contact
/// and a visit with locks fitted and a fire check done, and closes; the officer sees the outcome, the case timeline
/// has each step, the disclosure log has the share and the proceeds-of-crime report counts the visit.
/// </summary>
public abstract class ReferralJourneyTests(Db db, PostgresFixture pg)
{
    static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formPage, params (string Key, string Value)[] fields)
    {
        var token = await AppFactory.AntiforgeryTokenAsync(client, formPage);
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    [Fact]
    public async Task PoliceOfficer_RefersBurglaryVictim_ProviderWorksIt_ReferrerSeesOutcome_FundingCountsTheVisit()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dorothy = await DorothyAsync(app);
        var burglaryCase = await BurglaryCaseAsync(app);
        var saferHomes = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        // From the case page, to its referrals, to the form: the case's only person is already chosen.
        var casePage = await dan.GetStringAsync($"/cases/{burglaryCase.Id}");
        Assert.Contains($"/cases/{burglaryCase.Id}/referrals", casePage, StringComparison.Ordinal);
        var formUrl = $"/referrals/new?caseId={burglaryCase.Id}";
        var form = await dan.GetStringAsync(formUrl);
        Assert.Contains("Dorothy Pearce", form, StringComparison.Ordinal);
        Assert.Contains("78 (", form, StringComparison.Ordinal);

        var sent = await PostFormAsync(dan, formUrl, formUrl,
            ("Input.PersonId", dorothy.Id.ToString(CultureInfo.InvariantCulture)), ("Input.ServiceId", saferHomes.ToString(CultureInfo.InvariantCulture)),
            ("Input.Reason", "Distraction burglary last week; lives alone and is frightened to open the door."),
            ("Input.Consent", "Given"), ("Input.LawfulBasis", "ART6-1-E"), ("Input.SharingPower", "CDA1998-S115"),
            ("Input.SpecialCategoryCondition", "ART9-2-G-DPA-SCH1-18"),
            ("Input.SharedFields", "Name"), ("Input.SharedFields", "Address"), ("Input.SharedFields", "Phone"), ("Input.SharedFields", "AgeBand"),
            ("Input.SharedFields", "FireRiskScreen"),
            ("Input.FireRiskFactors", "LivingAlone"), ("Input.FireRiskFactors", "NoWorkingSmokeAlarm"), ("Input.FireRiskFactors", "LimitedMobility"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var url = sent.Headers.Location!.OriginalString;
        var id = int.Parse(url.Split('/').Last(), CultureInfo.InvariantCulture);

        // The provider: the referral is on her work list with the shared name, and its page shows only what was shared.
        var amina = await app.SignInAsync(DemoUsers.ProviderWorker);
        Assert.Contains($"/referrals/{id}", await amina.GetStringAsync("/referrals"), StringComparison.Ordinal);
        var seen = await amina.GetStringAsync(url);
        Assert.Contains("Dorothy Pearce", seen, StringComparison.Ordinal);
        Assert.Contains("9 Elm Grove, Ashcombe, WY4 3EG", seen, StringComparison.Ordinal);
        Assert.Contains("01632 960 418", seen, StringComparison.Ordinal);
        Assert.Contains("75 to 84", seen, StringComparison.Ordinal);
        Assert.Contains("High priority", seen, StringComparison.Ordinal);
        Assert.DoesNotContain(UkTimeDate(dorothy.DateOfBirth!.Value), seen, StringComparison.Ordinal);
        Assert.DoesNotContain(burglaryCase.Reference, seen, StringComparison.Ordinal);
        Assert.DoesNotContain($"/people/{dorothy.Id}", seen, StringComparison.Ordinal);
        Assert.DoesNotContain($"/cases/{burglaryCase.Id}", seen, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(amina, $"{url}?handler=Accept", url, ("Work.Version", "1"))).StatusCode);
        var today = app.Clock.GetUtcNow().UtcDateTime;
        (string, string)[] On(string prefix) => [($"Work.{prefix}.Day", today.Day.ToString(CultureInfo.InvariantCulture)), ($"Work.{prefix}.Month", today.Month.ToString(CultureInfo.InvariantCulture)), ($"Work.{prefix}.Year", today.Year.ToString(CultureInfo.InvariantCulture))];
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(amina, $"{url}?handler=Contact", url,
            [("Work.Version", "2"), .. On("ContactDate"), ("Work.Method", "Phone"), ("Work.Reached", "true"), ("Work.ContactNotes", "Visit booked.")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(amina, $"{url}?handler=Visit", url,
            [("Work.Version", "3"), .. On("VisitDate"), ("Work.Delivered", "DOOR-WINDOW-LOCKS"), ("Work.Delivered", "HOME-FIRE-SAFETY-CHECK"), ("Work.Delivered", "SMOKE-ALARM")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(amina, $"{url}?handler=Close", url,
            ("Work.Version", "4"), ("Work.Outcome", "Delivered"), ("Work.OutcomeNotes", "Locks fitted, smoke alarm fitted and tested."))).StatusCode);

        // The referrer sees the outcome and what was delivered; the case timeline has every step.
        var outcome = await dan.GetStringAsync(url);
        Assert.Contains("Service delivered", outcome, StringComparison.Ordinal);
        Assert.Contains("Door and window locks fitted", outcome, StringComparison.Ordinal);
        Assert.Contains("Home fire safety check or Safe and Well visit", outcome, StringComparison.Ordinal);
        Assert.Contains($"/cases/{burglaryCase.Id}", outcome, StringComparison.Ordinal);
        Assert.Contains($"/referrals/{id}", await dan.GetStringAsync($"/cases/{burglaryCase.Id}/referrals"), StringComparison.Ordinal);
        var timeline = await QueryAsync(app, d => d.Set<CaseEvent>().Where(e => e.CaseId == burglaryCase.Id && e.Kind == "referral").OrderBy(e => e.Id).Select(e => e.Text).ToListAsync());
        Assert.Equal(5, timeline.Count);
        Assert.StartsWith("Referred to Safer Homes", timeline[0], StringComparison.Ordinal);
        Assert.EndsWith("closed: Service delivered", timeline[^1], StringComparison.Ordinal);

        // Each view of the shared details is audited; the share is in the disclosure log with its basis.
        var audits = await QueryAsync(app, d => d.AuditEvents.Where(e => e.RecordType == "referral" && e.RecordId == id.ToString(CultureInfo.InvariantCulture)).Select(e => new { e.Action, e.UserName }).ToListAsync());
        Assert.Contains(audits, a => a.Action == AuditActions.View && a.UserName == DemoUsers.ProviderWorker);
        Assert.Contains(audits, a => a.Action == AuditActions.Create && a.UserName == DemoUsers.PoliceCaseOfficer);
        Assert.Equal(4, audits.Count(a => a.Action == AuditActions.Change));
        var disclosure = await QueryAsync(app, d => d.Set<DisclosureRecord>().SingleAsync(x => x.ReferralId == id));
        Assert.Equal(("Name,Address,Phone,AgeBand,FireRiskScreen", "CDA1998-S115", "Given"), (disclosure.Fields, disclosure.SharingPower, disclosure.Consent));

        // The proceeds-of-crime report counts the new visit in Safer Homes' cost per visit.
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var lines = await admin.GetFromJsonAsync<JsonElement>("/api/funding/lines");
        var poca = lines.EnumerateArray().First(l => l.GetProperty("stream").GetString() == "ProceedsOfCrime").GetProperty("id").GetInt32();
        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/funding/lines/{poca}/report?year=2026");
        var row = report.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetInt32() == saferHomes);
        var visits = row.GetProperty("visits").GetInt32();
        var spent = row.GetProperty("spentPence").GetInt64();
        Assert.True(visits >= 1);
        Assert.Equal((long)Math.Round(spent / row.GetProperty("attributedVisits").GetDouble(), MidpointRounding.AwayFromZero), row.GetProperty("costPerVisitPence").GetInt64());
        var page = await admin.GetStringAsync($"/funding/{poca}/2026");
        Assert.Contains("Cost per visit", page, StringComparison.Ordinal);
        var csv = await admin.GetStringAsync($"/funding/{poca}/2026?handler=csv");
        Assert.Contains("Safer Homes home-safety service", csv, StringComparison.Ordinal);
    }

    static string UkTimeDate(DateOnly d) => CommunitySafety.Shared.UkTime.FormatDate(d);

    [Fact]
    public async Task ReferralForm_WithoutConsentOrBasis_ShowsErrorsNamingTheFields_AndKeepsWhatWasTyped()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dorothy = await DorothyAsync(app);
        var saferHomes = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var formUrl = $"/referrals/new?personId={dorothy.Id}";
        var response = await PostFormAsync(dan, formUrl, formUrl, ("Input.PersonId", dorothy.Id.ToString(CultureInfo.InvariantCulture)), ("Input.ServiceId", saferHomes.ToString(CultureInfo.InvariantCulture)),
            ("Input.Reason", "Typed reason that must survive"), ("Input.SharedFields", "Name"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Consent\"", html, StringComparison.Ordinal);
        Assert.Contains("Select whether consent was given, refused or not sought", html, StringComparison.Ordinal);
        Assert.Contains("Select the lawful basis (UK GDPR Art. 6) for sharing", html, StringComparison.Ordinal);
        Assert.Contains("Typed reason that must survive", html, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(app, d => d.Set<Referral>().CountAsync(r => r.PersonId == dorothy.Id)));
        Assert.Equal(0, await QueryAsync(app, d => d.Set<DisclosureRecord>().CountAsync(r => r.PersonId == dorothy.Id)));
    }

    [Fact]
    public async Task ReferralForm_PersonNotEligible_WarnsWithReasons_AndAcceptsAReferralWithAReason()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        // Lee Cole: probation's person, 39, not a burglary victim: Safer Homes' rules are not met.
        var lee = await PersonAsync(app, "Lee", "Cole");
        var saferHomes = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        var mark = await app.SignInAsync(DemoUsers.ProbationCaseOfficer);
        var formUrl = $"/referrals/new?personId={lee.Id}";
        (string, string)[] fields = [("Input.PersonId", lee.Id.ToString(CultureInfo.InvariantCulture)), ("Input.ServiceId", saferHomes.ToString(CultureInfo.InvariantCulture)), ("Input.Reason", "Home security on release."),
            ("Input.Consent", "Given"), ("Input.LawfulBasis", "ART6-1-E"), ("Input.SharingPower", "CDA1998-S115"), ("Input.SharedFields", "Name")];
        var warned = await PostFormAsync(mark, formUrl, formUrl, fields);
        var html = await warned.Content.ReadAsStringAsync();
        Assert.Contains("The person may not be eligible", html, StringComparison.Ordinal);
        Assert.Contains("the service is for people aged 65 or over", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_EligibilityOverrideReason\"", html, StringComparison.Ordinal);

        var sent = await PostFormAsync(mark, formUrl, formUrl, [.. fields, ("Input.EligibilityOverrideReason", "Address targeted by associates; MAPPA asked for it.")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var saved = await QueryAsync(app, d => d.Set<Referral>().SingleAsync(r => r.PersonId == lee.Id && r.ServiceId == saferHomes));
        Assert.Contains("aged 65 or over", saved.EligibilityWarnings, StringComparison.Ordinal);
        // The provider sees that it was made outside the criteria and why, but not the person's age from the warning.
        var amina = await app.SignInAsync(DemoUsers.ProviderWorker);
        var seen = await amina.GetStringAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("Referred outside the service&#x27;s criteria", seen, StringComparison.Ordinal);
        Assert.Contains("MAPPA asked for it", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("The person is", seen, StringComparison.Ordinal);
    }
}

public sealed class ReferralJourneyTestsOnSqlite(PostgresFixture pg) : ReferralJourneyTests(Db.Sqlite, pg);

public sealed class ReferralJourneyTestsOnPostgres(PostgresFixture pg) : ReferralJourneyTests(Db.Postgres, pg);
