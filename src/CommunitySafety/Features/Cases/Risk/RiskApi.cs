using System.Security.Claims;
using System.Text.Json;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Security;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases.Risk;

/// <summary>POST /api/cases/{id}/risk-assessments: complete any registered instrument on a case, with the page's rules.</summary>
public static class RiskApi
{
    /// <summary>Answers: question id → true (yes), false (no), null or "not-known", an option's code, or a number.</summary>
    public sealed record AssessmentInput(string? Instrument, Dictionary<string, JsonElement>? Answers, int? PersonId, string? OverrideBand, string? OverrideReason);

    public static void Map(RouteGroupBuilder cases)
    {
        cases.MapPost("/{id:int}/risk-assessments", async (int id, AssessmentInput input, AppDb db, RiskAssessments assessments, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var c = await CaseAccess.Cases(db, user).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null)
            {
                return Results.NotFound();
            }
            if (assessments.InstrumentFor(c, input.Instrument) is not { } instrument)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["instrument"] = ["Name a risk instrument registered for this case's strand"] });
            }
            RiskBand? band = null;
            if (!string.IsNullOrEmpty(input.OverrideBand))
            {
                if (!Enum.TryParse<RiskBand>(input.OverrideBand, out var b) || !Enum.IsDefined(b))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["overrideBand"] = ["Band must be Standard, Medium or High"] });
                }
                band = b;
            }
            var answers = new Dictionary<string, RiskAnswer>(StringComparer.Ordinal);
            foreach (var (qid, value) in input.Answers ?? [])
            {
                answers[qid] = value.ValueKind switch
                {
                    JsonValueKind.True => RiskAnswer.Yes,
                    JsonValueKind.False => RiskAnswer.No,
                    JsonValueKind.Null => RiskAnswer.NotKnown,
                    JsonValueKind.String when value.GetString() == AssessModel.NotKnown => RiskAnswer.NotKnown,
                    JsonValueKind.String => RiskAnswer.Chose(value.GetString()!),
                    JsonValueKind.Number when value.TryGetInt32(out var n) => RiskAnswer.Value(n),
                    _ => RiskAnswer.Value(int.MinValue),
                };
            }
            var outcome = await assessments.SaveAsync(user, c, instrument, new RiskAssessmentInput(answers, input.PersonId, band, input.OverrideReason), ct);
            if (!outcome.Saved)
            {
                return Results.ValidationProblem(outcome.Errors.ToDictionary(
                    e => e.Key.StartsWith("Answers[", StringComparison.Ordinal) ? "answers." + e.Key[8..^1] : char.ToLowerInvariant(e.Key[0]) + e.Key[1..],
                    e => new[] { e.Value }), title: "The risk assessment was not saved");
            }
            var r = outcome.Record!;
            return Results.Created($"/cases/{id}/risk-assessments/{r.Id}", new
            {
                r.Id, r.InstrumentCode, r.InstrumentVersion, r.Score, computedBand = r.ComputedBand.ToString(), finalBand = r.FinalBand.ToString(),
                r.OverrideReason, triggers = outcome.Triggers.Select(t => new { t.Code, t.Text }),
            });
        });
    }
}
