using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.DomesticAbuse.Idva;

namespace CommunitySafety.Tests.DomesticAbuse.Idva;

public class IdvaRulesTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(5, 5)]
    public void ForBoard_WithholdsCountsOneToFour(int count, int? shown) => Assert.Equal(shown, IdvaRules.ForBoard(count));

    [Theory]
    [InlineData(RiskBand.High, RiskBand.Medium, true)]
    [InlineData(RiskBand.High, RiskBand.High, false)]
    [InlineData(RiskBand.Medium, RiskBand.High, false)]
    [InlineData(null, RiskBand.Standard, false)]
    public void RiskReduced_OnlyWhenTheBandAtClosureIsLower(RiskBand? intake, RiskBand? closure, bool reduced) =>
        Assert.Equal(reduced, IdvaRules.RiskReduced(intake, closure));

    [Theory]
    [InlineData(6, 12, 50)]
    [InlineData(13, 12, 108)]
    [InlineData(3, 0, null)]
    public void PercentOfCapacity(int open, int capacity, int? percent) => Assert.Equal(percent, IdvaRules.PercentOfCapacity(open, capacity));
}
