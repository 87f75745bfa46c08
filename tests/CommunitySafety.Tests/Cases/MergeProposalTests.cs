using System.Globalization;
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
/// Issue #14: a case officer cannot merge (administrators only), so they propose a merge of their record with a
/// partner's record that looks like the same person, without seeing it; an administrator compares and merges
/// (audited) or declines, and the officer sees the outcome.
/// </summary>
public abstract partial class MergeProposalTests(Db db, PostgresFixture pg)
{
    static readonly DateOnly Dob = new(1948, 6, 9);

    static async Task<int> RecordJoanAsync(HttpClient client, DateOnly? dob)
    {
        var response = await client.PostAsJsonAsync("/api/asb/incidents", new
        {
            category = "ASB-PERSONAL", occurredOn = "2026-11-20", reportedOn = "2026-11-21", narrative = "Abuse shouted at the victim",
            victimForename = "Joan", victimSurname = "Pritchard",
            victimDateOfBirth = dob?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            victimAddressLine1 = "14 Lark Rise", victimPostcode = "WY4 2LR",
            placeLine1 = "14 Lark Rise", placePostcode = "WY4 2LR", confirmNewVictim = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("victimPersonId").GetInt32();
    }

    static List<string> Choices(string html) =>
        ChoicePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("name=\"Choice\" type=\"radio\" value=\"([^\"]+)\"")]
    private static partial Regex ChoicePattern();

    async Task<(AppFactory App, HttpClient Council, int PoliceJoan, int CouncilJoan, string Html)> TwoJoansAsync()
    {
        var app = await AppFactory.CreateAsync(db, pg);
        var police = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);
        var council = await app.SignInAsync(DemoUsers.CouncilCaseOfficer);
        var policeJoan = await RecordJoanAsync(police, Dob);
        // The council officer added Joan as a new person anyway: two records of one victim.
        var councilJoan = await RecordJoanAsync(council, null);
        var html = WebUtility.HtmlDecode(await council.GetStringAsync($"/people/{councilJoan}/duplicates"));
        return (app, council, policeJoan, councilJoan, html);
    }

    [Fact]
    public async Task CaseOfficerProposes_AdministratorMerges_OnePersonAndTheOfficerSeesItApproved()
    {
        var (app, council, policeJoan, councilJoan, html) = await TwoJoansAsync();
        await using var _ = app;

        Assert.Contains("A record known to the partnership – held by Wyvernshire Constabulary", html, StringComparison.Ordinal);
        Assert.Contains("Why it may match: name matches; same street; same postcode.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1948", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"person {policeJoan}", html, StringComparison.Ordinal);
        var choice = Assert.Single(Choices(html));

        // Case officers cannot merge, nor see the proposals list.
        Assert.Equal(HttpStatusCode.Forbidden, (await council.GetAsync("/people/merge/proposals")).StatusCode);
        var missingReason = await AppFactory.PostFormAsync(council, $"/people/{councilJoan}/duplicates", new() { ["Choice"] = choice, ["Reason"] = "" });
        Assert.Contains("Enter why you think these records are the same person", (await HtmlPage.ReadAsync(missingReason)).Errors);

        var proposed = await AppFactory.PostFormAsync(council, $"/people/{councilJoan}/duplicates",
            new() { ["Choice"] = choice, ["Reason"] = "Same name and home; she told us she also called the police" });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var waiting = WebUtility.HtmlDecode(await council.GetStringAsync($"/people/{councilJoan}/duplicates"));
        Assert.Contains("waiting for an administrator", waiting, StringComparison.Ordinal);
        // The same pair cannot be proposed twice while one is pending.
        var again = await AppFactory.PostFormAsync(council, $"/people/{councilJoan}/duplicates", new() { ["Choice"] = Choices(waiting)[0], ["Reason"] = "again" });
        Assert.Contains("A merge of these records has already been proposed: an administrator will decide", (await HtmlPage.ReadAsync(again)).Errors);

        var admin = await app.SignInAsync(DemoUsers.Administrator);
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/people/merge/proposals"));
        Assert.Contains($"person {councilJoan} (Ashcombe District Council) and person {policeJoan} (Wyvernshire Constabulary)", list, StringComparison.Ordinal);
        var compare = Regex.Match(list, "href=\"(/people/merge\\?[^\"]+)\"").Groups[1].Value;
        var comparison = WebUtility.HtmlDecode(await admin.GetStringAsync(compare));
        Assert.Contains($"Merge person {councilJoan} into person {policeJoan}", comparison, StringComparison.Ordinal);
        var proposalId = await QueryAsync(app, d => d.Set<MergeProposal>().Select(p => p.Id).SingleAsync());
        var merged = await AppFactory.PostFormAsync(admin, "/people/merge", new()
        {
            ["SurvivorId"] = $"{policeJoan}", ["DuplicateId"] = $"{councilJoan}", ["Reason"] = "Proposal checked: same person",
            ["ProposalId"] = $"{proposalId}",
        }, formPageUrl: compare);

        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(policeJoan, await QueryAsync(app, d => d.Set<Person>().Where(p => p.Id == councilJoan).Select(p => p.MergedIntoId).SingleAsync()));
        var proposal = await QueryAsync(app, d => d.Set<MergeProposal>().SingleAsync());
        Assert.Equal(MergeProposalStatus.Approved, proposal.Status);
        Assert.NotNull(proposal.MergeId);
        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.RecordType == "person").ToListAsync());
        Assert.Contains(audit, e => e.UserName == DemoUsers.CouncilCaseOfficer && e.Action == AuditActions.Create && e.Details!.Contains($"merge proposal {proposalId}", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.UserName == DemoUsers.Administrator && e.Action == AuditActions.Combine && e.RecordId == $"{policeJoan}");
        Assert.Contains(audit, e => e.Details == $"merge proposal {proposalId} approved: merge {proposal.MergeId}");
    }

    [Fact]
    public async Task AdministratorDeclines_NeedsANote_AndTheOfficerSeesWhy()
    {
        var (app, council, _, councilJoan, html) = await TwoJoansAsync();
        await using var __ = app;
        var proposed = await AppFactory.PostFormAsync(council, $"/people/{councilJoan}/duplicates",
            new() { ["Choice"] = Choices(html)[0], ["Reason"] = "Same name and home" });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var proposalId = await QueryAsync(app, d => d.Set<MergeProposal>().Select(p => p.Id).SingleAsync());
        var admin = await app.SignInAsync(DemoUsers.Administrator);

        var noNote = await AppFactory.PostFormAsync(admin, "/people/merge/proposals?handler=Decline", new() { ["proposalId"] = $"{proposalId}", ["note"] = "" }, formPageUrl: "/people/merge/proposals");
        Assert.Contains("Enter why the records should not be merged", (await HtmlPage.ReadAsync(noNote)).Errors);
        var declined = await AppFactory.PostFormAsync(admin, "/people/merge/proposals?handler=Decline",
            new() { ["proposalId"] = $"{proposalId}", ["note"] = "Mother and daughter of one name" }, formPageUrl: "/people/merge/proposals");

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(MergeProposalStatus.Declined, await QueryAsync(app, d => d.Set<MergeProposal>().Select(p => p.Status).SingleAsync()));
        Assert.Null(await QueryAsync(app, d => d.Set<Person>().Where(p => p.Id == councilJoan).Select(p => p.MergedIntoId).SingleAsync()));
        var seen = WebUtility.HtmlDecode(await council.GetStringAsync($"/people/{councilJoan}/duplicates"));
        Assert.Contains("declined (Mother and daughter of one name)", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Propose_RecordOutsideNeedToKnowOrForgedToken_IsRefused()
    {
        var (app, council, policeJoan, councilJoan, html) = await TwoJoansAsync();
        await using var __ = app;
        // The council cannot open the police record's duplicates page (404, like any record it may not see)…
        Assert.Equal(HttpStatusCode.NotFound, (await council.GetAsync($"/people/{policeJoan}/duplicates")).StatusCode);
        // …nor use a token another user was shown.
        var fire = await app.SignInAsync(DemoUsers.FireCaseOfficer);
        var stolen = await AppFactory.PostFormAsync(fire, $"/people/{councilJoan}/duplicates", new() { ["Choice"] = Choices(html)[0], ["Reason"] = "x" },
            formPageUrl: "/asb/incidents/new");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        var forged = await AppFactory.PostFormAsync(council, $"/people/{councilJoan}/duplicates", new() { ["Choice"] = "not-a-token", ["Reason"] = "x" });
        Assert.Contains("The record you chose can no longer be used: check for duplicates again", (await HtmlPage.ReadAsync(forged)).Errors);
        Assert.Equal(0, await QueryAsync(app, d => d.Set<MergeProposal>().CountAsync()));
    }
}

public sealed class MergeProposalTestsOnSqlite(PostgresFixture pg) : MergeProposalTests(Db.Sqlite, pg);

public sealed class MergeProposalTestsOnPostgres(PostgresFixture pg) : MergeProposalTests(Db.Postgres, pg);
