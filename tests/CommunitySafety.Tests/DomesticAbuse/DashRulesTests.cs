using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.DomesticAbuse.Rules;

namespace CommunitySafety.Tests.DomesticAbuse;

/// <summary>DASH bands and judgement at their boundaries (reference 2.1: 1–9 standard, 10–13 medium, 14+ high; raise only).</summary>
public sealed class DashRulesTests
{
    // Questions with no red flag behind them, so a count alone decides the band.
    static readonly string[] Plain = ["Q2", "Q3", "Q4", "Q5", "Q7", "Q9", "Q13", "Q16", "Q17", "Q18", "Q19", "Q20", "Q21", "Q22", "Q23", "Q24", "Q1", "Q6"];

    static Dictionary<string, RiskAnswer> WithYes(IEnumerable<string> yes)
    {
        var set = yes.ToHashSet();
        return DashChecklist.Questions.ToDictionary(q => q.Id, q => set.Contains(q.Id) ? RiskAnswer.Yes : RiskAnswer.No);
    }

    static DashResult Judge(Dictionary<string, RiskAnswer> answers, RiskBand? band = null, string? reason = null, params DashRedFlag[] flags) =>
        DashJudgement.Judge(DashChecklist.Default, answers, flags, band, reason).Result!;

    [Fact]
    public void Instrument_Has24YesNoNotKnownQuestions()
    {
        Assert.Equal(24, DashChecklist.Default.Questions.Count);
        Assert.All(DashChecklist.Default.Questions, q => Assert.True(q.AllowsNotKnown));
    }

    [Theory]
    [InlineData(9, RiskBand.Standard)]
    [InlineData(10, RiskBand.Medium)]
    [InlineData(13, RiskBand.Medium)]
    [InlineData(14, RiskBand.High)]
    public void Count_GivesTheLocalGuidanceBand(int yes, RiskBand expected)
    {
        var r = Judge(WithYes(Plain.Take(yes)));
        Assert.Equal(yes, r.YesCount);
        Assert.Equal(expected, r.ComputedBand);
        Assert.Equal(expected, r.FinalBand);
    }

    [Fact]
    public void NotKnown_ScoresNothing()
    {
        var answers = WithYes(Plain.Take(13));
        answers["Q24"] = RiskAnswer.NotKnown;
        answers["Q23"] = RiskAnswer.NotKnown;
        Assert.Equal(RiskBand.Medium, Judge(answers).ComputedBand);
    }

    [Fact]
    public void RedFlag_RaisesMediumToHigh_WithTheReason()
    {
        var r = Judge(WithYes(Plain.Take(10)), flags: DashRedFlag.VictimPerception);
        Assert.Equal(RiskBand.Medium, r.ComputedBand);
        Assert.Equal(RiskBand.High, r.FinalBand);
        Assert.Contains("perception", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void StrangulationAnswer_IsARedFlagEvenUnticked()
    {
        var r = Judge(WithYes(["Q15"]));
        Assert.Equal(RiskBand.Standard, r.ComputedBand);
        Assert.Equal(RiskBand.High, r.FinalBand);
        Assert.Contains(DashRedFlag.NonFatalStrangulation, r.RedFlags);
    }

    [Fact]
    public void Cluster_NeedsSeparationControlAndViolence()
    {
        Assert.DoesNotContain(DashRedFlag.SeparationControlViolenceCluster, DashJudgement.FromAnswers(WithYes(["Q6", "Q12"])));
        Assert.Contains(DashRedFlag.SeparationControlViolenceCluster, DashJudgement.FromAnswers(WithYes(["Q6", "Q12", "Q1"])));
    }

    [Fact]
    public void Override_ThatWouldLower_IsRefused()
    {
        var judged = DashJudgement.Judge(DashChecklist.Default, WithYes(Plain.Take(14)), [], RiskBand.Medium, "Victim now safe");
        Assert.Null(judged.Result);
        Assert.Equal("OverrideBand", judged.ErrorField);
        Assert.Contains("cannot lower", judged.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_ThatRaises_NeedsAReason()
    {
        var judged = DashJudgement.Judge(DashChecklist.Default, WithYes(Plain.Take(3)), [], RiskBand.Medium, " ");
        Assert.Equal("OverrideReason", judged.ErrorField);
        Assert.Equal(RiskBand.Medium, Judge(WithYes(Plain.Take(3)), RiskBand.Medium, "Recent threats to the children").FinalBand);
    }

    [Fact]
    public void Unanswered_IsNotScored()
    {
        var answers = WithYes(Plain.Take(5));
        answers.Remove("Q24");
        Assert.Throws<ArgumentException>(() => DashJudgement.Judge(DashChecklist.Default, answers, [], null, null));
    }

    [Fact]
    public void Bands_AreConfigurable()
    {
        var dash = DashChecklist.Build(new DashBands(8, 12));
        Assert.Equal(RiskBand.High, RiskScoring.Score(dash, WithYes(Plain.Take(12))).ComputedBand);
    }
}

/// <summary>Marac criteria from the data (reference 2.1) and the repeat window (reference 2.2).</summary>
public sealed class MaracCriteriaTests
{
    static readonly DateOnly Today = new(2026, 6, 1);

    static IReadOnlyList<MaracCriterion> Met(int yes, RiskBand band, DateOnly[]? incidents = null, DateOnly? last = null) =>
        MaracCriteria.Met(new MaracFacts(yes, band, incidents ?? [], last, Today), DashBands.Default, MaracRules.Default);

    [Fact]
    public void Exactly14Yes_IsVisibleHighRisk_13IsNot()
    {
        Assert.Equal([MaracCriterion.VisibleHighRisk], Met(14, RiskBand.High));
        Assert.Empty(Met(13, RiskBand.Medium));
    }

    [Fact]
    public void HighBelowTheCount_IsProfessionalJudgement()
    {
        Assert.Equal([MaracCriterion.ProfessionalJudgement], Met(13, RiskBand.High));
    }

    [Fact]
    public void ThreeIncidentsIn12Months_IsPotentialEscalation_TwoIsNot()
    {
        var three = new[] { Today.AddMonths(-12).AddDays(1), Today.AddMonths(-6), Today };
        Assert.Contains(MaracCriterion.PotentialEscalation, Met(2, RiskBand.Standard, three));
        var oneTooOld = new[] { Today.AddMonths(-12), Today.AddMonths(-6), Today };
        Assert.DoesNotContain(MaracCriterion.PotentialEscalation, Met(2, RiskBand.Standard, oneTooOld));
    }

    [Fact]
    public void Day365_IsARepeat_Day366_IsANewReferral()
    {
        var referred = new DateOnly(2025, 3, 1);
        Assert.True(MaracCriteria.IsRepeat(referred, referred.AddDays(365)));
        Assert.False(MaracCriteria.IsRepeat(referred, referred.AddDays(366)));
        Assert.Contains(MaracCriterion.Repeat, Met(2, RiskBand.Standard, last: Today.AddDays(-365)));
        Assert.DoesNotContain(MaracCriterion.Repeat, Met(2, RiskBand.Standard, last: Today.AddDays(-366)));
    }
}
