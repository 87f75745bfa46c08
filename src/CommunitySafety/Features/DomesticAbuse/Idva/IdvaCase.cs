using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.DomesticAbuse.Idva;

/// <summary>
/// An IDVA's record of support for one victim, opened at intake from a referral to the IDVA service. It holds only
/// what the referral disclosed (its shared-field snapshot) and what the IDVA records; the referral, never the case or
/// the person ids, ties it back (docs/referrals.md: the provider side sees the snapshot only).
/// </summary>
public sealed class IdvaCase : IVersioned
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public Referrals.Referral? Referral { get; set; }
    public int ServiceId { get; set; }
    public Guid? AdviserUserId { get; set; }
    public string? AdviserName { get; set; }
    /// <summary>The risk level the referral came with (the referring case's current band at intake).</summary>
    public RiskBand? RiskAtIntake { get; set; }
    public IdvaCaseStatus Status { get; set; } = IdvaCaseStatus.Open;
    public DateTime OpenedUtc { get; set; }
    public string OpenedByName { get; set; } = "";
    /// <summary>Support needs, as <see cref="IdvaSupportNeeds"/> codes separated by commas.</summary>
    public string SupportNeeds { get; set; } = "";
    public DateTime? ClosedUtc { get; set; }
    public RiskBand? RiskAtClosure { get; set; }
    public IdvaOutcome? Outcome { get; set; }
    public string? ClosureNotes { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; set; }

    public List<IdvaContact> Contacts { get; set; } = [];
    public List<SafetyMeasure> SafetyPlan { get; set; } = [];
    public List<OnwardReferral> OnwardReferrals { get; set; } = [];
}

public enum IdvaCaseStatus
{
    Open,
    Closed,
}

/// <summary>How IDVA support ended (SafeLives Insights closure reasons, simplified).</summary>
public enum IdvaOutcome
{
    SupportCompleted,
    DisengagedOrUncontactable,
    DeclinedSupport,
    MovedOutOfArea,
    TransferredToAnotherService,
}

public enum SafetyMeasureStatus
{
    Planned,
    InPlace,
    Declined,
    NoLongerNeeded,
}

public enum OnwardReferralKind
{
    Housing,
    SanctuaryScheme,
    CivilOrder,
    Other,
}

public enum IdvaContactMethod
{
    Phone,
    InPerson,
    TextMessage,
    Email,
    Letter,
}

/// <summary>An adviser of an IDVA service and the number of open cases they can hold.</summary>
public sealed class IdvaAdviser
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public int Capacity { get; set; }
}

public sealed class IdvaContact
{
    public int Id { get; set; }
    public int IdvaCaseId { get; set; }
    public DateTime OccurredUtc { get; set; }
    public IdvaContactMethod Method { get; set; }
    public bool Reached { get; set; }
    public string? Notes { get; set; }
    public string RecordedByName { get; set; } = "";
}

/// <summary>One measure of the victim's safety plan (a panic alarm, a changed route to work) and where it stands.</summary>
public sealed class SafetyMeasure
{
    public int Id { get; set; }
    public int IdvaCaseId { get; set; }
    public string Measure { get; set; } = "";
    public SafetyMeasureStatus Status { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string UpdatedByName { get; set; } = "";
}

public sealed class OnwardReferral
{
    public int Id { get; set; }
    public int IdvaCaseId { get; set; }
    public OnwardReferralKind Kind { get; set; }
    public string Details { get; set; } = "";
    public DateOnly MadeOn { get; set; }
    public string RecordedByName { get; set; } = "";
}

/// <summary>The support needs an IDVA records (the areas of SafeLives' IDVA support plan).</summary>
public static class IdvaSupportNeeds
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("HOUSING", "Housing and safe accommodation"),
        ("FINANCE", "Money, benefits and debt"),
        ("CHILDREN", "Children and child contact"),
        ("MENTAL-HEALTH", "Mental health"),
        ("SUBSTANCE-USE", "Drugs or alcohol"),
        ("CRIMINAL-JUSTICE", "Criminal justice: court and the police investigation"),
        ("CIVIL-LAW", "Civil orders and family court"),
        ("IMMIGRATION", "Immigration status"),
    ];

    public static bool IsKnown(string code) => All.Any(n => n.Code == code);

    public static string Name(string code) => All.FirstOrDefault(n => n.Code == code).Name ?? code;
}

sealed class IdvaCaseConfiguration : IEntityTypeConfiguration<IdvaCase>
{
    public void Configure(EntityTypeBuilder<IdvaCase> b)
    {
        b.ToTable("idva_cases");
        b.HasOne(x => x.Referral).WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ReferralId).IsUnique();
        b.HasOne<Referrals.Catalogue.CommissionedService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ServiceId, x.Status });
        b.Property(x => x.AdviserName).HasMaxLength(200);
        b.Property(x => x.OpenedByName).HasMaxLength(200);
        b.Property(x => x.SupportNeeds).HasMaxLength(400);
        b.Property(x => x.ClosureNotes).HasMaxLength(4000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RiskAtIntake).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RiskAtClosure).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(40);
        b.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.IdvaCaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.SafetyPlan).WithOne().HasForeignKey(x => x.IdvaCaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.OnwardReferrals).WithOne().HasForeignKey(x => x.IdvaCaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class IdvaAdviserConfiguration : IEntityTypeConfiguration<IdvaAdviser>
{
    public void Configure(EntityTypeBuilder<IdvaAdviser> b)
    {
        b.ToTable("idva_advisers");
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.ServiceId, x.UserId }).IsUnique();
        b.HasOne<Referrals.Catalogue.CommissionedService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class IdvaContactConfiguration : IEntityTypeConfiguration<IdvaContact>
{
    public void Configure(EntityTypeBuilder<IdvaContact> b)
    {
        b.ToTable("idva_contacts");
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.RecordedByName).HasMaxLength(200);
    }
}

sealed class SafetyMeasureConfiguration : IEntityTypeConfiguration<SafetyMeasure>
{
    public void Configure(EntityTypeBuilder<SafetyMeasure> b)
    {
        b.ToTable("idva_safety_measures");
        b.Property(x => x.Measure).HasMaxLength(500).IsRequired();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.UpdatedByName).HasMaxLength(200);
    }
}

sealed class OnwardReferralConfiguration : IEntityTypeConfiguration<OnwardReferral>
{
    public void Configure(EntityTypeBuilder<OnwardReferral> b)
    {
        b.ToTable("idva_onward_referrals");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Details).HasMaxLength(1000).IsRequired();
        b.Property(x => x.RecordedByName).HasMaxLength(200);
    }
}
