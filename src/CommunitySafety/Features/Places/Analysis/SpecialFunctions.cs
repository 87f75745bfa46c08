namespace CommunitySafety.Features.Places.Analysis;

/// <summary>
/// Numerical helpers shared by the statistical rules. Written here rather than pulled from a
/// maths package because .NET has no log-gamma or erfc and the product keeps its dependency list short.
/// </summary>
public static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178; // 0.5 * ln(2π)

    /// <summary>
    /// Natural log of Γ(x) for x &gt; 0.
    /// Stirling's asymptotic series (Abramowitz &amp; Stegun 6.1.41) once x ≥ 10, shifting small x up
    /// with Γ(x+1) = xΓ(x) (A&amp;S 6.1.15) so the series is always used where it is accurate (~1e-13).
    /// </summary>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x) || x <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma is only defined here for x > 0.");
        }

        var shift = 0.0;
        while (x < 10)
        {
            // Accumulate ln(x) terms instead of multiplying so nothing overflows.
            shift += Math.Log(x);
            x += 1;
        }

        var inv = 1.0 / x;
        var inv2 = inv * inv;
        var series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680))));
        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + series - shift;
    }

    /// <summary>ln(n choose k) via log-gamma so large counts (hundreds of thousands) never overflow.</summary>
    public static double LogChoose(long n, long k)
    {
        if (k < 0 || k > n)
        {
            return double.NegativeInfinity;
        }

        if (k == 0 || k == n)
        {
            return 0;
        }

        return LogGamma(n + 1.0) - LogGamma(k + 1.0) - LogGamma(n - k + 1.0);
    }

    /// <summary>
    /// Complementary error function. Maclaurin series of erf (A&amp;S 7.1.5) for |x| &lt; 2, where it
    /// converges with at most ~1e-14 absolute error; Laplace continued fraction (A&amp;S 7.1.14) beyond,
    /// where the series would lose precision. Both comfortably beat the 1e-7 accuracy requirement.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2.0 - Erfc(-x);
        }

        if (x < 2.0)
        {
            return 1.0 - ErfSeries(x);
        }

        if (x > 27)
        {
            return 0; // exp(-x²) underflows a double long before this.
        }

        return ErfcContinuedFraction(x);
    }

    /// <summary>Standard normal CDF Φ(z) = erfc(−z/√2)/2.</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2.0));

    /// <summary>Two-sided p-value for a z-score: P(|Z| ≥ |z|) = erfc(|z|/√2).</summary>
    public static double TwoSidedNormalP(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        return Math.Min(1.0, Erfc(Math.Abs(z) / Math.Sqrt(2.0)));
    }

    private static double ErfSeries(double x)
    {
        // erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
        var x2 = x * x;
        var term = x; // (-1)^n x^(2n+1) / n!
        var sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= -x2 / n;
            var contribution = term / ((2 * n) + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-17 * Math.Abs(sum))
            {
                break;
            }
        }

        return 2.0 / Math.Sqrt(Math.PI) * sum;
    }

    private static double ErfcContinuedFraction(double x)
    {
        // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        // Evaluated bottom-up with a fixed depth; for x ≥ 2 depth 300 is far past convergence.
        var tail = x;
        for (var k = 300; k >= 1; k--)
        {
            tail = x + (k / 2.0 / tail);
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / tail;
    }
}
