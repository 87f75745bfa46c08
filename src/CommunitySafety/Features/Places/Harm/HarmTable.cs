using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Places.Harm;

/// <summary>
/// A loaded harm weight table (e.g. an ONS Crime Severity Score-style table). Never edited in place: a
/// new edition is loaded as a new version, because weights change when sentencing guidelines change and
/// old reports must stay reproducible (reference.md §2.10 design note).
/// </summary>
public sealed class HarmTable
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string TableVersion { get; set; }
    /// <summary>Where the weights came from (publication, edition); shown beside every harm figure.</summary>
    public required string Source { get; set; }
    public required string LoadedBy { get; set; }
    public DateTime LoadedUtc { get; set; }
}

/// <summary>One category's weight in a <see cref="HarmTable"/>.</summary>
public sealed class HarmTableWeight
{
    public int Id { get; set; }
    public int HarmTableId { get; set; }
    public CrimeCategory Category { get; set; }
    public double Weight { get; set; }
}

sealed class HarmTableConfiguration : IEntityTypeConfiguration<HarmTable>
{
    public void Configure(EntityTypeBuilder<HarmTable> b)
    {
        b.ToTable("HarmTables");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TableVersion).HasMaxLength(100);
        b.Property(x => x.Source).HasMaxLength(1000);
        b.Property(x => x.LoadedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Name, x.TableVersion }).IsUnique();
    }
}

sealed class HarmTableWeightConfiguration : IEntityTypeConfiguration<HarmTableWeight>
{
    public void Configure(EntityTypeBuilder<HarmTableWeight> b)
    {
        b.ToTable("HarmTableWeights");
        b.HasOne<HarmTable>().WithMany().HasForeignKey(x => x.HarmTableId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.HarmTableId, x.Category }).IsUnique();
    }
}
