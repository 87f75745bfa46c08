using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Places records that have an LSOA code but no coordinates. police.uk publishes 2011 LSOA codes
/// (shared/data README "Joining"), so the route is LSOA11 → LSOA21 (ONS exact-fit lookup) → ward
/// (ONS LSOA21 → ward best-fit lookup), keeping only wards of the current boundary set.
/// </summary>
/// <remarks>A split 2011 LSOA can reach several wards; the ward reached by most of its 2021 LSOAs
/// wins, ties going to the lowest ward code, so the result is deterministic. A 2011-based ward lookup
/// (LSOA11 → WDyy) is used only where the 2021 route finds nothing.</remarks>
internal static class LsoaPlacement
{
    public static async Task<Dictionary<string, int>> BuildAsync(AppDb db, IReadOnlyDictionary<string, int> wardIdByCode, CancellationToken ct)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (wardIdByCode.Count == 0)
        {
            return result;
        }

        var lookups = await db.Set<LsoaWardLookup>().AsNoTracking()
            .Select(l => new { l.LsoaCode, l.LsoaVintage, l.WardCode }).ToListAsync(ct);
        var ward21 = new Dictionary<string, string>(StringComparer.Ordinal);
        var ward11 = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in lookups.Where(l => wardIdByCode.ContainsKey(l.WardCode)))
        {
            var target = l.LsoaVintage >= 2021 ? ward21 : ward11;
            target.TryAdd(l.LsoaCode, l.WardCode);
        }

        var changes = await db.Set<LsoaChangeLink>().AsNoTracking()
            .Select(c => new { c.Lsoa11Code, c.Lsoa21Code }).ToListAsync(ct);
        foreach (var group in changes.GroupBy(c => c.Lsoa11Code, StringComparer.Ordinal))
        {
            var best = group
                .Select(c => ward21.GetValueOrDefault(c.Lsoa21Code))
                .OfType<string>()
                .GroupBy(w => w, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .FirstOrDefault();
            if (best is not null)
            {
                result[group.Key] = wardIdByCode[best];
            }
        }

        foreach (var (lsoa, ward) in ward11)
        {
            result.TryAdd(lsoa, wardIdByCode[ward]);
        }

        // LSOAs unchanged since 2011 keep their code, so a 2021 lookup also answers directly.
        foreach (var (lsoa, ward) in ward21)
        {
            result.TryAdd(lsoa, wardIdByCode[ward]);
        }

        return result;
    }
}
