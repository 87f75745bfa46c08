using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.DomesticAbuse.Rules;
using CommunitySafety.Features.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.DomesticAbuse;

public enum MaracReferralStatus
{
    /// <summary>Sent to the Marac coordinator, not yet on an agenda.</summary>
    Referred,
    /// <summary>On a Marac meeting's agenda.</summary>
    Listed,
    /// <summary>Heard at a meeting.</summary>
    Heard,
}

/// <summary>
/// A referral of a domestic abuse case to the Marac, built from a completed <see cref="DashRecord"/>: the answers, the
/// band and the case's people come from there and the case; the referral adds only what DASH lacks (consent, the
/// referring agency's reason, anything else to share). <see cref="Criteria"/> are worked out from the data when it is
/// made (<see cref="MaracCriteria"/>).
/// </summary>
public sealed class MaracReferral : IVersioned
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int DashRecordId { get; set; }
    public DashRecord? Dash { get; set; }
    public int? VictimPersonId { get; set; }
    /// <summary>The perpetrator on the case when referred (the first, if several): repeats are between the same pair.</summary>
    public int? PerpetratorPersonId { get; set; }
    /// <summary>The <see cref="MaracCriterion"/> names met, comma-separated.</summary>
    public string Criteria { get; set; } = "";
    public ConsentDecision Consent { get; set; }
    /// <summary>Why the victim's consent was not sought or was overridden (required then): e.g. high risk to the victim or children.</summary>
    public string? ConsentOverrideReason { get; set; }
    public int ReferringAgencyId { get; set; }
    public string Reason { get; set; } = "";
    public string? OtherInformation { get; set; }
    /// <summary>A repeat referral: within 12 months of the victim's last one (reference 2.2).</summary>
    public bool IsRepeat { get; set; }
    public MaracReferralStatus Status { get; set; }
    public Guid? ReferredByUserId { get; set; }
    public string ReferredByName { get; set; } = "";
    public DateTime ReferredUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; set; }

    public IReadOnlyList<MaracCriterion> CriteriaMet =>
        Criteria.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<MaracCriterion>(s, out var c) ? (MaracCriterion?)c : null).OfType<MaracCriterion>().ToList();
}

sealed class MaracReferralConfiguration : IEntityTypeConfiguration<MaracReferral>
{
    public void Configure(EntityTypeBuilder<MaracReferral> b)
    {
        b.ToTable("da_marac_referrals");
        b.Property(r => r.Criteria).HasMaxLength(200);
        b.Property(r => r.Consent).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ConsentOverrideReason).HasMaxLength(2000);
        b.Property(r => r.Reason).HasMaxLength(4000).IsRequired();
        b.Property(r => r.OtherInformation).HasMaxLength(8000);
        b.Property(r => r.ReferredByName).HasMaxLength(200);
        b.HasOne(r => r.Case).WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Dash).WithMany().HasForeignKey(r => r.DashRecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(r => r.ReferringAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Person>().WithMany().HasForeignKey(r => r.VictimPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Person>().WithMany().HasForeignKey(r => r.PerpetratorPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.VictimPersonId, r.PerpetratorPersonId, r.ReferredUtc });
        b.HasIndex(r => new { r.Status, r.ReferredUtc });
    }
}
