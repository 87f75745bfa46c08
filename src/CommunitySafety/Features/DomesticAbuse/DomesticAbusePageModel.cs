using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunitySafety.Features.DomesticAbuse.Pages;

/// <summary>Shared plumbing of the DA case pages: case work, and the case only when the user may see it (others 404, refusal audited).</summary>
[Authorize(Policy = Policies.CaseWork)]
public abstract class DomesticAbusePageModel(DashService dashes) : PageModel
{
    protected DashService Dashes => dashes;

    public Case Case { get; protected set; } = null!;

    protected async Task<bool> LoadCaseAsync(int id, bool tracked, CancellationToken ct)
    {
        if (await dashes.FindCaseAsync(User, id, tracked, ct) is not { } c)
        {
            return false;
        }
        Case = c;
        return true;
    }

    protected void AddErrors(IReadOnlyDictionary<string, string> errors, string prefix = "Input.")
    {
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError(key.StartsWith("Answers[", StringComparison.Ordinal) ? key : prefix + key, message);
        }
    }

    protected static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;
}
