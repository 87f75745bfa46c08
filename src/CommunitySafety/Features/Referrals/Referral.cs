using CommunitySafety.Data;
using CommunitySafety.Features.Referrals.Catalogue;
using CommunitySafety.Features.Referrals.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Referrals;

/// <summary>
/// A referral of a person (from a case or from the person's record) to a commissioned service. What the provider sees
/// is the <see cref="SharedFields"/> snapshot the referrer chose, never the person or case records: <see cref="PersonId"/>,
/// <see cref="CaseId"/> and <see cref="PlaceId"/> are for the referrer's side, the disclosure log and the outcome figures.
/// </summary>
public sealed class Referral : IVersioned
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public CommissionedService? Service { get; set; }
    public int PersonId { get; set; }
    public int? CaseId { get; set; }
    /// <summary>The person's current address when referred (for outcome figures by address; not shown to the provider unless shared).</summary>
    public int? PlaceId { get; set; }
    public int ReferringAgencyId { get; set; }
    public Agencies.Agency? ReferringAgency { get; set; }
    public Guid? ReferredByUserId { get; set; }
    public string ReferredByName { get; set; } = "";
    public DateTime ReferredUtc { get; set; }
    public string Reason { get; set; } = "";

    public ConsentDecision Consent { get; set; }
    /// <summary>Why consent was not sought (required then): e.g. the risk is significant and seeking it would increase it.</summary>
    public string? ConsentJustification { get; set; }
    /// <summary>One of <see cref="LawfulBases.Article6"/>.</summary>
    public string LawfulBasis { get; set; } = "";
    /// <summary>One of <see cref="LawfulBases.Powers"/>: the power the referrer shares under.</summary>
    public string SharingPower { get; set; } = "";
    /// <summary>One of <see cref="LawfulBases.Conditions"/>; required when special-category or criminal-offence data is shared.</summary>
    public string? SpecialCategoryCondition { get; set; }

    /// <summary>"Not eligible because…" messages when the referral was made anyway, and the referrer's reason.</summary>
    public string? EligibilityWarnings { get; set; }
    public string? EligibilityOverrideReason { get; set; }

    public FireRiskFactors? FireRisk { get; set; }
    public FirePriority? FirePriority { get; set; }

    public ReferralStatus Status { get; set; } = ReferralStatus.Referred;
    public DateTime? DecidedUtc { get; set; }
    public string? DecidedByName { get; set; }
    public string? DeclineReason { get; set; }
    public DateTime? FirstContactUtc { get; set; }
    public DateOnly? FirstVisitDate { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public ReferralOutcome? Outcome { get; set; }
    public string? OutcomeNotes { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; set; }

    public List<ReferralSharedField> SharedFields { get; set; } = [];
    public List<ReferralContact> Contacts { get; set; } = [];
    public List<ReferralVisit> Visits { get; set; } = [];
}

public enum ConsentDecision
{
    Given,
    Refused,
    NotSought,
}

public enum ReferralStatus
{
    Referred,
    Accepted,
    Declined,
    /// <summary>Accepted and the provider has made contact or visited.</summary>
    InProgress,
    Closed,
}

public enum ReferralOutcome
{
    /// <summary>Everything offered was delivered.</summary>
    Delivered,
    PartlyDelivered,
    /// <summary>The person declined the service when contacted.</summary>
    DeclinedByPerson,
    NoContact,
    Withdrawn,
}

/// <summary>One field the referrer chose to share, with the value as it was disclosed.</summary>
public sealed class ReferralSharedField
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    /// <summary>One of <see cref="SharedFields.All"/>.</summary>
    public string Field { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class ReferralContact
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public DateTime OccurredUtc { get; set; }
    public ContactMethod Method { get; set; }
    /// <summary>Whether the person was reached (an unanswered call is a contact attempt, not first contact).</summary>
    public bool Reached { get; set; }
    public string? Notes { get; set; }
    public string RecordedByName { get; set; } = "";
    public DateTime RecordedUtc { get; set; }
}

public enum ContactMethod
{
    Phone,
    Letter,
    Email,
    InPerson,
}

public sealed class ReferralVisit
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public DateOnly VisitDate { get; set; }
    /// <summary>Deliverable codes (<see cref="Deliverables.All"/>), comma-separated.</summary>
    public string Delivered { get; set; } = "";
    public string? Notes { get; set; }
    public string RecordedByName { get; set; } = "";
    public DateTime RecordedUtc { get; set; }

    public IReadOnlyList<string> DeliveredCodes => Delivered.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public static class ReferralDisplay
{
    public static string Status(ReferralStatus status) => status switch
    {
        ReferralStatus.InProgress => "In progress",
        _ => status.ToString(),
    };

    public static string StatusTag(ReferralStatus status) => status switch
    {
        ReferralStatus.Referred => "govuk-tag--blue",
        ReferralStatus.Accepted => "govuk-tag--turquoise",
        ReferralStatus.InProgress => "govuk-tag--yellow",
        ReferralStatus.Declined => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string Consent(ConsentDecision consent) => consent switch
    {
        ConsentDecision.Given => "Consent given",
        ConsentDecision.Refused => "Consent refused",
        _ => "Consent not sought",
    };

    public static string Outcome(ReferralOutcome outcome) => outcome switch
    {
        ReferralOutcome.Delivered => "Service delivered",
        ReferralOutcome.PartlyDelivered => "Partly delivered",
        ReferralOutcome.DeclinedByPerson => "Person declined the service",
        ReferralOutcome.NoContact => "No contact could be made",
        _ => "Withdrawn",
    };
}

sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("referrals");
        b.HasOne(r => r.Service).WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Place>().WithMany().HasForeignKey(r => r.PlaceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.ReferringAgency).WithMany().HasForeignKey(r => r.ReferringAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.ReferredByName).HasMaxLength(200);
        b.Property(r => r.Reason).HasMaxLength(2000).IsRequired();
        b.Property(r => r.Consent).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ConsentJustification).HasMaxLength(1000);
        b.Property(r => r.LawfulBasis).HasMaxLength(40).IsRequired();
        b.Property(r => r.SharingPower).HasMaxLength(40).IsRequired();
        b.Property(r => r.SpecialCategoryCondition).HasMaxLength(40);
        b.Property(r => r.EligibilityWarnings).HasMaxLength(2000);
        b.Property(r => r.EligibilityOverrideReason).HasMaxLength(1000);
        b.Property(r => r.FirePriority).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DecidedByName).HasMaxLength(200);
        b.Property(r => r.DeclineReason).HasMaxLength(1000);
        b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.OutcomeNotes).HasMaxLength(2000);
        b.HasIndex(r => new { r.ServiceId, r.Status });
        b.HasIndex(r => r.ReferringAgencyId);
        b.HasIndex(r => r.CaseId);
        b.HasIndex(r => r.PersonId);
        b.HasMany(r => r.SharedFields).WithOne().HasForeignKey(f => f.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Contacts).WithOne().HasForeignKey(f => f.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Visits).WithOne().HasForeignKey(f => f.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ReferralSharedFieldConfiguration : IEntityTypeConfiguration<ReferralSharedField>
{
    public void Configure(EntityTypeBuilder<ReferralSharedField> b)
    {
        b.ToTable("referral_shared_fields");
        b.Property(f => f.Field).HasMaxLength(40).IsRequired();
        b.Property(f => f.Value).HasMaxLength(2000);
        b.HasIndex(f => new { f.ReferralId, f.Field }).IsUnique();
    }
}

sealed class ReferralContactConfiguration : IEntityTypeConfiguration<ReferralContact>
{
    public void Configure(EntityTypeBuilder<ReferralContact> b)
    {
        b.ToTable("referral_contacts");
        b.Property(c => c.Method).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.Property(c => c.RecordedByName).HasMaxLength(200);
        b.HasIndex(c => c.ReferralId);
    }
}

sealed class ReferralVisitConfiguration : IEntityTypeConfiguration<ReferralVisit>
{
    public void Configure(EntityTypeBuilder<ReferralVisit> b)
    {
        b.ToTable("referral_visits");
        b.Property(v => v.Delivered).HasMaxLength(1000);
        b.Property(v => v.Notes).HasMaxLength(2000);
        b.Property(v => v.RecordedByName).HasMaxLength(200);
        b.Ignore(v => v.DeliveredCodes);
        b.HasIndex(v => v.ReferralId);
        b.HasIndex(v => v.VisitDate);
    }
}
