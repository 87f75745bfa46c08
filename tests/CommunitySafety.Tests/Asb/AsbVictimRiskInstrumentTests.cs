using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Tests.Asb;

public class AsbVictimRiskInstrumentTests
{
    private static RiskScoreResult ScoreYes(params string[] yes) =>
        RiskScoring.Score(
            AsbVictimRiskInstrument.Default,
            AsbVictimRiskInstrument.Default.Questions.ToDictionary(q => q.Id, q => yes.Contains(q.Id)));

    [Fact]
    public void Default_Shape_IsVersionedYesNoInstrumentOf12To16Questions()
    {
        var instrument = AsbVictimRiskInstrument.Default;

        Assert.Equal("ASB-VRA", instrument.Code);
        Assert.Equal(1, instrument.Version);
        Assert.InRange(instrument.Questions.Count, 12, 16);
        Assert.All(instrument.Questions, q => Assert.Equal(RiskAnswerType.YesNo, q.AnswerType));
        Assert.All(instrument.Questions, q => Assert.InRange(q.Weight, 1, 5));
        Assert.True(instrument.MaximumScore >= AsbVictimRiskInstrument.HighCutOff);
    }

    [Fact]
    public void Score_AllNo_Standard()
    {
        var result = ScoreYes();

        Assert.Equal(0, result.Score);
        Assert.Equal(RiskBand.Standard, result.ComputedBand);
    }

    [Fact]
    public void Score_HateRepeatFearAndDisability_Medium()
    {
        var result = ScoreYes("I1", "R1", "F1", "P1");

        Assert.Equal(12, result.Score);
        Assert.Equal(RiskBand.Medium, result.ComputedBand);
    }

    [Fact]
    public void Score_AllYes_High()
    {
        var result = ScoreYes([.. AsbVictimRiskInstrument.Default.Questions.Select(q => q.Id)]);

        Assert.Equal(RiskBand.High, result.ComputedBand);
    }

    [Theory]
    [InlineData(RiskBand.Standard, false)]
    [InlineData(RiskBand.Medium, true)]
    [InlineData(RiskBand.High, true)]
    public void RequiresVictimActionPlan_Band_MediumOrHighOnly(RiskBand band, bool expected) =>
        Assert.Equal(expected, AsbVictimRiskInstrument.RequiresVictimActionPlan(band));
}
