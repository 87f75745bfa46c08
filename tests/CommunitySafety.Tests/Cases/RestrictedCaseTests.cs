using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>
/// Access per case (issue #9, section 2): a case is agency-wide or restricted to its named members (and the lead
/// agency's managers). Other users of the same agencies get "not found", audited; the case's places (a safe address)
/// are withheld from them wherever they appear. Switching is a versioned, audited change of the case team.
/// </summary>
public abstract class RestrictedCaseTests(Db db, PostgresFixture pg)
{
    static async Task<JsonElement> PutTeamAsync(HttpClient client, int caseId, object body, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var response = await client.PutAsJsonAsync($"/api/cases/{caseId}/team", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expect == response.StatusCode, $"expected {(int)expect}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
    }

    [Fact]
    public async Task RestrictedCase_OnlyNamedMembersAndLeadManagersSeeItOrItsSafeAddress()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        // Orchard Close: led by Safer Homes (Amina is lead officer), with the police and probation as partners.
        var da = await CaseAsync(app, "Orchard Close");
        var lee = await PersonAsync(app, "Lee", "Cole");
        var amina = await app.SignInAsync(DemoUsers.ProviderWorker);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var rachel = await app.SignInAsync(DemoUsers.PoliceManager);
        var mark = await app.SignInAsync(DemoUsers.ProbationCaseOfficer);
        Assert.Equal(HttpStatusCode.OK, (await dan.GetAsync($"/cases/{da.Id}")).StatusCode);
        Assert.Contains("7 Orchard Close", await mark.GetStringAsync($"/api/people/{lee.Id}"), StringComparison.Ordinal);

        var restricted = await PutTeamAsync(amina, da.Id, new { version = da.Version, access = "Restricted" });
        Assert.Equal("Restricted", restricted.GetProperty("access").GetString());

        // Partner agencies' users who are not named, their managers included, get the same answer as for a missing case.
        foreach (var (who, client) in new[] { ("dan", dan), ("rachel", rachel), ("mark", mark) })
        {
            foreach (var url in new[] { $"/cases/{da.Id}", $"/api/cases/{da.Id}", $"/api/cases/{da.Id}/notes", $"/cases/{da.Id}/team" })
            {
                Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"{who} GET {url}");
            }
            Assert.DoesNotContain(da.Reference, await client.GetStringAsync("/api/cases"), StringComparison.Ordinal);
            Assert.DoesNotContain(da.Reference, await client.GetStringAsync("/cases/export?purpose=restricted%20test&status=all"), StringComparison.Ordinal);
        }
        // The case's place is a restricted field: withheld from Lee's record for probation, who still sees Lee (their own record).
        var leeForMark = await mark.GetStringAsync($"/api/people/{lee.Id}");
        Assert.Contains("Cole", leeForMark, StringComparison.Ordinal);
        Assert.DoesNotContain("Orchard Close", leeForMark, StringComparison.Ordinal);
        Assert.DoesNotContain("Orchard Close", await mark.GetStringAsync($"/people/{lee.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("Orchard Close", await mark.GetStringAsync($"/people/{lee.Id}/edit"), StringComparison.Ordinal);
        // The named lead officer still sees all of it.
        var forAmina = await amina.GetStringAsync($"/cases/{da.Id}");
        Assert.Contains("id=\"case-restricted\"", forAmina, StringComparison.Ordinal);
        Assert.Contains("7 Orchard Close", forAmina, StringComparison.Ordinal);

        // Naming Dan as a member lets him (and only him of the police) back in.
        var team = await amina.GetFromJsonAsync<JsonElement>($"/api/cases/{da.Id}/team");
        var danId = await QueryAsync(app, d => d.Users.Where(u => u.Email == DemoUsers.PoliceCaseOfficer).Select(u => u.Id).SingleAsync());
        var members = team.GetProperty("members").EnumerateArray().Select(m => new { userId = m.GetProperty("userId").GetGuid(), role = m.GetProperty("role").GetString() })
            .Append(new { userId = danId, role = (string?)"CaseWorker" }).ToArray();
        await PutTeamAsync(amina, da.Id, new { version = team.GetProperty("version").GetInt32(), members });
        Assert.Equal(HttpStatusCode.OK, (await dan.GetAsync($"/cases/{da.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rachel.GetAsync($"/cases/{da.Id}")).StatusCode);

        // Refusals are audited; the switch is on the timeline and in the audit trail.
        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().ToListAsync());
        Assert.Contains(audit, e => e.Action == AccessRefusals.Action && e.UserName == DemoUsers.PoliceManager && e.RecordType == "case" && e.RecordId == $"{da.Id}");
        Assert.Contains(audit, e => e.Action == AuditActions.Change && e.RecordType == "case" && e.RecordId == $"{da.Id}" && e.UserName == DemoUsers.ProviderWorker
            && e.Details!.StartsWith("access: Case restricted to its named members", StringComparison.Ordinal));
        Assert.True(await QueryAsync(app, d => d.Set<CaseEvent>().AnyAsync(e => e.CaseId == da.Id && e.Kind == "access")));
    }

    [Fact]
    public async Task TeamPage_SwitchesACaseBetweenAgencyWideAndRestricted_AtTheVersionRead()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        // Kingfisher Parade: led by the police (Dan is lead officer), partners the district council and fire.
        var parade = await CaseAsync(app, "Kingfisher Parade");
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);

        var page = await new HtmlParser().ParseDocumentAsync(await dan.GetStringAsync($"/cases/{parade.Id}/team"));
        var radios = page.QuerySelectorAll("input[name='Input.Access']").ToList();
        Assert.Equal(["AgencyWide", "Restricted"], radios.Select(r => r.GetAttribute("value")));
        Assert.True(radios[0].HasAttribute("checked"));

        // Everything the form holds, with the access choice changed.
        List<KeyValuePair<string, string>> Form(string access, string version)
        {
            var fields = page.QuerySelectorAll("form[method='post'] input[type='hidden']").Where(i => i.GetAttribute("name") is not ("Version" or "__RequestVerificationToken"))
                .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
            fields.Add(new("Version", version));
            fields.Add(new("Input.LeadOfficer", page.QuerySelector("select[name='Input.LeadOfficer'] option[selected]")!.GetAttribute("value")!));
            fields.AddRange(page.QuerySelectorAll("input[name='Input.Partners'][checked]").Select(i => new KeyValuePair<string, string>("Input.Partners", i.GetAttribute("value")!)));
            fields.Add(new("Input.Access", access));
            fields.Add(new("__RequestVerificationToken", page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!));
            return fields;
        }
        var version = page.QuerySelector("input[name='Version']")!.GetAttribute("value")!;

        var saved = await dan.PostAsync($"/cases/{parade.Id}/team", new FormUrlEncodedContent(Form("Restricted", version)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(CaseAccessLevel.Restricted, (await CaseAsync(app, "Kingfisher Parade")).AccessLevel);
        Assert.Equal(HttpStatusCode.NotFound, (await ellie.GetAsync($"/cases/{parade.Id}")).StatusCode);

        // A second save from the same (now stale) form is a conflict, not an overwrite.
        var stale = await dan.PostAsync($"/cases/{parade.Id}/team", new FormUrlEncodedContent(Form("AgencyWide", version)));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this case", System.Net.WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(CaseAccessLevel.Restricted, (await CaseAsync(app, "Kingfisher Parade")).AccessLevel);

        var current = (await CaseAsync(app, "Kingfisher Parade")).Version.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await dan.PostAsync($"/cases/{parade.Id}/team", new FormUrlEncodedContent(Form("AgencyWide", current)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ellie.GetAsync($"/cases/{parade.Id}")).StatusCode);

        // Only those who manage the team may switch it; bad values are named.
        var c = await CaseAsync(app, "Kingfisher Parade");
        await PutTeamAsync(ellie, c.Id, new { version = c.Version, access = "Restricted" }, HttpStatusCode.Forbidden);
        var bad = await PutTeamAsync(dan, c.Id, new { version = c.Version, access = "Secret" }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("access", out _));
    }
}

public sealed class RestrictedCaseTestsOnSqlite(PostgresFixture pg) : RestrictedCaseTests(Db.Sqlite, pg);

public sealed class RestrictedCaseTestsOnPostgres(PostgresFixture pg) : RestrictedCaseTests(Db.Postgres, pg);
