using CommunitySafety.Data;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.Cases.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// A multi-agency case. Need to know: only users of the lead agency and the partner agencies
/// (<see cref="CaseAgency"/>) with a case-work role may see it or anything under it (see <c>CaseAccess</c>).
/// </summary>
public sealed class Case : IVersioned
{
    public int Id { get; set; }
    /// <summary>e.g. "ASB-2026-000123" (<see cref="Rules.CaseReference"/>); unique.</summary>
    public string Reference { get; set; } = "";
    /// <summary>A case type registered by a strand (<see cref="Strands.StrandCatalogue.CaseTypes"/>); also the reference prefix.</summary>
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public CaseStatus Status { get; set; } = CaseStatus.Open;
    public string? ClosureReason { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public int LeadAgencyId { get; set; }
    public Agency? LeadAgency { get; set; }
    /// <summary>Agency-wide (the case agencies' case workers) or restricted to the named case members (<see cref="CaseAccess"/>).</summary>
    public CaseAccessLevel AccessLevel { get; set; } = CaseAccessLevel.AgencyWide;
    public Guid? LeadOfficerUserId { get; set; }
    /// <summary>The latest final risk band for the case (from <see cref="RiskAssessmentRecord"/>), for work lists.</summary>
    public RiskBand? CurrentRiskBand { get; set; }
    /// <summary>Next scheduled review date (earliest review not yet done), kept in step with <see cref="CaseReview"/>.</summary>
    public DateOnly? NextReviewDate { get; set; }
    public DateTime OpenedUtc { get; set; }
    public Guid? OpenedByUserId { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; set; }

    public List<CaseAgency> Agencies { get; set; } = [];
    public List<CaseMember> Members { get; set; } = [];
    public List<CasePerson> People { get; set; } = [];
    public List<CaseIncident> Incidents { get; set; } = [];
    public List<CasePlace> Places { get; set; } = [];
}

/// <summary>
/// Who of the case's agencies may see it. Restricted suits a case whose very existence is sensitive (a domestic abuse
/// victim in a refuge, a police informant, a member of staff as the victim): only the named members see it.
/// </summary>
public enum CaseAccessLevel
{
    AgencyWide,
    Restricted,
}

public enum CaseStatus
{
    Open,
    UnderReview,
    Closed,
}

/// <summary>A partner agency working the case (the lead agency is on <see cref="Case.LeadAgencyId"/>, not here).</summary>
public sealed class CaseAgency
{
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public DateTime AddedUtc { get; set; }
    public Guid? AddedByUserId { get; set; }
}

/// <summary>A named user working the case and their part in it (work lists use it; on a restricted case, access too).</summary>
public sealed class CaseMember
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public Guid UserId { get; set; }
    public CaseMemberRole Role { get; set; }
    public DateTime AddedUtc { get; set; }
}

public enum CaseMemberRole
{
    LeadOfficer,
    CaseWorker,
    Supervisor,
}

public enum CasePersonRole
{
    Victim,
    Perpetrator,
    Witness,
    Subject,
    FamilyMember,
    Other,
}

public sealed class CasePerson
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int PersonId { get; set; }
    public People.Person? Person { get; set; }
    public CasePersonRole Role { get; set; }
    public DateTime AddedUtc { get; set; }
    public Guid? AddedByUserId { get; set; }
}

public sealed class CaseIncident
{
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int IncidentId { get; set; }
    public Incidents.Incident? Incident { get; set; }
    public DateTime LinkedUtc { get; set; }
}

public sealed class CasePlace
{
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int PlaceId { get; set; }
    public People.Place? Place { get; set; }
    /// <summary>Why the place matters to the case ("victim's home", "hotspot"…).</summary>
    public string? Description { get; set; }
    public DateTime LinkedUtc { get; set; }
}

sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("cases");
        b.Property(c => c.Reference).HasMaxLength(20).IsRequired();
        b.HasIndex(c => c.Reference).IsUnique();
        b.Property(c => c.Type).HasMaxLength(5).IsRequired();
        b.Property(c => c.Title).HasMaxLength(200).IsRequired();
        b.Property(c => c.Summary).HasMaxLength(4000);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.AccessLevel).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.ClosureReason).HasMaxLength(1000);
        b.Property(c => c.CurrentRiskBand).HasConversion<string>().HasMaxLength(20);
        b.HasOne(c => c.LeadAgency).WithMany().HasForeignKey(c => c.LeadAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.LeadAgencyId, c.Status });
        b.HasIndex(c => c.LeadOfficerUserId);
        b.HasIndex(c => c.NextReviewDate);
        b.HasIndex(c => c.CurrentRiskBand);
    }
}

sealed class CaseAgencyConfiguration : IEntityTypeConfiguration<CaseAgency>
{
    public void Configure(EntityTypeBuilder<CaseAgency> b)
    {
        b.ToTable("case_agencies");
        b.HasKey(a => new { a.CaseId, a.AgencyId });
        b.HasOne(a => a.Case).WithMany(c => c.Agencies).HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        // Access checks ask "which cases is agency X a partner on".
        b.HasIndex(a => new { a.AgencyId, a.CaseId });
    }
}

sealed class CaseMemberConfiguration : IEntityTypeConfiguration<CaseMember>
{
    public void Configure(EntityTypeBuilder<CaseMember> b)
    {
        b.ToTable("case_members");
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        b.HasOne(m => m.Case).WithMany(c => c.Members).HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.CaseId, m.UserId }).IsUnique();
        b.HasIndex(m => m.UserId);
    }
}

sealed class CasePersonConfiguration : IEntityTypeConfiguration<CasePerson>
{
    public void Configure(EntityTypeBuilder<CasePerson> b)
    {
        b.ToTable("case_people");
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        b.HasOne(m => m.Case).WithMany(c => c.People).HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.CaseId, m.PersonId, m.Role }).IsUnique();
        b.HasIndex(m => m.PersonId);
    }
}

sealed class CaseIncidentConfiguration : IEntityTypeConfiguration<CaseIncident>
{
    public void Configure(EntityTypeBuilder<CaseIncident> b)
    {
        b.ToTable("case_incidents");
        b.HasKey(i => new { i.CaseId, i.IncidentId });
        b.HasOne(i => i.Case).WithMany(c => c.Incidents).HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Incident).WithMany().HasForeignKey(i => i.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.IncidentId);
    }
}

sealed class CasePlaceConfiguration : IEntityTypeConfiguration<CasePlace>
{
    public void Configure(EntityTypeBuilder<CasePlace> b)
    {
        b.ToTable("case_places");
        b.HasKey(p => new { p.CaseId, p.PlaceId });
        b.Property(p => p.Description).HasMaxLength(200);
        b.HasOne(p => p.Case).WithMany(c => c.Places).HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Place).WithMany().HasForeignKey(p => p.PlaceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.PlaceId);
    }
}
