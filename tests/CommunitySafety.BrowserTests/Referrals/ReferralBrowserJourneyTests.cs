// Browser journey for referrals to commissioned services (Microsoft.Playwright, xunit.v3) on the one browser fixture.
using System.Globalization;
using System.Text.RegularExpressions;
using CommunitySafety.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommunitySafety.BrowserTests.Referrals;

/// <summary>
/// The judged referral journey, clicked through as its users would: the police case officer refers Dorothy Pearce
/// (78, a distraction-burglary victim in the demo) from her case to the Safer Homes service with consent and a minimal
/// set of details; the Safer Homes worker finds it on her list, sees only those details, accepts it, records a visit
/// with locks fitted and a fire check done, and closes it; the officer sees the outcome; and the proceeds-of-crime
/// funding report counts one more visit for Safer Homes, with its spend and cost per visit.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ReferralBrowserJourneyTests(BrowserFixture fixture) : IAsyncDisposable
{
    const string ProviderWorker = "amina.begum@saferhomes.wyvernshire.example";
    const string Service = "Safer Homes home-safety service";
    const string FundingLine = "Proceeds of crime (ARIS) community fund";

    readonly List<IBrowserContext> _contexts = [];

    static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));

    async Task<IPage> SignInAsync(string email)
    {
        var context = await fixture.NewContextAsync();
        _contexts.Add(context);
        var page = await fixture.SignInAsync(context, email);
        await Expect(page.GetByText("Welcome,")).ToBeVisibleAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task PoliceOfficerRefersDorothy_SaferHomesVisitsAndCloses_OfficerSeesOutcome_FundingReportCountsTheVisit()
    {
        // The analyst's report before: how many Safer Homes visits the proceeds-of-crime line has paid for so far.
        var analyst = await SignInAsync(DemoUsers.Analyst);
        var visitsBefore = await SaferHomesVisitsAsync(analyst);

        // 1. The officer finds the case on his work list and refers from it.
        var police = await SignInAsync(DemoUsers.CaseOfficer);
        await police.GotoAsync("/cases");
        await police.Locator("tbody tr", new() { HasText = "Elm Grove: distraction burglary of an older resident" }).First.GetByRole(AriaRole.Link).ClickAsync();
        var caseUrl = police.Url;
        await police.GetByRole(AriaRole.Button, new() { Name = "Referrals to services" }).ClickAsync();
        await police.GetByRole(AriaRole.Button, new() { Name = "Refer someone in this case to a service" }).ClickAsync();
        if (await police.GetByRole(AriaRole.Group, new() { Name = "Who are you referring?" }).CountAsync() > 0)
        {
            await police.GetByLabel("Dorothy Pearce").CheckAsync();
            await police.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }
        await Expect(police.GetByRole(AriaRole.Heading, new() { Name = "Dorothy Pearce" })).ToBeVisibleAsync();
        await Expect(police.Locator(".govuk-summary-list")).ToContainTextAsync("78 (");

        await police.GetByLabel(Service).CheckAsync();
        await police.GetByLabel("Reason for the referral").FillAsync("Distraction burglary last week; lives alone and is frightened to open the door.");
        await police.GetByLabel("Consent given").CheckAsync();
        await police.GetByLabel("UK GDPR Art. 6(1)(e): public task").CheckAsync();
        await police.GetByLabel("Crime and Disorder Act 1998 s.115", new() { Exact = false }).CheckAsync();
        var shared = police.GetByRole(AriaRole.Group, new() { Name = "Details to share with the service" });
        foreach (var field in new[] { "Name", "Current address", "Phone number", "Age band (instead of the date of birth)", "Fire-risk screen and priority" })
        {
            // Some labels carry a hint after the name ("Age band (...) (For example, 75 to 84)"); "Name" must not match "Phone number".
            await shared.GetByLabel(field, new() { Exact = field == "Name" }).CheckAsync();
        }
        await police.GetByLabel("Condition for health or offence information (UK GDPR Art. 9 or 10)")
            .SelectOptionAsync(new SelectOptionValue { Value = "ART9-2-G-DPA-SCH1-18" });
        var fire = police.GetByRole(AriaRole.Group, new() { Name = "Fire-risk screen (home-safety services only)" });
        await fire.GetByLabel("Lives alone").CheckAsync();
        await fire.GetByLabel("No working smoke alarm").CheckAsync();
        await fire.GetByLabel("Limited mobility").CheckAsync();
        await police.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        await police.WaitForURLAsync(new Regex("/referrals/\\d+$"));
        var referralPath = new Uri(police.Url).AbsolutePath;
        await Expect(police.GetByRole(AriaRole.Heading, new() { Name = Service, Exact = true })).ToBeVisibleAsync();

        // 2. The provider worker finds it on her list; the page shows only what was shared: no date of birth, no case.
        var provider = await SignInAsync(ProviderWorker);
        await provider.GotoAsync("/referrals");
        await provider.Locator($"a[href='{referralPath}']").ClickAsync();
        var sharedList = provider.Locator(".govuk-summary-list").First;
        await Expect(sharedList).ToContainTextAsync("Dorothy Pearce");
        await Expect(sharedList).ToContainTextAsync("9 Elm Grove, Ashcombe, WY4 3EG");
        await Expect(sharedList).ToContainTextAsync("75 to 84");
        await Expect(provider.GetByText("High priority", new() { Exact = false }).First).ToBeVisibleAsync();
        // Her date of birth as the demo makes it (78 years, 5 months and 11 days before the day it was seeded).
        var dateOfBirth = Today.AddYears(-78).AddMonths(-5).AddDays(-11).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        await Expect(provider.Locator("main")).Not.ToContainTextAsync(dateOfBirth);
        await Expect(provider.Locator("main a[href^='/cases/']")).ToHaveCountAsync(0);
        await Expect(provider.Locator("main a[href^='/people/']")).ToHaveCountAsync(0);

        await provider.GetByRole(AriaRole.Button, new() { Name = "Accept referral" }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner--success")).ToBeVisibleAsync();

        await FillDateAsync(provider, "Date of the visit", Today);
        var delivered = provider.GetByRole(AriaRole.Group, new() { Name = "What was delivered" });
        await delivered.GetByLabel("Door and window locks fitted").CheckAsync();
        await delivered.GetByLabel("Home fire safety check or Safe and Well visit").CheckAsync();
        await delivered.GetByLabel("Smoke alarm fitted").CheckAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Record visit" }).ClickAsync();
        await Expect(provider.GetByText("Door and window locks fitted, Home fire safety check or Safe and Well visit, Smoke alarm fitted")).ToBeVisibleAsync();

        await provider.GetByLabel("Service delivered").CheckAsync();
        await provider.GetByLabel("Outcome notes (optional)").FillAsync("Locks fitted, smoke alarm fitted and tested.");
        await provider.GetByRole(AriaRole.Button, new() { Name = "Close referral" }).ClickAsync();
        await Expect(provider.Locator("strong.govuk-tag", new() { HasText = "Service delivered" })).ToHaveCountAsync(1);

        // 3. The officer sees the outcome from the case's referrals.
        await police.GotoAsync(caseUrl);
        await police.GetByRole(AriaRole.Button, new() { Name = "Referrals to services" }).ClickAsync();
        await police.Locator($"a[href='{referralPath}']").ClickAsync();
        await Expect(police.Locator("strong.govuk-tag", new() { HasText = "Service delivered" })).ToHaveCountAsync(1);
        await Expect(police.GetByText("Locks fitted, smoke alarm fitted and tested.", new() { Exact = false })).ToBeVisibleAsync();

        // 4. The funding report: one more Safer Homes visit on the proceeds-of-crime line, with spend and cost per visit.
        var visitsAfter = await SaferHomesVisitsAsync(analyst);
        Assert.Equal(visitsBefore + 1, visitsAfter);
        var summary = analyst.Locator(".govuk-summary-list");
        await Expect(summary.Locator(".govuk-summary-list__row", new() { HasText = "Spent" }).First).ToContainTextAsync("£");
        await Expect(summary.Locator(".govuk-summary-list__row", new() { HasText = "Cost per visit" }).First).ToContainTextAsync("£");
        await Expect(analyst.Locator("tbody tr", new() { HasText = Service }).First.Locator("td").Last).ToContainTextAsync("£");
    }

    /// <summary>Opens this financial year's report of the proceeds-of-crime line from the funding page and reads Safer Homes' visits.</summary>
    static async Task<int> SaferHomesVisitsAsync(IPage page)
    {
        var year = Today.Month >= 4 ? Today.Year : Today.Year - 1;
        var label = $"{year}/{(year + 1) % 100:D2}";
        await page.GotoAsync("/funding");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Report for {FundingLine} {label}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = FundingLine, Exact = true })).ToBeVisibleAsync();
        // Columns: allocated, spent, referrals, visits, cost per referral, cost per visit. Visits read "N (share)".
        var visits = await page.Locator("tbody tr", new() { HasText = Service }).First.Locator("td").Nth(3).InnerTextAsync();
        return int.Parse(visits.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    static async Task FillDateAsync(IPage page, string legend, DateOnly date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
