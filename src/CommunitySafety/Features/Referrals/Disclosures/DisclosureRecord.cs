using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Referrals.Disclosures;

/// <summary>
/// One disclosure of a person's data to another agency: who shared which fields with whom, on which basis and when.
/// Written with the referral in the same save; never changed. Listed per person for a subject access request
/// (UK GDPR Art. 15(1)(c): the recipients to whom the data have been disclosed) and for DPIAs.
/// </summary>
public sealed class DisclosureRecord
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public int? ReferralId { get; set; }
    public Referral? Referral { get; set; }
    public DateTime DisclosedUtc { get; set; }
    public Guid? ByUserId { get; set; }
    public string ByName { get; set; } = "";
    public int ByAgencyId { get; set; }
    public string ByAgencyName { get; set; } = "";
    public int ToAgencyId { get; set; }
    public string ToAgencyName { get; set; } = "";
    public string ServiceName { get; set; } = "";
    /// <summary>Shared field codes, comma-separated (<see cref="SharedFields.All"/>).</summary>
    public string Fields { get; set; } = "";
    public string LawfulBasis { get; set; } = "";
    public string SharingPower { get; set; } = "";
    public string? SpecialCategoryCondition { get; set; }
    public string Consent { get; set; } = "";
    public string Purpose { get; set; } = "";
}

sealed class DisclosureRecordConfiguration : IEntityTypeConfiguration<DisclosureRecord>
{
    public void Configure(EntityTypeBuilder<DisclosureRecord> b)
    {
        b.ToTable("disclosures");
        b.HasOne<People.Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Referral).WithMany().HasForeignKey(d => d.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.ByName).HasMaxLength(200);
        b.Property(d => d.ByAgencyName).HasMaxLength(200);
        b.Property(d => d.ToAgencyName).HasMaxLength(200);
        b.Property(d => d.ServiceName).HasMaxLength(200);
        b.Property(d => d.Fields).HasMaxLength(500);
        b.Property(d => d.LawfulBasis).HasMaxLength(40);
        b.Property(d => d.SharingPower).HasMaxLength(40);
        b.Property(d => d.SpecialCategoryCondition).HasMaxLength(40);
        b.Property(d => d.Consent).HasMaxLength(20);
        b.Property(d => d.Purpose).HasMaxLength(2000);
        b.HasIndex(d => new { d.PersonId, d.DisclosedUtc });
    }
}
