using CommunitySafety.Data;
using CommunitySafety.Features.Asb.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// ASB details of a core <see cref="Incidents.Incident"/> (strand "ASB"): the date the complaint was made to the
/// reporting agency, which is what the Case Review threshold counts ("made within 1 month of the behaviour").
/// </summary>
public sealed class AsbIncidentDetail
{
    public int IncidentId { get; set; }
    public Incidents.Incident? Incident { get; set; }
    public DateOnly ReportedOn { get; set; }
}

/// <summary>
/// Repeat-location marker on a place, set by the ASB repeat rule (<see cref="RepeatDetector"/>, reference 2.3 and
/// section 3 item 2). Never deleted: <see cref="Active"/> is cleared instead.
/// </summary>
public sealed class AsbRepeatLocation
{
    public int PlaceId { get; set; }
    public People.Place? Place { get; set; }
    public bool Active { get; set; } = true;
    public int IncidentCount { get; set; }
    public DateTime FlaggedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// An ASB Case Review ("Community Trigger") application, s.104 ASB, Crime and Policing Act 2014 (reference 2.4),
/// run on an ASB case so the case's need-to-know access applies to it.
/// </summary>
public sealed class AsbCaseReview : IVersioned
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Cases.Case? Case { get; set; }
    /// <summary>The victim the application is about (the applicant, or the person a third party applies for).</summary>
    public int VictimPersonId { get; set; }
    public People.Person? VictimPerson { get; set; }
    /// <summary>Set when a third party applied on the victim's behalf (with consent).</summary>
    public string? ThirdPartyName { get; set; }
    public bool VictimConsentConfirmed { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public string Behaviour { get; set; } = "";
    public DateOnly? AcknowledgedOn { get; set; }
    public CaseReviewDecision Decision { get; set; } = CaseReviewDecision.Pending;
    public DateOnly? DecisionOn { get; set; }
    public string? DecisionReason { get; set; }
    public DateOnly? ReviewMeetingOn { get; set; }
    public string? Recommendations { get; set; }
    public string? Outcome { get; set; }
    public DateOnly? OutcomeLetterOn { get; set; }
    public DateOnly? AppealReceivedOn { get; set; }
    public string? AppealOutcome { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public int Version { get; set; }

    public List<AsbCaseReviewComplaint> Complaints { get; set; } = [];
}

/// <summary>A complaint added by hand to a Case Review (complaints from recorded ASB incidents are gathered automatically).</summary>
public sealed class AsbCaseReviewComplaint
{
    public int Id { get; set; }
    public int CaseReviewId { get; set; }
    public AsbCaseReview? CaseReview { get; set; }
    public DateOnly BehaviourOn { get; set; }
    public DateOnly ComplaintOn { get; set; }
    public ReceivingBody ReceivedBy { get; set; }
    public string? Description { get; set; }
    public bool IsHate { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid? CreatedByUserId { get; set; }
}

sealed class AsbIncidentDetailConfiguration : IEntityTypeConfiguration<AsbIncidentDetail>
{
    public void Configure(EntityTypeBuilder<AsbIncidentDetail> b)
    {
        b.ToTable("asb_incident_details");
        b.HasKey(d => d.IncidentId);
        b.HasOne(d => d.Incident).WithOne().HasForeignKey<AsbIncidentDetail>(d => d.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class AsbRepeatLocationConfiguration : IEntityTypeConfiguration<AsbRepeatLocation>
{
    public void Configure(EntityTypeBuilder<AsbRepeatLocation> b)
    {
        b.ToTable("asb_repeat_locations");
        b.HasKey(r => r.PlaceId);
        b.HasOne(r => r.Place).WithOne().HasForeignKey<AsbRepeatLocation>(r => r.PlaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class AsbCaseReviewConfiguration : IEntityTypeConfiguration<AsbCaseReview>
{
    public void Configure(EntityTypeBuilder<AsbCaseReview> b)
    {
        b.ToTable("asb_case_reviews");
        b.Property(r => r.ThirdPartyName).HasMaxLength(200);
        b.Property(r => r.Behaviour).HasMaxLength(4000).IsRequired();
        b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DecisionReason).HasMaxLength(4000);
        b.Property(r => r.Recommendations).HasMaxLength(8000);
        b.Property(r => r.Outcome).HasMaxLength(8000);
        b.Property(r => r.AppealOutcome).HasMaxLength(4000);
        b.HasOne(r => r.Case).WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.VictimPerson).WithMany().HasForeignKey(r => r.VictimPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.CaseId);
        b.HasIndex(r => r.ReceivedOn);
    }
}

sealed class AsbCaseReviewComplaintConfiguration : IEntityTypeConfiguration<AsbCaseReviewComplaint>
{
    public void Configure(EntityTypeBuilder<AsbCaseReviewComplaint> b)
    {
        b.ToTable("asb_case_review_complaints");
        b.Property(c => c.ReceivedBy).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Description).HasMaxLength(2000);
        b.HasOne(c => c.CaseReview).WithMany(r => r.Complaints).HasForeignKey(c => c.CaseReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.CaseReviewId);
    }
}
