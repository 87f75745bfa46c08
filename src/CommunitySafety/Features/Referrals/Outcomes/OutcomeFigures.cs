using CommunitySafety.Data;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Features.Referrals.Funding;
using CommunitySafety.Features.Referrals.Rules;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals.Outcomes;

public sealed record ServiceOutcome(
    int ServiceId, string Service, ServiceKind Kind, int Referred, int Accepted, int Delivered,
    double? MedianDaysToContact, double? P90DaysToContact, double? MedianDaysToVisit, double? P90DaysToVisit, int WaitingOverdue);

public sealed record OutcomeReport(int Year, DateOnly From, DateOnly To, IReadOnlyList<ServiceOutcome> Services, RepeatComparison RepeatBurglary);

/// <summary>
/// Outcome figures for commissioned services in a financial year: conversion (referred → accepted → delivered), waiting
/// times in working days (median and 90th percentile, nearest rank) and, for home-safety services, the indicative
/// repeat-burglary comparison. Counts only: no personal data leaves this class.
/// </summary>
public sealed class OutcomeFigures(AppDb db)
{
    public async Task<OutcomeReport> ForYearAsync(int year, DateOnly today, CancellationToken ct)
    {
        var (from, to) = FundingDisplay.Bounds(year);
        var fromUtc = UkTime.StartOfUkDayUtc(from);
        var toUtc = UkTime.StartOfUkDayUtc(to.AddDays(1));
        var services = await db.Set<CommissionedService>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var referrals = await db.Set<Referral>().AsNoTracking().Where(r => r.ReferredUtc >= fromUtc && r.ReferredUtc < toUtc).ToListAsync(ct);
        var calendar = ReferralService.Calendar;
        var rows = new List<ServiceOutcome>();
        foreach (var s in services)
        {
            var mine = referrals.Where(r => r.ServiceId == s.Id).ToList();
            var toContact = mine.Where(r => r.FirstContactUtc is not null)
                .Select(r => (double)calendar.CountBetween(ReferralQueries.UkDate(r.ReferredUtc), ReferralQueries.UkDate(r.FirstContactUtc!.Value))).ToList();
            var toVisit = mine.Where(r => r.FirstVisitDate is not null)
                .Select(r => (double)calendar.CountBetween(ReferralQueries.UkDate(r.ReferredUtc), r.FirstVisitDate!.Value)).ToList();
            rows.Add(new ServiceOutcome(s.Id, s.Name, s.Kind, mine.Count,
                mine.Count(r => r.DecidedUtc is not null && r.Status != ReferralStatus.Declined),
                mine.Count(r => r.FirstVisitDate is not null),
                Percentiles.Median(toContact), Percentiles.NearestRank(toContact, 90),
                Percentiles.Median(toVisit), Percentiles.NearestRank(toVisit, 90),
                mine.Count(r => ReferralQueries.FirstContactClock(r, s, today).IsOverdue)));
        }
        return new OutcomeReport(year, from, to, rows, await RepeatBurglaryAsync(from, to, ct));
    }

    async Task<RepeatComparison> RepeatBurglaryAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var categories = ReferralService.BurglaryCategories.ToList();
        var fromUtc = UkTime.StartOfUkDayUtc(from);
        // Follow-up runs to 12 months after the period (or as far as the records go).
        var untilUtc = UkTime.StartOfUkDayUtc(to.AddMonths(12).AddDays(1));
        var burglaries = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.PlaceId != null && categories.Contains(i.CategoryCode) && i.OccurredUtc >= fromUtc && i.OccurredUtc < untilUtc)
            .Select(i => new { PlaceId = i.PlaceId!.Value, i.OccurredUtc }).ToListAsync(ct);
        var security = Deliverables.HomeSecurityCodes.ToList();
        var visits = await (from v in db.Set<ReferralVisit>()
                            join r in db.Set<Referral>() on v.ReferralId equals r.Id
                            where r.PlaceId != null && r.Service!.Kind == ServiceKind.HomeSafety
                            select new { PlaceId = r.PlaceId!.Value, v.VisitDate, v.Delivered }).ToListAsync(ct);
        return RepeatBurglary.Compare(
            burglaries.Select(b => new BurglaryAtPlace(b.PlaceId, ReferralQueries.UkDate(b.OccurredUtc))),
            visits.Where(v => v.Delivered.Split(',').Any(security.Contains)).Select(v => new TreatmentAtPlace(v.PlaceId, v.VisitDate)),
            from, to);
    }
}
