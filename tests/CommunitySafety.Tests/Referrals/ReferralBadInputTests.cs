using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Funding;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;
using static CommunitySafety.Tests.Referrals.ReferralTestSupport;

namespace CommunitySafety.Tests.Referrals;

/// <summary>Bad input on the referral and funding API: problem details naming the field, and nothing saved.</summary>
public abstract class ReferralBadInputTests(Db db, PostgresFixture pg)
{
    static async Task<string[]> ErrorsFor(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }

    static Dictionary<string, object?> Body(int service, int person, int? caseId)
    {
        var json = JsonSerializer.Serialize(HomeSafetyReferral(service, person, caseId));
        return JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;
    }

    [Fact]
    public async Task Referral_WithoutConsentDecision_LawfulBasisOrJustification_OrToAnUnknownService_IsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dorothy = await DorothyAsync(app);
        var c = await BurglaryCaseAsync(app);
        var service = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var noConsent = Body(service, dorothy.Id, c.Id);
        noConsent.Remove("consent");
        Assert.Contains("Select whether consent was given, refused or not sought", await ErrorsFor(await dan.PostAsJsonAsync("/api/referrals", noConsent), "consent"));

        var notSought = Body(service, dorothy.Id, c.Id);
        notSought["consent"] = "NotSought";
        Assert.Contains("Explain why consent was not sought", (await ErrorsFor(await dan.PostAsJsonAsync("/api/referrals", notSought), "consentJustification"))[0], StringComparison.Ordinal);

        var noBasis = Body(service, dorothy.Id, c.Id);
        noBasis.Remove("lawfulBasis");
        noBasis.Remove("sharingPower");
        var response = await dan.PostAsJsonAsync("/api/referrals", noBasis);
        Assert.NotEmpty(await ErrorsFor(response, "lawfulBasis"));

        var consentBasisWithoutConsent = Body(service, dorothy.Id, c.Id);
        consentBasisWithoutConsent["consent"] = "Refused";
        consentBasisWithoutConsent["consentJustification"] = "Risk is significant";
        consentBasisWithoutConsent["lawfulBasis"] = "ART6-1-A";
        Assert.Contains("consent was not given", (await ErrorsFor(await dan.PostAsJsonAsync("/api/referrals", consentBasisWithoutConsent), "lawfulBasis"))[0], StringComparison.Ordinal);

        var sensitiveWithoutCondition = Body(service, dorothy.Id, c.Id);
        sensitiveWithoutCondition.Remove("specialCategoryCondition");
        Assert.NotEmpty(await ErrorsFor(await dan.PostAsJsonAsync("/api/referrals", sensitiveWithoutCondition), "specialCategoryCondition"));

        var noFields = Body(service, dorothy.Id, c.Id);
        noFields["sharedFields"] = Array.Empty<string>();
        Assert.NotEmpty(await ErrorsFor(await dan.PostAsJsonAsync("/api/referrals", noFields), "sharedFields"));

        var unknownService = Body(999_999, dorothy.Id, c.Id);
        Assert.Contains("no active service with that number", (await ErrorsFor(await dan.PostAsJsonAsync("/api/referrals", unknownService), "serviceId"))[0], StringComparison.Ordinal);

        Assert.Equal(0, await QueryAsync(app, d => d.Set<Referral>().CountAsync(r => r.PersonId == dorothy.Id)));
        Assert.Equal(0, await QueryAsync(app, d => d.Set<CommunitySafety.Features.Referrals.Disclosures.DisclosureRecord>().CountAsync(r => r.PersonId == dorothy.Id)));
    }

    [Fact]
    public async Task Visit_DatedBeforeTheReferralOrInTheFuture_AndUnknownDeliverable_AreRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var id = await ReferDorothyAsync(app, dan);
        var amina = await app.SignInAsync(DemoUsers.ProviderWorker);
        // Recording work before accepting is refused too.
        Assert.NotEmpty(await ErrorsFor(await amina.PostAsJsonAsync($"/api/referrals/{id}/visits", new { version = 1, date = "2026-11-23", delivered = new[] { "DOOR-CHAIN" } }), "status"));
        Assert.Equal(HttpStatusCode.NoContent, (await amina.PostAsJsonAsync($"/api/referrals/{id}/accept", new { version = 1 })).StatusCode);

        var before = await ErrorsFor(await amina.PostAsJsonAsync($"/api/referrals/{id}/visits", new { version = 2, date = "2026-11-20", delivered = new[] { "DOOR-CHAIN" } }), "visitDate");
        Assert.Equal("The visit date must be on or after the referral date, 23 November 2026", before[0]);
        var future = await ErrorsFor(await amina.PostAsJsonAsync($"/api/referrals/{id}/visits", new { version = 2, date = "2026-11-24", delivered = new[] { "DOOR-CHAIN" } }), "visitDate");
        Assert.Equal("The visit date must be today or in the past", future[0]);
        Assert.NotEmpty(await ErrorsFor(await amina.PostAsJsonAsync($"/api/referrals/{id}/visits", new { version = 2, date = "2026-11-23", delivered = new[] { "IDVA-SUPPORT" } }), "delivered"));
        Assert.NotEmpty(await ErrorsFor(await amina.PostAsJsonAsync($"/api/referrals/{id}/contacts", new { version = 2, date = "2026-12-01", method = "Phone", reached = true }), "contactDate"));
        Assert.NotEmpty(await ErrorsFor(await amina.PostAsJsonAsync($"/api/referrals/{id}/close", new { version = 2, outcome = "Delivered" }), "outcome"));
        Assert.NotEmpty(await ErrorsFor(await amina.PostAsJsonAsync($"/api/referrals/{id}/decline", new { version = 2, reason = "" }), "declineReason"));
        var r = await QueryAsync(app, d => d.Set<Referral>().Include(x => x.Visits).Include(x => x.Contacts).SingleAsync(x => x.Id == id));
        Assert.Equal((ReferralStatus.Accepted, 0, 0, 2), (r.Status, r.Visits.Count, r.Contacts.Count, r.Version));

        // The same visit dated on the day is recorded.
        Assert.Equal(HttpStatusCode.NoContent, (await amina.PostAsJsonAsync($"/api/referrals/{id}/visits", new { version = 2, date = "2026-11-23", delivered = new[] { "DOOR-CHAIN" } })).StatusCode);
    }

    [Fact]
    public async Task Spend_BeyondTheAllocation_IsRefused_SayingWhatIsLeft_AndSpendInTheFutureToo()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var service = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        var poca = await QueryAsync(app, d => d.Set<FundingLine>().Where(l => l.Stream == FundingStream.ProceedsOfCrime).Select(l => l.Id).FirstAsync());
        var spentBefore = await QueryAsync(app, d => d.Set<FundingSpend>().SumAsync(s => s.AmountPence));

        // Safer Homes has £40,000 from this line in 2026/27, of which the demo spent £12,450: £27,550 left.
        var over = await ErrorsFor(await admin.PostAsJsonAsync($"/api/funding/lines/{poca}/spend", new { serviceId = service, date = "2026-11-20", amount = 27_550.01m, description = "Fittings" }), "amount");
        Assert.StartsWith("Refused:", over[0], StringComparison.Ordinal);
        Assert.Contains("£27,550.00 left", over[0], StringComparison.Ordinal);
        Assert.NotEmpty(await ErrorsFor(await admin.PostAsJsonAsync($"/api/funding/lines/{poca}/spend", new { serviceId = service, date = "2026-11-24", amount = 10m, description = "Fittings" }), "spentOn"));
        Assert.NotEmpty(await ErrorsFor(await admin.PostAsJsonAsync($"/api/funding/lines/{poca}/spend", new { serviceId = service, date = "2026-11-20", amount = 0m, description = "Fittings" }), "amount"));
        Assert.Equal(spentBefore, await QueryAsync(app, d => d.Set<FundingSpend>().SumAsync(s => s.AmountPence)));

        // Exactly what is left is accepted; then nothing more is.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/funding/lines/{poca}/spend", new { serviceId = service, date = "2026-11-20", amount = 27_550.00m, description = "Fittings" })).StatusCode);
        Assert.Contains("£0.00 left", (await ErrorsFor(await admin.PostAsJsonAsync($"/api/funding/lines/{poca}/spend", new { serviceId = service, date = "2026-11-20", amount = 0.01m, description = "More" }), "amount"))[0], StringComparison.Ordinal);

        // On the page the refusal names the field and keeps the input; only administrators may record spend.
        var page = $"/funding/{poca}/2026";
        var token = await AppFactory.AntiforgeryTokenAsync(admin, page);
        var response = await admin.PostAsync($"{page}?handler=Spend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Spend.ServiceId"] = service.ToString(CultureInfo.InvariantCulture), ["Spend.SpentOn.Day"] = "20", ["Spend.SpentOn.Month"] = "11", ["Spend.SpentOn.Year"] = "2026",
            ["Spend.Amount"] = "500", ["Spend.Description"] = "Typed description kept", ["__RequestVerificationToken"] = token,
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#Spend_Amount\"", html, StringComparison.Ordinal);
        Assert.Contains("Typed description kept", html, StringComparison.Ordinal);
        var analyst = await app.SignInAsync(DemoUsers.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync($"/api/funding/lines/{poca}/spend", new { serviceId = service, date = "2026-11-20", amount = 1m, description = "x" })).StatusCode);
    }

    [Fact]
    public async Task Allocation_BeyondTheLinesYear_IsRefused_AndWithinItIsSaved()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var idva = await ServiceIdAsync(app, ReferralsDemoContributor.IdvaCode);
        var saferHomes = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        var poca = await QueryAsync(app, d => d.Set<FundingLine>().Where(l => l.Stream == FundingStream.ProceedsOfCrime).Select(l => l.Id).FirstAsync());

        // £60,000 in 2026/27, £40,000 already to Safer Homes: at most £20,000 for the IDVA service.
        var over = await ErrorsFor(await admin.PutAsJsonAsync($"/api/funding/lines/{poca}/allocations", new { serviceId = idva, year = 2026, amount = 20_000.01m }), "amount");
        Assert.Contains("at most £20,000.00", over[0], StringComparison.Ordinal);
        Assert.NotEmpty(await ErrorsFor(await admin.PutAsJsonAsync($"/api/funding/lines/{poca}/allocations", new { serviceId = idva, year = 2031, amount = 1m }), "year"));
        Assert.NotEmpty(await ErrorsFor(await admin.PutAsJsonAsync($"/api/funding/lines/{poca}/allocations", new { serviceId = 999_999, year = 2026, amount = 1m }), "serviceId"));
        // Below what Safer Homes has already spent (£12,450): refused.
        Assert.Contains("already been spent", (await ErrorsFor(await admin.PutAsJsonAsync($"/api/funding/lines/{poca}/allocations", new { serviceId = saferHomes, year = 2026, amount = 12_000m }), "amount"))[0], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/funding/lines/{poca}/allocations", new { serviceId = idva, year = 2026, amount = 20_000m })).StatusCode);
        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/funding/lines/{poca}/report?year=2026");
        Assert.Equal(60_000_00, report.GetProperty("allocatedPence").GetInt64());
        var manager = await app.SignInAsync(DemoUsers.PoliceManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync($"/api/funding/lines/{poca}/allocations", new { serviceId = idva, year = 2026, amount = 1m })).StatusCode);
    }
}

public sealed class ReferralBadInputTestsOnSqlite(PostgresFixture pg) : ReferralBadInputTests(Db.Sqlite, pg);

public sealed class ReferralBadInputTestsOnPostgres(PostgresFixture pg) : ReferralBadInputTests(Db.Postgres, pg);
