using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommunitySafety.Features.Cases.Rules;

/// <summary>
/// How answers are stored on a risk assessment: a JSON object of question id → true (yes), false (no), null (not known),
/// a string (the chosen option's code) or a number. Yes/no answers keep the form assessments were first stored in, so
/// older records read the same.
/// </summary>
public static class RiskAnswerJson
{
    public static string Write(IReadOnlyDictionary<string, RiskAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var o = new JsonObject();
        foreach (var (id, a) in answers)
        {
            o[id] = a.Kind switch
            {
                RiskAnswerKind.Yes => JsonValue.Create(true),
                RiskAnswerKind.No => JsonValue.Create(false),
                RiskAnswerKind.Choice => JsonValue.Create(a.Choice),
                RiskAnswerKind.Number => JsonValue.Create(a.Number),
                _ => null,
            };
        }
        return o.ToJsonString();
    }

    /// <summary>Reads stored answers; a value of a kind not listed above is skipped rather than failing the page.</summary>
    public static IReadOnlyDictionary<string, RiskAnswer> Read(string? json)
    {
        var answers = new Dictionary<string, RiskAnswer>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json) || JsonNode.Parse(json) is not JsonObject o)
        {
            return answers;
        }
        foreach (var (id, node) in o)
        {
            RiskAnswer? a = node?.GetValueKind() switch
            {
                null or JsonValueKind.Null => RiskAnswer.NotKnown,
                JsonValueKind.True => RiskAnswer.Yes,
                JsonValueKind.False => RiskAnswer.No,
                JsonValueKind.String => RiskAnswer.Chose(node.GetValue<string>()),
                JsonValueKind.Number when node.AsValue().TryGetValue<int>(out var n) => RiskAnswer.Value(n),
                _ => null,
            };
            if (a is { } answer)
            {
                answers[id] = answer;
            }
        }
        return answers;
    }
}
