using System.Globalization;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Referrals.Rules;
using CommunitySafety.Security;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals.Funding;

public sealed record FundingServiceRow(
    int ServiceId, string Service, string Provider, long AllocatedPence, long SpentPence, int Referrals, int Visits,
    double AttributedReferrals, double AttributedVisits, long? CostPerReferralPence, long? CostPerVisitPence, double? VisitsPerThousandPounds);

/// <summary>One line's year: budget, allocations, spend, and outputs attributed by spend share (<see cref="CostPer.Attributed"/>).</summary>
public sealed record FundingReport(
    int LineId, string Line, FundingStream Stream, int Year, long BudgetPence, long AllocatedPence, long SpentPence,
    IReadOnlyList<FundingServiceRow> Services, double Referrals, double Visits, long? CostPerReferralPence, long? CostPerVisitPence, double? VisitsPerThousandPounds)
{
    public long UnallocatedPence => BudgetPence - AllocatedPence;
    public long UnspentPence => AllocatedPence - SpentPence;
}

/// <summary>Funding reports and spend. Aggregate figures only: no personal data.</summary>
public sealed class FundingReports(AppDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<FundingReport?> ReportAsync(int lineId, int year, CancellationToken ct)
    {
        var line = await db.Set<FundingLine>().AsNoTracking().Include(l => l.Budgets).FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null)
        {
            return null;
        }
        var allocations = await db.Set<FundingAllocation>().AsNoTracking().Where(a => a.FundingLineId == lineId && a.FinancialYear == year)
            .Select(a => new { a.ServiceId, Service = a.Service!.Name, Provider = a.Service.ProviderAgency!.Name, a.AmountPence, Spent = a.Spend.Sum(s => (long?)s.AmountPence) ?? 0 })
            .ToListAsync(ct);
        var serviceIds = allocations.Select(a => a.ServiceId).ToList();
        // Every line's spend on these services in the year, to share each service's outputs between its funders.
        var allSpend = await (from sp in db.Set<FundingSpend>()
                              join a in db.Set<FundingAllocation>() on sp.FundingAllocationId equals a.Id
                              where a.FinancialYear == year && serviceIds.Contains(a.ServiceId)
                              group sp.AmountPence by a.ServiceId into g
                              select new { ServiceId = g.Key, Spent = g.Sum() })
            .ToDictionaryAsync(x => x.ServiceId, x => x.Spent, ct);
        var (yearStart, yearEnd) = FundingDisplay.Bounds(year);
        var fromUtc = UkTime.StartOfUkDayUtc(yearStart);
        var toUtc = UkTime.StartOfUkDayUtc(yearEnd.AddDays(1));
        var referrals = await db.Set<Referral>().AsNoTracking().Where(r => serviceIds.Contains(r.ServiceId) && r.ReferredUtc >= fromUtc && r.ReferredUtc < toUtc)
            .GroupBy(r => r.ServiceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var visits = await (from v in db.Set<ReferralVisit>()
                            join r in db.Set<Referral>() on v.ReferralId equals r.Id
                            where v.VisitDate >= yearStart && v.VisitDate <= yearEnd && serviceIds.Contains(r.ServiceId)
                            group v by r.ServiceId into g
                            select new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var rows = allocations.OrderBy(a => a.Service).Select(a =>
        {
            var all = allSpend.GetValueOrDefault(a.ServiceId);
            var refs = referrals.GetValueOrDefault(a.ServiceId);
            var vis = visits.GetValueOrDefault(a.ServiceId);
            var attributedRefs = CostPer.Attributed(refs, a.Spent, all);
            var attributedVisits = CostPer.Attributed(vis, a.Spent, all);
            return new FundingServiceRow(a.ServiceId, a.Service, a.Provider, a.AmountPence, a.Spent, refs, vis, attributedRefs, attributedVisits,
                CostPer.Unit(a.Spent, attributedRefs), CostPer.Unit(a.Spent, attributedVisits), CostPer.PerThousandPounds(attributedVisits, a.Spent));
        }).ToList();
        var spent = rows.Sum(r => r.SpentPence);
        var totalRefs = rows.Sum(r => r.AttributedReferrals);
        var totalVisits = rows.Sum(r => r.AttributedVisits);
        return new FundingReport(line.Id, line.Name, line.Stream, year, line.Budgets.FirstOrDefault(b => b.FinancialYear == year)?.AmountPence ?? 0,
            rows.Sum(r => r.AllocatedPence), spent, rows, totalRefs, totalVisits, CostPer.Unit(spent, totalRefs), CostPer.Unit(spent, totalVisits),
            CostPer.PerThousandPounds(totalVisits, spent));
    }

    public static IReadOnlyList<string> CsvHeader =>
        ["Line", "Stream", "Financial year", "Service", "Provider", "Allocated (£)", "Spent (£)", "Referrals received", "Visits", "Referrals attributed", "Visits attributed", "Cost per referral (£)", "Cost per visit (£)", "Visits per £1,000"];

    public static IEnumerable<IReadOnlyList<string?>> CsvRows(FundingReport r)
    {
        static string? P(long? pence) => pence is { } p ? (p / 100m).ToString("0.00", CultureInfo.InvariantCulture) : null;
        static string N(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        foreach (var s in r.Services)
        {
            yield return [r.Line, FundingDisplay.Stream(r.Stream), FundingDisplay.Year(r.Year), s.Service, s.Provider, P(s.AllocatedPence), P(s.SpentPence),
                s.Referrals.ToString(CultureInfo.InvariantCulture), s.Visits.ToString(CultureInfo.InvariantCulture), N(s.AttributedReferrals), N(s.AttributedVisits),
                P(s.CostPerReferralPence), P(s.CostPerVisitPence), s.VisitsPerThousandPounds?.ToString("0.0", CultureInfo.InvariantCulture)];
        }
        yield return [r.Line, FundingDisplay.Stream(r.Stream), FundingDisplay.Year(r.Year), "All services", "", P(r.AllocatedPence), P(r.SpentPence), "", "",
            N(r.Referrals), N(r.Visits), P(r.CostPerReferralPence), P(r.CostPerVisitPence), r.VisitsPerThousandPounds?.ToString("0.0", CultureInfo.InvariantCulture)];
    }

    /// <summary>
    /// Allocates part of a line's year to a service (or changes the allocation). An allocation beyond what the line has
    /// for the year, or below what has already been spent from it, is refused.
    /// </summary>
    public async Task<OpResult> AllocateAsync(ClaimsPrincipal user, int lineId, int? serviceId, int? year, decimal? amountPounds, CancellationToken ct)
    {
        var line = await db.Set<FundingLine>().Include(l => l.Budgets).FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null)
        {
            return OpResult.Missing;
        }
        var errors = new Dictionary<string, string>();
        var service = serviceId is int sid ? await db.Set<Catalogue.CommissionedService>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
        if (service is null)
        {
            errors["ServiceId"] = serviceId is null ? "Select the service" : "Select a service from the catalogue: there is no service with that number";
        }
        var budget = year is int y ? line.Budgets.FirstOrDefault(b => b.FinancialYear == y) : null;
        if (budget is null)
        {
            errors["Year"] = year is null ? "Enter the financial year (the year it starts, e.g. 2026 for 2026/27)" : $"{line.Name} has no amount for {FundingDisplay.Year(year.Value)}";
        }
        if (amountPounds is not { } amount || amount < 0 || amount > 100_000_000m || decimal.Round(amount, 2) != amount)
        {
            errors["Amount"] = "Enter the amount in pounds and pence, for example 40000.00";
        }
        if (errors.Count > 0)
        {
            return OpResult.Bad(errors);
        }
        var pence = (long)(amountPounds!.Value * 100);
        var allocation = await db.Set<FundingAllocation>().FirstOrDefaultAsync(a => a.FundingLineId == lineId && a.FinancialYear == year && a.ServiceId == serviceId, ct);
        var others = await db.Set<FundingAllocation>().Where(a => a.FundingLineId == lineId && a.FinancialYear == year && a.ServiceId != serviceId).SumAsync(a => (long?)a.AmountPence, ct) ?? 0;
        var spent = allocation is null ? 0 : await db.Set<FundingSpend>().Where(s => s.FundingAllocationId == allocation.Id).SumAsync(s => (long?)s.AmountPence, ct) ?? 0;
        if (others + pence > budget!.AmountPence)
        {
            return OpResult.Bad(new() { ["Amount"] = $"Refused: {line.Name} has {CostPer.Pounds(budget.AmountPence)} in {FundingDisplay.Year(budget.FinancialYear)} and {CostPer.Pounds(others)} is allocated to other services, so at most {CostPer.Pounds(budget.AmountPence - others)} can go to {service!.Name}" });
        }
        if (pence < spent)
        {
            return OpResult.Bad(new() { ["Amount"] = $"Refused: {CostPer.Pounds(spent)} has already been spent from this allocation" });
        }
        if (allocation is null)
        {
            db.Add(new FundingAllocation { FundingLineId = lineId, FinancialYear = year!.Value, ServiceId = service!.Id, AmountPence = pence });
        }
        else
        {
            allocation.AmountPence = pence;
        }
        // The line's version moves with every allocation, so two allocations racing for the last of a year cannot both pass.
        db.Entry(line).Property(l => l.Version).IsModified = true;
        audit.Add(new AuditEntry(AuditActions.Change, "funding-line", ReferralService.Id(lineId), $"allocated {CostPer.Pounds(pence)} to {service!.Name} in {FundingDisplay.Year(year!.Value)}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return OpResult.Stale;
        }
        return OpResult.Ok(lineId);
    }

    /// <summary>
    /// Records spend against a service's allocation. Spend beyond the allocation is REFUSED (nothing is saved): the
    /// allocation is what the commissioner agreed, so going over it needs a new allocation first, not a warning.
    /// </summary>
    public async Task<OpResult> RecordSpendAsync(ClaimsPrincipal user, int lineId, int? serviceId, DateOnly? spentOn, decimal? amountPounds, string? description, CancellationToken ct)
    {
        var line = await db.Set<FundingLine>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null)
        {
            return OpResult.Missing;
        }
        var errors = new Dictionary<string, string>();
        var today = DateOnly.FromDateTime(UkTime.ToUk(clock.GetUtcNow().UtcDateTime));
        if (spentOn is not { } date)
        {
            errors["SpentOn"] = "Enter the date of the spend";
        }
        else if (date > today)
        {
            errors["SpentOn"] = "The date of the spend must be today or in the past";
        }
        if (amountPounds is not { } amount || amount <= 0 || amount > 10_000_000m || decimal.Round(amount, 2) != amount)
        {
            errors["Amount"] = "Enter the amount in pounds and pence, more than £0, for example 1250.00";
        }
        if (string.IsNullOrWhiteSpace(description) || description.Length > 500)
        {
            errors["Description"] = "Enter what the money was spent on (500 characters or fewer)";
        }
        FundingAllocation? allocation = null;
        if (serviceId is null)
        {
            errors["ServiceId"] = "Select the service the money was spent on";
        }
        else if (spentOn is { } d)
        {
            var year = FundingDisplay.YearOf(d);
            allocation = await db.Set<FundingAllocation>().Include(a => a.Service).FirstOrDefaultAsync(a => a.FundingLineId == lineId && a.ServiceId == serviceId && a.FinancialYear == year, ct);
            if (allocation is null)
            {
                errors["ServiceId"] = $"{line.Name} has no allocation to that service in {FundingDisplay.Year(year)}: allocate money to the service first";
            }
        }
        if (errors.Count == 0 && allocation is not null)
        {
            var pence = (long)(amountPounds!.Value * 100);
            var spent = await db.Set<FundingSpend>().Where(s => s.FundingAllocationId == allocation.Id).SumAsync(s => (long?)s.AmountPence, ct) ?? 0;
            if (spent + pence > allocation.AmountPence)
            {
                errors["Amount"] = $"Refused: {CostPer.Pounds(pence)} would take spend on {allocation.Service!.Name} to {CostPer.Pounds(spent + pence)}, over its {CostPer.Pounds(allocation.AmountPence)} allocation from {line.Name} in {FundingDisplay.Year(allocation.FinancialYear)} ({CostPer.Pounds(allocation.AmountPence - spent)} left). Nothing was saved";
            }
            else
            {
                allocation.Spend.Add(new FundingSpend { SpentOn = spentOn!.Value, AmountPence = pence, Description = description!.Trim(), RecordedByName = user.DisplayName(), RecordedUtc = clock.GetUtcNow().UtcDateTime });
                // Touching the allocation bumps its version, so two clerks spending the last of it at once cannot both succeed.
                db.Entry(allocation).Property(a => a.Version).IsModified = true;
                audit.Add(new AuditEntry(AuditActions.Change, "funding-line", ReferralService.Id(lineId),
                    $"spend {CostPer.Pounds(pence)} on {allocation.Service!.Name} ({FundingDisplay.Year(allocation.FinancialYear)}): {description.Trim()}"));
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    db.ChangeTracker.Clear();
                    return OpResult.Stale;
                }
                return OpResult.Ok(lineId);
            }
        }
        return OpResult.Bad(errors);
    }
}
