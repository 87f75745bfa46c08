using CommunitySafety.Data;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Incidents;

/// <summary>
/// Something that happened, recorded by any partner agency (police log, council ASB report, fire
/// call-out…). <see cref="Strand"/> says which casework it belongs to ("ASB", "DA"…) and
/// <see cref="CategoryCode"/> its category within the strand (see <see cref="IncidentCategories"/>).
/// </summary>
public sealed class Incident : IVersioned
{
    public int Id { get; set; }
    public DateTime OccurredUtc { get; set; }
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

/// <summary>
/// Incident categories by strand. ASB has the three national categories (Home Office, "Anti-social
/// behaviour: principles for effective case management", and police.uk/NSIR: personal, nuisance,
/// environmental; reference 2.3/2.9). Other strands add theirs here.
/// </summary>
public static class IncidentCategories
{
    public const string AsbStrand = "ASB";

    public static readonly IReadOnlyList<(string Strand, string Code, string Name)> All =
    [
        (AsbStrand, "ASB-PERSONAL", "ASB: personal (targets a person or group)"),
        (AsbStrand, "ASB-NUISANCE", "ASB: nuisance (affects a community)"),
        (AsbStrand, "ASB-ENVIRONMENTAL", "ASB: environmental (affects surroundings)"),
        ("DA", "DA-INCIDENT", "Domestic abuse incident"),
        ("CRIME", "CRIME-VIOLENCE", "Crime: violence against the person"),
        ("CRIME", "CRIME-CRIMINAL-DAMAGE", "Crime: criminal damage or arson"),
        ("CRIME", "CRIME-HATE", "Crime: hate crime"),
        ("CRIME", "CRIME-BURGLARY", "Crime: burglary (residential)"),
        ("CRIME", "CRIME-DISTRACTION-BURGLARY", "Crime: distraction burglary"),
        ("FIRE", "FIRE-DELIBERATE", "Deliberate fire"),
    ];

    public static (string Strand, string Code, string Name)? Find(string? code) =>
        All.Where(c => string.Equals(c.Code, code, StringComparison.Ordinal)).Select(c => ((string, string, string)?)c).FirstOrDefault();

    public static string Display(string code) => Find(code)?.Name ?? code;
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
