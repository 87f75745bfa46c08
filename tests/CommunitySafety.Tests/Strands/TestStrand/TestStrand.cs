using CommunitySafety.Features.Accounts;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Strands;

namespace CommunitySafety.Tests.Strands.TestStrand;

/// <summary>
/// A strand that exists only in the tests, plugged in through the app factory's service hook: it proves a new strand
/// needs no edit to a core file. It adds a case type, an incident category, a risk instrument, a work list and a
/// navigation entry.
/// </summary>
public sealed class TestStrand : IStrand
{
    public const string Code = "TST";
    public const string Category = "TST-SIGHTING";
    public const string WorkListCaption = "Test strand cases awaiting a risk assessment";

    /// <summary>Every kind of question: yes/no with not known, a choice, a number; a trigger on a named yes or a score.</summary>
    public static RiskInstrument Instrument { get; } = new("TST-RISK", 1,
        [
            new("Q1", "Has the subject been seen more than once?", 4) { AllowsNotKnown = true },
            RiskQuestion.Choice("Q2", "How often is the subject seen?", [new("rarely", "Rarely", 0), new("monthly", "Monthly", 2), new("weekly", "Weekly or more", 4)], allowsNotKnown: true),
            RiskQuestion.Number("Q3", "How many agencies know the subject?", 0, 10, [new(2, 1), new(5, 3)], allowsNotKnown: true),
            new("Q4", "Has the subject made threats to kill?", 1),
        ],
        [new(RiskBand.Standard, 0), new(RiskBand.Medium, 4), new(RiskBand.High, 9)])
    {
        Name = "Test strand risk check",
        Triggers = [new RiskTrigger("REFER-PANEL", "Refer to the test panel.") { MinimumScore = 9, WhenYes = ["Q4"] }],
    };

    public void Register(StrandRegistration strand) => strand
        .CaseType(new CaseTypeDefinition(Code, "Test strand case", RiskInstrument: Instrument.Code))
        .IncidentCategory(Code, Category, "Test strand: sighting")
        .RiskInstrument(Instrument)
        .WorkList(new WorkListDefinition("tst-unassessed", WorkListCaption, (open, _) => open.Where(c => c.Type == Code && c.CurrentRiskBand == null)))
        .NavigationEntry("Test strand", "/cases", u => u.IsInRole(Roles.CaseOfficer));
}
