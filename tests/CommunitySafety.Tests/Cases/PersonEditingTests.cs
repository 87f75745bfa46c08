using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunitySafety.Auditing;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>
/// Changing a person's details on /people/{id}/edit and PUT /api/people/{id}: names and other names, date of birth,
/// contact details, address history and flags; need to know; audit with before and after; and REL-CONC-01 (a stale
/// save shows both versions and loses nothing). Margaret Ellison is on the Lark Rise case (district council lead,
/// police partner), so Ellie (council) and Dan (police) may see her and Kate (fire) may not.
/// </summary>
public abstract partial class PersonEditingTests(Db db, PostgresFixture pg)
{
    /// <summary>The edit form as the browser would post it right after opening it (every field with its current value).</summary>
    static async Task<Dictionary<string, string>> OpenFormAsync(HttpClient client, int personId) =>
        FormFields(await client.GetStringAsync($"/people/{personId}/edit"));

    /// <summary>The fields a browser would post from the page's forms: inputs (ticked boxes only) and the selected options.</summary>
    static Dictionary<string, string> FormFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match m in InputPattern().Matches(html))
        {
            var name = WebUtility.HtmlDecode(m.Groups["name"].Value);
            if (name == "__RequestVerificationToken" || (m.Groups["type"].Value is "checkbox" or "radio" && !m.Value.Contains(" checked", StringComparison.Ordinal)))
            {
                continue;
            }
            fields[name] = WebUtility.HtmlDecode(m.Groups["value"].Value);
        }
        foreach (Match m in SelectPattern().Matches(html))
        {
            fields[WebUtility.HtmlDecode(m.Groups["name"].Value)] = WebUtility.HtmlDecode(SelectedPattern().Match(m.Value).Groups[1].Value);
        }
        return fields;
    }

    [GeneratedRegex("<input(?=[^>]*\\bname=\"(?<name>[^\"]+)\")(?=[^>]*\\btype=\"(?<type>[^\"]+)\")(?:(?=[^>]*\\bvalue=\"(?<value>[^\"]*)\"))?[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("<select[^>]*\\bname=\"(?<name>[^\"]+)\"[^>]*>.*?</select>", RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("<option[^>]*value=\"([^\"]*)\"[^>]*selected")]
    private static partial Regex SelectedPattern();

    static void Date(Dictionary<string, string> f, string name, DateOnly? d)
    {
        f[name + ".Day"] = d?.Day.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        f[name + ".Month"] = d?.Month.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        f[name + ".Year"] = d?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    static Task<Person> LoadAsync(AppFactory app, int id) => QueryAsync(app, d => d.Set<Person>().AsNoTracking()
        .Include(p => p.Aliases).Include(p => p.Addresses).ThenInclude(a => a.Place).Include(p => p.Flags).AsSplitQuery().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task EditPerson_NamesOtherNameAddressAndFlags_SavedAndAuditedWithBeforeAndAfter()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var form = await OpenFormAsync(ellie, margaret.Id);
        var before = await LoadAsync(app, margaret.Id);
        var oldAddress = before.Addresses.Single();
        var vulnerable = before.Flags.Single(f => f.Type == PersonFlagTypes.Vulnerable);

        form["Input.MiddleNames"] = "Rose";
        form["Input.Phone"] = "01632 960 001";
        form["Input.Aliases[0].Forename"] = "Peggy";
        form["Input.Aliases[0].Surname"] = "Ellison";
        var oldRow = form.Single(f => f.Key.EndsWith(".Id", StringComparison.Ordinal) && f.Key.StartsWith("Input.Addresses", StringComparison.Ordinal) && f.Value == $"{oldAddress.Id}").Key[..^3];
        Date(form, oldRow + ".To", new DateOnly(2026, 10, 31));
        form["Input.Addresses[1].Line1"] = "2 Wren Court";
        form["Input.Addresses[1].Town"] = "Ashcombe";
        form["Input.Addresses[1].Postcode"] = "wy4 9wc";
        Date(form, "Input.Addresses[1].From", new DateOnly(2026, 11, 1));
        var vulnerableRow = form.Single(f => f.Key.StartsWith("Input.Flags", StringComparison.Ordinal) && f.Key.EndsWith(".Id", StringComparison.Ordinal) && f.Value == $"{vulnerable.Id}").Key[..^3];
        form[vulnerableRow + ".End"] = "true";
        var newFlag = $"Input.Flags[{form.Count(f => f.Key.StartsWith("Input.Flags", StringComparison.Ordinal) && f.Key.EndsWith(".Id", StringComparison.Ordinal))}]";
        form[newFlag + ".Type"] = PersonFlagTypes.InterpreterNeeded;
        form[newFlag + ".Reason"] = "Prefers Welsh";

        var response = await PostAsync(ellie, $"/people/{margaret.Id}/edit", form);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var after = await LoadAsync(app, margaret.Id);
        Assert.Equal("Margaret Rose Ellison", after.FullName);
        Assert.Equal("01632 960 001", after.Phone);
        Assert.Contains(after.Aliases, a => a.Forename == "Peggy" && a.Surname == "Ellison");
        Assert.Equal(new DateOnly(2026, 10, 31), after.Addresses.Single(a => a.Id == oldAddress.Id).ToDate);
        var moved = after.Addresses.Single(a => a.Id != oldAddress.Id);
        Assert.Equal(("2 Wren Court, Ashcombe, WY4 9WC", new DateOnly(2026, 11, 1), (DateOnly?)null), (moved.Place!.OneLine, moved.FromDate!.Value, moved.ToDate));
        Assert.False(after.Flags.Single(f => f.Id == vulnerable.Id).Active);
        Assert.Contains(after.Flags, f => f.Active && f.Type == PersonFlagTypes.InterpreterNeeded && f.Reason == "Prefers Welsh" && !f.Automatic);
        Assert.Equal(before.Version + 1, after.Version);

        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.Change && e.RecordType == "person" && e.RecordId == $"{margaret.Id}").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(DemoUsers.CouncilCaseOfficer, entry.UserName);
        foreach (var part in new[] { "name: Margaret Ellison → Margaret Rose Ellison", "phone: (none) → 01632 960 001", "other name added: Peggy Ellison",
            "to now → ", "address added: 2 Wren Court, Ashcombe, WY4 9WC (2026-11-01 to now)", "flag ended: Vulnerable", "flag set: InterpreterNeeded (Prefers Welsh)" })
        {
            Assert.Contains(part, entry.Details, StringComparison.Ordinal);
        }
        Assert.Contains("Margaret Rose Ellison", await ellie.GetStringAsync($"/people/{margaret.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditPerson_FutureDateOfBirth_ClearMessageOnPageAndApiAndNothingSaved()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var form = await OpenFormAsync(ellie, margaret.Id);
        Date(form, "Input.DateOfBirth", new DateOnly(2027, 1, 1));
        form["Input.Surname"] = "Ellison-Price";

        var page = await PostAsync(ellie, $"/people/{margaret.Id}/edit", form);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        var api = await ellie.PutAsJsonAsync($"/api/people/{margaret.Id}", new { version = margaret.Version, forename = "Margaret", surname = "Ellison", dateOfBirth = "2026-12-25" });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_DateOfBirth_Day\"", html, StringComparison.Ordinal);
        Assert.Contains("Date of birth must be in the past", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Ellison-Price\"", html, StringComparison.Ordinal); // what was typed is kept
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("Date of birth must be in the past", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("dateOfBirth")[0].GetString());
        var after = await LoadAsync(app, margaret.Id);
        Assert.Equal(("Ellison", margaret.DateOfBirth, margaret.Version), (after.Surname, after.DateOfBirth, after.Version));
    }

    [Fact]
    public async Task EditPerson_TwoEditsFromSameVersion_SecondSeesBothVersionsKeepsItsChangesAndSavesOnRetry()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var ellieForm = await OpenFormAsync(ellie, margaret.Id);
        var danForm = await OpenFormAsync(dan, margaret.Id);

        ellieForm["Input.Phone"] = "01632 960 111";
        ellieForm["Input.Aliases[0].Forename"] = "Meg";
        ellieForm["Input.Aliases[0].Surname"] = "Ellison";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ellie, $"/people/{margaret.Id}/edit", ellieForm)).StatusCode);

        danForm["Input.Email"] = "m.ellison@example.org";
        danForm["Input.Aliases[0].Forename"] = "Maggie";
        danForm["Input.Aliases[0].Surname"] = "Ellison";
        var conflict = await PostAsync(dan, $"/people/{margaret.Id}/edit", danForm);
        var html = WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("Someone else changed this person's details while you were editing them", html, StringComparison.Ordinal);
        Assert.Contains("Your version (not saved)", html, StringComparison.Ordinal);
        Assert.Contains("Current version (saved by someone else)", html, StringComparison.Ordinal);
        Assert.Contains("m.ellison@example.org", html, StringComparison.Ordinal);
        Assert.Contains("01632 960 111", html, StringComparison.Ordinal);
        var saved = await LoadAsync(app, margaret.Id);
        Assert.Null(saved.Email);
        Assert.DoesNotContain(saved.Aliases, a => a.Forename == "Maggie");
        Assert.Contains($"name=\"Version\" value=\"{saved.Version}\"", html, StringComparison.Ordinal);

        // Dan's form now holds his changes over the current record (Ellie's phone number and other name are in it), so saving again loses neither.
        var retry = FormFields(html);
        Assert.Contains(retry, f => f.Key.StartsWith("Input.Aliases", StringComparison.Ordinal) && f.Value == "Meg");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(dan, $"/people/{margaret.Id}/edit", retry)).StatusCode);
        var final = await LoadAsync(app, margaret.Id);
        Assert.Equal("m.ellison@example.org", final.Email);
        Assert.Equal("01632 960 111", final.Phone);
        Assert.Contains(final.Aliases, a => a.Forename == "Meg");
        Assert.Contains(final.Aliases, a => a.Forename == "Maggie");
    }

    [Fact]
    public async Task PutPerson_StaleVersion_409WithCurrentAndOnlyOneWriteWins()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var ellie = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var dan = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var current = await ellie.GetFromJsonAsync<JsonElement>($"/api/people/{margaret.Id}", TestContext.Current.CancellationToken);
        var version = current.GetProperty("version").GetInt32();

        var a = await ellie.PutAsJsonAsync($"/api/people/{margaret.Id}", new
        {
            version, forename = "Margaret", surname = "Ellison", dateOfBirth = "1948-03-12", gender = "Female",
            addresses = new[] { new { line1 = "2 Wren Court", postcode = "WY4 9WC", from = "2026-11-01" } },
        });
        var b = await dan.PutAsJsonAsync($"/api/people/{margaret.Id}", new { version, forename = "Margaret", surname = "Ellison", dateOfBirth = "1948-03-12", gender = "Woman" });

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, b.StatusCode);
        var body = (await b.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current");
        Assert.Equal(version + 1, body.GetProperty("version").GetInt32());
        Assert.Equal("Female", body.GetProperty("gender").GetString());
        Assert.Contains(body.GetProperty("addresses").EnumerateArray(), x => x.GetProperty("line1").GetString() == "2 Wren Court");
        var saved = await LoadAsync(app, margaret.Id);
        Assert.Equal(("Female", version + 1, 2), (saved.Gender, saved.Version, saved.Addresses.Count));
    }

    [Fact]
    public async Task EditPerson_OutsideNeedToKnow_IsNotFoundOnPageAndApi()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var margaret = await PersonAsync(app, "Margaret", "Ellison");
        var kate = await app.SignInAsync(DemoUsers.FireCaseOfficer);

        var page = await kate.GetAsync($"/people/{margaret.Id}/edit");
        var post = await PostAsync(kate, $"/people/{margaret.Id}/edit", new() { ["Version"] = $"{margaret.Version}", ["Input.Forename"] = "Hijacked", ["Input.Surname"] = "Ellison" });
        var put = await kate.PutAsJsonAsync($"/api/people/{margaret.Id}", new { version = margaret.Version, forename = "Hijacked", surname = "Ellison" });

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal("Margaret", (await LoadAsync(app, margaret.Id)).Forename);
        // Nothing about Margaret was viewed or changed; the three refusals are audited as refusals (authz.denied).
        var entries = await QueryAsync(app, d => d.AuditEvents.Where(e => e.RecordType == "person" && e.RecordId == $"{margaret.Id}" && e.UserName == DemoUsers.FireCaseOfficer).ToListAsync());
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(CommunitySafety.Security.AccessRefusals.Action, e.Action));
    }
}

public sealed class PersonEditingTestsOnSqlite(PostgresFixture pg) : PersonEditingTests(Db.Sqlite, pg);

public sealed class PersonEditingTestsOnPostgres(PostgresFixture pg) : PersonEditingTests(Db.Postgres, pg);
