using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Accounts;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CommunitySafety.Features.Referrals.Funding;

/// <summary>
/// One funding line's year: spend, referrals and visits per service, cost per referral and per visit, outputs per
/// £1,000; printable, and as CSV (?handler=csv). Administrators record spend here; spend beyond a service's
/// allocation is refused, saying how much is left.
/// </summary>
[Authorize(Policy = Policies.Reports)]
public sealed class ReportModel(FundingReports reports, AuditLog audit, TimeProvider clock) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public int Year { get; set; }

    public FundingReport Report { get; private set; } = null!;

    [BindProperty]
    public SpendInput Spend { get; set; } = new();

    public sealed class SpendInput
    {
        public string? ServiceId { get; set; }
        public DateOnly? SpentOn { get; set; }
        public string? Amount { get; set; }
        public string? Description { get; set; }
    }

    public bool CanRecordSpend => User.IsInRole(Roles.Administrator);
    public IEnumerable<SelectListItem> ServiceOptions => Report.Services.Select(s => new SelectListItem(s.Service, s.ServiceId.ToString(CultureInfo.InvariantCulture), Spend.ServiceId == s.ServiceId.ToString(CultureInfo.InvariantCulture)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Year is < 2000 or > 2100 || await reports.ReportAsync(Id, Year, ct) is not { } r)
        {
            return false;
        }
        Report = r;
        return true;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var fileName = $"funding-{Id}-{Year}.csv";
        var now = clock.GetUtcNow().UtcDateTime;
        await audit.WriteAsync(new AuditEntry(AuditActions.Export, "funding-line", ReferralService.Id(Id), $"funding report {FundingDisplay.Year(Year)} exported as CSV (aggregate figures)"), ct);
        await CsvExport.WriteAsync(Response, fileName, FundingReports.CsvHeader, FundingReports.CsvRows(Report).ToAsyncEnumerable(), ct,
            $"{Report.Line}, {FundingDisplay.Year(Year)}: spend and outputs, exported {UkTime.Format(now)}");
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostSpendAsync(CancellationToken ct)
    {
        if (!CanRecordSpend)
        {
            return Forbid();
        }
        decimal? amount = decimal.TryParse(Spend.Amount?.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : null;
        if (ModelState.IsValid)
        {
            var result = await reports.RecordSpendAsync(User, Id, int.TryParse(Spend.ServiceId, out var sid) ? sid : null, Spend.SpentOn,
                Spend.Amount is null ? null : amount ?? -1, Spend.Description, ct);
            switch (result.Outcome)
            {
                case Outcome.Done:
                    TempData["Success"] = "Spend recorded.";
                    return Redirect($"/funding/{Id}/{Year}");
                case Outcome.NotFound:
                    return NotFound();
                case Outcome.Conflict:
                    ModelState.AddModelError("Spend.Amount", "Someone else recorded spend on this allocation at the same time, so nothing was saved. Check the figures and try again.");
                    break;
                default:
                    foreach (var (key, message) in result.Errors)
                    {
                        ModelState.AddModelError("Spend." + key, message);
                    }
                    break;
            }
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }
}
