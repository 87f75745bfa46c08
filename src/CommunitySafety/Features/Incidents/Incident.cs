using CommunitySafety.Data;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Incidents;

/// <summary>
/// Something that happened, recorded by any partner agency (police log, council ASB report, fire
/// call-out…). <see cref="Strand"/> says which casework it belongs to ("ASB", "DA"…) and
/// <see cref="CategoryCode"/> its category, as registered by a strand (<see cref="Strands.StrandCatalogue.IncidentCategories"/>).
/// </summary>
public sealed class Incident : IVersioned
{
    public int Id { get; set; }
    public DateTime OccurredUtc { get; set; }
    /// <summary>
    /// False when only the date of the incident was recorded: <see cref="OccurredUtc"/> then holds a moment of that UK
    /// day for ordering and counting, and pages show the date alone, never a time nobody entered.
    /// </summary>
    public bool OccurredTimeKnown { get; set; } = true;
    public string Strand { get; set; } = "";
    public string CategoryCode { get; set; } = "";
    public int? PlaceId { get; set; }
    public Place? Place { get; set; }
    public string Narrative { get; set; } = "";
    public int ReportingAgencyId { get; set; }
    public Agency? ReportingAgency { get; set; }
    /// <summary>The reporting agency's own reference (crime/log number, council case number).</summary>
    public string? AgencyReference { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public int Version { get; set; }

    public List<IncidentPerson> People { get; set; } = [];
}

public enum IncidentRole
{
    Victim,
    Perpetrator,
    Witness,
    Reporter,
}

/// <summary>A person's part in an incident.</summary>
public sealed class IncidentPerson
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public IncidentRole Role { get; set; }
}

sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.ToTable("incidents");
        b.Property(i => i.Strand).HasMaxLength(10).IsRequired();
        b.Property(i => i.CategoryCode).HasMaxLength(40).IsRequired();
        b.Property(i => i.Narrative).HasMaxLength(8000);
        b.Property(i => i.AgencyReference).HasMaxLength(100);
        b.HasOne(i => i.Place).WithMany().HasForeignKey(i => i.PlaceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.ReportingAgency).WithMany().HasForeignKey(i => i.ReportingAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.OccurredUtc);
        b.HasIndex(i => new { i.PlaceId, i.OccurredUtc });
        b.HasIndex(i => new { i.Strand, i.CategoryCode, i.OccurredUtc });
        b.HasIndex(i => i.ReportingAgencyId);
    }
}

sealed class IncidentPersonConfiguration : IEntityTypeConfiguration<IncidentPerson>
{
    public void Configure(EntityTypeBuilder<IncidentPerson> b)
    {
        b.ToTable("incident_people");
        b.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        b.HasOne(i => i.Incident).WithMany(i => i.People).HasForeignKey(i => i.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Person).WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.IncidentId, i.PersonId, i.Role }).IsUnique();
        b.HasIndex(i => new { i.PersonId, i.Role });
    }
}
