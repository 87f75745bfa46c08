using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.DomesticAbuse.Rules;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Security;

namespace CommunitySafety.Features.DomesticAbuse;

/// <summary>
/// /api/domestic-abuse: the DA case picture, DASH (drafts and completed), DARA and the Marac referral, with the pages'
/// rules. Bad input is a 400 problem whose errors name the field (answers.Q7, consent, consentOverrideReason…); a case
/// outside the user's need to know is 404, its refusal audited.
/// </summary>
public static class DomesticAbuseApi
{
    /// <summary>Answers: question id → "yes", "no", "not-known" (or true, false, null). Questions left out are unanswered (a draft).</summary>
    public sealed record DashRequest(Dictionary<string, JsonElement>? Answers, List<string>? RedFlags, string? OverrideBand, string? OverrideReason,
        int? VictimPersonId, string? Notes, int? DraftId, int? Version);

    public sealed record DaraRequest(string? Grading, DateOnly? AssessedOn, int? VictimPersonId, string? PoliceReference);

    public sealed record MaracReferralRequest(int? DashId, string? Consent, string? ConsentOverrideReason, string? Reason, string? OtherInformation);

    public static void Map(RouteGroupBuilder api)
    {
        var da = api.MapGroup("/domestic-abuse").RequireAuthorization(Policies.CaseWork);

        da.MapGet("/cases/{id:int}", async (int id, ClaimsPrincipal user, DashService dashes, DomesticAbuseCaseSummary summary, AuditLog audit, CancellationToken ct) =>
        {
            if (await dashes.FindCaseAsync(user, id, tracked: false, ct) is not { } c)
            {
                return Results.NotFound();
            }
            var p = await summary.LoadAsync(user, c, ct);
            await audit.ViewedAsync("case", Id(id), "Domestic abuse case (API)", ct);
            return Results.Ok(new
            {
                c.Id,
                c.Reference,
                c.Title,
                people = p.People.Select(x => new { x.PersonId, x.Name, role = x.Role.ToString() }),
                dash = p.CurrentDash is { } d ? Dash(d) : null,
                drafts = p.Drafts.Select(Dash),
                dara = p.CurrentDara is { } r ? new { r.Id, grading = r.Grading.ToString(), r.AssessedOn, r.PoliceReference } : null,
                maracReferrals = p.Referrals.Select(Referral),
            });
        });

        da.MapPost("/cases/{id:int}/dash", async (int id, DashRequest body, ClaimsPrincipal user, DashService dashes, CancellationToken ct) =>
        {
            if (await dashes.FindCaseAsync(user, id, tracked: true, ct) is not { } c)
            {
                return Results.NotFound();
            }
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var answers = new Dictionary<string, RiskAnswer>(StringComparer.Ordinal);
            foreach (var (qid, value) in body.Answers ?? [])
            {
                RiskAnswer? a = value.ValueKind switch
                {
                    JsonValueKind.True => RiskAnswer.Yes,
                    JsonValueKind.False => RiskAnswer.No,
                    JsonValueKind.Null => RiskAnswer.NotKnown,
                    JsonValueKind.String => value.GetString() switch { "yes" => RiskAnswer.Yes, "no" => RiskAnswer.No, "not-known" => RiskAnswer.NotKnown, _ => null },
                    _ => null,
                };
                if (a is { } answer)
                {
                    answers[qid] = answer;
                }
                else
                {
                    errors["answers." + qid] = ["Answer yes, no or not-known"];
                }
            }
            var flags = new List<DashRedFlag>();
            foreach (var f in body.RedFlags ?? [])
            {
                if (Enum.TryParse<DashRedFlag>(f, ignoreCase: true, out var flag) && Enum.IsDefined(flag))
                {
                    flags.Add(flag);
                }
                else
                {
                    errors["redFlags"] = [$"Red flags must be among: {string.Join(", ", Enum.GetNames<DashRedFlag>())}"];
                }
            }
            var band = ParseBand(body.OverrideBand, "overrideBand", errors);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The DASH was not saved");
            }
            var outcome = await dashes.SaveAsync(user, c, new DashInput(answers, flags, band, body.OverrideReason, body.VictimPersonId, body.Notes), body.DraftId, body.Version, ct);
            if (!outcome.Saved)
            {
                return outcome.Conflict
                    ? Results.Problem(outcome.Errors.Values.First(), statusCode: StatusCodes.Status409Conflict, title: "The draft changed")
                    : Results.ValidationProblem(outcome.Errors.ToDictionary(e => Field(e.Key), e => new[] { e.Value }), title: "The DASH was not saved");
            }
            return Results.Created($"/domestic-abuse/cases/{id}", new
            {
                dash = Dash(outcome.Record!),
                unanswered = outcome.Unanswered,
                message = outcome.Unanswered.Count == 0 ? null : $"Saved as a draft, not scored: {outcome.Unanswered.Count} question(s) unanswered",
            });
        });

        da.MapPost("/cases/{id:int}/dara", async (int id, DaraRequest body, ClaimsPrincipal user, DashService dashes, CancellationToken ct) =>
        {
            if (await dashes.FindCaseAsync(user, id, tracked: false, ct) is not { } c)
            {
                return Results.NotFound();
            }
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var band = ParseBand(body.Grading, "grading", errors);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The DARA was not recorded");
            }
            var (record, problems) = await dashes.RecordDaraAsync(user, c, new DaraInput(band, body.AssessedOn, body.VictimPersonId, body.PoliceReference), ct);
            if (record is null)
            {
                return Results.ValidationProblem(problems.ToDictionary(e => Field(e.Key), e => new[] { e.Value }), title: "The DARA was not recorded");
            }
            return Results.Created($"/domestic-abuse/cases/{id}", new { record.Id, grading = record.Grading.ToString(), record.AssessedOn });
        });

        da.MapGet("/cases/{id:int}/marac-referral", async (int id, int? dashId, ClaimsPrincipal user, DashService dashes, MaracReferralService marac, AuditLog audit, CancellationToken ct) =>
        {
            if (await dashes.FindCaseAsync(user, id, tracked: false, ct) is not { } c)
            {
                return Results.NotFound();
            }
            if (await marac.CompletedDashAsync(c.Id, dashId, ct) is not { } dash)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["dashId"] = ["Complete a DASH on this case before referring it to the Marac"] });
            }
            var draft = await marac.DraftAsync(user, c, dash, ct);
            await audit.ViewedAsync("case", Id(id), "Marac referral prefilled from DASH (API)", ct);
            return Results.Ok(Prefill(draft));
        });

        da.MapPost("/cases/{id:int}/marac-referrals", async (int id, MaracReferralRequest body, ClaimsPrincipal user, DashService dashes, MaracReferralService marac, CancellationToken ct) =>
        {
            if (await dashes.FindCaseAsync(user, id, tracked: false, ct) is not { } c)
            {
                return Results.NotFound();
            }
            if (await marac.CompletedDashAsync(c.Id, body.DashId, ct) is not { } dash)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["dashId"] = ["Complete a DASH on this case before referring it to the Marac"] });
            }
            ConsentDecision? consent = null;
            if (!string.IsNullOrWhiteSpace(body.Consent))
            {
                if (!Enum.TryParse<ConsentDecision>(body.Consent, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["consent"] = ["Consent must be Given, Refused or NotSought"] });
                }
                consent = parsed;
            }
            var draft = await marac.DraftAsync(user, c, dash, ct);
            var (referral, errors) = await marac.ReferAsync(user, c, draft, new MaracReferralInput(consent, body.ConsentOverrideReason, body.Reason, body.OtherInformation), ct);
            if (referral is null)
            {
                return Results.ValidationProblem(errors.ToDictionary(e => Field(e.Key), e => new[] { e.Value }), title: "The Marac referral was not made");
            }
            return Results.Created($"/domestic-abuse/marac-referrals/{referral.Id}", Referral(referral));
        });
    }

    internal static object Prefill(MaracReferralDraft d) => new
    {
        dashId = d.Dash.Id,
        yesCount = d.Dash.YesCount,
        computedBand = d.Dash.ComputedBand?.ToString(),
        finalBand = d.Dash.FinalBand?.ToString(),
        redFlags = d.Dash.AppliedRedFlags.Select(f => f.ToString()),
        answers = d.Dash.Answers.ToDictionary(a => a.Key, a => AnswerText(a.Value)),
        victim = d.Victim,
        perpetrators = d.Perpetrators,
        children = d.Children,
        incidentsInLast12Months = d.IncidentsInWindow,
        lastReferralOn = d.LastReferralOn,
        criteria = d.Criteria.Select(c => c.ToString()),
    };

    static object Dash(DashRecord d) => new
    {
        d.Id,
        status = d.Status.ToString(),
        d.InstrumentCode,
        d.InstrumentVersion,
        d.VictimPersonId,
        answered = d.Answers.Count,
        d.YesCount,
        computedBand = d.ComputedBand?.ToString(),
        finalBand = d.FinalBand?.ToString(),
        redFlags = d.AppliedRedFlags.Select(f => f.ToString()),
        d.JudgementReason,
        d.CompletedUtc,
        d.Version,
    };

    static object Referral(MaracReferral r) => new
    {
        r.Id,
        r.CaseId,
        dashId = r.DashRecordId,
        criteria = r.CriteriaMet.Select(c => c.ToString()),
        consent = r.Consent.ToString(),
        r.ConsentOverrideReason,
        r.ReferringAgencyId,
        r.Reason,
        r.IsRepeat,
        status = r.Status.ToString(),
        r.ReferredUtc,
    };

    public static string AnswerText(RiskAnswer a) => a.Kind switch
    {
        RiskAnswerKind.Yes => "yes",
        RiskAnswerKind.No => "no",
        _ => "not-known",
    };

    static RiskBand? ParseBand(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (Enum.TryParse<RiskBand>(value, ignoreCase: true, out var b) && Enum.IsDefined(b))
        {
            return b;
        }
        errors[field] = ["Band must be Standard, Medium or High"];
        return null;
    }

    /// <summary>A service error key as the API's field name: Answers[Q7] → answers.Q7, ConsentOverrideReason → consentOverrideReason.</summary>
    static string Field(string key) =>
        key.StartsWith("Answers[", StringComparison.Ordinal) ? "answers." + key[8..^1] : char.ToLowerInvariant(key[0]) + key[1..];

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
