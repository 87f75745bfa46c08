namespace CommunitySafety.Features.Places.Analysis;

/// <summary>
/// A named, versioned harm weight table (category → weight, e.g. custody-day equivalents).
/// Versioned because weights change when sentencing guidelines change (reference.md §2.10 design note).
/// Category lookups ignore case so "Burglary" and "burglary" match.
/// </summary>
public sealed record HarmWeightTable
{
    public HarmWeightTable(string name, string version, IReadOnlyDictionary<string, double> weights)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(weights);
        var copy = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (category, weight) in weights)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weight, $"Weight for '{category}' must be finite and non-negative.");
            }

            if (!copy.TryAdd(category, weight))
            {
                throw new ArgumentException($"Category '{category}' appears more than once (case-insensitive).", nameof(weights));
            }
        }

        Name = name;
        Version = version;
        Weights = copy;
    }

    public string Name { get; }

    public string Version { get; }

    public IReadOnlyDictionary<string, double> Weights { get; }
}

/// <summary>Harm for one category.</summary>
public sealed record CategoryHarm(string Category, double Count, double Weight, double Harm);

/// <summary>Harm-weighted result, with the table it came from and any categories it could not weight.</summary>
/// <param name="TableName">Weight table name (e.g. "Cambridge CHI").</param>
/// <param name="TableVersion">Weight table version.</param>
/// <param name="TotalHarm">Σ count × weight over weighted categories.</param>
/// <param name="HarmPerThousand">TotalHarm ÷ population × 1,000; null without a population.</param>
/// <param name="Categories">Per-category harm for categories present in the table.</param>
/// <param name="MissingCategories">Categories with counts but no weight; the total excludes them, so callers must show this.</param>
/// <param name="UnweightedCount">Sum of counts in missing categories.</param>
public sealed record HarmWeightingResult(
    string TableName,
    string TableVersion,
    double TotalHarm,
    double? HarmPerThousand,
    IReadOnlyList<CategoryHarm> Categories,
    IReadOnlyList<string> MissingCategories,
    double UnweightedCount)
{
    /// <summary>True when every counted category had a weight.</summary>
    public bool IsComplete => MissingCategories.Count == 0;
}

/// <summary>
/// Harm-weighted totals: Σ(count × weight), optionally ÷ population (ONS Crime Severity Score; Cambridge
/// Crime Harm Index — reference.md §2.10). Missing weights are reported, never silently treated as zero.
/// </summary>
public static class HarmWeighting
{
    public static HarmWeightingResult Compute(
        IReadOnlyDictionary<string, double> countsByCategory,
        HarmWeightTable table,
        double? population = null)
    {
        ArgumentNullException.ThrowIfNull(countsByCategory);
        ArgumentNullException.ThrowIfNull(table);

        var categories = new List<CategoryHarm>();
        var missing = new List<string>();
        double total = 0;
        double unweighted = 0;

        // Ordinal ordering keeps output deterministic regardless of dictionary order.
        foreach (var (category, count) in countsByCategory.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!double.IsFinite(count) || count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(countsByCategory), count, $"Count for '{category}' must be finite and non-negative.");
            }

            if (table.Weights.TryGetValue(category, out var weight))
            {
                var harm = count * weight;
                categories.Add(new CategoryHarm(category, count, weight, harm));
                total += harm;
            }
            else
            {
                missing.Add(category);
                unweighted += count;
            }
        }

        return new HarmWeightingResult(
            table.Name,
            table.Version,
            total,
            Rates.PerThousand(total, population),
            categories,
            missing,
            unweighted);
    }
}
