using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Strands;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Cases.Risk;

/// <summary>
/// One stored assessment with its answers, read against the instrument version it was made with. An assessment whose
/// instrument no strand registers any more still shows, with question ids in place of the wording.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class ShowModel(AppDb db, AuditLog audit, StrandCatalogue strands) : PageModel
{
    public sealed record AnswerRow(string QuestionId, string Question, string Answer);

    public Case Case { get; private set; } = null!;
    public RiskAssessmentRecord Record { get; private set; } = null!;
    public string InstrumentName { get; private set; } = "";
    public string CasePage { get; private set; } = "";
    public IReadOnlyList<AnswerRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Triggers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int assessmentId, CancellationToken ct)
    {
        var c = await CaseAccess.Cases(db, User).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var record = c is null ? null : await db.Set<RiskAssessmentRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == assessmentId && r.CaseId == id, ct);
        if (c is null || record is null)
        {
            return NotFound();
        }
        Case = c;
        Record = record;
        CasePage = strands.CasePage(c.Type, c.Id);
        var instrument = strands.RiskInstrument(record.InstrumentCode, record.InstrumentVersion);
        InstrumentName = instrument?.Name ?? record.InstrumentCode;
        var answers = RiskAnswerJson.Read(record.AnswersJson);
        var ids = instrument?.Questions.Select(q => q.Id).ToList() ?? [.. answers.Keys];
        Rows = ids.Select(qid =>
        {
            var q = instrument?.Question(qid);
            return new AnswerRow(qid, q?.Text ?? qid, answers.TryGetValue(qid, out var a) ? Describe(q, a) : "Not answered");
        }).ToList();
        var codes = (record.TriggersFired ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        Triggers = codes.Select(code => instrument?.Triggers.FirstOrDefault(t => t.Code == code)?.Text ?? code).ToList();
        await audit.ViewedAsync("risk-assessment", CaseService.Id(record.Id), $"Case {c.Reference}", ct);
        return Page();
    }

    static string Describe(RiskQuestion? q, RiskAnswer a) => a.Kind switch
    {
        RiskAnswerKind.Yes => "Yes",
        RiskAnswerKind.No => "No",
        RiskAnswerKind.NotKnown => "Not known",
        RiskAnswerKind.Choice => q?.Choices.FirstOrDefault(c => c.Code == a.Choice)?.Text ?? a.Choice ?? "",
        _ => a.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
