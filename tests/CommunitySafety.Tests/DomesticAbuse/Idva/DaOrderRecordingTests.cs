using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Orders;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Tests.DomesticAbuse.Idva;

/// <summary>Recording DVPN/DVPO on a DA case through the page and the API: the rules' errors on the field, nothing saved.</summary>
public abstract class DaOrderRecordingTests(Db db, PostgresFixture pg)
{
    static async Task<(Case Case, int Perpetrator)> DaCaseAsync(AppFactory app)
    {
        var victim = await TestRecords.CreatePersonAsync(app, configure: p => p.Forename = "Vic");
        var perpetrator = await TestRecords.CreatePersonAsync(app, configure: p => { p.Forename = "Perry"; p.DateOfBirth = new DateOnly(1980, 1, 1); });
        var c = await TestRecords.CreateCaseAsync(app, configure: s => { s.Type = "DA"; s.People.Add((victim, CasePersonRole.Victim)); s.People.Add((perpetrator, CasePersonRole.Perpetrator)); });
        return (c, perpetrator.Id);
    }

    static Task<int> OrderCountAsync(AppFactory app, int caseId) => TestRecords.QueryAsync(app, d => d.Set<Order>().CountAsync(o => o.CaseId == caseId));

    [Fact]
    public async Task Page_DvpoEndingBeforeItStarts_ShowsTheFieldError_AndSavesNothing()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var (c, perpetrator) = await DaCaseAsync(app);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var url = $"/domestic-abuse/cases/{c.Id}/orders";
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var dvpn = await AppFactory.PostFormAsync(dan, url, new()
        {
            ["Input.Type"] = "Dvpn", ["Input.SubjectPersonId"] = perpetrator.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IssuedOn.Day"] = today.AddDays(-1).Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IssuedOn.Month"] = today.AddDays(-1).Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IssuedOn.Year"] = today.AddDays(-1).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SuperintendentAuthorised"] = "true", ["Input.AuthorisedBy"] = "Supt A. Khan",
        });
        Assert.Equal(HttpStatusCode.Redirect, dvpn.StatusCode);

        var fields = new Dictionary<string, string>
        {
            ["Input.Type"] = "Dvpo", ["Input.SubjectPersonId"] = perpetrator.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IssuedOn.Day"] = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IssuedOn.Month"] = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.IssuedOn.Year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.LastDayInForce.Day"] = today.AddDays(-2).Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.LastDayInForce.Month"] = today.AddDays(-2).Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.LastDayInForce.Year"] = today.AddDays(-2).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.AuthorisedBy"] = "Wyvern Magistrates' Court", ["Input.Notes"] = "Not to enter Orchard Close",
        };
        var response = await AppFactory.PostFormAsync(dan, url, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Contains(page.Errors, e => e.Contains("DVPO must end after it is made", StringComparison.Ordinal));
        Assert.NotNull(page.Document.QuerySelector(".govuk-form-group--error [name='Input.LastDayInForce.Day']"));
        Assert.Equal("Not to enter Orchard Close", page.ValueOf("Input.Notes"));
        Assert.Equal(1, await OrderCountAsync(app, c.Id));
    }

    [Fact]
    public async Task Api_DvpoOf29Days_IsRefusedNamingTheField_And28DaysIsRecordedWithBreach()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var (c, perpetrator) = await DaCaseAsync(app);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var api = $"/api/domestic-abuse/cases/{c.Id}/orders";
        Assert.Equal(HttpStatusCode.Created, (await dan.PostAsJsonAsync(api, new { type = "Dvpn", subjectPersonId = perpetrator, issuedOn = today.AddDays(-2), superintendentAuthorised = true, authorisedBy = "Supt A. Khan" })).StatusCode);

        var tooLong = await dan.PostAsJsonAsync(api, new { type = "Dvpo", subjectPersonId = perpetrator, issuedOn = today.AddDays(-1), lastDayInForce = today.AddDays(27), authorisedBy = "Wyvern Magistrates' Court" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var problem = JsonDocument.Parse(await tooLong.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("at most 28 days", problem.GetProperty("errors").GetProperty("lastDayInForce")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await OrderCountAsync(app, c.Id));

        var ok = await dan.PostAsJsonAsync(api, new { type = "Dvpo", subjectPersonId = perpetrator, issuedOn = today.AddDays(-1), lastDayInForce = today.AddDays(26), authorisedBy = "Wyvern Magistrates' Court" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var orderId = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var breach = await dan.PostAsJsonAsync($"{api}/{orderId}/breaches", new { occurredOn = today, details = "Came to the door at 23:00" });
        Assert.Equal(HttpStatusCode.Created, breach.StatusCode);

        var list = await dan.GetFromJsonAsync<JsonElement>(api);
        var dvpo = list.EnumerateArray().Single(o => o.GetProperty("type").GetString() == "DA-DVPO");
        Assert.True(dvpo.GetProperty("inForce").GetBoolean());
        Assert.Equal("Came to the door at 23:00", dvpo.GetProperty("breaches")[0].GetProperty("details").GetString());
        Assert.True(await TestRecords.QueryAsync(app, d => d.AuditEvents.AnyAsync(a => a.RecordType == "order" && a.Action == AuditActions.Create)));
    }

    [Fact]
    public async Task OrdersOfACaseOutsideMyAgencies_AreNotFound_AndTheRefusalIsAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var (c, _) = await DaCaseAsync(app);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        Assert.Equal(HttpStatusCode.NotFound, (await ellie.GetAsync($"/domestic-abuse/cases/{c.Id}/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ellie.GetAsync($"/api/domestic-abuse/cases/{c.Id}/orders")).StatusCode);
        var id = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.True(await TestRecords.QueryAsync(app, d => d.AuditEvents.AnyAsync(a => a.Action == "authz.denied" && a.RecordId == id)));
    }
}

public sealed class DaOrderRecordingTestsOnSqlite(PostgresFixture pg) : DaOrderRecordingTests(Db.Sqlite, pg);

public sealed class DaOrderRecordingTestsOnPostgres(PostgresFixture pg) : DaOrderRecordingTests(Db.Postgres, pg);
