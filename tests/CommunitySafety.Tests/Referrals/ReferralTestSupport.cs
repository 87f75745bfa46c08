using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Referrals;

/// <summary>The demo's referral users and records, and a referral made through the API for tests to work on.</summary>
static class ReferralTestSupport
{
    public const string RecoveryWorker = "leon.price@recovery.wyvernshire.example";
    public const string IdvaWorker = "grace.obi@wdas.wyvernshire.example";

    public static Task<Person> DorothyAsync(AppFactory app) => PersonAsync(app, "Dorothy", "Pearce");

    public static Task<Case> BurglaryCaseAsync(AppFactory app) => CaseAsync(app, "Elm Grove: distraction burglary");

    public static Task<int> ServiceIdAsync(AppFactory app, string code) =>
        QueryAsync(app, db => db.Set<CommunitySafety.Features.Referrals.Catalogue.CommissionedService>().Where(s => s.Code == code).Select(s => s.Id).FirstAsync());

    public static object HomeSafetyReferral(int serviceId, int personId, int? caseId, params string[] fields) => new
    {
        serviceId,
        personId,
        caseId,
        reason = "Distraction burglary victim, lives alone: locks and a fire safety check, please.",
        consent = "Given",
        lawfulBasis = "ART6-1-E",
        sharingPower = "CDA1998-S115",
        specialCategoryCondition = "ART9-2-G-DPA-SCH1-18",
        sharedFields = fields.Length == 0 ? new[] { "Name", "Address", "Phone", "AgeBand", "FireRiskScreen" } : fields,
        fireRiskFactors = new[] { "LivingAlone", "NoWorkingSmokeAlarm" },
    };

    /// <summary>Dan (police) refers Dorothy from her case to Safer Homes through the API; returns the referral id.</summary>
    public static async Task<int> ReferDorothyAsync(AppFactory app, HttpClient dan)
    {
        var dorothy = await DorothyAsync(app);
        var c = await BurglaryCaseAsync(app);
        var service = await ServiceIdAsync(app, ReferralsDemoContributor.SaferHomesCode);
        var response = await dan.PostAsJsonAsync("/api/referrals", HomeSafetyReferral(service, dorothy.Id, c.Id));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    public static async Task<int> VersionAsync(HttpClient client, int referralId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}")).GetProperty("version").GetInt32();

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
