using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Agencies;

/// <summary>A partner organisation of the Community Safety Partnership. Every user belongs to one.</summary>
public sealed class Agency : IVersioned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public AgencyType Type { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// The responsible authorities of a CSP (Crime and Disorder Act 1998 s.5: police, fire and rescue,
/// local authority, health, probation) plus the commissioned voluntary-sector providers.
/// </summary>
public enum AgencyType
{
    Police,
    LocalAuthority,
    FireAndRescue,
    Probation,
    Health,
    VoluntarySectorProvider,
}

public static class AgencyTypeNames
{
    public static string Display(this AgencyType type) => type switch
    {
        AgencyType.Police => "Police",
        AgencyType.LocalAuthority => "Local authority",
        AgencyType.FireAndRescue => "Fire and rescue",
        AgencyType.Probation => "Probation",
        AgencyType.Health => "Health",
        AgencyType.VoluntarySectorProvider => "Voluntary-sector provider",
        _ => type.ToString(),
    };
}

sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.ToTable("agencies");
        b.Property(a => a.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(a => a.Name).IsUnique();
        b.Property(a => a.Type).HasConversion<string>().HasMaxLength(40);
    }
}
