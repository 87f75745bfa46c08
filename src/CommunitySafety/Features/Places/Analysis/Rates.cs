namespace CommunitySafety.Features.Places.Analysis;

/// <summary>An area's rate set against a benchmark (e.g. ward vs district, district vs England and Wales).</summary>
/// <param name="AreaRate">The area's rate (e.g. per 1,000 residents).</param>
/// <param name="BenchmarkRate">The benchmark's rate on the same basis.</param>
/// <param name="Ratio">AreaRate ÷ BenchmarkRate (1.0 = same as benchmark); null when the benchmark is 0.</param>
/// <param name="Difference">AreaRate − BenchmarkRate, in the rate's own units.</param>
public sealed record RateComparison(double AreaRate, double BenchmarkRate, double? Ratio, double Difference);

/// <summary>
/// Rates and simple comparisons. Counts alone mislead between areas of different size, so the product
/// publishes count, rate per 1,000 and harm index side by side (reference.md §2.10 design note; Trafford
/// Data Lab crime per 1,000 residents, §2.11).
/// </summary>
public static class Rates
{
    /// <summary>count ÷ population × 1,000; null when population is missing or zero (a rate would be meaningless).</summary>
    public static double? PerThousand(double count, double? population)
    {
        if (count < 0 || double.IsNaN(count))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be non-negative.");
        }

        if (population is null || population.Value == 0)
        {
            return null;
        }

        if (population.Value < 0 || double.IsNaN(population.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(population), population, "Population must be non-negative.");
        }

        return count / population.Value * 1000.0;
    }

    /// <summary>(current − previous) ÷ previous × 100; null when previous is 0 (percent change is undefined from zero).</summary>
    public static double? PercentChange(double previous, double current)
    {
        if (previous == 0)
        {
            return null;
        }

        return (current - previous) / previous * 100.0;
    }

    /// <summary>part ÷ total × 100 (e.g. ASB as a share of all incidents); null when total is 0.</summary>
    public static double? SharePercent(double part, double total)
    {
        if (part < 0 || total < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(part), "Part and total must be non-negative.");
        }

        if (part > total)
        {
            throw new ArgumentException($"Part ({part}) cannot exceed total ({total}).", nameof(part));
        }

        return total == 0 ? null : part / total * 100.0;
    }

    /// <summary>Compares an area's rate with a benchmark rate.</summary>
    public static RateComparison Compare(double areaRate, double benchmarkRate)
    {
        if (!double.IsFinite(areaRate) || !double.IsFinite(benchmarkRate))
        {
            throw new ArgumentException("Rates must be finite.");
        }

        double? ratio = benchmarkRate == 0 ? null : areaRate / benchmarkRate;
        return new RateComparison(areaRate, benchmarkRate, ratio, areaRate - benchmarkRate);
    }
}
