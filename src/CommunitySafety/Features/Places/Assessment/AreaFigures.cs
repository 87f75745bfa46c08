using System.Globalization;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Assessment;

/// <summary>Which kind of area an analysis page is about.</summary>
public enum AreaKind
{
    /// <summary>Every ward of the current boundary set (the partnership's whole area).</summary>
    County,
    LocalAuthority,
    Ward,
}

/// <summary>
/// An area chosen on an analysis page, written in query strings as "county", "lad:E07000240" or
/// "ward:E05015378" so one parameter carries both kind and code.
/// </summary>
public readonly record struct AreaSelection(AreaKind Kind, string? Code)
{
    public static AreaSelection County { get; } = new(AreaKind.County, null);

    public static AreaSelection Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Equals("county", StringComparison.OrdinalIgnoreCase))
        {
            return County;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < text.Length - 1)
        {
            var code = text[(colon + 1)..].Trim();
            var prefix = text[..colon];
            if (prefix.Equals("lad", StringComparison.OrdinalIgnoreCase))
            {
                return new AreaSelection(AreaKind.LocalAuthority, code);
            }

            if (prefix.Equals("ward", StringComparison.OrdinalIgnoreCase))
            {
                return new AreaSelection(AreaKind.Ward, code);
            }
        }

        return County;
    }

    public override string ToString() => Kind switch
    {
        AreaKind.LocalAuthority => "lad:" + Code,
        AreaKind.Ward => "ward:" + Code,
        _ => "county",
    };
}

/// <summary>A resolved area: its wards of the current boundary set and their population.</summary>
/// <param name="Population">Sum of ward populations; null when any ward's population is unknown (a partial sum would understate the rate).</param>
public sealed record ResolvedArea(AreaSelection Selection, string Name, IReadOnlyList<int> WardIds, long? Population);

/// <summary>A selectable area for the pickers.</summary>
public sealed record AreaOption(string Value, string Text);

/// <summary>Months as yyyymm integers (the storage format of <c>ForceMonth.Month</c>), with arithmetic.</summary>
public static class MonthKey
{
    public static int Add(int yyyymm, int months)
    {
        var index = (yyyymm / 100 * 12) + (yyyymm % 100 - 1) + months;
        return (index / 12 * 100) + (index % 12) + 1;
    }

    /// <summary>Inclusive list of months from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IReadOnlyList<int> Range(int from, int to)
    {
        var list = new List<int>();
        for (var m = from; m <= to; m = Add(m, 1))
        {
            list.Add(m);
        }

        return list;
    }

    public static bool IsValid(int yyyymm) => yyyymm / 100 is >= 1900 and <= 2999 && yyyymm % 100 is >= 1 and <= 12;

    /// <summary>Parses "2025-03" (the police.uk and HTML month format) or "202503".</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = text.Replace("-", "", StringComparison.Ordinal).Trim();
        return digits.Length == 6 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && IsValid(v) ? v : null;
    }

    public static string Iso(int yyyymm) => $"{yyyymm / 100:0000}-{yyyymm % 100:00}";

    public static string Display(int yyyymm) =>
        new DateOnly(yyyymm / 100, yyyymm % 100, 1).ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public static DateOnly FirstDay(int yyyymm) => new(yyyymm / 100, yyyymm % 100, 1);
}

/// <summary>Display names of the police.uk categories (reference.md §2.9).</summary>
public static class CategoryNames
{
    public static string Of(CrimeCategory c) => c switch
    {
        CrimeCategory.AntiSocialBehaviour => "Anti-social behaviour",
        CrimeCategory.BicycleTheft => "Bicycle theft",
        CrimeCategory.Burglary => "Burglary",
        CrimeCategory.CriminalDamageAndArson => "Criminal damage and arson",
        CrimeCategory.Drugs => "Drugs",
        CrimeCategory.OtherTheft => "Other theft",
        CrimeCategory.PossessionOfWeapons => "Possession of weapons",
        CrimeCategory.PublicOrder => "Public order",
        CrimeCategory.Robbery => "Robbery",
        CrimeCategory.Shoplifting => "Shoplifting",
        CrimeCategory.TheftFromThePerson => "Theft from the person",
        CrimeCategory.VehicleCrime => "Vehicle crime",
        CrimeCategory.ViolenceAndSexualOffences => "Violence and sexual offences",
        CrimeCategory.OtherCrime => "Other crime",
        _ => c.ToString(),
    };

    /// <summary>Parses the police.uk CSV text (case-insensitive), the API slug, or the enum name.</summary>
    public static CrimeCategory? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        foreach (var c in Enum.GetValues<CrimeCategory>())
        {
            if (string.Equals(Of(c), t, StringComparison.OrdinalIgnoreCase) || string.Equals(c.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        foreach (var (name, slug) in Import.PoliceUkCrimeTypes.Slugs)
        {
            if (string.Equals(slug, t, StringComparison.OrdinalIgnoreCase))
            {
                return Parse(name);
            }
        }

        return null;
    }

    public static IReadOnlyList<CrimeCategory> All { get; } = Enum.GetValues<CrimeCategory>();
}

/// <summary>Counts of one category in one month for an area.</summary>
public readonly record struct MonthCategoryCount(int Month, CrimeCategory Category, long Count);

/// <summary>
/// Shared queries for the Places analysis pages (trends, harm, assessment, data quality): which wards an
/// area has, its monthly counts from <c>ward_monthly_counts</c>, and which months are missing.
/// </summary>
/// <remarks>
/// A month with no <c>ForceMonth</c> row for a force that covers the area is missing, never zero: police.uk
/// has whole force-months absent (e.g. Greater Manchester from July 2019; reference.md §2.9 data-quality traps),
/// and reading them as zero would invent a fall.
/// </remarks>
public static class PlacesAreaFigures
{
    public static IQueryable<Ward> CurrentWards(AppDb db)
    {
        var current = db.Set<BoundarySet>().Where(s => s.IsCurrent && s.Level == Import.BoundaryLevel.Ward).Select(s => s.Id);
        return db.Set<Ward>().AsNoTracking().Where(w => current.Contains(w.BoundarySetId));
    }

    /// <summary>County, then each local authority, then each ward, for area pickers.</summary>
    public static async Task<IReadOnlyList<AreaOption>> OptionsAsync(AppDb db, CancellationToken ct)
    {
        var wards = await CurrentWards(db).Select(w => new { w.Code, w.Name, w.LadCode, w.LadName }).ToListAsync(ct);
        var options = new List<AreaOption> { new("county", "Whole area (all wards)") };
        options.AddRange(wards.Where(w => w.LadCode != null).GroupBy(w => (w.LadCode, w.LadName))
            .OrderBy(g => g.Key.LadName ?? g.Key.LadCode, StringComparer.Ordinal)
            .Select(g => new AreaOption("lad:" + g.Key.LadCode, $"{g.Key.LadName ?? g.Key.LadCode} (local authority)")));
        options.AddRange(wards.OrderBy(w => w.Name, StringComparer.Ordinal)
            .Select(w => new AreaOption("ward:" + w.Code, $"{w.Name} (ward{(w.LadName is null ? "" : ", " + w.LadName)})")));
        return options;
    }

    /// <summary>Resolves an area to its current wards; null when the code matches nothing.</summary>
    public static async Task<ResolvedArea?> ResolveAsync(AppDb db, AreaSelection area, CancellationToken ct)
    {
        var query = CurrentWards(db);
        string name;
        switch (area.Kind)
        {
            case AreaKind.LocalAuthority:
                query = query.Where(w => w.LadCode == area.Code);
                name = await query.Select(w => w.LadName).FirstOrDefaultAsync(ct) ?? area.Code ?? "";
                break;
            case AreaKind.Ward:
                query = query.Where(w => w.Code == area.Code);
                name = await query.Select(w => w.Name).FirstOrDefaultAsync(ct) ?? area.Code ?? "";
                break;
            default:
                name = "Whole area";
                break;
        }

        var wards = await query.Select(w => new { w.Id, w.Population }).ToListAsync(ct);
        if (wards.Count == 0 && area.Kind != AreaKind.County)
        {
            return null;
        }

        long? population = wards.Count > 0 && wards.All(w => w.Population.HasValue) ? wards.Sum(w => (long)w.Population!.Value) : null;
        return new ResolvedArea(area, name, wards.Select(w => w.Id).ToList(), population);
    }

    /// <summary>Counts per month and category for the area's wards, summed in the database.</summary>
    public static async Task<IReadOnlyList<MonthCategoryCount>> MonthlyCountsAsync(
        AppDb db, IReadOnlyList<int> wardIds, int fromMonth, int toMonth, CancellationToken ct)
    {
        var ids = wardIds.ToList();
        var rows = await db.Set<WardMonthlyCount>().AsNoTracking()
            .Where(c => c.WardId != null && ids.Contains(c.WardId.Value) && c.Month >= fromMonth && c.Month <= toMonth)
            .GroupBy(c => new { c.Month, c.Category })
            .Select(g => new { g.Key.Month, g.Key.Category, Count = g.Sum(c => (long)c.Count) })
            .ToListAsync(ct);
        return rows.Select(r => new MonthCategoryCount(r.Month, r.Category, r.Count)).ToList();
    }

    /// <summary>
    /// Forces that cover the area: those with any counted record in its wards. When nothing has been
    /// imported for the area yet, every force with data, so an empty area shows its months as missing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForcesCoveringAsync(AppDb db, IReadOnlyList<int> wardIds, CancellationToken ct)
    {
        var ids = wardIds.ToList();
        var forceMonthIds = db.Set<WardMonthlyCount>().Where(c => c.WardId != null && ids.Contains(c.WardId.Value)).Select(c => c.ForceMonthId);
        var forces = await db.Set<ForceMonth>().AsNoTracking().Where(f => forceMonthIds.Contains(f.Id)).Select(f => f.Force).Distinct().ToListAsync(ct);
        if (forces.Count == 0)
        {
            forces = await db.Set<ForceMonth>().AsNoTracking().Select(f => f.Force).Distinct().ToListAsync(ct);
        }

        forces.Sort(StringComparer.Ordinal);
        return forces;
    }

    /// <summary>Months in the range lacking a force-month for at least one of <paramref name="forces"/> (all months when there are no forces).</summary>
    public static async Task<IReadOnlySet<int>> MissingMonthsAsync(AppDb db, IReadOnlyList<string> forces, int fromMonth, int toMonth, CancellationToken ct)
    {
        var months = MonthKey.Range(fromMonth, toMonth);
        if (forces.Count == 0)
        {
            return months.ToHashSet();
        }

        var names = forces.ToList();
        var present = await db.Set<ForceMonth>().AsNoTracking()
            .Where(f => names.Contains(f.Force) && f.Month >= fromMonth && f.Month <= toMonth)
            .Select(f => new { f.Force, f.Month }).ToListAsync(ct);
        var byMonth = present.GroupBy(p => p.Month).ToDictionary(g => g.Key, g => g.Select(x => x.Force).Distinct().Count());
        return months.Where(m => !byMonth.TryGetValue(m, out var n) || n < names.Count).ToHashSet();
    }

    /// <summary>The latest month with any force-month loaded, or null when nothing is loaded.</summary>
    public static async Task<int?> LatestMonthAsync(AppDb db, CancellationToken ct) =>
        await db.Set<ForceMonth>().AsNoTracking().MaxAsync(f => (int?)f.Month, ct);
}
