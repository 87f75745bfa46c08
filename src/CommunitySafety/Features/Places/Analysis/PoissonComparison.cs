namespace CommunitySafety.Features.Places.Analysis;

/// <summary>Plain-English outcome of comparing two counts.</summary>
public enum ChangeVerdict
{
    NoRealChange,
    RealIncrease,
    RealDecrease,
}

/// <summary>Result of comparing a current count with a previous one.</summary>
/// <param name="Current">Count in the current window (e.g. last 12 months).</param>
/// <param name="Previous">Count in the comparison window (e.g. the 12 months before).</param>
/// <param name="Change">Current − Previous (raw counts).</param>
/// <param name="PercentChange">Percent change in exposure-adjusted rate; null when Previous is 0 (undefined).</param>
/// <param name="PValue">Two-sided exact p-value.</param>
/// <param name="Alpha">Significance level used for <paramref name="Verdict"/>.</param>
/// <param name="Verdict">Real increase / decrease, or no real change.</param>
public sealed record PoissonComparisonResult(
    long Current,
    long Previous,
    long Change,
    double? PercentChange,
    double PValue,
    double Alpha,
    ChangeVerdict Verdict);

/// <summary>
/// Exact test that two Poisson counts differ. Partnerships routinely publish "up 12%" from
/// raw counts; this tells them whether such a change is more than chance.
/// </summary>
/// <remarks>
/// Method: conditional binomial test (Przyborowski &amp; Wilenski 1940; see also the "C-test" in
/// Krishnamoorthy &amp; Thomson 2004). Given n = a + b, a ~ Binomial(n, e1/(e1+e2)) under H0 of equal rates.
/// Two-sided p-value = min(1, 2 × smaller tail), the "doubling" convention (as in R's poisson.test
/// central interval), chosen because it is simple to explain and conservative.
/// All probabilities are computed in log space so counts in the hundreds of thousands are stable.
/// </remarks>
public static class PoissonComparison
{
    public const double DefaultAlpha = 0.05;

    /// <summary>Compares <paramref name="current"/> with <paramref name="previous"/>.</summary>
    /// <param name="current">Count in the current window.</param>
    /// <param name="previous">Count in the previous window.</param>
    /// <param name="currentExposure">Exposure (e.g. months or population-years) for the current window.</param>
    /// <param name="previousExposure">Exposure for the previous window.</param>
    /// <param name="alpha">Significance level (0, 1).</param>
    public static PoissonComparisonResult Compare(
        long current,
        long previous,
        double currentExposure = 1.0,
        double previousExposure = 1.0,
        double alpha = DefaultAlpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        ArgumentOutOfRangeException.ThrowIfNegative(previous);
        if (!(currentExposure > 0) || double.IsInfinity(currentExposure))
        {
            throw new ArgumentOutOfRangeException(nameof(currentExposure), currentExposure, "Exposure must be positive and finite.");
        }

        if (!(previousExposure > 0) || double.IsInfinity(previousExposure))
        {
            throw new ArgumentOutOfRangeException(nameof(previousExposure), previousExposure, "Exposure must be positive and finite.");
        }

        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be strictly between 0 and 1.");
        }

        var n = current + previous;
        var p = currentExposure / (currentExposure + previousExposure);
        var pValue = n == 0 ? 1.0 : TwoSidedBinomialP(current, n, p);

        // Percent change is of rates so unequal windows (e.g. 11 vs 12 months) compare fairly;
        // with equal exposures it equals the plain count change.
        double? percentChange = previous == 0
            ? null
            : ((current / currentExposure) - (previous / previousExposure)) / (previous / previousExposure) * 100.0;

        var verdict = ChangeVerdict.NoRealChange;
        if (pValue < alpha)
        {
            verdict = current / currentExposure > previous / previousExposure
                ? ChangeVerdict.RealIncrease
                : ChangeVerdict.RealDecrease;
        }

        return new PoissonComparisonResult(current, previous, current - previous, percentChange, pValue, alpha, verdict);
    }

    /// <summary>min(1, 2 × min(P(X ≤ k), P(X ≥ k))) for X ~ Binomial(n, p).</summary>
    internal static double TwoSidedBinomialP(long k, long n, double p)
    {
        var lower = LowerTail(k, n, p);
        var upper = UpperTail(k, n, p);
        return Math.Min(1.0, 2.0 * Math.Min(lower, upper));
    }

    internal static double LogBinomialPmf(long k, long n, double p)
    {
        if (k < 0 || k > n)
        {
            return double.NegativeInfinity;
        }

        // Guard 0·log(0) for the degenerate edges.
        var logSuccess = k == 0 ? 0.0 : k * Math.Log(p);
        var logFailure = n - k == 0 ? 0.0 : (n - k) * Math.Log(1 - p);
        return SpecialFunctions.LogChoose(n, k) + logSuccess + logFailure;
    }

    /// <summary>P(X ≤ k).</summary>
    internal static double LowerTail(long k, long n, double p)
    {
        if (k >= n)
        {
            return 1.0;
        }

        // Sum outward from k only when terms shrink that way (k below the mean), otherwise use the
        // complement of the other tail; either way we only ever sum a monotonically decreasing run.
        if (k <= n * p)
        {
            return SumDownward(k, n, p);
        }

        return Math.Clamp(1.0 - SumUpward(k + 1, n, p), 0.0, 1.0);
    }

    /// <summary>P(X ≥ k).</summary>
    internal static double UpperTail(long k, long n, double p)
    {
        if (k <= 0)
        {
            return 1.0;
        }

        if (k >= n * p)
        {
            return SumUpward(k, n, p);
        }

        return Math.Clamp(1.0 - SumDownward(k - 1, n, p), 0.0, 1.0);
    }

    // Σ_{j ≤ k} pmf(j), stepping down with the ratio pmf(j-1)/pmf(j) = j/(n-j+1) · (1-p)/p.
    private static double SumDownward(long k, long n, double p)
    {
        var logStart = LogBinomialPmf(k, n, p);
        var odds = (1 - p) / p;
        var term = 1.0; // relative to exp(logStart)
        var sum = 1.0;
        for (var j = k; j > 0; j--)
        {
            term *= j / (double)(n - j + 1) * odds;
            sum += term;
            if (term < 1e-17 * sum)
            {
                break;
            }
        }

        return Math.Min(1.0, Math.Exp(logStart + Math.Log(sum)));
    }

    // Σ_{j ≥ k} pmf(j), stepping up with pmf(j+1)/pmf(j) = (n-j)/(j+1) · p/(1-p).
    private static double SumUpward(long k, long n, double p)
    {
        if (k > n)
        {
            return 0.0;
        }

        var logStart = LogBinomialPmf(k, n, p);
        var odds = p / (1 - p);
        var term = 1.0;
        var sum = 1.0;
        for (var j = k; j < n; j++)
        {
            term *= (n - j) / (double)(j + 1) * odds;
            sum += term;
            if (term < 1e-17 * sum)
            {
                break;
            }
        }

        return Math.Min(1.0, Math.Exp(logStart + Math.Log(sum)));
    }
}
