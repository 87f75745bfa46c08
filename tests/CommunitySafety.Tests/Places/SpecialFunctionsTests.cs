using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 0.57236494292470008)] // ln √π
    [InlineData(11.0, 15.104412573075516)] // ln 10!
    [InlineData(3.0, 0.69314718055994531)] // ln 2
    public void LogGamma_KnownArguments_MatchesReference(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 11);
    }

    [Fact]
    public void LogGamma_LargeArgument_MatchesLogFactorialSum()
    {
        // ln(2000!) by direct summation of logs, independent of the Stirling series.
        var sum = 0.0;
        for (var k = 2; k <= 2000; k++)
        {
            sum += Math.Log(k);
        }

        Assert.Equal(sum, SpecialFunctions.LogGamma(2001), 7);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.47950012218695346)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.0046777349810472658)]
    [InlineData(3.0, 2.2090496998585441e-05)]
    [InlineData(-1.0, 1.8427007929497149)]
    public void Erfc_KnownArguments_AccurateTo1e9(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.Erfc(x), 9);
    }

    [Fact]
    public void Erfc_EitherSideOfMethodSwitch_IsContinuous()
    {
        Assert.Equal(SpecialFunctions.Erfc(1.999999999), SpecialFunctions.Erfc(2.0), 10);
    }

    [Fact]
    public void NormalCdf_AtOneNinetySix_IsPointNineSevenFive()
    {
        Assert.Equal(0.975, SpecialFunctions.NormalCdf(1.959963984540054), 9);
    }

    [Fact]
    public void TwoSidedNormalP_AtOne_MatchesReference()
    {
        Assert.Equal(0.31731050786291415, SpecialFunctions.TwoSidedNormalP(1.0), 9);
        Assert.Equal(0.31731050786291415, SpecialFunctions.TwoSidedNormalP(-1.0), 9);
    }
}
