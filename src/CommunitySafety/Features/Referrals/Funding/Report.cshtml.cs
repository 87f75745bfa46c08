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
public sealed class ReportModel(FundingReports reports, AuditLog audit, TimeProvider clock, Data.AppDb db, Strands.StrandCatalogue strands) : PageModel
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

    [BindProperty]
    public AllocationInput Allocation { get; set; } = new();

    public sealed class AllocationInput
    {
        public string? ServiceId { get; set; }
        public string? Amount { get; set; }
    }

    public IReadOnlyList<Catalogue.ServiceView> AllServices { get; private set; } = [];
    public IEnumerable<SelectListItem> AllServiceOptions => AllServices.Select(s => new SelectListItem(s.Name, s.Id.ToString(CultureInfo.InvariantCulture), Allocation.ServiceId == s.Id.ToString(CultureInfo.InvariantCulture)));

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
        AllServices = await Catalogue.ServiceCatalogue.ListAsync(db, strands, clock.GetUtcNow().UtcDateTime, ct);
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

    static decimal? Pounds(string? text) => text is null ? null
        : decimal.TryParse(text.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : -1;

    public async Task<IActionResult> OnPostAllocateAsync(CancellationToken ct)
    {
        if (!CanRecordSpend)
        {
            return Forbid();
        }
        var result = await reports.AllocateAsync(User, Id, int.TryParse(Allocation.ServiceId, out var sid) ? sid : null, Year, Pounds(Allocation.Amount), ct);
        switch (result.Outcome)
        {
            case Outcome.Done:
                TempData["Success"] = "Allocation saved.";
                return Redirect($"/funding/{Id}/{Year}");
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Conflict:
                ModelState.AddModelError("Allocation.Amount", "Someone else changed this line's allocations at the same time, so nothing was saved. Check the figures and try again.");
                break;
            default:
                foreach (var (key, message) in result.Errors)
                {
                    ModelState.AddModelError("Allocation." + (key == "Year" ? "Amount" : key), message);
                }
                break;
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSpendAsync(CancellationToken ct)
    {
        if (!CanRecordSpend)
        {
            return Forbid();
        }
        if (ModelState.IsValid)
        {
            var result = await reports.RecordSpendAsync(User, Id, int.TryParse(Spend.ServiceId, out var sid) ? sid : null, Spend.SpentOn,
                Pounds(Spend.Amount), Spend.Description, ct);
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
