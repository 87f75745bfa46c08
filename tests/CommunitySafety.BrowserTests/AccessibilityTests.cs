using System.Text.Json;
using CommunitySafety.BrowserTests.Infrastructure;

namespace CommunitySafety.BrowserTests;

/// <summary>axe-core (from npm, pinned) on the foundation's pages: no serious or critical violations.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(TestEnvironment.Metadata("BrowserTestsProjectDir"), "node_modules", "axe-core", "axe.min.js")));

    public static TheoryData<string, string?> Pages() => new()
    {
        { "/account/sign-in", null },
        { "/", DemoUsers.Administrator },
        { "/account", DemoUsers.Administrator },
        { "/admin/users", DemoUsers.Administrator },
        { "/admin/audit", DemoUsers.Administrator },
        { "/admin/agencies", DemoUsers.Administrator },
        { "/admin/users/edit", DemoUsers.Administrator },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_CheckedWithAxe_HasNoSeriousOrCriticalViolations(string path, string? signedInAs)
    {
        // The page's CSP forbids injected script, rightly; only this test context bypasses it to add axe.
        await using var context = await fixture.NewContextAsync(signedInAs, bypassCsp: true);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);

        await page.AddScriptTagAsync(new() { Content = AxeSource.Value });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const results = await axe.run(document, { resultTypes: ['violations'] });
              return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' '))
              }));
            }
            """);

        var all = violations.EnumerateArray().Select(v => new
        {
            Id = v.GetProperty("id").GetString(),
            Impact = v.GetProperty("impact").GetString(),
            Help = v.GetProperty("help").GetString(),
            Nodes = v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList(),
        }).ToList();
        var report = string.Join("\n", all.Select(v => $"[{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes)));
        TestContext.Current.SendDiagnosticMessage($"axe on {path}: {all.Count} violation(s)\n{report}");
        var blocking = all.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"axe found serious or critical violations on {path}:\n{report}");
    }
}
