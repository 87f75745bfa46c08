using System.Text.Json;
using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Demo;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// The ASB share of the fictional Wyvernshire demo: a victim with incidents from the police and the district
/// council (enough for the repeat flag and an alert to the case's lead officer), her case with a medium risk
/// assessment, a victim action plan with one overdue action and a Community Trigger application; and a second case
/// with a community protection warning. All names and addresses are made up.
/// </summary>
public sealed class AsbDemoContributor(
    AppDb db, AsbIncidentRecorder recorder, AsbCaseOpening opening, TimeProvider clock) : IDemoContributor
{
    public int Order => 40;

    public async Task SeedAsync(DemoPartnership demo, CancellationToken ct)
    {
        var police = demo.Agencies["police"];
        var district = demo.Agencies["district"];
        var dan = demo.Users["dan.okafor@police.wyvernshire.example"];
        var ellie = demo.Users["ellie.hughes@ashcombe.wyvernshire.example"];
        var byPolice = new AsbRecorder(police.Id, dan.Id, dan.DisplayName);
        var byDistrict = new AsbRecorder(district.Id, ellie.Id, ellie.DisplayName);
        var today = recorder.Today;

        var first = await RecordAsync(new AsbIncidentInput("ASB-PERSONAL", today.AddDays(-40), today.AddDays(-39),
            "Group of youths shouting abuse at the victim and kicking her front door late at night.", null, "Margaret", "Ellison",
            new DateOnly(1948, 3, 14), null, "14 Orchard Close", "AS1 4BT", "WYP-LOG-10231"), byPolice, ct);
        var personId = first.VictimPersonId!.Value;
        var placeId = await PlaceOfAsync(first.IncidentId!.Value, ct);

        var margaret = await opening.OpenAsync("Harassment of Margaret Ellison, Orchard Close", personId, [police.Id], byDistrict, ct);
        await RecordAsync(new AsbIncidentInput("ASB-PERSONAL", today.AddDays(-20), today.AddDays(-18),
            "Eggs thrown at the victim's windows; victim says she is afraid to go out.", personId, null, null, null, placeId, null, null, "ADC-ASB-5521"), byDistrict, ct);
        await RecordAsync(new AsbIncidentInput("ASB-NUISANCE", today.AddDays(-5), today.AddDays(-5),
            "Loud music and shouting outside the victim's home until 2am.", personId, null, null, null, placeId, null, null, "WYP-LOG-10877"), byPolice, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var q in AsbVictimRiskInstrument.Default.Questions)
        {
            answers[q.Id] = q.Id is "P1" or "S1" or "R1" or "F1" or "F3";
        }
        var score = RiskScoring.Score(AsbVictimRiskInstrument.Default, answers);
        db.Set<RiskAssessmentRecord>().Add(new RiskAssessmentRecord
        {
            CaseId = margaret.Id,
            PersonId = personId,
            InstrumentCode = score.InstrumentCode,
            InstrumentVersion = score.InstrumentVersion,
            AnswersJson = JsonSerializer.Serialize(answers),
            Score = score.Score,
            ComputedBand = score.ComputedBand,
            FinalBand = score.ComputedBand,
            AssessorUserId = ellie.Id,
            AssessorName = ellie.DisplayName,
            AssessorAgencyId = district.Id,
            AssessedUtc = now.AddDays(-4),
        });
        margaret.CurrentRiskBand = score.ComputedBand;
        db.Set<CaseAction>().Add(new CaseAction
        {
            CaseId = margaret.Id,
            Title = "Fit a door camera and check the victim's door locks",
            OwnerUserId = dan.Id,
            AgencyId = police.Id,
            DueDate = today.AddDays(-1),
            Plan = AsbCaseSummary.VictimActionPlan,
            CreatedUtc = now.AddDays(-4),
            CreatedByUserId = ellie.Id,
        });
        db.Set<CaseAction>().Add(new CaseAction
        {
            CaseId = margaret.Id,
            Title = "Weekly welfare call to the victim",
            OwnerUserId = ellie.Id,
            AgencyId = district.Id,
            DueDate = today.AddDays(7),
            Plan = AsbCaseSummary.VictimActionPlan,
            CreatedUtc = now.AddDays(-4),
            CreatedByUserId = ellie.Id,
        });
        db.Set<AsbCaseReview>().Add(new AsbCaseReview
        {
            CaseId = margaret.Id,
            VictimPersonId = personId,
            ReceivedOn = today.AddDays(-3),
            Behaviour = "Repeated harassment and intimidation at her home by a group of young people over several months.",
            CreatedUtc = now.AddDays(-3),
            CreatedByUserId = ellie.Id,
        });

        var ravi = await RecordAsync(new AsbIncidentInput("ASB-NUISANCE", today.AddDays(-12), today.AddDays(-12),
            "Neighbour's dogs barking for hours and rubbish left in the shared garden.", null, "Ravi", "Patel",
            new DateOnly(1985, 9, 2), null, "3 Mill Lane", "AS2 7QJ", "WYP-LOG-10650"), byPolice, ct);
        var raviCase = await opening.OpenAsync("Neighbour nuisance at Mill Lane", ravi.VictimPersonId!.Value, [district.Id], byPolice, ct);
        db.Set<Orders.Order>().Add(new Orders.Order
        {
            CaseId = raviCase.Id,
            TypeCode = AsbOrderTypes.CodeOf(AsbPower.CommunityProtectionWarning),
            SubjectKind = Orders.OrderSubjectKind.Body,
            SubjectDescription = "Occupier of 5 Mill Lane",
            IssuedUtc = now.AddDays(-6),
            AuthorisedBy = "PC Dan Okafor",
            IssuingAgencyId = police.Id,
            CreatedUtc = now.AddDays(-6),
            CreatedByUserId = dan.Id,
        });
        await db.SaveChangesAsync(ct);
    }

    async Task<AsbIncidentResult> RecordAsync(AsbIncidentInput input, AsbRecorder by, CancellationToken ct)
    {
        var result = await recorder.RecordAsync(input, by, ct);
        return result.Succeeded ? result
            : throw new InvalidOperationException("ASB demo incident rejected: " + string.Join("; ", result.Errors.Values));
    }

    async Task<int> PlaceOfAsync(int incidentId, CancellationToken ct) =>
        (await db.Set<Incidents.Incident>().FindAsync([incidentId], ct))!.PlaceId!.Value;
}
