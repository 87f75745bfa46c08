using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>
/// Changing a case's lead officer, partner agencies and case members on /cases/{id}/team and PUT /api/cases/{id}/team.
/// The demo case "Kingfisher Parade" is led by the police (lead officer Dan Okafor; Rachel Moore is the police agency
/// manager) with the district council and fire and rescue as partners.
/// </summary>
public abstract class CaseTeamTests(Db db, PostgresFixture pg)
{
    static Task<Dictionary<string, Guid>> UsersAsync(AppFactory app) => QueryAsync(app, d => d.Users.AsNoTracking().ToDictionaryAsync(u => u.Email!, u => u.Id));

    static Task<Dictionary<string, int>> AgenciesAsync(AppFactory app) => QueryAsync(app, d => d.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Name, a => a.Id));

    static Dictionary<string, string> TeamForm(int version, Guid lead, IEnumerable<int> partners, IEnumerable<(Guid Id, string Role)>? members = null,
        (Guid Id, string Role)? add = null)
    {
        var form = new Dictionary<string, string> { ["Version"] = $"{version}", ["Input.LeadOfficer"] = lead.ToString() };
        // Checkbox lists post one value per box; FormUrlEncodedContent takes one per key, so they go as indexed keys.
        var i = 0;
        foreach (var p in partners)
        {
            form[$"Input.Partners[{i++}]"] = p.ToString(CultureInfo.InvariantCulture);
        }
        i = 0;
        foreach (var (id, role) in members ?? [])
        {
            form[$"Input.Members[{i}].UserId"] = id.ToString();
            form[$"Input.Members[{i++}].Role"] = role;
        }
        if (add is { } a)
        {
            form["Input.NewMember"] = a.Id.ToString();
            form["Input.NewMemberRole"] = a.Role;
        }
        return form;
    }

    static Task<List<CaseMember>> MembersAsync(AppFactory app, int caseId) =>
        QueryAsync(app, d => d.Set<CaseMember>().AsNoTracking().Where(m => m.CaseId == caseId).ToListAsync());

    [Fact]
    public async Task ChangeTeam_OnlyLeadAgencyManagerOrLeadOfficer_PartnersGet403OutsidersGet404()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Kingfisher Parade");
        var users = await UsersAsync(app);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var nina = await app.SignInAsync(DemoUsers.HealthCaseOfficer);
        var rachel = await app.SignInAsync(DemoUsers.PoliceManager);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var partners = c.Agencies.Select(a => a.AgencyId).ToList();

        var page = await ellie.GetAsync($"/cases/{c.Id}/team");
        var post = await PostAsync(ellie, $"/cases/{c.Id}/team", TeamForm(c.Version, users[DemoUsers.CouncilCaseOfficer], partners));
        var put = await ellie.PutAsJsonAsync($"/api/cases/{c.Id}/team", new { version = c.Version, partners = Array.Empty<int>() });
        // The case details form and API cannot be used to change partners either.
        var details = await ellie.PutAsJsonAsync($"/api/cases/{c.Id}", new { version = c.Version, title = c.Title, status = "Open", partners = new[] { partners[0] } });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("You do not have permission", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, details.StatusCode);
        Assert.Contains("Only the lead agency's managers or the case's lead officer can change the partner agencies", await details.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await nina.GetAsync($"/cases/{c.Id}/team")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nina.PutAsJsonAsync($"/api/cases/{c.Id}/team", new { version = c.Version, partners = Array.Empty<int>() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rachel.GetAsync($"/cases/{c.Id}/team")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dan.GetAsync($"/cases/{c.Id}/team")).StatusCode);
        Assert.Contains($"href=\"/cases/{c.Id}/team\"", await rachel.GetStringAsync($"/cases/{c.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/cases/{c.Id}/team\"", await ellie.GetStringAsync($"/cases/{c.Id}"), StringComparison.Ordinal);
        var after = await CaseAsync(app, "Kingfisher Parade");
        Assert.Equal((c.Version, partners.Count), (after.Version, after.Agencies.Count));
    }

    [Fact]
    public async Task RemovePartnerAgency_ItsUsersGet404AtOnceAndLeaveTheMembers_RecordedOnTimelineAndAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Kingfisher Parade");
        var users = await UsersAsync(app);
        var agencies = await AgenciesAsync(app);
        var fire = agencies["Wyvernshire Fire and Rescue Service"];
        var district = agencies["Ashcombe District Council"];
        var kate = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var rachel = await app.SignInAsync(DemoUsers.PoliceManager);
        Assert.Equal(HttpStatusCode.OK, (await kate.GetAsync($"/cases/{c.Id}")).StatusCode);

        var added = await PostAsync(rachel, $"/cases/{c.Id}/team", TeamForm(c.Version, users[DemoUsers.PoliceCaseOfficer], [district, fire], add: (users[DemoUsers.FireCaseOfficer], "CaseWorker")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(await MembersAsync(app, c.Id), m => m.UserId == users[DemoUsers.FireCaseOfficer] && m.Role == CaseMemberRole.CaseWorker);
        var version = (await CaseAsync(app, "Kingfisher Parade")).Version;

        var removed = await PostAsync(rachel, $"/cases/{c.Id}/team", TeamForm(version, users[DemoUsers.PoliceCaseOfficer], [district], [(users[DemoUsers.FireCaseOfficer], "CaseWorker")]));

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        // Kate's next requests, in the same session, no longer find the case anywhere.
        Assert.Equal(HttpStatusCode.NotFound, (await kate.GetAsync($"/cases/{c.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kate.GetAsync($"/api/cases/{c.Id}")).StatusCode);
        Assert.DoesNotContain(c.Reference, await kate.GetStringAsync("/api/cases"), StringComparison.Ordinal);
        Assert.DoesNotContain(c.Reference, await kate.GetStringAsync("/cases/export?purpose=test&status=all"), StringComparison.Ordinal);
        Assert.DoesNotContain(await MembersAsync(app, c.Id), m => m.UserId == users[DemoUsers.FireCaseOfficer]);
        var after = await CaseAsync(app, "Kingfisher Parade");
        Assert.Equal([district], after.Agencies.Select(a => a.AgencyId).ToList());

        var timeline = WebUtility.HtmlDecode(await rachel.GetStringAsync($"/cases/{c.Id}"));
        Assert.Contains("Partner agency removed: Wyvernshire Fire and Rescue Service. Its users can no longer see the case.", timeline, StringComparison.Ordinal);
        Assert.Contains("Kate Wilson removed from the case members with their agency", timeline, StringComparison.Ordinal);
        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.RecordType == "case" && e.RecordId == $"{c.Id}" && e.Action == AuditActions.Change).ToListAsync());
        Assert.Contains(audit, e => e.UserName == DemoUsers.PoliceManager && e.Details!.Contains("Partner agency removed: Wyvernshire Fire and Rescue Service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovePartnerAgency_WithItsActionStillOpen_RefusedOnPageAndApiUntilTheActionIsClosed()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Kingfisher Parade");
        var users = await UsersAsync(app);
        var agencies = await AgenciesAsync(app);
        var fire = agencies["Wyvernshire Fire and Rescue Service"];
        var district = agencies["Ashcombe District Council"];
        var rachel = await app.SignInAsync(DemoUsers.PoliceManager);
        await QueryAsync(app, d => d.Set<CaseAction>().Where(a => a.CaseId == c.Id && a.AgencyId == fire).ExecuteDeleteAsync());
        var visit = new CaseAction { CaseId = c.Id, Title = "Home fire safety visit", AgencyId = fire, DueDate = new DateOnly(2026, 12, 1), CreatedUtc = DateTime.UtcNow };
        await QueryAsync(app, d => { d.Add(visit); return d.SaveChangesAsync(); });

        var page = await PostAsync(rachel, $"/cases/{c.Id}/team", TeamForm(c.Version, users[DemoUsers.PoliceCaseOfficer], [district]));
        var api = await rachel.PutAsJsonAsync($"/api/cases/{c.Id}/team", new { version = c.Version, partners = new[] { district } });

        const string Refusal = "Wyvernshire Fire and Rescue Service has 1 open action on this case: mark it done or cancelled";
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // the form again, with the error
        Assert.Contains(Refusal, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains(Refusal, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(fire, (await CaseAsync(app, "Kingfisher Parade")).Agencies.Select(a => a.AgencyId));

        // Once the action is closed the agency can leave.
        await QueryAsync(app, d => d.Set<CaseAction>().Where(a => a.Id == visit.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, CaseActionStatus.Cancelled)));
        var removed = await PostAsync(rachel, $"/cases/{c.Id}/team", TeamForm(c.Version, users[DemoUsers.PoliceCaseOfficer], [district]));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(fire, (await CaseAsync(app, "Kingfisher Parade")).Agencies.Select(a => a.AgencyId));
    }

    [Fact]
    public async Task ChangeLeadOfficer_ToUserOfAnotherAgency_ClearErrorOnPageAndApiAndNothingSaved()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Kingfisher Parade");
        var users = await UsersAsync(app);
        var rachel = await app.SignInAsync(DemoUsers.PoliceManager);

        var page = await PostAsync(rachel, $"/cases/{c.Id}/team", TeamForm(c.Version, users[DemoUsers.CouncilCaseOfficer], c.Agencies.Select(a => a.AgencyId)));
        var api = await rachel.PutAsJsonAsync($"/api/cases/{c.Id}/team", new { version = c.Version, leadOfficerUserId = users[DemoUsers.CouncilCaseOfficer] });
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Choose a lead officer who does case work at the lead agency, Wyvernshire Constabulary", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("Choose a lead officer who does case work at the lead agency", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await CaseAsync(app, "Kingfisher Parade");
        Assert.Equal((users[DemoUsers.PoliceCaseOfficer], c.Version), (after.LeadOfficerUserId!.Value, after.Version));
    }

    [Fact]
    public async Task ChangeLeadOfficer_LeadOfficerHandsOver_NewLeadAndMemberOnCasePageTimelineAndWorkLists()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Kingfisher Parade");
        var users = await UsersAsync(app);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var response = await PostAsync(dan, $"/cases/{c.Id}/team", TeamForm(c.Version, users[DemoUsers.PoliceManager], c.Agencies.Select(a => a.AgencyId),
            add: (users[DemoUsers.CouncilCaseOfficer], "Supervisor")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rachel = await app.SignInAsync(DemoUsers.PoliceManager);
        var page = WebUtility.HtmlDecode(await rachel.GetStringAsync($"/cases/{c.Id}"));
        Assert.Contains("Lead officer changed from Dan Okafor to Rachel Moore", page, StringComparison.Ordinal);
        Assert.Contains("Ellie Hughes (Ashcombe District Council) added to the case as supervisor", page, StringComparison.Ordinal);
        Assert.Contains("Ellie Hughes (supervisor)", page, StringComparison.Ordinal);
        var members = await MembersAsync(app, c.Id);
        Assert.Contains(members, m => m.UserId == users[DemoUsers.PoliceManager] && m.Role == CaseMemberRole.LeadOfficer);
        Assert.DoesNotContain(members, m => m.UserId == users[DemoUsers.PoliceCaseOfficer]);
        Assert.Equal(users[DemoUsers.PoliceManager], (await CaseAsync(app, "Kingfisher Parade")).LeadOfficerUserId);
        // Handing over ends Dan's say in the team; the case is now on Rachel's list.
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.GetAsync($"/cases/{c.Id}/team")).StatusCode);
        var lists = await rachel.GetStringAsync("/cases");
        var myCases = lists[lists.IndexOf(">My cases<", StringComparison.Ordinal)..];
        Assert.Contains($"href=\"/cases/{c.Id}\"", myCases[..myCases.IndexOf("</table>", StringComparison.Ordinal)], StringComparison.Ordinal);
        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.RecordType == "case" && e.RecordId == $"{c.Id}").ToListAsync());
        Assert.Contains(audit, e => e.UserName == DemoUsers.PoliceCaseOfficer && e.Details == "team: Lead officer changed from Dan Okafor to Rachel Moore");
    }

    [Fact]
    public async Task ChangeTeam_TwoChangesFromSameVersion_SecondSeesBothVersionsAndApiGets409()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var c = await CaseAsync(app, "Kingfisher Parade");
        var users = await UsersAsync(app);
        var agencies = await AgenciesAsync(app);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var rachel = await app.SignInAsync(DemoUsers.PoliceManager);
        var partners = c.Agencies.Select(a => a.AgencyId).ToList();

        var first = await PostAsync(dan, $"/cases/{c.Id}/team", TeamForm(c.Version, users[DemoUsers.PoliceCaseOfficer], partners, add: (users[DemoUsers.FireCaseOfficer], "CaseWorker")));
        var second = await PostAsync(rachel, $"/cases/{c.Id}/team", TeamForm(c.Version, users[DemoUsers.PoliceCaseOfficer], [agencies["Wyvernshire Fire and Rescue Service"]]));
        var html = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone else changed this case while you were changing its team", html, StringComparison.Ordinal);
        Assert.Contains("Your version (not saved)", html, StringComparison.Ordinal);
        Assert.Contains("Current version (saved by someone else)", html, StringComparison.Ordinal);
        Assert.Contains("Kate Wilson (case worker)", html, StringComparison.Ordinal);
        var saved = await CaseAsync(app, "Kingfisher Parade");
        Assert.Equal(partners.Order(), saved.Agencies.Select(a => a.AgencyId).Order());
        Assert.Contains($"name=\"Version\" value=\"{saved.Version}\"", html, StringComparison.Ordinal);
        // Rachel's choice is still in the form: the district council box is not ticked.
        Assert.DoesNotContain($"value=\"{agencies["Ashcombe District Council"]}\" checked", html, StringComparison.Ordinal);

        var a = await dan.PutAsJsonAsync($"/api/cases/{c.Id}/team", new { version = saved.Version, members = new[] { new { userId = users[DemoUsers.FireCaseOfficer], role = "Supervisor" } } });
        var b = await rachel.PutAsJsonAsync($"/api/cases/{c.Id}/team", new { version = saved.Version, partners = new[] { agencies["Ashcombe District Council"] } });
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, b.StatusCode);
        var current = (await b.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current");
        Assert.Equal(saved.Version + 1, current.GetProperty("version").GetInt32());
        Assert.Contains(current.GetProperty("members").EnumerateArray(), m => m.GetProperty("name").GetString() == "Kate Wilson" && m.GetProperty("role").GetString() == "Supervisor");
        Assert.Equal(2, (await CaseAsync(app, "Kingfisher Parade")).Agencies.Count);
    }
}

public sealed class CaseTeamTestsOnSqlite(PostgresFixture pg) : CaseTeamTests(Db.Sqlite, pg);

public sealed class CaseTeamTestsOnPostgres(PostgresFixture pg) : CaseTeamTests(Db.Postgres, pg);
