namespace CommunitySafety.Features.Cases.Rules;

/// <summary>Risk bands, ordered from lowest to highest so they can be compared.</summary>
public enum RiskBand
{
    Standard = 0,
    Medium = 1,
    High = 2,
}

/// <summary>How a question is answered. Only yes/no is supported for now.</summary>
public enum RiskAnswerType
{
    YesNo = 0,
}

/// <summary>One question of a risk instrument. A "yes" adds <see cref="Weight"/> to the score.</summary>
public sealed record RiskQuestion(string Id, string Text, int Weight, RiskAnswerType AnswerType = RiskAnswerType.YesNo);

/// <summary>A band applies when the score is at least <see cref="MinimumScore"/>.</summary>
public sealed record RiskBandCutOff(RiskBand Band, int MinimumScore);

/// <summary>
/// A versioned risk instrument. Results always carry the instrument code and version: raw scores are
/// not comparable across instruments (reference 2.1, "Design implication").
/// </summary>
public sealed record RiskInstrument
{
    public RiskInstrument(string code, int version, IReadOnlyList<RiskQuestion> questions, IReadOnlyList<RiskBandCutOff> cutOffs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(cutOffs);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (questions.Count == 0)
        {
            throw new ArgumentException("An instrument needs at least one question.", nameof(questions));
        }

        var duplicate = questions.GroupBy(q => q.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Question id '{duplicate.Key}' is used more than once.", nameof(questions));
        }

        if (questions.Any(q => q.Weight < 0))
        {
            throw new ArgumentException("Question weights cannot be negative.", nameof(questions));
        }

        if (!cutOffs.Any(c => c.Band == RiskBand.Standard && c.MinimumScore <= 0))
        {
            throw new ArgumentException("Cut-offs must include a Standard band starting at 0 or below.", nameof(cutOffs));
        }

        if (cutOffs.GroupBy(c => c.Band).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("Each band may have only one cut-off.", nameof(cutOffs));
        }

        var ordered = cutOffs.OrderBy(c => c.Band).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].MinimumScore <= ordered[i - 1].MinimumScore)
            {
                throw new ArgumentException("Cut-offs must rise strictly with the band.", nameof(cutOffs));
            }
        }

        Code = code;
        Version = version;
        Questions = questions;
        CutOffs = ordered;
    }

    public string Code { get; }

    public int Version { get; }

    public IReadOnlyList<RiskQuestion> Questions { get; }

    /// <summary>Cut-offs ordered by band (lowest first).</summary>
    public IReadOnlyList<RiskBandCutOff> CutOffs { get; }

    public int MaximumScore => Questions.Sum(q => q.Weight);

    /// <summary>The highest band whose cut-off the score reaches.</summary>
    public RiskBand BandFor(int score) =>
        CutOffs.Where(c => score >= c.MinimumScore).Select(c => c.Band).DefaultIfEmpty(RiskBand.Standard).Max();
}

/// <summary>The scored result of one completed instrument.</summary>
public sealed record RiskScoreResult(
    string InstrumentCode,
    int InstrumentVersion,
    int Score,
    RiskBand ComputedBand,
    IReadOnlyList<string> YesAnswers,
    IReadOnlyList<string> Unanswered);

/// <summary>Outcome of applying professional judgement to a computed band.</summary>
public sealed record RiskOverrideResult(bool Accepted, RiskBand FinalBand, bool IsOverridden, string? Reason, string? Error)
{
    public static RiskOverrideResult NotOverridden(RiskBand band) => new(true, band, false, null, null);
}

public static class RiskScoring
{
    /// <summary>
    /// Scores yes/no answers keyed by question id. Unanswered questions score 0 and are listed so the
    /// assessor can see the assessment is incomplete. Unknown question ids are rejected.
    /// </summary>
    public static RiskScoreResult Score(RiskInstrument instrument, IReadOnlyDictionary<string, bool> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);

        var known = instrument.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = answers.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Answers refer to questions not in {instrument.Code} v{instrument.Version}: {string.Join(", ", unknown)}.",
                nameof(answers));
        }

        var score = 0;
        var yes = new List<string>();
        var unanswered = new List<string>();
        foreach (var question in instrument.Questions)
        {
            if (!answers.TryGetValue(question.Id, out var answer))
            {
                unanswered.Add(question.Id);
            }
            else if (answer)
            {
                score += question.Weight;
                yes.Add(question.Id);
            }
        }

        return new RiskScoreResult(instrument.Code, instrument.Version, score, instrument.BandFor(score), yes, unanswered);
    }

    /// <summary>
    /// Professional judgement may raise but never lower the computed band: "other factors may increase
    /// risk but will not reduce it" and judgement "must not be used to downgrade" an actuarial score
    /// (reference 2.1: https://plymouthscb.co.uk/safe-lives-dash-ric-checklist ; https://docsbay.net/marac-referral-criteria-definitions).
    /// Raising requires a reason. Lowering is rejected with an error and the computed band stands.
    /// </summary>
    public static RiskOverrideResult ApplyOverride(RiskBand computedBand, RiskBand? overrideBand, string? reason)
    {
        if (overrideBand is null || overrideBand == computedBand)
        {
            return RiskOverrideResult.NotOverridden(computedBand);
        }

        if (overrideBand < computedBand)
        {
            return new RiskOverrideResult(
                false,
                computedBand,
                false,
                null,
                $"Professional judgement cannot lower the computed band from {computedBand} to {overrideBand}; it may only raise it.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new RiskOverrideResult(
                false,
                computedBand,
                false,
                null,
                $"A reason is required to raise the band from {computedBand} to {overrideBand}.");
        }

        return new RiskOverrideResult(true, overrideBand.Value, true, reason.Trim(), null);
    }
}
