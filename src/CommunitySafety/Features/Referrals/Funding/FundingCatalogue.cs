using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals.Funding;

public sealed record FundingYearView(int Year, string Label, long BudgetPence, IReadOnlyList<(int ServiceId, string Service, long AllocatedPence, long SpentPence)> Allocations);

public sealed record FundingLineView(int Id, string Name, FundingStream Stream, string StreamName, IReadOnlyList<FundingYearView> Years);

public static class FundingCatalogue
{
    public static async Task<IReadOnlyList<FundingLineView>> LinesAsync(AppDb db, CancellationToken ct)
    {
        var lines = await db.Set<FundingLine>().AsNoTracking().Include(l => l.Budgets).OrderBy(l => l.Stream).ThenBy(l => l.Name).ToListAsync(ct);
        var allocations = await db.Set<FundingAllocation>().AsNoTracking()
            .Select(a => new { a.FundingLineId, a.FinancialYear, a.ServiceId, Service = a.Service!.Name, a.AmountPence, Spent = a.Spend.Sum(s => (long?)s.AmountPence) ?? 0 })
            .ToListAsync(ct);
        return lines.Select(l => new FundingLineView(l.Id, l.Name, l.Stream, FundingDisplay.Stream(l.Stream),
            l.Budgets.Select(b => b.FinancialYear).Union(allocations.Where(a => a.FundingLineId == l.Id).Select(a => a.FinancialYear)).Distinct().OrderByDescending(y => y)
                .Select(y => new FundingYearView(y, FundingDisplay.Year(y), l.Budgets.FirstOrDefault(b => b.FinancialYear == y)?.AmountPence ?? 0,
                    allocations.Where(a => a.FundingLineId == l.Id && a.FinancialYear == y).OrderBy(a => a.Service).Select(a => (a.ServiceId, a.Service, a.AmountPence, a.Spent)).ToList()))
                .ToList())).ToList();
    }
}
