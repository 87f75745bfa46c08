namespace CommunitySafety.Features.Places.Analysis;

/// <summary>Multiple-testing corrections for p-values.</summary>
public static class PValueAdjustment
{
    /// <summary>
    /// Holm–Bonferroni step-down adjustment (Holm 1979, Scand. J. Statist. 6:65–70), matching R's
    /// <c>p.adjust(method = "holm")</c>, which sfhotspot applies across periods (reference.md §2.11).
    /// Sorted ascending, adj(i) = max_{j ≤ i} min(1, (m − j + 1) · p(j)); returned in input order.
    /// The running max keeps adjusted values monotone so a smaller raw p never gets a larger adjusted p.
    /// </summary>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        for (var i = 0; i < m; i++)
        {
            var p = pValues[i];
            if (double.IsNaN(p) || p < 0 || p > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p, $"p-value at index {i} must be within [0, 1].");
            }
        }

        // Stable sort so ties keep input order (results are identical either way, but deterministic).
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var runningMax = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var index = order[rank];
            var candidate = Math.Min(1.0, (m - rank) * pValues[index]);
            runningMax = Math.Max(runningMax, candidate);
            adjusted[index] = runningMax;
        }

        return adjusted;
    }
}
