using CommunitySafety.Data;
using CommunitySafety.Features.Demo;
using CommunitySafety.Features.Incidents;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// Fictional people, places, incidents and cases across the demo agencies, so the case pages are not
/// empty. Every name and address is made up (Wyvernshire does not exist; WY is not a real postcode area).
/// </summary>
public sealed class CasesDemoContributor(AppDb db, TimeProvider clock, Strands.StrandCatalogue strands) : IDemoContributor
{
    public int Order => 10;

    public async Task SeedAsync(DemoPartnership demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var police = demo.Agencies["police"].Id;
        var district = demo.Agencies["district"].Id;
        var saferHomes = demo.Agencies["saferhomes"].Id;
        var probation = demo.Agencies["probation"].Id;
        var fire = demo.Agencies["fire"].Id;
        Guid U(string email) => demo.Users[email].Id;
        var dan = U("dan.okafor@police.wyvernshire.example");
        var ellie = U("ellie.hughes@ashcombe.wyvernshire.example");
        var amina = U("amina.begum@saferhomes.wyvernshire.example");
        var mark = U("mark.evans@probation.wyvernshire.example");

        Place P(string line1, string town, string postcode)
        {
            var p = new Place { CreatedUtc = now };
            p.SetAddress(line1, null, town, postcode);
            db.Add(p);
            return p;
        }
        Person Who(string forename, string surname, DateOnly? dob, int agency, Place? home, params string[] flags)
        {
            var p = new Person { CreatedByAgencyId = agency, CreatedUtc = now, UpdatedUtc = now, Gender = null };
            p.SetNames(forename, surname);
            p.DateOfBirth = dob;
            if (home is not null)
            {
                p.Addresses.Add(new PersonAddress { Place = home, FromDate = today.AddYears(-3), CreatedUtc = now });
            }
            foreach (var f in flags)
            {
                p.Flags.Add(new PersonFlag { Type = f, Reason = "Demo data", SetUtc = now, SetByName = "Demo seed" });
            }
            db.Add(p);
            return p;
        }

        var larkRise = P("14 Lark Rise", "Ashcombe", "WY4 2LR");
        var millLane = P("3 Mill Lane", "Ashcombe", "WY4 7ML");
        var parade = P("Kingfisher Parade shops", "Wyvern", "WY1 3KP");
        var quay = P("22 Quayside Court", "Wyvern", "WY1 9QC");
        var orchard = P("7 Orchard Close", "Bramford", "WY7 1OC");

        var margaret = Who("Margaret", "Ellison", new DateOnly(1948, 3, 12), district, larkRise, PersonFlagTypes.Vulnerable, PersonFlagTypes.RepeatVictim);
        var kyle = Who("Kyle", "Brennan", new DateOnly(2006, 8, 30), police, millLane);
        var jordan = Who("Jordan", "Pike", new DateOnly(2007, 1, 4), police, millLane);
        var tariq = Who("Tariq", "Hussein", new DateOnly(1979, 11, 2), police, quay, PersonFlagTypes.HateMotivated, PersonFlagTypes.InterpreterNeeded);
        var sam = Who("Samantha", "Cole", new DateOnly(1990, 6, 18), saferHomes, orchard, PersonFlagTypes.Vulnerable);
        var lee = Who("Lee", "Cole", new DateOnly(1987, 2, 9), probation, orchard, PersonFlagTypes.WarningMarker);
        var ann = Who("Ann", "Ellison", new DateOnly(1975, 9, 1), district, null);
        ann.Aliases.Add(PersonAlias.For("Annie", "Walsh", now));
        // A likely duplicate of Margaret, so the merge page has something to do.
        var maggie = Who("Maggie", "Elison", new DateOnly(1948, 3, 12), police, larkRise);
        await db.SaveChangesAsync(ct);

        Incident I(int daysAgo, string category, Place place, int agency, string narrative, params (Person Who, IncidentRole Role)[] people)
        {
            var i = new Incident
            {
                OccurredUtc = now.AddDays(-daysAgo).AddHours(-3), Strand = strands.IncidentCategory(category)!.Strand, CategoryCode = category,
                Place = place, ReportingAgencyId = agency, Narrative = narrative, CreatedUtc = now, AgencyReference = $"DEMO-{daysAgo:D3}",
            };
            foreach (var (who, role) in people)
            {
                i.People.Add(new IncidentPerson { Person = who, Role = role });
            }
            db.Add(i);
            return i;
        }

        var i1 = I(70, "ASB-PERSONAL", larkRise, police, "Youths kicking the door and shouting abuse late at night.", (margaret, IncidentRole.Victim), (kyle, IncidentRole.Perpetrator));
        var i2 = I(40, "ASB-PERSONAL", larkRise, district, "Eggs thrown at windows; victim afraid to go out.", (margaret, IncidentRole.Victim), (jordan, IncidentRole.Perpetrator));
        var i3 = I(12, "ASB-PERSONAL", larkRise, police, "Stones thrown at the front window; glass cracked.", (margaret, IncidentRole.Victim), (kyle, IncidentRole.Perpetrator), (ann, IncidentRole.Reporter));
        var i4 = I(20, "ASB-NUISANCE", parade, police, "Groups gathering outside the shops, intimidating customers.");
        var i5 = I(9, "CRIME-HATE", quay, police, "Racist graffiti on the victim's car.", (tariq, IncidentRole.Victim));
        var i6 = I(5, "FIRE-DELIBERATE", parade, fire, "Wheelie bin set alight behind the parade.");
        var i7 = I(15, "DA-INCIDENT", orchard, police, "Neighbours heard shouting; officers attended.", (sam, IncidentRole.Victim), (lee, IncidentRole.Perpetrator));
        await db.SaveChangesAsync(ct);

        var seq = 0;
        Case C(string type, string title, int lead, Guid officer, RiskBand? risk, int[] partners, (Person Who, CasePersonRole Role)[] people, Incident[] incidents, DateOnly? review)
        {
            seq++;
            var c = new Case
            {
                Reference = CaseReference.Create(type, now.Year, seq).ToString(), Type = type, Title = title, LeadAgencyId = lead, LeadOfficerUserId = officer,
                CurrentRiskBand = risk, OpenedUtc = now.AddDays(-30), OpenedByUserId = officer, UpdatedUtc = now, NextReviewDate = review,
            };
            c.Members.Add(new CaseMember { UserId = officer, Role = CaseMemberRole.LeadOfficer, AddedUtc = now });
            foreach (var p in partners)
            {
                c.Agencies.Add(new CaseAgency { AgencyId = p, AddedUtc = now });
            }
            foreach (var (who, role) in people)
            {
                c.People.Add(new CasePerson { Person = who, Role = role, AddedUtc = now });
            }
            foreach (var i in incidents)
            {
                c.Incidents.Add(new CaseIncident { Incident = i, LinkedUtc = now });
                if (i.Place is { } place && c.Places.All(x => x.Place != place))
                {
                    c.Places.Add(new CasePlace { Place = place, Description = "Incident location", LinkedUtc = now });
                }
            }
            db.Add(c);
            return c;
        }

        // Each type has its own sequence; the counters are set to match below.
        var asb1 = C("ASB", "Lark Rise: repeat targeting of an older resident", district, ellie, RiskBand.High, [police],
            [(margaret, CasePersonRole.Victim), (kyle, CasePersonRole.Perpetrator), (jordan, CasePersonRole.Perpetrator)], [i1, i2, i3], today.AddDays(3));
        var asb2 = C("ASB", "Kingfisher Parade: groups gathering", police, dan, RiskBand.Standard, [district, fire], [], [i4, i6], today.AddDays(-2));
        seq = 0;
        var hate = C("HATE", "Quayside Court: racist graffiti", police, dan, RiskBand.Medium, [], [(tariq, CasePersonRole.Victim)], [i5], today.AddDays(14));
        seq = 0;
        var da = C("DA", "Orchard Close: domestic abuse support", saferHomes, amina, RiskBand.High, [police, probation],
            [(sam, CasePersonRole.Victim), (lee, CasePersonRole.Perpetrator)], [i7], today.AddDays(10));
        await db.SaveChangesAsync(ct);
        db.AddRange(
            new CaseReferenceCounter { Prefix = "ASB", Year = now.Year, LastSequence = 2 },
            new CaseReferenceCounter { Prefix = "HATE", Year = now.Year, LastSequence = 1 },
            new CaseReferenceCounter { Prefix = "DA", Year = now.Year, LastSequence = 1 });

        db.AddRange(
            new CaseAction { CaseId = asb1.Id, Title = "Fit a door camera and window film", OwnerUserId = ellie, AgencyId = district, DueDate = today.AddDays(-4), CreatedUtc = now, Plan = "VictimActionPlan" },
            new CaseAction { CaseId = asb1.Id, Title = "Weekly welfare call to the victim", OwnerUserId = ellie, AgencyId = district, DueDate = today.AddDays(2), CreatedUtc = now, Plan = "VictimActionPlan" },
            new CaseAction { CaseId = asb1.Id, Title = "Visit perpetrators' parents: acceptable behaviour contract", OwnerUserId = dan, AgencyId = police, DueDate = today.AddDays(6), CreatedUtc = now },
            new CaseAction { CaseId = asb2.Id, Title = "Extra patrols Friday and Saturday evenings", OwnerUserId = dan, AgencyId = police, DueDate = today.AddDays(-1), CreatedUtc = now },
            new CaseAction { CaseId = da.Id, Title = "Safety planning session", OwnerUserId = amina, AgencyId = saferHomes, DueDate = today.AddDays(1), CreatedUtc = now },
            new CaseAction { CaseId = da.Id, Title = "Check licence conditions", OwnerUserId = mark, AgencyId = probation, DueDate = today.AddDays(5), CreatedUtc = now },
            new CaseReview { CaseId = asb1.Id, ScheduledDate = today.AddDays(3), CreatedUtc = now },
            new CaseReview { CaseId = asb2.Id, ScheduledDate = today.AddDays(-2), CreatedUtc = now },
            new CaseReview { CaseId = hate.Id, ScheduledDate = today.AddDays(14), CreatedUtc = now },
            new CaseReview { CaseId = da.Id, ScheduledDate = today.AddDays(10), CreatedUtc = now },
            new CaseNote { CaseId = asb1.Id, Text = "Spoke to Mrs Ellison: she is not sleeping and has stopped going to the shops.", AuthorUserId = ellie, AuthorName = "Ellie Hughes", AuthorAgencyId = district, CreatedUtc = now.AddDays(-2) },
            new RiskAssessmentRecord { CaseId = asb1.Id, PersonId = margaret.Id, InstrumentCode = "ASB-VRA", InstrumentVersion = 1, AnswersJson = "{\"P1\":true,\"P2\":true,\"S1\":true,\"I2\":true,\"R1\":true,\"R2\":true,\"F1\":true,\"F3\":true}", Score = 20, ComputedBand = RiskBand.High, FinalBand = RiskBand.High, AssessorUserId = ellie, AssessorName = "Ellie Hughes", AssessorAgencyId = district, AssessedUtc = now.AddDays(-11) },
            new Alert { UserId = ellie, CaseId = asb1.Id, PersonId = margaret.Id, Type = AlertTypes.RepeatVictim, Text = "Margaret Ellison has had 3 ASB incidents in 3 months (repeat victim).", CreatedUtc = now, DedupKey = $"RepeatVictim:{margaret.Id}" });
        foreach (var c in new[] { asb1, asb2, hate, da })
        {
            db.Add(new CaseEvent { CaseId = c.Id, OccurredUtc = c.OpenedUtc, Kind = CaseEventKinds.Opened, Text = $"Case {c.Reference} opened: {c.Title}", UserId = c.LeadOfficerUserId, UserName = "Demo seed" });
        }
        await db.SaveChangesAsync(ct);
    }
}
