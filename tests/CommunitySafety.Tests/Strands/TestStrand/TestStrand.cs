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

    public static RiskInstrument Instrument { get; } = new("TST-RISK", 1,
        [
            new("Q1", "Has the subject been seen more than once?", 4),
            new("Q2", "Is the subject known to another agency?", 3),
        ],
        [new(RiskBand.Standard, 0), new(RiskBand.Medium, 4), new(RiskBand.High, 7)]);

    public void Register(StrandRegistration strand) => strand
        .CaseType(new CaseTypeDefinition(Code, "Test strand case", RiskInstrument: Instrument.Code))
        .IncidentCategory(Code, Category, "Test strand: sighting")
        .RiskInstrument(Instrument)
        .WorkList(new WorkListDefinition("tst-unassessed", WorkListCaption, (open, _) => open.Where(c => c.Type == Code && c.CurrentRiskBand == null)))
        .NavigationEntry("Test strand", "/cases", u => u.IsInRole(Roles.CaseOfficer));
}
