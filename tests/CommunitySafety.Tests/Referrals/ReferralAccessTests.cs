using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Disclosures;
using CommunitySafety.Features.Referrals.Funding;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;
using static CommunitySafety.Tests.Referrals.ReferralTestSupport;

namespace CommunitySafety.Tests.Referrals;

/// <summary>
/// Need to know for referrals: a provider sees only referrals to its own services and only the shared fields, and a
/// referral never opens the person, case or incident records to it; a guessed id is "not found" (and audited). The
/// disclosure log lists each share per person for the data protection role only.
/// </summary>
public abstract class ReferralAccessTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task Provider_SeesOnlyOwnServiceReferrals_AndOnlySharedFields_NeverThePersonOrCase()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var id = await ReferDorothyAsync(app, dan);
        var dorothy = await DorothyAsync(app);
        var burglaryCase = await BurglaryCaseAsync(app);

        var amina = await app.SignInAsync(DemoUsers.ProviderWorker);
        var seen = await amina.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}");
        var shared = seen.GetProperty("shared").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["name", "address", "phone", "ageBand", "fireRiskScreen"], shared);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("personId").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("caseId").ValueKind);
        Assert.DoesNotContain(UkDob(dorothy.DateOfBirth!.Value), seen.GetRawText(), StringComparison.Ordinal);

        // The referral opens nothing else: the person, the case and the burglary stay with the police.
        var incident = await QueryAsync(app, d => d.Set<CommunitySafety.Features.Incidents.IncidentPerson>().Where(i => i.PersonId == dorothy.Id).Select(i => i.IncidentId).FirstAsync());
        foreach (var url in new[] { $"/people/{dorothy.Id}", $"/api/people/{dorothy.Id}", $"/cases/{burglaryCase.Id}", $"/api/cases/{burglaryCase.Id}",
                     $"/cases/{burglaryCase.Id}/referrals", $"/incidents/{incident}", $"/api/incidents/{incident}", $"/referrals/new?personId={dorothy.Id}" })
        {
            Assert.True((await amina.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }

        // Another provider: the same referral is not found, by page and API, and the refusal is audited.
        var grace = await app.SignInAsync(IdvaWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await grace.GetAsync($"/referrals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grace.GetAsync($"/api/referrals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grace.PostAsJsonAsync($"/api/referrals/{id}/accept", new { version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grace.GetAsync("/api/referrals/999999")).StatusCode);
        var graceList = await grace.GetStringAsync("/api/referrals");
        Assert.DoesNotContain("Dorothy", graceList, StringComparison.Ordinal);
        Assert.DoesNotContain("Safer Homes", graceList, StringComparison.Ordinal);
        var denied = await QueryAsync(app, d => d.AuditEvents.CountAsync(e => e.Action == ReferralService.DeniedAction && e.UserName == IdvaWorker && e.RecordId == id.ToString(CultureInfo.InvariantCulture)));
        Assert.True(denied >= 3, $"refusals audited: {denied}");

        // The provider's own list has it; a health officer with no part in it sees nothing.
        Assert.Contains("Dorothy Pearce", await amina.GetStringAsync("/api/referrals?view=provider"), StringComparison.Ordinal);
        var nina = await app.SignInAsync(DemoUsers.HealthCaseOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await nina.GetAsync($"/api/referrals/{id}")).StatusCode);
        // Roles without casework cannot reach referrals at all.
        var board = await app.SignInAsync(DemoUsers.BoardMember);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync($"/api/referrals/{id}")).StatusCode);
    }

    static string UkDob(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ReferrerCannotAcceptOwnReferral_AndStaleVersionIsAConflict()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var id = await ReferDorothyAsync(app, dan);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.PostAsJsonAsync($"/api/referrals/{id}/accept", new { version = 1 })).StatusCode);

        var amina = await app.SignInAsync(DemoUsers.ProviderWorker);
        Assert.Equal(HttpStatusCode.NoContent, (await amina.PostAsJsonAsync($"/api/referrals/{id}/accept", new { version = 1 })).StatusCode);
        // A second worker still holding version 1 tries to decline: conflict, nothing overwritten.
        var stale = await amina.PostAsJsonAsync($"/api/referrals/{id}/decline", new { version = 1, reason = "Out of area" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var now = await amina.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}");
        Assert.Equal("Accepted", now.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, now.GetProperty("declineReason").ValueKind);
        // And on the page: the stale close gets the conflict message.
        var page = $"/referrals/{id}";
        var token = await AppFactory.AntiforgeryTokenAsync(amina, page);
        var response = await amina.PostAsync($"{page}?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Work.Version"] = "1", ["Work.Outcome"] = "NoContact", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else changed this referral after you opened it", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Accepted", (await amina.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task DisclosureLog_ListsEachShareForThePerson_ForAdministratorsOnly_WithPurposeAudited()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var id = await ReferDorothyAsync(app, dan);
        var dorothy = await DorothyAsync(app);

        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var page = await admin.GetStringAsync($"/referrals/disclosures?personId={dorothy.Id}&purpose=SAR-2026-0113");
        Assert.Contains("Dorothy Pearce", page, StringComparison.Ordinal);
        Assert.Contains("Safer Homes Wyvernshire", page, StringComparison.Ordinal);
        Assert.Contains("Dan Okafor", page, StringComparison.Ordinal);
        Assert.Contains("Crime and Disorder Act 1998 s.115", page, StringComparison.Ordinal);
        Assert.Contains("Name, Current address, Phone number", page, StringComparison.Ordinal);
        var api = await admin.GetFromJsonAsync<JsonElement>($"/api/referrals/disclosures?personId={dorothy.Id}&purpose=SAR-2026-0113");
        var row = Assert.Single(api.EnumerateArray());
        Assert.Equal(id, row.GetProperty("referralId").GetInt32());
        Assert.Equal(2, await QueryAsync(app, d => d.AuditEvents.CountAsync(e => e.RecordType == "disclosure-log" && e.RecordId == dorothy.Id.ToString(CultureInfo.InvariantCulture) && e.Purpose == "SAR-2026-0113")));
        // The share itself is in the audit trail as a disclosure of the person.
        Assert.True(await QueryAsync(app, d => d.AuditEvents.AnyAsync(e => e.Action == AuditActions.Share && e.RecordType == "person" && e.RecordId == dorothy.Id.ToString(CultureInfo.InvariantCulture))));

        // No purpose: an error naming the field, and nothing shown.
        var noPurpose = await admin.GetStringAsync($"/referrals/disclosures?personId={dorothy.Id}&purpose=");
        Assert.Contains("Enter the purpose", noPurpose, StringComparison.Ordinal);
        Assert.DoesNotContain("Dan Okafor", noPurpose, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/referrals/disclosures?personId={dorothy.Id}")).StatusCode);

        foreach (var email in new[] { DemoUsers.PoliceCaseOfficer, DemoUsers.ProviderWorker, DemoUsers.Analyst })
        {
            var other = email == DemoUsers.PoliceCaseOfficer ? dan : await app.SignInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/referrals/disclosures?personId={dorothy.Id}&purpose=x")).StatusCode);
        }
    }

    [Fact]
    public async Task RefusedReferral_ForAPersonTheReferrerCannotSee_IsNotFound_AndDisclosesNothing()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dorothy = await DorothyAsync(app);
        var service = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        // Probation has no part in Dorothy's police case.
        var mark = await app.SignInAsync(DemoUsers.ProbationCaseOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await mark.PostAsJsonAsync("/api/referrals", HomeSafetyReferral(service, dorothy.Id, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mark.GetAsync($"/referrals/new?personId={dorothy.Id}")).StatusCode);
        Assert.Equal(0, await QueryAsync(app, d => d.Set<DisclosureRecord>().CountAsync(x => x.PersonId == dorothy.Id)));
        Assert.True(await QueryAsync(app, d => d.AuditEvents.AnyAsync(e => e.Action == ReferralService.DeniedAction && e.RecordType == "person" && e.RecordId == dorothy.Id.ToString(CultureInfo.InvariantCulture))));
    }
}

public sealed class ReferralAccessTestsOnSqlite(PostgresFixture pg) : ReferralAccessTests(Db.Sqlite, pg);

public sealed class ReferralAccessTestsOnPostgres(PostgresFixture pg) : ReferralAccessTests(Db.Postgres, pg);

/// <summary>The services catalogue: eligibility rules are data an administrator changes, and referrals follow them.</summary>
public abstract class ServiceCatalogueTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task AdministratorChangesEligibility_ReferralsAreCheckedAgainstTheNewRules_StaleEditIsAConflict()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var service = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/services/{service}");
        Assert.Contains("Aged 65 or over", before.GetProperty("eligibility").EnumerateArray().Select(e => e.GetString()));
        var version = await QueryAsync(app, d => d.Set<CommunitySafety.Features.Referrals.Catalogue.CommissionedService>().Where(s => s.Id == service).Select(s => s.Version).FirstAsync());
        object Update(int v, string age) => new
        {
            version = v, name = "Safer Homes home-safety service", description = "Home safety", monthlyCapacity = 40, firstContactWorkingDays = 5, deliveryWorkingDays = 15,
            isActive = true, deliverables = new[] { "DOOR-WINDOW-LOCKS", "HOME-FIRE-SAFETY-CHECK", "SMOKE-ALARM" },
            eligibility = new object[] { new { kind = "VictimOf", value = "CRIME-BURGLARY,CRIME-DISTRACTION-BURGLARY" }, new { kind = "MinimumAge", value = age } },
        };
        var bad = await admin.PutAsJsonAsync($"/api/services/{service}", Update(version, "old"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await ProblemAsync(bad)).GetProperty("errors").TryGetProperty("eligibility", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/services/{service}", Update(version, "80"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/services/{service}", Update(version, "70"))).StatusCode);

        // Dorothy is 78: now below the service's minimum age, so the referral needs the referrer's reason.
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var dorothy = await DorothyAsync(app);
        var refused = await dan.PostAsJsonAsync("/api/referrals", HomeSafetyReferral(service, dorothy.Id, null));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await ProblemAsync(refused)).GetProperty("errors").GetProperty("eligibilityOverrideReason")[0].GetString();
        Assert.Contains("The person is 78; the service is for people aged 80 or over.", message, StringComparison.Ordinal);
        // Only administrators change the catalogue; the page form shows the rules now held.
        var form = await admin.GetStringAsync($"/services/{service}/edit");
        Assert.Contains("value=\"80\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.GetAsync($"/services/{service}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dan.PutAsJsonAsync($"/api/services/{service}", Update(version + 1, "65"))).StatusCode);
    }
}

public sealed class ServiceCatalogueTestsOnSqlite(PostgresFixture pg) : ServiceCatalogueTests(Db.Sqlite, pg);

public sealed class ServiceCatalogueTestsOnPostgres(PostgresFixture pg) : ServiceCatalogueTests(Db.Postgres, pg);
