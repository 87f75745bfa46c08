using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Places.Model;

// Names are snake_cased by AppDb. Bulk tables (crime_records, crime_outcomes) deliberately have no
// foreign-key constraints and only the index needed to replace a force-month: every extra index or
// constraint is paid per row on a multi-million-row load (the import bulk-writes with raw SQL).

sealed class BoundarySetConfiguration : IEntityTypeConfiguration<BoundarySet>
{
    public void Configure(EntityTypeBuilder<BoundarySet> b)
    {
        b.ToTable("BoundarySets");
        b.Property(x => x.FileName).HasMaxLength(400);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.CodeProperty).HasMaxLength(20);
        b.Property(x => x.ImportedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Level, x.IsCurrent });
    }
}

sealed class WardConfiguration : IEntityTypeConfiguration<Ward>
{
    public void Configure(EntityTypeBuilder<Ward> b)
    {
        b.ToTable("Wards");
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.LadCode).HasMaxLength(20);
        b.Property(x => x.LadName).HasMaxLength(200);
        b.HasOne<BoundarySet>().WithMany().HasForeignKey(x => x.BoundarySetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.BoundarySetId, x.Code }).IsUnique();
        b.HasIndex(x => x.Code);
    }
}

sealed class LsoaConfiguration : IEntityTypeConfiguration<Lsoa>
{
    public void Configure(EntityTypeBuilder<Lsoa> b)
    {
        b.ToTable("Lsoas");
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.Code, x.Vintage }).IsUnique();
    }
}

sealed class LsoaWardLookupConfiguration : IEntityTypeConfiguration<LsoaWardLookup>
{
    public void Configure(EntityTypeBuilder<LsoaWardLookup> b)
    {
        b.ToTable("LsoaWardLookups");
        b.Property(x => x.LsoaCode).HasMaxLength(20);
        b.Property(x => x.WardCode).HasMaxLength(20);
        b.Property(x => x.WardName).HasMaxLength(200);
        b.Property(x => x.LadCode).HasMaxLength(20);
        b.Property(x => x.LadName).HasMaxLength(200);
        b.HasIndex(x => new { x.LsoaCode, x.LsoaVintage, x.WardVintage }).IsUnique();
        b.HasIndex(x => x.WardCode);
    }
}

sealed class LsoaChangeLinkConfiguration : IEntityTypeConfiguration<LsoaChangeLink>
{
    public void Configure(EntityTypeBuilder<LsoaChangeLink> b)
    {
        b.ToTable("LsoaChanges");
        b.Property(x => x.Lsoa11Code).HasMaxLength(20);
        b.Property(x => x.Lsoa21Code).HasMaxLength(20);
        b.HasIndex(x => new { x.Lsoa11Code, x.Lsoa21Code }).IsUnique();
    }
}

sealed class AreaPopulationConfiguration : IEntityTypeConfiguration<AreaPopulation>
{
    public void Configure(EntityTypeBuilder<AreaPopulation> b)
    {
        b.ToTable("AreaPopulations");
        b.Property(x => x.AreaCode).HasMaxLength(20);
        b.Property(x => x.Source).HasMaxLength(400);
        b.HasIndex(x => new { x.AreaCode, x.Year }).IsUnique();
    }
}

sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.ToTable("ImportBatches");
        b.Property(x => x.FileName).HasMaxLength(400);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.OwnerInstance).HasMaxLength(64);
        b.Property(x => x.Summary).HasMaxLength(2000);
        b.HasIndex(x => x.StartedUtc);
    }
}

sealed class ImportedFileConfiguration : IEntityTypeConfiguration<ImportedFile>
{
    public void Configure(EntityTypeBuilder<ImportedFile> b)
    {
        b.ToTable("ImportedFiles");
        b.Property(x => x.FileName).HasMaxLength(400);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Sha256);
        b.HasIndex(x => x.Bytes);
    }
}

sealed class ImportRejectionConfiguration : IEntityTypeConfiguration<ImportRejection>
{
    public void Configure(EntityTypeBuilder<ImportRejection> b)
    {
        b.ToTable("ImportRejections");
        b.Property(x => x.FileName).HasMaxLength(400);
        b.Property(x => x.Field).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.BatchId, x.Id });
    }
}

sealed class ForceMonthConfiguration : IEntityTypeConfiguration<ForceMonth>
{
    public void Configure(EntityTypeBuilder<ForceMonth> b)
    {
        b.ToTable("ForceMonths");
        b.Property(x => x.Force).HasMaxLength(200);
        b.HasIndex(x => new { x.Force, x.Month }).IsUnique();
        b.HasIndex(x => x.Month);
    }
}

sealed class CrimeLocationConfiguration : IEntityTypeConfiguration<CrimeLocation>
{
    public void Configure(EntityTypeBuilder<CrimeLocation> b)
    {
        b.ToTable("CrimeLocations");
        b.Property(x => x.Name).HasMaxLength(400);
    }
}

sealed class OutcomeCategoryConfiguration : IEntityTypeConfiguration<OutcomeCategory>
{
    public void Configure(EntityTypeBuilder<OutcomeCategory> b)
    {
        b.ToTable("OutcomeCategories");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

sealed class CrimeRecordConfiguration : IEntityTypeConfiguration<CrimeRecord>
{
    public void Configure(EntityTypeBuilder<CrimeRecord> b)
    {
        b.ToTable("CrimeRecords");
        b.Property(x => x.LsoaCode).HasMaxLength(20);
        // Only the index used to delete/replace one force-month; queries read ward_monthly_counts.
        b.HasIndex(x => x.ForceMonthId);
    }
}

sealed class CrimeOutcomeConfiguration : IEntityTypeConfiguration<CrimeOutcome>
{
    public void Configure(EntityTypeBuilder<CrimeOutcome> b)
    {
        b.ToTable("CrimeOutcomes");
        b.HasIndex(x => x.ForceMonthId);
        b.HasIndex(x => x.CrimeId);
    }
}

sealed class WardMonthlyCountConfiguration : IEntityTypeConfiguration<WardMonthlyCount>
{
    public void Configure(EntityTypeBuilder<WardMonthlyCount> b)
    {
        b.ToTable("WardMonthlyCounts");
        b.HasIndex(x => x.ForceMonthId);
        b.HasIndex(x => new { x.Month, x.WardId });
        b.HasIndex(x => new { x.WardId, x.Month });
        // Covering index for the ward map's figures query (places-map): a period's rows are read from the
        // index alone, never the table (target < 50 ms p95 for a county's 12 months × all categories).
        b.HasIndex(x => new { x.Month, x.Category, x.WardId, x.Placement, x.ForceMonthId, x.Count })
            .HasDatabaseName("ix_ward_monthly_counts_ward_map");
    }
}
