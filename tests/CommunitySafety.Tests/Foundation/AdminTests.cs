using System.Net;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Tests.Foundation.Support;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

public abstract class AdminTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task AddAgency_ThroughTheForm_IsListed()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var saved = await Forms.SubmitAsync(admin, "/admin/agencies/edit", f => f
            .With("Input.Name", "Wyvernshire Youth Offending Team")
            .With("Input.Type", nameof(AgencyType.LocalAuthority))
            .With("Input.IsActive", "true"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/admin/agencies", saved.Headers.Location?.OriginalString);
        var list = await admin.GetStringAsync("/admin/agencies");
        Assert.Contains("Wyvernshire Youth Offending Team", list, StringComparison.Ordinal);
        Assert.Contains("Wyvernshire Youth Offending Team saved.", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAgency_WithoutNameOrType_ShowsErrorsForBoth()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var response = await Forms.SubmitAsync(admin, "/admin/agencies/edit", f => f.With("Input.Name", "").With("Input.Type"));
        var summary = Forms.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("#Input_Name", summary);
        Assert.Contains(summary, h => h!.StartsWith("#Input_Type", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditAgency_UntickActive_SavesItAsInactive()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        int id;
        using (var scope = app.Services.CreateScope())
        {
            id = await app.CreateDbContext(scope).Set<Agency>().Where(a => a.Name == "Wyvern Recovery Partnership").Select(a => a.Id).SingleAsync();
        }

        var saved = await Forms.SubmitAsync(admin, $"/admin/agencies/edit?id={id}", f => f.With("Input.IsActive"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            Assert.False((await app.CreateDbContext(scope).Set<Agency>().SingleAsync(a => a.Id == id)).IsActive);
        }
        var form = Forms.Fields(Forms.MainForm(await Forms.GetDocumentAsync(admin, $"/admin/agencies/edit?id={id}")));
        Assert.DoesNotContain(form, f => f.Key == "Input.IsActive");
        var fresh = Forms.Fields(Forms.MainForm(await Forms.GetDocumentAsync(admin, "/admin/agencies/edit")));
        Assert.Contains(fresh, f => f.Key == "Input.IsActive" && f.Value == "true");
    }

    [Fact]
    [Trait("Requirement", "SEC-SESS-03")]
    public async Task EditAgency_MadeInactive_EndsItsUsersSessionsAndStopsThemSigningIn()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var probation = await app.SignInAsync(DemoUsers.ProbationCaseOfficer);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        int id;
        using (var scope = app.Services.CreateScope())
        {
            id = await app.CreateDbContext(scope).Set<Agency>().Where(a => a.Name == "Wyvernshire Probation Delivery Unit").Select(a => a.Id).SingleAsync();
        }

        var saved = await Forms.SubmitAsync(admin, $"/admin/agencies/edit?id={id}", f => f.With("Input.IsActive"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var next = await probation.GetAsync("/account");
        Assert.True(Sessions.IsSentToSignIn(next), $"{(int)next.StatusCode} {next.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync("/account")).StatusCode);
        var again = await AppFactory.PostFormAsync(app.NewClient(), "/account/sign-in",
            new() { ["Input.Email"] = DemoUsers.ProbationCaseOfficer, ["Input.Password"] = AppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(SignInModel.FailureMessage, Forms.ErrorSummary(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUser_WithRolesThroughTheForm_CanSignInAndHasThoseRoles()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        const string email = "sam.patel@police.wyvernshire.example";
        const string password = "pebble garden thunder violin";

        var saved = await SignInTests.AddUserAsync(admin, email, password, Roles.CaseOfficer, Roles.AgencyManager);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains(email, await admin.GetStringAsync("/admin/users"), StringComparison.Ordinal);
        var user = await app.SignInAsync(email, password);
        var me = await user.GetStringAsync("/api/me");
        Assert.Contains("CaseOfficer", me, StringComparison.Ordinal);
        Assert.Contains("AgencyManager", me, StringComparison.Ordinal);
        Assert.DoesNotContain("Administrator", me, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUser_DuplicateEmail_IsRefusedWithAMessage()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var response = await SignInTests.AddUserAsync(admin, DemoUsers.Analyst, "pebble garden thunder violin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A user with this email address already exists", Forms.ErrorSummary(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAgency_StaleForm_ShowsConflictAndKeepsTheOtherChange()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        int id;
        using (var scope = app.Services.CreateScope())
        {
            id = await app.CreateDbContext(scope).Set<Agency>().Where(a => a.Name == "Wyvernshire Fire and Rescue Service").Select(a => a.Id).SingleAsync();
        }
        var url = $"/admin/agencies/edit?id={id}";
        // Two administrators open the same agency.
        var first = Forms.Fields(Forms.MainForm(await Forms.GetDocumentAsync(admin, url)));
        var second = Forms.Fields(Forms.MainForm(await Forms.GetDocumentAsync(admin, url)));

        var firstSave = await Forms.PostAsync(admin, url, first.With("Input.Name", "Wyvernshire Fire and Rescue"));
        var secondSave = await Forms.PostAsync(admin, url, second.With("Input.Name", "Wyvernshire FRS"));

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondSave.StatusCode);
        var summary = Forms.ErrorSummary(await secondSave.Content.ReadAsStringAsync());
        Assert.Contains("Someone else changed this agency", summary, StringComparison.Ordinal);
        Assert.Contains("Wyvernshire Fire and Rescue (", summary, StringComparison.Ordinal);
        using (var scope = app.Services.CreateScope())
        {
            var agency = await app.CreateDbContext(scope).Set<Agency>().SingleAsync(a => a.Id == id);
            Assert.Equal("Wyvernshire Fire and Rescue", agency.Name);
            Assert.Equal(2, agency.Version);
        }
    }

    [Fact]
    public async Task EditUser_StaleForm_ShowsConflictAndKeepsTheOtherChange()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var id = await SessionTests.UserIdAsync(app, DemoUsers.FireCaseOfficer);
        var url = $"/admin/users/edit?id={id}";
        var first = Forms.Fields(Forms.MainForm(await Forms.GetDocumentAsync(admin, url)));
        var second = Forms.Fields(Forms.MainForm(await Forms.GetDocumentAsync(admin, url)));

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(admin, url, first.With("Input.DisplayName", "Kate Wilson-Jones"))).StatusCode);
        var stale = await Forms.PostAsync(admin, url, second.With("Input.DisplayName", "K. Wilson"));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this user", Forms.ErrorSummary(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.Equal("Kate Wilson-Jones", (await app.CreateDbContext(scope).Users.SingleAsync(u => u.Id == id)).DisplayName);
    }
}

public sealed class AdminTestsOnSqlite(PostgresFixture pg) : AdminTests(Db.Sqlite, pg);

public sealed class AdminTestsOnPostgres(PostgresFixture pg) : AdminTests(Db.Postgres, pg);
