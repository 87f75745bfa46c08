using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Demo;
using CommunitySafety.Features.DomesticAbuse.Idva.Orders;
using CommunitySafety.Features.Orders;
using CommunitySafety.Features.People;
using CommunitySafety.Features.Referrals;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Features.Referrals.Disclosures;
using CommunitySafety.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.DomesticAbuse.Idva;

/// <summary>
/// The demo's IDVA caseload at the Wyvernshire Domestic Abuse Service: Grace Obi as its adviser; Samantha Cole's
/// referral taken on and closed with the risk reduced; two police DA cases (restricted to named members) referred and
/// open with safety plans; and a DVPN followed by a DVPO on the first. Everything is made up.
/// </summary>
public sealed class IdvaDemoContributor(AppDb db, CaseService cases, TimeProvider clock) : IDemoContributor
{
    public const string AdviserEmail = "grace.obi@wdas.wyvernshire.example";

    public int Order => 70;

    public async Task SeedAsync(DemoPartnership demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = UkTime.Today(now);
        var service = await db.Set<CommissionedService>().FirstOrDefaultAsync(s => s.Code == ReferralsDemoContributor.IdvaCode, ct);
        if (service is null || !demo.Users.TryGetValue(AdviserEmail, out var grace))
        {
            return;
        }
        var police = demo.Agencies["police"];
        var dan = demo.Users["dan.okafor@police.wyvernshire.example"];
        db.Add(new IdvaAdviser { ServiceId = service.Id, UserId = grace.Id, Name = grace.DisplayName, Capacity = 12 });

        // Samantha Cole: referred by the police after the Orchard Close incident; supported and closed at medium risk.
        var sam = await db.Set<Referral>().Where(r => r.ServiceId == service.Id).OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (sam is not null)
        {
            var closed = new IdvaCase
            {
                ReferralId = sam.Id, ServiceId = service.Id, AdviserUserId = grace.Id, AdviserName = grace.DisplayName, RiskAtIntake = RiskBand.High,
                OpenedUtc = now.AddDays(-14), OpenedByName = grace.DisplayName, SupportNeeds = "HOUSING,CIVIL-LAW,CHILDREN",
                Status = IdvaCaseStatus.Closed, ClosedUtc = now.AddDays(-2), RiskAtClosure = RiskBand.Medium, Outcome = IdvaOutcome.SupportCompleted,
                ClosureNotes = "Non-molestation order granted; sanctuary measures fitted; victim linked to the community outreach group.", UpdatedUtc = now.AddDays(-2),
            };
            closed.SafetyPlan.Add(Measure("Sanctuary scheme: door and window locks fitted", SafetyMeasureStatus.InPlace, now.AddDays(-9)));
            closed.SafetyPlan.Add(Measure("Code word agreed with her sister", SafetyMeasureStatus.InPlace, now.AddDays(-13)));
            closed.Contacts.Add(new IdvaContact { OccurredUtc = now.AddDays(-13), Method = IdvaContactMethod.Phone, Reached = true, Notes = "Safe to talk after 14:00.", RecordedByName = grace.DisplayName });
            closed.OnwardReferrals.Add(new OnwardReferral { Kind = OnwardReferralKind.SanctuaryScheme, Details = "Safer Homes sanctuary scheme", MadeOn = today.AddDays(-12), RecordedByName = grace.DisplayName });
            closed.OnwardReferrals.Add(new OnwardReferral { Kind = OnwardReferralKind.CivilOrder, Details = "Non-molestation order through the family court", MadeOn = today.AddDays(-10), RecordedByName = grace.DisplayName });
            db.Add(closed);
        }

        var (hannahCase, hannahReferral, perpetrator) = await ReferredAsync("Hannah", "Price", "01632 960 731", "Carl", "Price", 9, demo, service, police.Id, dan, now, today, ct);
        var hannah = new IdvaCase
        {
            ReferralId = hannahReferral.Id, ServiceId = service.Id, AdviserUserId = grace.Id, AdviserName = grace.DisplayName, RiskAtIntake = RiskBand.High,
            OpenedUtc = now.AddDays(-8), OpenedByName = grace.DisplayName, SupportNeeds = "HOUSING,CRIMINAL-JUSTICE", UpdatedUtc = now.AddDays(-1),
        };
        hannah.SafetyPlan.Add(Measure("Police marker on the address (treat 999 calls as urgent)", SafetyMeasureStatus.InPlace, now.AddDays(-7)));
        hannah.SafetyPlan.Add(Measure("Panic alarm", SafetyMeasureStatus.Planned, now.AddDays(-1)));
        hannah.Contacts.Add(new IdvaContact { OccurredUtc = now.AddDays(-7), Method = IdvaContactMethod.InPerson, Reached = true, Notes = "Seen at the police station.", RecordedByName = grace.DisplayName });
        hannah.OnwardReferrals.Add(new OnwardReferral { Kind = OnwardReferralKind.Housing, Details = "Ashcombe housing options: priority transfer", MadeOn = today.AddDays(-5), RecordedByName = grace.DisplayName });
        db.Add(hannah);

        var (_, joyReferral, _) = await ReferredAsync("Joy", "Mensah", "01632 960 822", "Daniel", "Osei", 3, demo, service, police.Id, dan, now, today, ct);
        var joy = new IdvaCase
        {
            ReferralId = joyReferral.Id, ServiceId = service.Id, AdviserUserId = grace.Id, AdviserName = grace.DisplayName, RiskAtIntake = RiskBand.High,
            OpenedUtc = now.AddDays(-2), OpenedByName = grace.DisplayName, SupportNeeds = "FINANCE", UpdatedUtc = now.AddDays(-2),
        };
        joy.SafetyPlan.Add(Measure("Safe route to work agreed", SafetyMeasureStatus.Planned, now.AddDays(-2)));
        db.Add(joy);

        // A DVPN given by the police to Carl Price, then the DVPO the magistrates made for 28 days.
        var dvpnMade = now.AddDays(-6);
        db.Add(new Order
        {
            CaseId = hannahCase.Id, TypeCode = DaOrderTypes.CodeOf(DaOrderKind.Dvpn), SubjectKind = OrderSubjectKind.Person, SubjectPersonId = perpetrator.Id,
            SubjectDescription = perpetrator.FullName, IssuedUtc = dvpnMade, ExpiresUtc = dvpnMade + DaOrderRules.DvpnTerm, SeniorAuthorisation = true,
            AuthorisedBy = "Supt Aisha Khan", IssuingAgencyId = police.Id, CreatedUtc = dvpnMade, CreatedByUserId = dan.Id,
        });
        var dvpoMade = now.AddDays(-4);
        db.Add(new Order
        {
            CaseId = hannahCase.Id, TypeCode = DaOrderTypes.CodeOf(DaOrderKind.Dvpo), SubjectKind = OrderSubjectKind.Person, SubjectPersonId = perpetrator.Id,
            SubjectDescription = perpetrator.FullName, IssuedUtc = dvpoMade, ExpiresUtc = DaOrderRules.EndOfLastDay(UkTime.Today(dvpoMade).AddDays(DaOrderRules.DvpoMaximumDays - 1)),
            AuthorisedBy = "Wyvern Magistrates' Court", IssuingAgencyId = police.Id, CreatedUtc = dvpoMade, CreatedByUserId = dan.Id,
            Notes = "Not to contact Hannah Price or come within 100 metres of her home.",
        });
        await db.SaveChangesAsync(ct);
    }

    static SafetyMeasure Measure(string text, SafetyMeasureStatus status, DateTime when) =>
        new() { Measure = text, Status = status, UpdatedUtc = when, UpdatedByName = "Grace Obi" };

    /// <summary>A police DA case restricted to its named members, with a victim and perpetrator, referred to the IDVA service.</summary>
    async Task<(Case Case, Referral Referral, Person Perpetrator)> ReferredAsync(string forename, string surname, string phone, string pForename, string pSurname, int daysAgo,
        DemoPartnership demo, CommissionedService service, int police, Accounts.AppUser dan, DateTime now, DateOnly today, CancellationToken ct)
    {
        Person Who(string f, string s, DateOnly dob, string? tel)
        {
            var p = new Person { CreatedByAgencyId = police, CreatedUtc = now, UpdatedUtc = now, DateOfBirth = dob, Phone = tel, CreatedByUserId = dan.Id };
            p.SetNames(f, s);
            db.Add(p);
            return p;
        }
        var victim = Who(forename, surname, today.AddYears(-31).AddDays(-daysAgo * 17), phone);
        var perpetrator = Who(pForename, pSurname, today.AddYears(-35).AddDays(-daysAgo * 11), null);
        await db.SaveChangesAsync(ct);
        var c = new Case
        {
            Reference = await cases.NextReferenceAsync(DomesticAbuseStrand.Code, ct), Type = DomesticAbuseStrand.Code, Title = $"{forename} {surname}: domestic abuse (high risk)",
            LeadAgencyId = police, LeadOfficerUserId = dan.Id, AccessLevel = CaseAccessLevel.Restricted, CurrentRiskBand = RiskBand.High,
            OpenedUtc = now.AddDays(-daysAgo), OpenedByUserId = dan.Id, UpdatedUtc = now,
        };
        c.Members.Add(new CaseMember { UserId = dan.Id, Role = CaseMemberRole.LeadOfficer, AddedUtc = now });
        c.People.Add(new CasePerson { PersonId = victim.Id, Role = CasePersonRole.Victim, AddedUtc = now });
        c.People.Add(new CasePerson { PersonId = perpetrator.Id, Role = CasePersonRole.Perpetrator, AddedUtc = now });
        db.Add(c);
        await db.SaveChangesAsync(ct);
        var when = now.AddDays(-daysAgo);
        var r = new Referral
        {
            ServiceId = service.Id, PersonId = victim.Id, CaseId = c.Id, ReferringAgencyId = police, ReferredByUserId = dan.Id, ReferredByName = dan.DisplayName,
            ReferredUtc = when, Reason = "High-risk DASH after a police call-out; victim agrees to IDVA support.", Consent = ConsentDecision.Given,
            LawfulBasis = "ART6-1-E", SharingPower = "CDA1998-S115", Status = ReferralStatus.Accepted, DecidedUtc = when.AddHours(3), DecidedByName = "Grace Obi", UpdatedUtc = when,
        };
        r.SharedFields.Add(new ReferralSharedField { Field = SharedFields.Name, Value = victim.FullName });
        r.SharedFields.Add(new ReferralSharedField { Field = SharedFields.Phone, Value = phone });
        db.Add(r);
        db.Add(new DisclosureRecord
        {
            PersonId = victim.Id, Referral = r, DisclosedUtc = when, ByUserId = dan.Id, ByName = dan.DisplayName, ByAgencyId = police,
            ByAgencyName = demo.Agencies["police"].Name, ToAgencyId = service.ProviderAgencyId, ToAgencyName = demo.Agencies["idva"].Name, ServiceName = service.Name,
            Fields = "Name,Phone", LawfulBasis = r.LawfulBasis, SharingPower = r.SharingPower, Consent = r.Consent.ToString(), Purpose = $"Referral to {service.Name}: {r.Reason}",
        });
        await db.SaveChangesAsync(ct);
        return (c, r, perpetrator);
    }
}
