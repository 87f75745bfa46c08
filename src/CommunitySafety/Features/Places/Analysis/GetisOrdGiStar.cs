using System.Runtime.InteropServices;

namespace CommunitySafety.Features.Places.Analysis;

/// <summary>Gi* statistic for one cell or area.</summary>
/// <param name="Z">Gi* z-score; positive = hotspot, negative = coldspot.</param>
/// <param name="PValue">Two-sided p-value from the standard normal (unadjusted).</param>
public sealed record GiStarResult(double Z, double PValue);

/// <summary>
/// Getis–Ord Gi* local hotspot statistic with binary weights and the focal cell included.
/// </summary>
/// <remarks>
/// Formula: Ord &amp; Getis (1995) "Local spatial autocorrelation statistics", Geographical Analysis 27(4),
/// eq. for Gi* in standardised form:
///   Gi* = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / (S · sqrt((n Σ_j w_ij² − (Σ_j w_ij)²)/(n − 1))),
///   S = sqrt(Σ x_j²/n − x̄²).
/// Neighbour default cell_size × √2 (queen contiguity on a square grid) follows sfhotspot (reference.md §2.11).
/// </remarks>
public static class GetisOrdGiStar
{
    // Neighbour distances like cell·√2 land exactly on diagonal centres; allow for float noise.
    private const double DistanceTolerance = 1e-9;

    /// <summary>
    /// Gi* for a regular grid. <paramref name="counts"/> is row-major (index = row × columns + column).
    /// Cells whose centres lie within <paramref name="neighbourDistance"/> (default cellSize × √2) are neighbours.
    /// Returns results in the same order as <paramref name="counts"/>.
    /// </summary>
    public static IReadOnlyList<GiStarResult> ForGrid(
        int columns,
        int rows,
        IReadOnlyList<double> counts,
        double cellSize,
        double? neighbourDistance = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        if (!(cellSize > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "Cell size must be positive.");
        }

        if ((long)columns * rows != counts.Count)
        {
            throw new ArgumentException($"Expected {(long)columns * rows} counts for a {columns}×{rows} grid but got {counts.Count}.", nameof(counts));
        }

        var distance = neighbourDistance ?? cellSize * Math.Sqrt(2.0);
        if (!(distance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(neighbourDistance), neighbourDistance, "Neighbour distance must be non-negative.");
        }

        // Work in cell units so the tolerance is scale-free.
        var reach = distance / cellSize;
        var maxOffset = (int)Math.Floor(reach + DistanceTolerance);
        var reachSquared = (reach * reach) + DistanceTolerance;

        var offsets = new List<(int Dc, int Dr)>();
        for (var dr = -maxOffset; dr <= maxOffset; dr++)
        {
            for (var dc = -maxOffset; dc <= maxOffset; dc++)
            {
                if ((dc * dc) + (dr * dr) <= reachSquared)
                {
                    offsets.Add((dc, dr));
                }
            }
        }

        var (mean, s) = MeanAndS(counts);
        var n = counts.Count;
        var results = new GiStarResult[n];
        // Within one grid the statistic depends only on the neighbourhood's total and size, and on a sparse
        // crime grid a few (total, size) pairs cover almost every cell (empty neighbourhoods above all), so each
        // pair is computed once: the normal tail probability is the costly part.
        var computed = new Dictionary<(double Sum, int Count), GiStarResult>();
        for (var row = 0; row < rows; row++)
        {
            for (var col = 0; col < columns; col++)
            {
                double weightedSum = 0;
                var weightCount = 0;
                foreach (var (dc, dr) in offsets)
                {
                    var c = col + dc;
                    var r = row + dr;
                    if (c < 0 || c >= columns || r < 0 || r >= rows)
                    {
                        continue;
                    }

                    weightedSum += counts[(r * columns) + c];
                    weightCount++;
                }

                ref var result = ref CollectionsMarshal.GetValueRefOrAddDefault(computed, (weightedSum, weightCount), out var known);
                if (!known)
                {
                    result = Compute(weightedSum, weightCount, mean, s, n);
                }

                results[(row * columns) + col] = result!;
            }
        }

        return results;
    }

    /// <summary>
    /// Gi* for arbitrary areas. <paramref name="neighbours"/>[i] lists the indices of area i's neighbours;
    /// the area itself is always included (Gi* rather than Gi) whether or not it is listed. Duplicates are ignored.
    /// </summary>
    public static IReadOnlyList<GiStarResult> ForAreas(
        IReadOnlyList<double> values,
        IReadOnlyList<IReadOnlyCollection<int>> neighbours)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(neighbours);
        if (values.Count != neighbours.Count)
        {
            throw new ArgumentException("There must be one neighbour list per area.", nameof(neighbours));
        }

        var n = values.Count;
        var (mean, s) = MeanAndS(values);
        var results = new GiStarResult[n];
        for (var i = 0; i < n; i++)
        {
            var set = new HashSet<int> { i };
            foreach (var j in neighbours[i])
            {
                if (j < 0 || j >= n)
                {
                    throw new ArgumentOutOfRangeException(nameof(neighbours), j, $"Area {i} lists neighbour {j}, outside 0..{n - 1}.");
                }

                set.Add(j);
            }

            double weightedSum = 0;
            foreach (var j in set)
            {
                weightedSum += values[j];
            }

            results[i] = Compute(weightedSum, set.Count, mean, s, n);
        }

        return results;
    }

    private static (double Mean, double S) MeanAndS(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (0, 0);
        }

        double sum = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v) || double.IsInfinity(v))
            {
                throw new ArgumentException("Counts must be finite numbers.", nameof(values));
            }

            sum += v;
        }

        var mean = sum / values.Count;

        // Centred sum of squares (numerically safer than Σx²/n − x̄²; algebraically identical).
        double squares = 0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(squares / values.Count));
    }

    private static GiStarResult Compute(double weightedSum, int weightCount, double mean, double s, int n)
    {
        // Binary weights: Σw = Σw² = weightCount.
        var w = (double)weightCount;
        var spread = n > 1 ? ((n * w) - (w * w)) / (n - 1) : 0.0;
        var denominator = s * Math.Sqrt(Math.Max(spread, 0.0));

        // All values equal (S = 0) or every cell a neighbour (spread = 0): the statistic is undefined,
        // and there is no evidence of clustering, so report "nothing here" rather than NaN.
        if (denominator <= 1e-12 * Math.Max(1.0, Math.Abs(mean)))
        {
            return new GiStarResult(0.0, 1.0);
        }

        var z = (weightedSum - (mean * w)) / denominator;
        return new GiStarResult(z, SpecialFunctions.TwoSidedNormalP(z));
    }
}
