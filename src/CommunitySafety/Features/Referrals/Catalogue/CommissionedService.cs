using CommunitySafety.Data;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.Referrals.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Referrals.Catalogue;

/// <summary>
/// A service the partnership commissions from a provider agency (home safety, drug treatment, IDVA…). Referrals go
/// to a service; the provider agency's workers see the referrals to its services and nothing else of the referrer's.
/// </summary>
public sealed class CommissionedService : IVersioned
{
    public int Id { get; set; }
    /// <summary>Short stable code for the API and links ("SAFER-HOMES").</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public ServiceKind Kind { get; set; }
    public string Description { get; set; } = "";
    public int ProviderAgencyId { get; set; }
    public Agency? ProviderAgency { get; set; }
    /// <summary>New referrals the provider can take in a calendar month (null: not limited).</summary>
    public int? MonthlyCapacity { get; set; }
    /// <summary>Commissioned target: first contact with the person within this many working days of the referral.</summary>
    public int FirstContactWorkingDays { get; set; }
    /// <summary>Commissioned target: the service delivered (first visit or session) within this many working days.</summary>
    public int? DeliveryWorkingDays { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
    public int Version { get; set; }

    public List<ServiceDeliverable> Deliverables { get; set; } = [];
    public List<ServiceEligibilityRule> Eligibility { get; set; } = [];
}

public enum ServiceKind
{
    /// <summary>Home security fittings and advice, home fire safety checks, falls prevention (the fire-risk screen applies).</summary>
    HomeSafety,
    DrugTreatment,
    DomesticAbuseAdvocacy,
    Other,
}

public sealed class ServiceDeliverable
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    /// <summary>One of <see cref="Deliverables.All"/>.</summary>
    public string Code { get; set; } = "";
}

public sealed class ServiceEligibilityRule
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public EligibilityRuleKind Kind { get; set; }
    public string Value { get; set; } = "";

    public EligibilityRuleData Data => new(Kind, Value);
}

public enum DeliverableKind
{
    /// <summary>Target hardening: counts as "treated" for the repeat-burglary comparison.</summary>
    HomeSecurity,
    FireSafety,
    Falls,
    Advice,
    Treatment,
    Support,
}

/// <summary>What commissioned services deliver, as the providers name it (reference 2.14: fittings, rogue-trader advice,
/// home fire safety checks / Safe and Well visits, falls prevention; drug treatment; IDVA support).</summary>
public static class Deliverables
{
    public static readonly IReadOnlyList<(string Code, string Name, DeliverableKind Kind)> All =
    [
        ("DOOR-WINDOW-LOCKS", "Door and window locks fitted", DeliverableKind.HomeSecurity),
        ("DOOR-CHAIN", "Door chain or limiter fitted", DeliverableKind.HomeSecurity),
        ("VIDEO-DOORBELL", "Video doorbell fitted", DeliverableKind.HomeSecurity),
        ("SECURITY-LIGHT", "Security light fitted", DeliverableKind.HomeSecurity),
        ("ROGUE-TRADER-ADVICE", "Rogue-trader and doorstep crime advice", DeliverableKind.Advice),
        ("HOME-FIRE-SAFETY-CHECK", "Home fire safety check or Safe and Well visit", DeliverableKind.FireSafety),
        ("SMOKE-ALARM", "Smoke alarm fitted", DeliverableKind.FireSafety),
        ("FALLS-ASSESSMENT", "Falls assessment", DeliverableKind.Falls),
        ("DRUG-TREATMENT-ASSESSMENT", "Drug treatment assessment", DeliverableKind.Treatment),
        ("TREATMENT-SESSION", "Structured treatment session", DeliverableKind.Treatment),
        ("IDVA-SUPPORT", "IDVA support session", DeliverableKind.Support),
        ("SAFETY-PLAN", "Safety plan agreed", DeliverableKind.Support),
    ];

    public static bool IsKnown(string? code) => All.Any(d => d.Code == code);

    public static string Display(string code) => All.FirstOrDefault(d => d.Code == code).Name ?? code;

    public static bool IsHomeSecurity(string code) => All.Any(d => d.Code == code && d.Kind == DeliverableKind.HomeSecurity);

    public static IEnumerable<string> HomeSecurityCodes => All.Where(d => d.Kind == DeliverableKind.HomeSecurity).Select(d => d.Code);
}

public static class ServiceKinds
{
    public static string Display(ServiceKind kind) => kind switch
    {
        ServiceKind.HomeSafety => "Home safety (security, fire and falls)",
        ServiceKind.DrugTreatment => "Drug treatment",
        ServiceKind.DomesticAbuseAdvocacy => "Independent domestic violence advice (IDVA)",
        _ => "Other",
    };
}

sealed class CommissionedServiceConfiguration : IEntityTypeConfiguration<CommissionedService>
{
    public void Configure(EntityTypeBuilder<CommissionedService> b)
    {
        b.ToTable("commissioned_services");
        b.Property(s => s.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(s => s.Code).IsUnique();
        b.Property(s => s.Name).HasMaxLength(200).IsRequired();
        b.Property(s => s.Description).HasMaxLength(2000);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasOne(s => s.ProviderAgency).WithMany().HasForeignKey(s => s.ProviderAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.ProviderAgencyId);
        b.HasMany(s => s.Deliverables).WithOne().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Eligibility).WithOne().HasForeignKey(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ServiceDeliverableConfiguration : IEntityTypeConfiguration<ServiceDeliverable>
{
    public void Configure(EntityTypeBuilder<ServiceDeliverable> b)
    {
        b.ToTable("service_deliverables");
        b.Property(d => d.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(d => new { d.ServiceId, d.Code }).IsUnique();
    }
}

sealed class ServiceEligibilityRuleConfiguration : IEntityTypeConfiguration<ServiceEligibilityRule>
{
    public void Configure(EntityTypeBuilder<ServiceEligibilityRule> b)
    {
        b.ToTable("service_eligibility_rules");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Value).HasMaxLength(400).IsRequired();
        b.Ignore(r => r.Data);
        b.HasIndex(r => r.ServiceId);
    }
}
