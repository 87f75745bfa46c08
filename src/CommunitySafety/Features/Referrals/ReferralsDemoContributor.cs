using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Demo;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Features.Referrals.Disclosures;
using CommunitySafety.Features.Referrals.Funding;
using CommunitySafety.Features.Referrals.Rules;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Referrals;

/// <summary>
/// The demo's commissioned services (Safer Homes, Wyvern Recovery Partnership, the IDVA service), funding lines with
/// allocations and spend, and referrals in every state, backdated so the clocks and figures have something to show.
/// Also Dorothy Pearce, 78, a distraction-burglary victim on a police case, not yet referred: the journey to try.
/// Everything is made up (WY is not a real postcode area).
/// </summary>
public sealed class ReferralsDemoContributor(AppDb db, CaseService cases, TimeProvider clock) : IDemoContributor
{
    public const string SaferHomesCode = "SAFER-HOMES";
    public const string RecoveryCode = "DRUG-TREATMENT";
    public const string IdvaCode = "IDVA";

    public int Order => 60;

    public async Task SeedAsync(DemoPartnership demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(UkTime.ToUk(now));
        var police = demo.Agencies["police"];
        var probation = demo.Agencies["probation"];
        var saferHomesAgency = demo.Agencies["saferhomes"];
        var dan = demo.Users["dan.okafor@police.wyvernshire.example"];
        var mark = demo.Users["mark.evans@probation.wyvernshire.example"];

        var saferHomes = new CommissionedService
        {
            Code = SaferHomesCode, Name = "Safer Homes home-safety service", Kind = ServiceKind.HomeSafety, ProviderAgencyId = saferHomesAgency.Id,
            Description = "Free home security advice and fittings, rogue trading prevention advice, home fire safety checks and falls prevention for older and repeat victims of burglary. Funded mainly through proceeds of crime money.",
            MonthlyCapacity = 40, FirstContactWorkingDays = 5, DeliveryWorkingDays = 15, CreatedUtc = now,
        };
        foreach (var code in new[] { "DOOR-WINDOW-LOCKS", "DOOR-CHAIN", "VIDEO-DOORBELL", "SECURITY-LIGHT", "ROGUE-TRADER-ADVICE", "HOME-FIRE-SAFETY-CHECK", "SMOKE-ALARM", "FALLS-ASSESSMENT" })
        {
            saferHomes.Deliverables.Add(new ServiceDeliverable { Code = code });
        }
        saferHomes.Eligibility.Add(new ServiceEligibilityRule { Kind = EligibilityRuleKind.Area, Value = "WY1,WY4,WY7" });
        saferHomes.Eligibility.Add(new ServiceEligibilityRule { Kind = EligibilityRuleKind.VictimOf, Value = string.Join(",", ReferralService.BurglaryCategories) });
        saferHomes.Eligibility.Add(new ServiceEligibilityRule { Kind = EligibilityRuleKind.MinimumAge, Value = "65" });

        var recovery = new CommissionedService
        {
            Code = RecoveryCode, Name = "Drug treatment referral (Drug Intervention Programme)", Kind = ServiceKind.DrugTreatment, ProviderAgencyId = demo.Agencies["recovery"].Id,
            Description = "Assessment and structured treatment for adults whose drug use is linked to their offending, delivered by a voluntary-sector provider.",
            MonthlyCapacity = 25, FirstContactWorkingDays = 3, DeliveryWorkingDays = 10, CreatedUtc = now,
        };
        recovery.Deliverables.Add(new ServiceDeliverable { Code = "DRUG-TREATMENT-ASSESSMENT" });
        recovery.Deliverables.Add(new ServiceDeliverable { Code = "TREATMENT-SESSION" });

        var idva = new CommissionedService
        {
            Code = IdvaCode, Name = "Independent domestic violence advisers", Kind = ServiceKind.DomesticAbuseAdvocacy, ProviderAgencyId = demo.Agencies["idva"].Id,
            Description = "IDVA support for victims of domestic abuse at high risk of serious harm: safety planning and advocacy, including at Marac.",
            MonthlyCapacity = 30, FirstContactWorkingDays = 1, DeliveryWorkingDays = 5, CreatedUtc = now,
        };
        idva.Deliverables.Add(new ServiceDeliverable { Code = "IDVA-SUPPORT" });
        idva.Deliverables.Add(new ServiceDeliverable { Code = "SAFETY-PLAN" });
        db.AddRange(saferHomes, recovery, idva);
        await db.SaveChangesAsync(ct);

        Place Home(string line1, string town, string postcode)
        {
            var p = new Place { CreatedUtc = now };
            p.SetAddress(line1, null, town, postcode);
            db.Add(p);
            return p;
        }
        Person Who(string forename, string surname, DateOnly dob, int agency, Place home, string? phone)
        {
            var p = new Person { CreatedByAgencyId = agency, CreatedUtc = now, UpdatedUtc = now, DateOfBirth = dob, Phone = phone };
            p.SetNames(forename, surname);
            p.Addresses.Add(new PersonAddress { Place = home, FromDate = today.AddYears(-10), CreatedUtc = now });
            db.Add(p);
            return p;
        }
        Incident Burglary(Place place, int daysAgo, Person? victim, bool distraction = false)
        {
            var i = new Incident
            {
                OccurredUtc = now.AddDays(-daysAgo).AddHours(-5), Strand = "CRIME", CategoryCode = distraction ? "CRIME-DISTRACTION-BURGLARY" : "CRIME-BURGLARY",
                Place = place, ReportingAgencyId = police.Id, CreatedUtc = now, AgencyReference = $"WYP-CRIME-{daysAgo:D4}",
                Narrative = distraction ? "Caller posing as a water board official distracted the victim while a second man searched the bedroom; cash and jewellery taken."
                    : "Rear door forced while the occupant was out; handbag and tablet taken.",
            };
            if (victim is not null)
            {
                i.People.Add(new IncidentPerson { Person = victim, Role = IncidentRole.Victim });
            }
            db.Add(i);
            return i;
        }

        // The journey: a 78-year-old distraction-burglary victim on a police case, not yet referred.
        var elmGrove = Home("9 Elm Grove", "Ashcombe", "WY4 3EG");
        var dorothy = Who("Dorothy", "Pearce", today.AddYears(-78).AddMonths(-5).AddDays(-11), police.Id, elmGrove, "01632 960 418");
        var dorothyBurglary = Burglary(elmGrove, 6, dorothy, distraction: true);
        await db.SaveChangesAsync(ct);
        var reference = await cases.NextReferenceAsync("VUL", ct);
        var vulnerable = new Case
        {
            Reference = reference, Type = "VUL", Title = "Elm Grove: distraction burglary of an older resident", LeadAgencyId = police.Id, LeadOfficerUserId = dan.Id,
            Summary = "Victim lives alone and is anxious about opening the door. Consider home security and a fire safety check.",
            OpenedUtc = now.AddDays(-5), OpenedByUserId = dan.Id, UpdatedUtc = now, CurrentRiskBand = RiskBand.Medium,
        };
        vulnerable.Members.Add(new CaseMember { UserId = dan.Id, Role = CaseMemberRole.LeadOfficer, AddedUtc = now });
        vulnerable.People.Add(new CasePerson { PersonId = dorothy.Id, Role = CasePersonRole.Victim, AddedUtc = now });
        vulnerable.Incidents.Add(new CaseIncident { IncidentId = dorothyBurglary.Id, LinkedUtc = now });
        vulnerable.Places.Add(new CasePlace { PlaceId = elmGrove.Id, Description = "Victim's home", LinkedUtc = now });
        db.Add(vulnerable);
        db.Add(new CaseEvent { Case = vulnerable, OccurredUtc = vulnerable.OpenedUtc, Kind = "opened", Text = $"Case {reference} opened: {vulnerable.Title}", UserId = dan.Id, UserName = "Demo seed" });

        // Older Safer Homes referrals for the figures: treated addresses (one burgled again after the visit) …
        var treatedPeople = new (string Forename, string Surname, int Age, string Line1, string Postcode, int BurgledDaysAgo, bool Repeat)[]
        {
            ("Arthur", "Quinn", 81, "5 Tanners Row", "WY4 6TR", 200, false),
            ("Winifred", "Shaw", 88, "2 Bell Court", "WY1 4BC", 170, false),
            ("Stanley", "Read", 72, "41 Orchard Way", "WY7 2OW", 150, true),
            ("Irene", "Cooper", 69, "16 Church Walk", "WY4 1CW", 120, false),
            ("Norman", "Fletcher", 84, "8 Mill Close", "WY7 5MC", 95, false),
            ("Betty", "Lang", 76, "27 Park View", "WY1 8PV", 70, false),
        };
        foreach (var (forename, surname, age, line1, postcode, daysAgo, repeat) in treatedPeople)
        {
            var home = Home(line1, "Ashcombe", postcode);
            var person = Who(forename, surname, today.AddYears(-age).AddDays(-40), police.Id, home, null);
            Burglary(home, daysAgo, person);
            await db.SaveChangesAsync(ct);
            var visitDay = daysAgo - 12;
            if (repeat)
            {
                Burglary(home, visitDay - 40, person);
            }
            var r = Refer(saferHomes, person, home, null, dan, police.Id, daysAgo - 3, "Burglary victim aged 65 or over: home security and fire safety.", FireRiskFactors.LivingAlone);
            Decide(r, daysAgo - 4, "Amina Begum");
            Contact(r, daysAgo - 5, true);
            Visit(r, visitDay, "DOOR-WINDOW-LOCKS,DOOR-CHAIN,HOME-FIRE-SAFETY-CHECK,SMOKE-ALARM");
            Close(r, visitDay - 2, ReferralOutcome.Delivered, "Locks and chain fitted, smoke alarm fitted and tested.");
        }
        // … and untreated victims' addresses (not referred), two of them burgled again.
        var untreated = new (string Line1, string Postcode, int DaysAgo, int? RepeatDaysAgo)[]
        {
            ("3 Foundry Lane", "WY1 2FL", 190, 120), ("12 Weavers Yard", "WY4 9WY", 160, null), ("7 Station Road", "WY7 3SR", 140, 60),
            ("55 High Street", "WY1 6HS", 110, null), ("19 Brook Street", "WY4 4BS", 80, null),
        };
        foreach (var (line1, postcode, daysAgo, again) in untreated)
        {
            var place = Home(line1, "Ashcombe", postcode);
            Burglary(place, daysAgo, null);
            if (again is int d)
            {
                Burglary(place, d, null);
            }
        }

        // Current Safer Homes referrals in every state.
        var joan = Who("Joan", "Hart", today.AddYears(-70).AddDays(-100), police.Id, Home("4 Linden Avenue", "Ashcombe", "WY4 5LA"), "01632 960 233");
        var harold = Who("Harold", "Briggs", today.AddYears(-67).AddDays(-10), police.Id, Home("30 Rope Walk", "Wyvern", "WY1 7RW"), "01632 960 871");
        var edna = Who("Edna", "Moss", today.AddYears(-91).AddDays(-3), police.Id, Home("1 Chapel Row", "Bramford", "WY7 4CR"), null);
        var peter = Who("Peter", "Lowe", today.AddYears(-45).AddDays(-200), police.Id, Home("88 Canal Street", "Wyvern", "WY1 5CS"), "01632 960 650");
        foreach (var (p, days) in new[] { (joan, 30), (harold, 14), (edna, 3), (peter, 20) })
        {
            Burglary(p.Addresses[0].Place!, days, p);
        }
        await db.SaveChangesAsync(ct);
        var inProgress = Refer(saferHomes, joan, joan.Addresses[0].Place!, null, dan, police.Id, 25, "Burglary victim, 70, lives alone; asked for a door chain.", FireRiskFactors.LivingAlone | FireRiskFactors.Smoking);
        Decide(inProgress, 24, "Amina Begum");
        Contact(inProgress, 23, true);
        _ = Refer(saferHomes, harold, harold.Addresses[0].Place!, null, dan, police.Id, 12, "Burglary victim, 67; rear door lock broken in the burglary.", FireRiskFactors.None);
        _ = Refer(saferHomes, edna, edna.Addresses[0].Place!, null, dan, police.Id, 1, "Burglary victim, 91, limited mobility, no smoke alarm seen by attending officer.",
            FireRiskFactors.LimitedMobility | FireRiskFactors.NoWorkingSmokeAlarm | FireRiskFactors.LivingAlone);
        var declined = Refer(saferHomes, peter, peter.Addresses[0].Place!, null, dan, police.Id, 18, "Burglary victim; asked about a video doorbell.", FireRiskFactors.None,
            warnings: "The person is 45; the service is for people aged 65 or over.", overrideReason: "Victim is disabled and anxious; asking the provider to consider.");
        Decide(declined, 17, "Amina Begum", declineReason: "Outside the commissioned age group; signposted to the council's handyperson scheme.");
        var ronald = Who("Ronald", "Sykes", today.AddYears(-74).AddDays(-60), police.Id, Home("6 Wharf Street", "Wyvern", "WY1 3WS"), "01632 960 112");
        Burglary(ronald.Addresses[0].Place!, 5, ronald);
        await db.SaveChangesAsync(ct);
        var accepted = Refer(saferHomes, ronald, ronald.Addresses[0].Place!, null, dan, police.Id, 4, "Burglary victim, 74; front door frame damaged.", FireRiskFactors.Alcohol);
        Decide(accepted, 3, "Amina Begum");

        // Drug treatment (probation → Wyvern Recovery Partnership) and IDVA (police → the IDVA service).
        var lee = await db.Set<Person>().FirstAsync(p => p.Surname == "Cole" && p.Forename == "Lee", ct);
        var sam = await db.Set<Person>().FirstAsync(p => p.Surname == "Cole" && p.Forename == "Samantha", ct);
        var daCase = await db.Set<Case>().FirstAsync(c => c.Type == "DA", ct);
        var leeHome = await db.Set<PersonAddress>().Where(a => a.PersonId == lee.Id).Select(a => (int?)a.PlaceId).FirstOrDefaultAsync(ct);
        var drug = Refer(recovery, lee, null, daCase.Id, mark, probation.Id, 9, "Licence condition to attend drug treatment; heroin use linked to offending.", null,
            support: "Uses heroin daily; previous treatment ended in 2024. Offending: acquisitive crime to fund use.", condition: "ART9-2-G-DPA-SCH1-10", placeId: leeHome);
        Decide(drug, 8, "Wyvern Recovery duty worker");
        Contact(drug, 7, true);
        Visit(drug, 5, "DRUG-TREATMENT-ASSESSMENT");
        var samHome = await db.Set<PersonAddress>().Where(a => a.PersonId == sam.Id).Select(a => (int?)a.PlaceId).FirstOrDefaultAsync(ct);
        var idvaReferral = Refer(idva, sam, null, daCase.Id, dan, police.Id, 14, "High-risk DASH after the Orchard Close incident; victim agrees to IDVA support.", null,
            support: "Pregnant; partner on licence.", condition: "ART9-2-G-DPA-SCH1-18", placeId: samHome);
        Decide(idvaReferral, 14, "IDVA duty worker");
        Contact(idvaReferral, 13, true);
        Visit(idvaReferral, 12, "IDVA-SUPPORT,SAFETY-PLAN");
        Close(idvaReferral, 2, ReferralOutcome.Delivered, "Safety plan in place; case presented at Marac.");
        await db.SaveChangesAsync(ct);

        // Funding: this financial year and last, with allocations and spend.
        var year = FundingDisplay.YearOf(today);
        var poca = Line(FundingStream.ProceedsOfCrime, "Proceeds of crime (ARIS) community fund", (year, 60_000_00), (year - 1, 50_000_00));
        var pcc = Line(FundingStream.PccGrant, "PCC victims' services grant", (year, 80_000_00));
        var svd = Line(FundingStream.SeriousViolenceDuty, "Serious Violence Duty grant", (year, 30_000_00));
        var council = Line(FundingStream.CouncilBudget, "County council community safety budget", (year, 25_000_00));
        db.AddRange(poca, pcc, svd, council);
        await db.SaveChangesAsync(ct);
        var (fyStart, _) = FundingDisplay.Bounds(year);
        DateOnly InYear(int daysAgo) => today.AddDays(-daysAgo) < fyStart ? fyStart : today.AddDays(-daysAgo);
        Allocate(poca, year, saferHomes, 40_000_00, (InYear(150), 4_800_00, "Locks, chains and fitting: first quarter"), (InYear(90), 5_250_00, "Locks, doorbells and fitting: second quarter"), (InYear(20), 2_400_00, "Fitter's time and materials: October"));
        Allocate(poca, year - 1, saferHomes, 38_000_00, (new DateOnly(year, 3, 20), 36_500_00, "Fittings and visits 2025/26"));
        Allocate(pcc, year, saferHomes, 10_000_00, (InYear(60), 3_000_00, "Home fire safety check co-ordinator"));
        Allocate(pcc, year, idva, 45_000_00, (InYear(100), 11_250_00, "IDVA posts: first quarter"), (InYear(10), 11_250_00, "IDVA posts: second quarter"));
        Allocate(svd, year, recovery, 20_000_00, (InYear(45), 6_000_00, "Treatment worker: arrest referral"));
        Allocate(council, year, recovery, 15_000_00, (InYear(30), 4_000_00, "Prescribing and recovery groups"));
        Allocate(council, year, idva, 5_000_00);
        await db.SaveChangesAsync(ct);

        Referral Refer(CommissionedService service, Person person, Place? home, int? caseId, Accounts.AppUser by, int agency, int daysAgo, string reason, FireRiskFactors? fire,
            string? warnings = null, string? overrideReason = null, string? support = null, string? condition = null, int? placeId = null)
        {
            var when = now.AddDays(-daysAgo);
            var r = new Referral
            {
                Service = service, PersonId = person.Id, CaseId = caseId, PlaceId = placeId ?? home?.Id, ReferringAgencyId = agency, ReferredByUserId = by.Id, ReferredByName = by.DisplayName,
                ReferredUtc = when, Reason = reason, Consent = ConsentDecision.Given, LawfulBasis = "ART6-1-E", SharingPower = "CDA1998-S115",
                SpecialCategoryCondition = condition ?? (fire is not null ? "ART9-2-G-DPA-SCH1-18" : null), FireRisk = fire, FirePriority = fire is { } f ? FireRiskScreen.Priority(f) : null,
                EligibilityWarnings = warnings, EligibilityOverrideReason = overrideReason, UpdatedUtc = when,
            };
            r.SharedFields.Add(new ReferralSharedField { Field = SharedFields.Name, Value = person.FullName });
            if (home is not null)
            {
                r.SharedFields.Add(new ReferralSharedField { Field = SharedFields.Address, Value = home.OneLine });
            }
            if (person.Phone is not null)
            {
                r.SharedFields.Add(new ReferralSharedField { Field = SharedFields.Phone, Value = person.Phone });
            }
            r.SharedFields.Add(new ReferralSharedField { Field = SharedFields.AgeBand, Value = SharedFields.AgeBandOf(Eligibility.AgeOn(person.DateOfBirth!.Value, today)) });
            if (fire is { } factors)
            {
                r.SharedFields.Add(new ReferralSharedField { Field = SharedFields.FireRiskScreen, Value = $"{FireRiskScreen.Priority(factors)} priority: {FireRiskScreen.Describe(factors)}" });
            }
            if (support is not null)
            {
                r.SharedFields.Add(new ReferralSharedField { Field = SharedFields.SupportNeeds, Value = support });
            }
            db.Add(r);
            db.Add(new DisclosureRecord
            {
                PersonId = person.Id, Referral = r, DisclosedUtc = when, ByUserId = by.Id, ByName = by.DisplayName, ByAgencyId = agency,
                ByAgencyName = demo.Agencies.Values.First(a => a.Id == agency).Name, ToAgencyId = service.ProviderAgencyId,
                ToAgencyName = demo.Agencies.Values.First(a => a.Id == service.ProviderAgencyId).Name, ServiceName = service.Name,
                Fields = string.Join(",", r.SharedFields.Select(x => x.Field)), LawfulBasis = r.LawfulBasis, SharingPower = r.SharingPower,
                SpecialCategoryCondition = r.SpecialCategoryCondition, Consent = r.Consent.ToString(), Purpose = $"Referral to {service.Name}: {reason}",
            });
            return r;
        }
        void Decide(Referral r, int daysAgo, string by, string? declineReason = null)
        {
            r.DecidedUtc = now.AddDays(-daysAgo);
            r.DecidedByName = by;
            r.Status = declineReason is null ? ReferralStatus.Accepted : ReferralStatus.Declined;
            r.DeclineReason = declineReason;
        }
        void Contact(Referral r, int daysAgo, bool reached)
        {
            var when = UkTime.StartOfUkDayUtc(today.AddDays(-daysAgo));
            r.Contacts.Add(new ReferralContact { OccurredUtc = when, Method = ContactMethod.Phone, Reached = reached, Notes = "Called to arrange a visit.", RecordedByName = "Demo seed", RecordedUtc = when });
            r.FirstContactUtc ??= reached ? when : null;
            r.Status = ReferralStatus.InProgress;
        }
        void Visit(Referral r, int daysAgo, string delivered)
        {
            var day = today.AddDays(-daysAgo);
            r.Visits.Add(new ReferralVisit { VisitDate = day, Delivered = delivered, RecordedByName = "Demo seed", RecordedUtc = UkTime.StartOfUkDayUtc(day) });
            r.FirstVisitDate ??= day;
            r.Status = ReferralStatus.InProgress;
        }
        void Close(Referral r, int daysAgo, ReferralOutcome outcome, string notes)
        {
            r.ClosedUtc = now.AddDays(-daysAgo);
            r.Outcome = outcome;
            r.OutcomeNotes = notes;
            r.Status = ReferralStatus.Closed;
        }
        FundingLine Line(FundingStream stream, string name, params (int Year, long Pence)[] budgets)
        {
            var l = new FundingLine { Stream = stream, Name = name, CreatedUtc = now };
            foreach (var (y, pence) in budgets)
            {
                l.Budgets.Add(new FundingBudget { FinancialYear = y, AmountPence = pence });
            }
            return l;
        }
        void Allocate(FundingLine line, int fy, CommissionedService service, long pence, params (DateOnly On, long Pence, string What)[] spend)
        {
            var a = new FundingAllocation { FundingLine = line, FinancialYear = fy, ServiceId = service.Id, AmountPence = pence };
            foreach (var (on, amount, what) in spend)
            {
                a.Spend.Add(new FundingSpend { SpentOn = on, AmountPence = amount, Description = what, RecordedByName = "Demo seed", RecordedUtc = now });
            }
            db.Add(a);
        }
    }
}
