using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Tests.Cases;

public class RiskScoringTests
{
    private static readonly RiskInstrument Small = new(
        "TEST",
        2,
        [new("A", "Question A", 3), new("B", "Question B", 5), new("C", "Question C", 2)],
        [new(RiskBand.Standard, 0), new(RiskBand.Medium, 4), new(RiskBand.High, 8)]);

    [Fact]
    public void Score_YesAnswers_SumsWeightsAndBands()
    {
        var result = RiskScoring.Score(Small, new Dictionary<string, bool> { ["A"] = true, ["B"] = true, ["C"] = false });

        Assert.Equal(8, result.Score);
        Assert.Equal(RiskBand.High, result.ComputedBand);
        Assert.Equal("TEST", result.InstrumentCode);
        Assert.Equal(2, result.InstrumentVersion);
        Assert.Equal(["A", "B"], result.YesAnswers);
        Assert.Empty(result.Unanswered);
    }

    [Theory]
    [InlineData(0, RiskBand.Standard)]
    [InlineData(3, RiskBand.Standard)]
    [InlineData(4, RiskBand.Medium)]
    [InlineData(7, RiskBand.Medium)]
    [InlineData(8, RiskBand.High)]
    public void BandFor_ScoreAtCutOffs_ReturnsBand(int score, RiskBand expected) =>
        Assert.Equal(expected, Small.BandFor(score));

    [Fact]
    public void Score_MissingAnswers_ListsUnansweredAndScoresZero()
    {
        var result = RiskScoring.Score(Small, new Dictionary<string, bool> { ["A"] = true });

        Assert.Equal(3, result.Score);
        Assert.Equal(["B", "C"], result.Unanswered);
    }

    [Fact]
    public void Score_UnknownQuestionId_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => RiskScoring.Score(Small, new Dictionary<string, bool> { ["Z"] = true }));
        Assert.Contains("Z", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateQuestionIds_Throws() =>
        Assert.Throws<ArgumentException>(() => new RiskInstrument("X", 1, [new("A", "a", 1), new("A", "b", 1)], [new(RiskBand.Standard, 0)]));

    [Fact]
    public void Constructor_CutOffsNotRising_Throws() =>
        Assert.Throws<ArgumentException>(() => new RiskInstrument(
            "X", 1, [new("A", "a", 1)], [new(RiskBand.Standard, 0), new(RiskBand.Medium, 5), new(RiskBand.High, 5)]));

    [Fact]
    public void ApplyOverride_NoOverride_KeepsComputedBand()
    {
        var result = RiskScoring.ApplyOverride(RiskBand.Medium, null, null);

        Assert.True(result.Accepted);
        Assert.False(result.IsOverridden);
        Assert.Equal(RiskBand.Medium, result.FinalBand);
    }

    [Fact]
    public void ApplyOverride_RaiseWithReason_Accepted()
    {
        var result = RiskScoring.ApplyOverride(RiskBand.Standard, RiskBand.High, "Victim disclosed threats to kill");

        Assert.True(result.Accepted);
        Assert.True(result.IsOverridden);
        Assert.Equal(RiskBand.High, result.FinalBand);
        Assert.Equal("Victim disclosed threats to kill", result.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ApplyOverride_RaiseWithoutReason_Rejected(string? reason)
    {
        var result = RiskScoring.ApplyOverride(RiskBand.Standard, RiskBand.Medium, reason);

        Assert.False(result.Accepted);
        Assert.Equal(RiskBand.Standard, result.FinalBand);
        Assert.Contains("reason is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyOverride_Lower_RejectedWithClearError()
    {
        var result = RiskScoring.ApplyOverride(RiskBand.High, RiskBand.Medium, "Victim says they feel fine");

        Assert.False(result.Accepted);
        Assert.Equal(RiskBand.High, result.FinalBand);
        Assert.Equal("Professional judgement cannot lower the computed band from High to Medium; it may only raise it.", result.Error);
    }
}
