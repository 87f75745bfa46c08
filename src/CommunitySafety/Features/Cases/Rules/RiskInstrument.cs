namespace CommunitySafety.Features.Cases.Rules;

/// <summary>Risk bands, ordered from lowest to highest so they can be compared.</summary>
public enum RiskBand
{
    Standard = 0,
    Medium = 1,
    High = 2,
}

/// <summary>How a question is answered.</summary>
public enum RiskAnswerType
{
    /// <summary>Yes or no (and "not known" where the question allows it); a yes adds <see cref="RiskQuestion.Weight"/>.</summary>
    YesNo = 0,
    /// <summary>One of <see cref="RiskQuestion.Choices"/>, each with its own score.</summary>
    Choice = 1,
    /// <summary>A whole number from <see cref="RiskQuestion.Minimum"/> to <see cref="RiskQuestion.Maximum"/>, scored by <see cref="RiskQuestion.Steps"/>.</summary>
    Number = 2,
}

/// <summary>An option of a choice question.</summary>
public sealed record RiskChoice(string Code, string Text, int Score);

/// <summary>A number at or above <see cref="From"/> scores <see cref="Score"/>; the highest step reached applies.</summary>
public sealed record RiskNumberStep(int From, int Score);

/// <summary>
/// One question of a risk instrument. The positional form is a yes/no question; use <see cref="Choice"/> and
/// <see cref="Number"/> for the others.
/// </summary>
public sealed record RiskQuestion(string Id, string Text, int Weight, RiskAnswerType AnswerType = RiskAnswerType.YesNo)
{
    /// <summary>
    /// Whether "not known" is an answer. It scores nothing, as on the SafeLives DASH checklist where only a "yes" counts
    /// (reference 2.1), and it is listed on the result so the assessor can see what is still to be found out.
    /// </summary>
    public bool AllowsNotKnown { get; init; }

    public IReadOnlyList<RiskChoice> Choices { get; init; } = [];

    public int Minimum { get; init; }

    public int Maximum { get; init; }

    public IReadOnlyList<RiskNumberStep> Steps { get; init; } = [];

    public static RiskQuestion Choice(string id, string text, IReadOnlyList<RiskChoice> choices, bool allowsNotKnown = false) =>
        new(id, text, 0, RiskAnswerType.Choice) { Choices = choices, AllowsNotKnown = allowsNotKnown };

    public static RiskQuestion Number(string id, string text, int minimum, int maximum, IReadOnlyList<RiskNumberStep> steps, bool allowsNotKnown = false) =>
        new(id, text, 0, RiskAnswerType.Number) { Minimum = minimum, Maximum = maximum, Steps = steps, AllowsNotKnown = allowsNotKnown };

    /// <summary>The most this question can add to the score.</summary>
    public int MaximumScore => AnswerType switch
    {
        RiskAnswerType.Choice => Choices.Max(c => c.Score),
        RiskAnswerType.Number => Steps.Count == 0 ? 0 : Steps.Max(s => s.Score),
        _ => Weight,
    };
}

/// <summary>A band applies when the score is at least <see cref="MinimumScore"/>.</summary>
public sealed record RiskBandCutOff(RiskBand Band, int MinimumScore);

/// <summary>
/// Something a result calls for, such as "refer to Marac": it fires when the score reaches <see cref="MinimumScore"/>, the
/// final band reaches <see cref="MinimumFinalBand"/>, or any question in <see cref="WhenYes"/> is answered yes (any one
/// condition is enough; one not set never fires).
/// </summary>
public sealed record RiskTrigger(string Code, string Text)
{
    public int? MinimumScore { get; init; }

    public RiskBand? MinimumFinalBand { get; init; }

    public IReadOnlyList<string> WhenYes { get; init; } = [];
}

/// <summary>
/// A versioned risk instrument, held as data: questions, scoring, bands and triggers. Results always carry the
/// instrument code and version: raw scores are not comparable across instruments (reference 2.1, "Design implication").
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

        foreach (var q in questions)
        {
            CheckQuestion(q);
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

    static void CheckQuestion(RiskQuestion q)
    {
        switch (q.AnswerType)
        {
            case RiskAnswerType.Choice:
                if (q.Choices.Count < 2 || q.Choices.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != q.Choices.Count)
                {
                    throw new ArgumentException($"Choice question '{q.Id}' needs at least two options with different codes.");
                }
                if (q.Choices.Any(c => c.Score < 0))
                {
                    throw new ArgumentException($"Choice question '{q.Id}' has a negative score.");
                }
                break;
            case RiskAnswerType.Number:
                if (q.Minimum > q.Maximum)
                {
                    throw new ArgumentException($"Number question '{q.Id}' has a minimum above its maximum.");
                }
                if (q.Steps.Any(s => s.Score < 0 || s.From < q.Minimum || s.From > q.Maximum))
                {
                    throw new ArgumentException($"Number question '{q.Id}' has a step outside its range or a negative score.");
                }
                break;
            default:
                break;
        }
    }

    /// <summary>A name for people ("ASB victim risk assessment"); the code when not given.</summary>
    public string Name { get; init => field = string.IsNullOrWhiteSpace(value) ? Code : value; } = "";

    /// <summary>Which of the case's people the instrument assesses (the victim, the subject…); null: the case as a whole.</summary>
    public CasePersonRole? Assesses { get; init; }

    public IReadOnlyList<RiskTrigger> Triggers
    {
        get;
        init
        {
            var yesNo = Questions.Where(q => q.AnswerType == RiskAnswerType.YesNo).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
            var bad = value.SelectMany(t => t.WhenYes).FirstOrDefault(id => !yesNo.Contains(id));
            if (bad is not null)
            {
                throw new ArgumentException($"A trigger names '{bad}', which is not a yes/no question of {Code} v{Version}.", nameof(Triggers));
            }
            field = value;
        }
    } = [];

    public string Code { get; }

    public int Version { get; }

    public IReadOnlyList<RiskQuestion> Questions { get; }

    /// <summary>Cut-offs ordered by band (lowest first).</summary>
    public IReadOnlyList<RiskBandCutOff> CutOffs { get; }

    public int MaximumScore => Questions.Sum(q => q.MaximumScore);

    /// <summary>The score at which <paramref name="band"/> starts, or null when the instrument has no such band.</summary>
    public int? CutOffFor(RiskBand band) => CutOffs.Where(c => c.Band == band).Select(c => (int?)c.MinimumScore).FirstOrDefault();

    public RiskQuestion? Question(string id) => Questions.FirstOrDefault(q => string.Equals(q.Id, id, StringComparison.Ordinal));

    /// <summary>The highest band whose cut-off the score reaches.</summary>
    public RiskBand BandFor(int score) =>
        CutOffs.Where(c => score >= c.MinimumScore).Select(c => c.Band).DefaultIfEmpty(RiskBand.Standard).Max();
}

public enum RiskAnswerKind
{
    Yes,
    No,
    NotKnown,
    Choice,
    Number,
}

/// <summary>One answer: yes, no, not known, a choice's code or a number.</summary>
public readonly record struct RiskAnswer(RiskAnswerKind Kind, string? Choice = null, int? Number = null)
{
    public static RiskAnswer Yes => new(RiskAnswerKind.Yes);

    public static RiskAnswer No => new(RiskAnswerKind.No);

    public static RiskAnswer NotKnown => new(RiskAnswerKind.NotKnown);

    public static RiskAnswer Chose(string code) => new(RiskAnswerKind.Choice, Choice: code);

    public static RiskAnswer Value(int number) => new(RiskAnswerKind.Number, Number: number);

    public static RiskAnswer YesOrNo(bool yes) => yes ? Yes : No;
}

/// <summary>The scored result of one completed instrument.</summary>
public sealed record RiskScoreResult(
    string InstrumentCode,
    int InstrumentVersion,
    int Score,
    RiskBand ComputedBand,
    IReadOnlyList<string> YesAnswers,
    IReadOnlyList<string> Unanswered)
{
    /// <summary>Questions answered "not known" (scored 0).</summary>
    public IReadOnlyList<string> NotKnown { get; init; } = [];
}

/// <summary>Outcome of applying professional judgement to a computed band.</summary>
public sealed record RiskOverrideResult(bool Accepted, RiskBand FinalBand, bool IsOverridden, string? Reason, string? Error)
{
    public static RiskOverrideResult NotOverridden(RiskBand band) => new(true, band, false, null, null);
}

/// <summary>An answer that does not fit its question, with a message for the person answering.</summary>
public sealed record RiskAnswerError(string QuestionId, string Message);

public static class RiskScoring
{
    /// <summary>Scores yes/no answers keyed by question id (true = yes).</summary>
    public static RiskScoreResult Score(RiskInstrument instrument, IReadOnlyDictionary<string, bool> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Score(instrument, answers.ToDictionary(a => a.Key, a => RiskAnswer.YesOrNo(a.Value), StringComparer.Ordinal));
    }

    /// <summary>
    /// Answers that do not fit the instrument: a missing answer (every question must be answered, "not known" being an
    /// answer where allowed), "not known" where it is not allowed, an option the question does not have, a number out of
    /// range, or the wrong kind of answer. Empty when the answers can be scored.
    /// </summary>
    public static IReadOnlyList<RiskAnswerError> Check(RiskInstrument instrument, IReadOnlyDictionary<string, RiskAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new List<RiskAnswerError>();
        foreach (var q in instrument.Questions)
        {
            if (!answers.TryGetValue(q.Id, out var a))
            {
                errors.Add(new(q.Id, MissingMessage(q)));
                continue;
            }
            var fits = a.Kind switch
            {
                RiskAnswerKind.NotKnown => q.AllowsNotKnown,
                RiskAnswerKind.Yes or RiskAnswerKind.No => q.AnswerType == RiskAnswerType.YesNo,
                RiskAnswerKind.Choice => q.AnswerType == RiskAnswerType.Choice && q.Choices.Any(c => c.Code == a.Choice),
                RiskAnswerKind.Number => q.AnswerType == RiskAnswerType.Number && a.Number is { } n && n >= q.Minimum && n <= q.Maximum,
                _ => false,
            };
            if (!fits)
            {
                errors.Add(new(q.Id, q.AnswerType == RiskAnswerType.Number && a.Kind == RiskAnswerKind.Number
                    ? $"Enter a whole number from {q.Minimum} to {q.Maximum}: {q.Text}"
                    : MissingMessage(q)));
            }
        }
        return errors;
    }

    static string MissingMessage(RiskQuestion q) => q.AnswerType switch
    {
        RiskAnswerType.Choice => $"Select {(q.AllowsNotKnown ? "an option or not known" : "an option")}: {q.Text}",
        RiskAnswerType.Number => $"Enter a whole number from {q.Minimum} to {q.Maximum}{(q.AllowsNotKnown ? ", or leave it blank if not known" : "")}: {q.Text}",
        _ => $"Select {(q.AllowsNotKnown ? "yes, no or not known" : "yes or no")}: {q.Text}",
    };

    /// <summary>
    /// Scores answers keyed by question id. A yes adds the question's weight, a choice its option's score, a number the
    /// score of the highest step it reaches; no and not known add nothing. Unanswered questions score 0 and are listed so
    /// the assessor can see the assessment is incomplete. Unknown question ids and answers that do not fit their
    /// question are rejected (use <see cref="Check"/> first to tell the person why).
    /// </summary>
    public static RiskScoreResult Score(RiskInstrument instrument, IReadOnlyDictionary<string, RiskAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);

        var unknown = answers.Keys.Where(k => instrument.Question(k) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Answers refer to questions not in {instrument.Code} v{instrument.Version}: {string.Join(", ", unknown)}.",
                nameof(answers));
        }

        var misfits = Check(instrument, answers).Where(e => answers.ContainsKey(e.QuestionId)).ToList();
        if (misfits.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", misfits.Select(e => e.Message)), nameof(answers));
        }

        var score = 0;
        var yes = new List<string>();
        var notKnown = new List<string>();
        var unanswered = new List<string>();
        foreach (var question in instrument.Questions)
        {
            if (!answers.TryGetValue(question.Id, out var answer))
            {
                unanswered.Add(question.Id);
                continue;
            }
            switch (answer.Kind)
            {
                case RiskAnswerKind.Yes:
                    score += question.Weight;
                    yes.Add(question.Id);
                    break;
                case RiskAnswerKind.NotKnown:
                    notKnown.Add(question.Id);
                    break;
                case RiskAnswerKind.Choice:
                    score += question.Choices.First(c => c.Code == answer.Choice).Score;
                    break;
                case RiskAnswerKind.Number:
                    score += question.Steps.Where(s => answer.Number >= s.From).Select(s => s.Score).DefaultIfEmpty(0).Max();
                    break;
                default:
                    break;
            }
        }

        return new RiskScoreResult(instrument.Code, instrument.Version, score, instrument.BandFor(score), yes, unanswered) { NotKnown = notKnown };
    }

    /// <summary>The instrument's triggers that fire for a scored result and its final band (after any override).</summary>
    public static IReadOnlyList<RiskTrigger> Triggers(RiskInstrument instrument, RiskScoreResult result, RiskBand finalBand)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(result);
        return instrument.Triggers.Where(t =>
            (t.MinimumScore is { } min && result.Score >= min)
            || (t.MinimumFinalBand is { } band && finalBand >= band)
            || t.WhenYes.Any(id => result.YesAnswers.Contains(id, StringComparer.Ordinal))).ToList();
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
