using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class RatesTests
{
    [Fact]
    public void PerThousand_CountAndPopulation_ScalesToThousand()
    {
        Assert.Equal(12.5, Rates.PerThousand(125, 10_000)!.Value, 12);
    }

    [Fact]
    public void PerThousand_MissingOrZeroPopulation_ReturnsNull()
    {
        Assert.Null(Rates.PerThousand(5, null));
        Assert.Null(Rates.PerThousand(5, 0));
    }

    [Fact]
    public void PerThousand_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rates.PerThousand(-1, 100));
    }

    [Fact]
    public void PercentChange_FromEightyToHundred_IsTwentyFivePercent()
    {
        Assert.Equal(25.0, Rates.PercentChange(80, 100)!.Value, 12);
        Assert.Equal(-20.0, Rates.PercentChange(100, 80)!.Value, 12);
    }

    [Fact]
    public void PercentChange_FromZero_ReturnsNull()
    {
        Assert.Null(Rates.PercentChange(0, 12));
    }

    [Fact]
    public void SharePercent_AsbOfAllIncidents_IsPercent()
    {
        Assert.Equal(30.0, Rates.SharePercent(150, 500)!.Value, 12);
    }

    [Fact]
    public void SharePercent_ZeroTotal_ReturnsNull()
    {
        Assert.Null(Rates.SharePercent(0, 0));
    }

    [Fact]
    public void SharePercent_PartAboveTotal_Throws()
    {
        Assert.Throws<ArgumentException>(() => Rates.SharePercent(6, 5));
    }

    [Fact]
    public void Compare_AreaAboveBenchmark_GivesRatioAndDifference()
    {
        var comparison = Rates.Compare(areaRate: 90, benchmarkRate: 60);

        Assert.Equal(1.5, comparison.Ratio!.Value, 12);
        Assert.Equal(30, comparison.Difference, 12);
    }

    [Fact]
    public void Compare_ZeroBenchmark_HasNullRatio()
    {
        var comparison = Rates.Compare(areaRate: 4, benchmarkRate: 0);

        Assert.Null(comparison.Ratio);
        Assert.Equal(4, comparison.Difference);
    }
}
