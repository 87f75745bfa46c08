// Browser journey for issue 14 (Microsoft.Playwright, xunit.v3) on the one browser fixture.
using System.Globalization;
using CommunitySafety.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommunitySafety.BrowserTests.Asb;

/// <summary>
/// A police officer records an ASB incident naming the perpetrator, then opens a case by searching for the victim and
/// choosing her from the results; the perpetrator is on the case and can have a power recorded against them.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class CaseOpeningJourneyTests(BrowserFixture fixture) : IAsyncDisposable
{
    IBrowserContext? _context;

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));

    [Fact]
    public async Task OpenCaseFromSearchResult_WithPerpetratorAddedWhileRecordingTheIncident()
    {
        _context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(_context, DemoUsers.CaseOfficer);
        await Expect(page.GetByText("Welcome,")).ToBeVisibleAsync();
        // Letters only, unique per run: names are matched on letters.
        var victimSurname = "Fairweather" + Letters();
        var perpetratorSurname = "Blackthorn" + Letters();

        // 1. The incident, with the perpetrator the victim named.
        await page.GotoAsync("/asb/incidents/new");
        await page.GetByLabel("ASB: personal (targets a person or group)").CheckAsync();
        await FillDateAsync(page, "Date of the behaviour", Today.AddDays(-3));
        await FillDateAsync(page, "Date reported to your agency", Today.AddDays(-2));
        await page.GetByLabel("What happened").FillAsync("Threats shouted through the letterbox.");
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync("Maud");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync(victimSurname);
        await page.GetByLabel("Perpetrator's first name").FillAsync("Carl");
        await page.GetByLabel("Perpetrator's last name").FillAsync(perpetratorSurname);
        await FillDateAsync(page, "Perpetrator's date of birth (optional)", new DateOnly(1998, 2, 14));
        await page.GetByLabel("Address or location: first line").FillAsync("4 Letterbox Lane");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record incident" }).ClickAsync();
        await Expect(page.Locator("#asb-incident-recorded")).ToContainTextAsync("ASB incident recorded");

        // 2. Open the case from a search result: no record number typed.
        await page.GotoAsync("/asb/cases/new");
        await page.GetByLabel("Case title").FillAsync("Threats to Maud " + victimSurname);
        await page.GetByLabel("Victim's name").FillAsync("Maud " + victimSurname);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Maud " + victimSurname + " \\(person \\d+\\)$")).CheckAsync();
        await Expect(page.GetByLabel("Case title")).ToHaveValueAsync("Threats to Maud " + victimSurname);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open case" }).ClickAsync();
        await Expect(page.GetByText("opened.")).ToBeVisibleAsync();

        // 3. The perpetrator came with the incident, and a power can be recorded against them.
        await Expect(page.Locator("#case-perpetrators")).ToContainTextAsync("Carl " + perpetratorSurname);
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a power" }).ClickAsync();
        await page.GetByLabel("Power used").SelectOptionAsync(new SelectOptionValue { Label = "Community protection warning (CPW)" });
        await page.GetByLabel("A person on the case").CheckAsync();
        await page.GetByLabel("Person (if against a person)").SelectOptionAsync(new SelectOptionValue { Label = $"Carl {perpetratorSurname} (perpetrator)" });
        await FillDateAsync(page, "Date issued or made", Today);
        await page.GetByLabel("Authorised by (name and rank or role)").FillAsync("PC Dan Okafor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record power" }).ClickAsync();
        await Expect(page.GetByText("Community protection warning (CPW) recorded")).ToBeVisibleAsync();
        // Issued with a date only: shown as a date, with no time nobody entered.
        var issued = UkDate(Today);
        await Expect(page.Locator("td", new() { HasText = issued })).ToHaveTextAsync(issued);
    }

    static string Letters() => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsDigit).Take(6).Select(c => (char)('a' + (c - '0'))));

    static string UkDate(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    static async Task FillDateAsync(IPage page, string legend, DateOnly date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
