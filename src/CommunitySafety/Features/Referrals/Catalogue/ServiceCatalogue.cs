using CommunitySafety.Features.Strands;
using CommunitySafety.Data;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.Referrals.Rules;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals.Catalogue;

public sealed record DeliverableView(string Code, string Name);

public sealed record ServiceView(
    int Id, string Code, string Name, string Kind, string Description, int ProviderAgencyId, string ProviderAgency,
    IReadOnlyList<DeliverableView> Deliverables, IReadOnlyList<string> Eligibility, IReadOnlyList<EligibilityRuleData> EligibilityRules,
    int? MonthlyCapacity, int ReferralsThisMonth, int FirstContactWorkingDays, int? DeliveryWorkingDays, bool IsActive);

/// <summary>Reads of the services catalogue (no personal data: figures are counts).</summary>
public static class ServiceCatalogue
{
    public static async Task<IReadOnlyList<ServiceView>> ListAsync(AppDb db, StrandCatalogue strands, DateTime nowUtc, CancellationToken ct)
    {
        var services = await db.Set<CommissionedService>().AsNoTracking().Include(s => s.ProviderAgency).Include(s => s.Deliverables).Include(s => s.Eligibility)
            .AsSplitQuery().OrderBy(s => s.Name).ToListAsync(ct);
        var now = UkTime.ToUk(nowUtc);
        var monthStart = UkTime.StartOfUkDayUtc(new DateOnly(now.Year, now.Month, 1));
        var counts = await db.Set<Referral>().AsNoTracking().Where(r => r.ReferredUtc >= monthStart).GroupBy(r => r.ServiceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return services.Select(s => View(s, counts.GetValueOrDefault(s.Id), strands)).ToList();
    }

    public static async Task<ServiceView?> DetailAsync(AppDb db, StrandCatalogue strands, int id, DateTime nowUtc, CancellationToken ct) =>
        (await ListAsync(db, strands, nowUtc, ct)).FirstOrDefault(s => s.Id == id);

    static ServiceView View(CommissionedService s, int thisMonth, StrandCatalogue strands) => new(
        s.Id, s.Code, s.Name, ServiceKinds.Display(s.Kind), s.Description, s.ProviderAgencyId, s.ProviderAgency!.Name,
        s.Deliverables.Select(d => new DeliverableView(d.Code, Deliverables.Display(d.Code))).ToList(),
        s.Eligibility.Select(r => Eligibility.Describe(r.Data, strands.IncidentCategoryName)).ToList(),
        s.Eligibility.Select(r => r.Data).ToList(),
        s.MonthlyCapacity, thisMonth, s.FirstContactWorkingDays, s.DeliveryWorkingDays, s.IsActive);
}
