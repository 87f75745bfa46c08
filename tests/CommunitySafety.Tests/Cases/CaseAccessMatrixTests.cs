using System.Net;
using System.Net.Http.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Cases;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CommunitySafety.Tests.Cases.CaseTestSupport;

namespace CommunitySafety.Tests.Cases;

/// <summary>
/// SEC-AUTHZ-01 for cases: every case page and endpoint, for every demo user (every role and agency), against
/// every demo case. Only users of the case's lead or partner agencies with a case-work role may read, list,
/// search, export or change a case; anyone else gets the same answer as for an id that does not exist.
/// Two of the cases are restricted to their named members (one with partners, one led by the agency whose manager is
/// in the matrix), so the narrowing is in every cell too. Each permitted view is in the audit log, each refusal too.
/// </summary>
public abstract class CaseAccessMatrixTests(Db db, PostgresFixture pg)
{
    static readonly (string Email, string[] Roles)[] Users =
    [
        (DemoUsers.Administrator, [Roles.Administrator]),
        (DemoUsers.Analyst, [Roles.Analyst]),
        (DemoUsers.PoliceCaseOfficer, [Roles.CaseOfficer]),
        (DemoUsers.CouncilCaseOfficer, [Roles.CaseOfficer]),
        (DemoUsers.PoliceManager, [Roles.AgencyManager]),
        (DemoUsers.BoardMember, [Roles.BoardMember]),
        (DemoUsers.ProviderWorker, [Roles.ProviderWorker]),
        (DemoUsers.ProbationCaseOfficer, [Roles.CaseOfficer]),
        (DemoUsers.FireCaseOfficer, [Roles.CaseOfficer]),
        (DemoUsers.HealthCaseOfficer, [Roles.CaseOfficer]),
    ];

    [Fact]
    public async Task EveryCaseEndpoint_ForEveryUserAndCase_OnlyCaseAgenciesCanReadListSearchExportOrChange()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await QueryAsync(app, d => d.Set<Case>().Where(c => c.Title.StartsWith("Orchard Close") || c.Title.StartsWith("Quayside Court"))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AccessLevel, CaseAccessLevel.Restricted)));
        var cases = await QueryAsync(app, d => d.Set<Case>().AsNoTracking().Include(c => c.Agencies).Include(c => c.Members).ToListAsync());
        // The two made restricted here, plus any the demo restricts itself (the IDVA service's domestic abuse cases).
        Assert.All(cases.Where(c => c.Title.StartsWith("Orchard Close", StringComparison.Ordinal) || c.Title.StartsWith("Quayside Court", StringComparison.Ordinal)),
            c => Assert.Equal(CaseAccessLevel.Restricted, c.AccessLevel));
        Assert.True(cases.Count(c => c.AccessLevel == CaseAccessLevel.Restricted) >= 2, "restricted cases in the matrix");
        Assert.True(cases.Count >= 4, "demo cases seeded");
        var users = await QueryAsync(app, d => d.Users.AsNoTracking().ToDictionaryAsync(u => u.Email!, u => (u.AgencyId, u.Id)));

        // One session per user: the demo clock stands still, so repeated sign-ins would hit the session limit.
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (email, _) in Users)
        {
            clients[email] = await app.SignInAsync(email);
        }

        // One document per case, uploaded by a permitted user, so downloads are part of the matrix.
        var documents = new Dictionary<int, int>();
        foreach (var c in cases)
        {
            var owner = Users.First(u => u.Roles.Contains(Roles.CaseOfficer) || u.Roles.Contains(Roles.ProviderWorker)
                ? Allowed(c, users[u.Email], u.Roles) : false).Email;
            var ownerClient = clients[owner];
            var upload = await UploadAsync(ownerClient, c.Id, "letter.pdf", Pdf);
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
            documents[c.Id] = await QueryAsync(app, d => d.Set<CaseDocument>().Where(x => x.CaseId == c.Id).Select(x => x.Id).FirstAsync());
        }

        var failures = new List<string>();
        var refusals = new List<(string Email, int CaseId)>();
        var cells = 0;
        foreach (var (email, roles) in Users)
        {
            var client = clients[email];
            var agency = users[email];
            var list = await client.GetAsync("/api/cases");
            var listed = list.StatusCode == HttpStatusCode.OK ? await list.Content.ReadAsStringAsync() : "";
            var export = await client.GetAsync("/cases/export?purpose=matrix");
            var exported = export.StatusCode == HttpStatusCode.OK ? await export.Content.ReadAsStringAsync() : "";

            foreach (var c in cases)
            {
                var allowed = Allowed(c, agency, roles);
                if (!allowed)
                {
                    refusals.Add((email, c.Id));
                }
                var doc = documents[c.Id];
                // Reads: the case, its children, and the same with an id that does not exist.
                foreach (var (url, ghost) in new[]
                {
                    ($"/cases/{c.Id}", "/cases/999999"),
                    ($"/cases/{c.Id}/edit", "/cases/999999/edit"),
                    ($"/api/cases/{c.Id}", "/api/cases/999999"),
                    ($"/api/cases/{c.Id}/notes", "/api/cases/999999/notes"),
                    ($"/api/cases/{c.Id}/actions", "/api/cases/999999/actions"),
                    ($"/api/cases/{c.Id}/documents", "/api/cases/999999/documents"),
                    ($"/cases/{c.Id}/documents/{doc}", $"/cases/999999/documents/{doc}"),
                })
                {
                    cells++;
                    var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    if (allowed && response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{email} GET {url}: expected 200, got {(int)response.StatusCode}");
                    }
                    if (!allowed)
                    {
                        var ghostResponse = await client.GetAsync(ghost);
                        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect) ||
                            response.StatusCode != ghostResponse.StatusCode || body.Contains(c.Reference, StringComparison.Ordinal))
                        {
                            failures.Add($"{email} GET {url}: expected the same refusal as a missing id ({(int)ghostResponse.StatusCode}), got {(int)response.StatusCode}");
                        }
                    }
                }

                // Changes: page forms and API, each must be refused without a trace in the case.
                cells++;
                var note = await PostAsync(client, $"/cases/{c.Id}?handler=Note", new() { ["Note.Text"] = $"matrix note by {email}" });
                var apiNote = await client.PostAsJsonAsync($"/api/cases/{c.Id}/notes", new { text = $"matrix api note by {email}" });
                if (!allowed)
                {
                    // Edits are tried only by outsiders: an allowed user's edit would succeed and change the case under test.
                    var edit = await PostAsync(client, $"/cases/{c.Id}/edit", new() { ["Version"] = "1", ["Input.Title"] = "hijacked", ["Input.Status"] = "Open" });
                    var put = await client.PutAsJsonAsync($"/api/cases/{c.Id}", new { version = 1, title = "hijacked", status = "Open" });
                    foreach (var (what, r) in new[] { ("note form", note), ("api note", apiNote), ("edit form", edit), ("api put", put) })
                    {
                        if (r.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect) ||
                            (r.StatusCode == HttpStatusCode.Redirect && !r.Headers.Location!.ToString().Contains("/error/403", StringComparison.Ordinal) &&
                             !r.Headers.Location.ToString().Contains("sign-in", StringComparison.Ordinal)))
                        {
                            failures.Add($"{email} {what} on {c.Reference}: expected refusal, got {(int)r.StatusCode} {r.Headers.Location}");
                        }
                    }
                }
                else if (note.StatusCode != HttpStatusCode.Redirect || apiNote.StatusCode != HttpStatusCode.Created)
                {
                    failures.Add($"{email} could not add a note to {c.Reference}: {(int)note.StatusCode}/{(int)apiNote.StatusCode}");
                }

                // List, search (page and API) and export show the case only to those allowed.
                cells++;
                var search = await client.GetAsync($"/api/cases?q={c.Reference}");
                var searchBody = search.StatusCode == HttpStatusCode.OK ? await search.Content.ReadAsStringAsync() : "";
                var page = await client.GetAsync($"/cases?q={c.Reference}");
                var pageBody = page.StatusCode == HttpStatusCode.OK ? await page.Content.ReadAsStringAsync() : "";
                foreach (var (what, text) in new[] { ("list", listed), ("api search", searchBody), ("page search", pageBody), ("export", exported) })
                {
                    // The page echoes the search text, so look for the link to the case rather than the reference.
                    var shown = what == "page search" ? text.Contains($"href=\"/cases/{c.Id}\"", StringComparison.Ordinal) : text.Contains(c.Reference, StringComparison.Ordinal);
                    if (shown != allowed)
                    {
                        failures.Add($"{email} {what}: {c.Reference} {(shown ? "shown" : "missing")}, expected {(allowed ? "shown" : "hidden")}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells differ:\n" + string.Join("\n", failures));

        // Nothing was changed by refused users, and each allowed page view of a case is in the audit log.
        var hijacked = await QueryAsync(app, d => d.Set<Case>().CountAsync(c => c.Title == "hijacked"));
        Assert.Equal(0, hijacked);
        var audit = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.View && e.RecordType == "case").ToListAsync());
        foreach (var (email, roles) in Users)
        {
            foreach (var c in cases.Where(c => Allowed(c, users[email], roles)))
            {
                Assert.Contains(audit, e => e.UserName == email && e.RecordId == c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        // Every refused read of a case is audited as a refusal (authz.denied) for that user and case.
        var denied = await QueryAsync(app, d => d.AuditEvents.AsNoTracking().Where(e => e.Action == CommunitySafety.Security.AccessRefusals.Action && e.RecordType == "case").ToListAsync());
        foreach (var (email, caseId) in refusals.Where(r => Users.First(u => u.Email == r.Email).Roles.Any(x => x is Roles.CaseOfficer or Roles.AgencyManager or Roles.ProviderWorker)))
        {
            Assert.Contains(denied, e => e.UserName == email && e.RecordId == caseId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var strangerNotes = await QueryAsync(app, d => d.Set<CaseNote>().AsNoTracking().ToListAsync());
        foreach (var n in strangerNotes.Where(n => n.Text.StartsWith("matrix", StringComparison.Ordinal)))
        {
            var author = Users.First(u => n.Text.EndsWith(u.Email, StringComparison.Ordinal));
            Assert.True(Allowed(cases.First(c => c.Id == n.CaseId), users[author.Email], author.Roles), $"note by {author.Email} on case {n.CaseId}");
        }
    }

    // The rule under test, written out independently of CaseAccess.
    static bool Allowed(Case c, (int Agency, Guid Id) user, string[] roles) =>
        roles.Any(r => r is Roles.CaseOfficer or Roles.AgencyManager or Roles.ProviderWorker) &&
        (c.LeadAgencyId == user.Agency || c.Agencies.Any(a => a.AgencyId == user.Agency)) &&
        (c.AccessLevel == CaseAccessLevel.AgencyWide || c.Members.Any(m => m.UserId == user.Id) ||
         (roles.Contains(Roles.AgencyManager) && c.LeadAgencyId == user.Agency));
}

public sealed class CaseAccessMatrixTestsOnSqlite(PostgresFixture pg) : CaseAccessMatrixTests(Db.Sqlite, pg);

public sealed class CaseAccessMatrixTestsOnPostgres(PostgresFixture pg) : CaseAccessMatrixTests(Db.Postgres, pg);
