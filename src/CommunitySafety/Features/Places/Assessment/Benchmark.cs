using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Places.Assessment;

/// <summary>
/// A reference figure an area is compared with (e.g. England and Wales, a Most Similar Group average).
/// Entered or imported by an analyst with its source, never built into the product, because published
/// figures are revised (ONS Police Force Area data tables, reference.md §4.3).
/// </summary>
public sealed class Benchmark : IVersioned
{
    public int Id { get; set; }
    /// <summary>e.g. "England and Wales".</summary>
    public required string Name { get; set; }
    /// <summary>e.g. "Year ending March 2025".</summary>
    public required string PeriodLabel { get; set; }
    /// <summary>First month of the period, yyyymm.</summary>
    public int StartMonth { get; set; }
    /// <summary>Last month of the period, yyyymm.</summary>
    public int EndMonth { get; set; }
    /// <summary>Recorded offences in the period (excluding anti-social behaviour, which is an incident, not a crime).</summary>
    public long TotalOffences { get; set; }
    /// <summary>Offences in the period of the same length just before, when known: gives the benchmark's own change.</summary>
    public long? PreviousTotalOffences { get; set; }
    /// <summary>Resident population used for the rate.</summary>
    public long Population { get; set; }
    /// <summary>Publisher, table and edition the figures came from.</summary>
    public required string Source { get; set; }
    public required string EnteredBy { get; set; }
    public DateTime EnteredUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>An optional per-category count for a benchmark (police.uk categories).</summary>
public sealed class BenchmarkCategoryCount
{
    public int Id { get; set; }
    public int BenchmarkId { get; set; }
    public CrimeCategory Category { get; set; }
    public long Count { get; set; }
}

sealed class BenchmarkConfiguration : IEntityTypeConfiguration<Benchmark>
{
    public void Configure(EntityTypeBuilder<Benchmark> b)
    {
        b.ToTable("Benchmarks");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.PeriodLabel).HasMaxLength(200);
        b.Property(x => x.Source).HasMaxLength(1000);
        b.Property(x => x.EnteredBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Name, x.EndMonth });
    }
}

sealed class BenchmarkCategoryCountConfiguration : IEntityTypeConfiguration<BenchmarkCategoryCount>
{
    public void Configure(EntityTypeBuilder<BenchmarkCategoryCount> b)
    {
        b.ToTable("BenchmarkCategoryCounts");
        b.HasOne<Benchmark>().WithMany().HasForeignKey(x => x.BenchmarkId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.BenchmarkId, x.Category }).IsUnique();
    }
}
