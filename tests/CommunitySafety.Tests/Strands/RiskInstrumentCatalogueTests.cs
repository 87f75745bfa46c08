using CommunitySafety.Features.Asb;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Strands;

namespace CommunitySafety.Tests.Strands;

/// <summary>Scoring of data-defined instruments at their boundaries: bands, not known, number ranges and steps, choice scores, triggers.</summary>
public class RiskInstrumentCatalogueTests
{
    static readonly RiskInstrument Tst = TestStrand.TestStrand.Instrument;

    static Dictionary<string, RiskAnswer> Answers(RiskAnswer q1, RiskAnswer q2, RiskAnswer q3, RiskAnswer q4) =>
        new(StringComparer.Ordinal) { ["Q1"] = q1, ["Q2"] = q2, ["Q3"] = q3, ["Q4"] = q4 };

    [Theory]
    // Q1 yes = 4, monthly = 2, weekly = 4; 2–4 agencies = 1, 5+ = 3; Q4 yes = 1. Medium from 4, high from 9.
    [InlineData(false, "rarely", 1, false, 0, RiskBand.Standard)]
    [InlineData(false, "monthly", 2, false, 3, RiskBand.Standard)]
    [InlineData(true, "rarely", 0, false, 4, RiskBand.Medium)]
    [InlineData(true, "monthly", 4, true, 8, RiskBand.Medium)]
    [InlineData(true, "weekly", 2, false, 9, RiskBand.High)]
    [InlineData(true, "weekly", 10, true, 12, RiskBand.High)]
    public void Score_EachBandEdge(bool q1, string q2, int q3, bool q4, int expectedScore, RiskBand expected)
    {
        var result = RiskScoring.Score(Tst, Answers(RiskAnswer.YesOrNo(q1), RiskAnswer.Chose(q2), RiskAnswer.Value(q3), RiskAnswer.YesOrNo(q4)));

        Assert.Equal((expectedScore, expected), (result.Score, result.ComputedBand));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 3)]
    [InlineData(10, 3)]
    public void Score_NumberSteps_HighestStepReachedApplies(int agencies, int expected) =>
        Assert.Equal(expected, RiskScoring.Score(Tst, Answers(RiskAnswer.No, RiskAnswer.Chose("rarely"), RiskAnswer.Value(agencies), RiskAnswer.No)).Score);

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Check_NumberOutsideItsRange_NamesTheQuestionAndTheRange(int agencies)
    {
        var errors = RiskScoring.Check(Tst, Answers(RiskAnswer.No, RiskAnswer.Chose("rarely"), RiskAnswer.Value(agencies), RiskAnswer.No));

        var error = Assert.Single(errors);
        Assert.Equal("Q3", error.QuestionId);
        Assert.Equal("Enter a whole number from 0 to 10: How many agencies know the subject?", error.Message);
        Assert.Throws<ArgumentException>(() => RiskScoring.Score(Tst, Answers(RiskAnswer.No, RiskAnswer.Chose("rarely"), RiskAnswer.Value(agencies), RiskAnswer.No)));
    }

    [Fact]
    public void Score_NotKnown_ScoresNothingAndIsListed()
    {
        var result = RiskScoring.Score(Tst, Answers(RiskAnswer.NotKnown, RiskAnswer.NotKnown, RiskAnswer.NotKnown, RiskAnswer.No));

        Assert.Equal(0, result.Score);
        Assert.Equal(["Q1", "Q2", "Q3"], result.NotKnown);
        Assert.Empty(result.YesAnswers);
        Assert.Empty(result.Unanswered);
    }

    [Fact]
    public void Check_NotKnownWhereTheQuestionDoesNotAllowIt_IsRefused()
    {
        var errors = RiskScoring.Check(Tst, Answers(RiskAnswer.No, RiskAnswer.Chose("rarely"), RiskAnswer.Value(0), RiskAnswer.NotKnown));

        Assert.Equal("Select yes or no: Has the subject made threats to kill?", Assert.Single(errors).Message);
    }

    [Fact]
    public void Check_ChoiceNotOffered_AndMissingAnswers_AreRefused()
    {
        var errors = RiskScoring.Check(Tst, new Dictionary<string, RiskAnswer> { ["Q2"] = RiskAnswer.Chose("daily") });

        Assert.Equal(["Q1", "Q2", "Q3", "Q4"], errors.Select(e => e.QuestionId));
        Assert.Equal("Select an option or not known: How often is the subject seen?", errors[1].Message);
    }

    [Fact]
    public void Triggers_FireOnANamedYesOrTheScore_AndNotJustBelow()
    {
        var below = RiskScoring.Score(Tst, Answers(RiskAnswer.Yes, RiskAnswer.Chose("weekly"), RiskAnswer.Value(0), RiskAnswer.No));
        var atScore = RiskScoring.Score(Tst, Answers(RiskAnswer.Yes, RiskAnswer.Chose("weekly"), RiskAnswer.Value(2), RiskAnswer.No));
        var namedYes = RiskScoring.Score(Tst, Answers(RiskAnswer.No, RiskAnswer.Chose("rarely"), RiskAnswer.Value(0), RiskAnswer.Yes));

        Assert.Equal(8, below.Score);
        Assert.Empty(RiskScoring.Triggers(Tst, below, below.ComputedBand));
        Assert.Equal("REFER-PANEL", Assert.Single(RiskScoring.Triggers(Tst, atScore, atScore.ComputedBand)).Code);
        Assert.Equal("REFER-PANEL", Assert.Single(RiskScoring.Triggers(Tst, namedYes, namedYes.ComputedBand)).Code);
    }

    [Theory]
    [InlineData(RiskBand.Standard, false)]
    [InlineData(RiskBand.Medium, true)]
    [InlineData(RiskBand.High, true)]
    public void AsbVictimActionPlanTrigger_FiresOnTheFinalBand_MediumOrAbove(RiskBand finalBand, bool fires)
    {
        var instrument = AsbVictimRiskInstrument.Default;
        var none = RiskScoring.Score(instrument, instrument.Questions.ToDictionary(q => q.Id, _ => false));

        Assert.Equal(fires, RiskScoring.Triggers(instrument, none, finalBand).Any(t => t.Code == AsbVictimRiskInstrument.VictimActionPlanTrigger));
    }

    [Fact]
    public void Instrument_TriggerOnAQuestionThatIsNotYesNo_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Tst with { Triggers = [new RiskTrigger("X", "x") { WhenYes = ["Q2"] }] });

    [Fact]
    public void Instrument_NumberStepOutsideTheRange_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new RiskInstrument("X", 1, [RiskQuestion.Number("N", "n", 0, 5, [new(6, 1)])], [new(RiskBand.Standard, 0)]));

    [Fact]
    public void StoredAnswers_RoundTrip_AndOldYesNoRecordsReadAsBefore()
    {
        var answers = Answers(RiskAnswer.Yes, RiskAnswer.Chose("weekly"), RiskAnswer.Value(3), RiskAnswer.NotKnown);
        var json = RiskAnswerJson.Write(answers);

        Assert.Equal("{\"Q1\":true,\"Q2\":\"weekly\",\"Q3\":3,\"Q4\":null}", json);
        Assert.Equal(answers, RiskAnswerJson.Read(json));
        Assert.Equal(new Dictionary<string, RiskAnswer> { ["P1"] = RiskAnswer.Yes, ["P2"] = RiskAnswer.No }, RiskAnswerJson.Read("{\"P1\":true,\"P2\":false}"));
    }

    [Fact]
    public void Catalogue_AsbStrand_RegistersItsInstrumentForItsCaseType()
    {
        var catalogue = new StrandCatalogue([new AsbStrand()]);

        Assert.Same(AsbVictimRiskInstrument.Default, catalogue.RiskInstrument(catalogue.CaseType(AsbStrand.Code)!.RiskInstrument));
        Assert.Null(catalogue.RiskInstrument("ASB-VRA", 2));
    }

    [Fact]
    public void Catalogue_TwoStrandsRegisteringOneCode_IsAStartUpError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new StrandCatalogue([new AsbStrand(), new AsbStrand()]));
        Assert.Contains("'ASB'", ex.Message, StringComparison.Ordinal);
    }
}
