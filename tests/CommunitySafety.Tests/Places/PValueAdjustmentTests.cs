using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class PValueAdjustmentTests
{
    [Fact]
    public void Holm_FourValues_MatchesHandCalculationInInputOrder()
    {
        // Sorted: 0.005×4 = 0.02; 0.01×3 = 0.03; 0.03×2 = 0.06; 0.04×1 = 0.04 → monotone max 0.06.
        var adjusted = PValueAdjustment.Holm([0.01, 0.04, 0.03, 0.005]);

        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)).ToArray());
    }

    [Fact]
    public void Holm_LargeValues_AreCappedAtOne()
    {
        var adjusted = PValueAdjustment.Holm([0.5, 0.6]);

        Assert.Equal([1.0, 1.0], adjusted);
    }

    [Fact]
    public void Holm_SingleValue_IsUnchanged()
    {
        Assert.Equal([0.042], PValueAdjustment.Holm([0.042]));
    }

    [Fact]
    public void Holm_Empty_ReturnsEmpty()
    {
        Assert.Empty(PValueAdjustment.Holm([]));
    }

    [Fact]
    public void Holm_OutOfRangeValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PValueAdjustment.Holm([0.1, 1.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PValueAdjustment.Holm([double.NaN]));
    }
}
