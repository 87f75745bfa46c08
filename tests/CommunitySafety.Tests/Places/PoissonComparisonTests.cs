using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class PoissonComparisonTests
{
    [Fact]
    public void Compare_ZeroVersusTen_GivesTwiceTailOfHalfToTheTenth()
    {
        // n = 10, a ~ Bin(10, 0.5): P(a ≤ 0) = 1/1024, doubled = 2/1024.
        var result = PoissonComparison.Compare(current: 0, previous: 10);

        Assert.Equal(2.0 / 1024, result.PValue, 12);
        Assert.Equal(ChangeVerdict.RealDecrease, result.Verdict);
        Assert.Equal(-10, result.Change);
        Assert.Equal(-100.0, result.PercentChange!.Value, 10);
    }

    [Fact]
    public void Compare_TenVersusZero_IsRealIncreaseWithNullPercent()
    {
        var result = PoissonComparison.Compare(current: 10, previous: 0);

        Assert.Equal(2.0 / 1024, result.PValue, 12);
        Assert.Equal(ChangeVerdict.RealIncrease, result.Verdict);
        Assert.Null(result.PercentChange);
    }

    [Fact]
    public void Compare_EqualCounts_GivesPValueOne()
    {
        var result = PoissonComparison.Compare(10, 10);

        Assert.Equal(1.0, result.PValue);
        Assert.Equal(ChangeVerdict.NoRealChange, result.Verdict);
        Assert.Equal(0.0, result.PercentChange!.Value);
    }

    [Fact]
    public void Compare_BothZero_GivesPValueOneAndNullPercent()
    {
        var result = PoissonComparison.Compare(0, 0);

        Assert.Equal(1.0, result.PValue);
        Assert.Null(result.PercentChange);
        Assert.Equal(ChangeVerdict.NoRealChange, result.Verdict);
    }

    [Fact]
    public void Compare_FiveVersusOne_MatchesHandCalculation()
    {
        // n = 6: P(a ≥ 5) = (C(6,5) + C(6,6)) / 64 = 7/64; two-sided = 14/64.
        var result = PoissonComparison.Compare(5, 1);

        Assert.Equal(14.0 / 64, result.PValue, 12);
        Assert.Equal(ChangeVerdict.NoRealChange, result.Verdict);
        Assert.Equal(400.0, result.PercentChange!.Value, 10);
    }

    [Fact]
    public void Compare_FifteenVersusFive_IsSignificantIncrease()
    {
        // n = 20: P(a ≥ 15) = (15504 + 4845 + 1140 + 190 + 20 + 1) / 2^20 = 21700 / 1048576.
        var result = PoissonComparison.Compare(15, 5);

        Assert.Equal(2.0 * 21700 / 1048576, result.PValue, 12);
        Assert.Equal(ChangeVerdict.RealIncrease, result.Verdict);
    }

    [Fact]
    public void Compare_SwappedCounts_GiveSamePValue()
    {
        Assert.Equal(PoissonComparison.Compare(37, 52).PValue, PoissonComparison.Compare(52, 37).PValue, 14);
    }

    [Fact]
    public void Compare_StricterAlpha_TurnsIncreaseIntoNoChange()
    {
        var result = PoissonComparison.Compare(15, 5, alpha: 0.01);

        Assert.Equal(ChangeVerdict.NoRealChange, result.Verdict);
        Assert.Equal(0.01, result.Alpha);
    }

    [Fact]
    public void Compare_LargeCountsSmallShift_MatchesNormalApproximation()
    {
        // n = 201,000, mean 100,500, sd = sqrt(201000/4) ≈ 224.165; continuity-corrected z ≈ 499.5/224.165 ≈ 2.2283,
        // two-sided p ≈ 0.02586.
        var result = PoissonComparison.Compare(101_000, 100_000);

        Assert.InRange(result.PValue, 0.0250, 0.0267);
        Assert.Equal(ChangeVerdict.RealIncrease, result.Verdict);
        Assert.Equal(1.0, result.PercentChange!.Value, 10);
    }

    [Fact]
    public void Compare_TwoHundredThousandEach_IsStableAndOne()
    {
        var result = PoissonComparison.Compare(200_000, 200_000);

        Assert.Equal(1.0, result.PValue);
        Assert.Equal(ChangeVerdict.NoRealChange, result.Verdict);
    }

    [Fact]
    public void Compare_VeryLargeDifference_UnderflowsToZeroNotNaN()
    {
        var result = PoissonComparison.Compare(200_000, 150_000);

        Assert.False(double.IsNaN(result.PValue));
        Assert.InRange(result.PValue, 0.0, 1e-100);
        Assert.Equal(ChangeVerdict.RealIncrease, result.Verdict);
    }

    [Fact]
    public void Compare_LargeCountsTinyShift_IsNoRealChange()
    {
        // n = 400,100, mean 200,050, sd = sqrt(400100)/2 ≈ 316.27; continuity-corrected z ≈ 49.5/316.27 ≈ 0.1565,
        // two-sided p ≈ 0.8756: nowhere near significant.
        var result = PoissonComparison.Compare(200_100, 200_000);

        Assert.InRange(result.PValue, 0.870, 0.880);
        Assert.Equal(ChangeVerdict.NoRealChange, result.Verdict);
    }

    [Fact]
    public void Compare_EqualRatesWithUnequalExposure_GivesPValueOne()
    {
        // 10 in one month vs 20 in two months: same rate, so expected a = 30 × 1/3 = 10 exactly.
        var result = PoissonComparison.Compare(10, 20, currentExposure: 1, previousExposure: 2);

        Assert.Equal(1.0, result.PValue);
        Assert.Equal(0.0, result.PercentChange!.Value, 10);
    }

    [Fact]
    public void Compare_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonComparison.Compare(-1, 3));
    }

    [Fact]
    public void Compare_ZeroExposure_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonComparison.Compare(1, 3, currentExposure: 0));
    }
}
