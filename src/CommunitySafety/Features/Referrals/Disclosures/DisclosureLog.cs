using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals.Disclosures;

public sealed record DisclosureView(
    int Id, DateTime DisclosedUtc, string By, string ByAgency, string ToAgency, string Service, IReadOnlyList<string> Fields,
    string LawfulBasis, string SharingPower, string? Condition, string Consent, string Purpose, int? ReferralId);

public static class DisclosureLog
{
    public static async Task<IReadOnlyList<DisclosureView>> ForPersonAsync(AppDb db, int personId, CancellationToken ct)
    {
        var rows = await db.Set<DisclosureRecord>().AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.DisclosedUtc).ToListAsync(ct);
        return rows.Select(d => new DisclosureView(d.Id, d.DisclosedUtc, d.ByName, d.ByAgencyName, d.ToAgencyName, d.ServiceName,
            d.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(SharedFields.Display).ToList(),
            LawfulBases.Display(LawfulBases.Article6, d.LawfulBasis), LawfulBases.Display(LawfulBases.Powers, d.SharingPower),
            d.SpecialCategoryCondition is null ? null : LawfulBases.Display(LawfulBases.Conditions, d.SpecialCategoryCondition),
            d.Consent, d.Purpose, d.ReferralId)).ToList();
    }
}
