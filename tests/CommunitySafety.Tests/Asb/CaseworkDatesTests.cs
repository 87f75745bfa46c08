using System.Globalization;
using System.Net;
using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.Orders;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Tests.Asb;

/// <summary>
/// Issue 14: the date an ASB incident was reported is asked for, never assumed to be today, and records made with a
/// date alone are shown as dates, with no time nobody entered. The app clock is 23 November 2026 09:00 UTC.
/// </summary>
public abstract class CaseworkDatesTests(Db db, PostgresFixture pg)
{
    static readonly DateOnly Today = new(2026, 11, 23);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AsbIncident_WithoutDateReported_IsRefusedWithTheFieldNamed()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var surname = TestRecords.Unique("Unreported");
        var fields = AsbTestSupport.IncidentForm(Today.AddDays(-40), "Ada", surname, null);
        AsbTestSupport.Date(fields, "Input.ReportedOn", null);

        var page = await HtmlPage.ReadAsync(await AsbTestSupport.PostIncidentPageAsync(police, fields));

        Assert.Equal(["Enter the date it was reported to your agency"], page.Errors);
        Assert.False(await TestRecords.QueryAsync(app, d => d.Set<CommunitySafety.Features.People.Person>().AnyAsync(p => p.Surname == surname, Ct)));
    }

    [Fact]
    public async Task BackRecordedAsbIncident_KeepsTheDateReportedGiven_AndShowsItsDateWithoutATime()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var surname = TestRecords.Unique("Backrecorded");
        var fields = AsbTestSupport.IncidentForm(new DateOnly(2026, 9, 1), "Ada", surname, null);
        AsbTestSupport.Date(fields, "Input.ReportedOn", new DateOnly(2026, 9, 3));

        Assert.Equal(HttpStatusCode.Redirect, (await AsbTestSupport.PostIncidentPageAsync(police, fields)).StatusCode);

        var incident = await TestRecords.QueryAsync(app, d => d.Set<IncidentPerson>().Where(ip => ip.Person!.Surname == surname).Select(ip => ip.Incident!).SingleAsync(Ct));
        var reported = await TestRecords.QueryAsync(app, d => d.Set<AsbIncidentDetail>().Where(x => x.IncidentId == incident.Id).Select(x => x.ReportedOn).SingleAsync(Ct));
        Assert.Equal(new DateOnly(2026, 9, 3), reported);
        Assert.False(incident.OccurredTimeKnown);

        var page = await HtmlPage.GetAsync(police, $"/incidents/{incident.Id}");
        Assert.Equal("1 September 2026", When(page));
    }

    [Fact]
    public async Task Incident_WithoutATime_IsShownAsADate_AndABadTimeIsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var fields = new Dictionary<string, string>
        {
            ["Input.CategoryCode"] = "ASB-NUISANCE", ["Input.Narrative"] = "Loud music", ["Input.OccurredTime"] = "",
            ["Input.AddressLine1"] = "3 Clock Lane",
        };
        AsbTestSupport.Date(fields, "Input.OccurredDate", new DateOnly(2026, 11, 20));

        var recorded = await AppFactory.PostFormAsync(police, "/incidents/new", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var page = await HtmlPage.GetAsync(police, recorded.Headers.Location!.OriginalString);
        Assert.Equal("20 November 2026", When(page));

        fields["Input.OccurredTime"] = "25:99";
        var refused = await HtmlPage.ReadAsync(await AppFactory.PostFormAsync(police, "/incidents/new", new(fields)));
        Assert.Equal(["Enter the time as hours and minutes, like 21:30"], refused.Errors);

        fields["Input.OccurredTime"] = "21:30";
        var timed = await AppFactory.PostFormAsync(police, "/incidents/new", new(fields));
        Assert.Equal("20 November 2026 at 9:30pm", When(await HtmlPage.GetAsync(police, timed.Headers.Location!.OriginalString)));
    }

    [Fact]
    public async Task PowerRecordedWithDatesOnly_ShowsDatesWithoutInventedTimes()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var subject = await TestRecords.CreatePersonAsync(app, DemoUsers.PoliceCaseOfficer, p => p.DateOfBirth = new DateOnly(1990, 1, 1));
        var c = await TestRecords.CreateCaseAsync(app, DemoUsers.PoliceCaseOfficer, s => { s.Type = AsbStrand.Code; s.People.Add((subject, CasePersonRole.Perpetrator)); });

        var response = await PostPowerAsync(police, c.Id, "CivilInjunction", subject.Id, issuedAt: "", issued: new DateOnly(2026, 11, 20), expires: new DateOnly(2027, 11, 19));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var order = await TestRecords.QueryAsync(app, d => d.Set<Order>().AsNoTracking().SingleAsync(o => o.CaseId == c.Id, Ct));
        Assert.False(order.IssuedTimeKnown);
        Assert.False(order.ExpiresTimeKnown);
        var page = await HtmlPage.GetAsync(police, $"/asb/cases/{c.Id}");
        var row = Assert.Single(page.TableUnder("Powers used (2014 Act)"));
        Assert.Equal("20 November 2026", row.Cells[2]);
        Assert.Equal("19 November 2027", row.Cells[3]);
        var register = await HtmlPage.GetAsync(police, "/asb/powers");
        var listed = register.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(c.Reference, StringComparison.Ordinal)).TextContent;
        Assert.Contains("20 November 2026", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosureNotice_WithoutTheTimeItWasGiven_IsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var c = await TestRecords.CreateCaseAsync(app, DemoUsers.PoliceCaseOfficer, s => s.Type = AsbStrand.Code);

        var fields = PowerForm("ClosureNotice", "Premises", null, "1 Closure Street", "", Today, null);
        var page = await HtmlPage.ReadAsync(await AppFactory.PostFormAsync(police, $"/asb/cases/{c.Id}/powers/new", fields));

        Assert.Contains("Enter the time the closure notice was given: it lasts a number of hours from then", page.Errors);
    }

    static string When(HtmlPage page) =>
        page.Document.QuerySelectorAll(".govuk-summary-list__row")
            .Single(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == "When")
            .QuerySelector(".govuk-summary-list__value")!.TextContent.Trim();

    static Task<HttpResponseMessage> PostPowerAsync(HttpClient client, int caseId, string power, int personId, string issuedAt, DateOnly issued, DateOnly? expires) =>
        AppFactory.PostFormAsync(client, $"/asb/cases/{caseId}/powers/new", PowerForm(power, "Person", personId, null, issuedAt, issued, expires));

    static Dictionary<string, string> PowerForm(string power, string kind, int? personId, string? description, string issuedAt, DateOnly issued, DateOnly? expires)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Power"] = power,
            ["Input.SubjectKind"] = kind,
            ["Input.SubjectPersonId"] = personId?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Input.SubjectDescription"] = description ?? "",
            ["Input.AuthorisedBy"] = "Insp. Jane Doe",
            ["Input.IssuedAt"] = issuedAt,
        };
        AsbTestSupport.Date(fields, "Input.IssuedOn", issued);
        AsbTestSupport.Date(fields, "Input.ExpiresOn", expires);
        AsbTestSupport.Date(fields, "Input.CourtHearingOn", null);
        return fields;
    }
}

public sealed class CaseworkDatesTestsOnSqlite(PostgresFixture pg) : CaseworkDatesTests(Db.Sqlite, pg);

public sealed class CaseworkDatesTestsOnPostgres(PostgresFixture pg) : CaseworkDatesTests(Db.Postgres, pg);
