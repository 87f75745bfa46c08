using CommunitySafety.Data;
using CommunitySafety.Features.Referrals.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Referrals.Funding;

/// <summary>Where commissioning money comes from (reference 2.14: ARIS/POCA, PCC grant, Serious Violence Duty, council budget).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FundingStream>))]
public enum FundingStream
{
    /// <summary>Proceeds of crime: the Asset Recovery Incentivisation Scheme share returned to the agencies.</summary>
    ProceedsOfCrime,
    PccGrant,
    SeriousViolenceDuty,
    CouncilBudget,
}

/// <summary>A funding line: one stream from one funder, with an amount per financial year (<see cref="FundingBudget"/>).</summary>
public sealed class FundingLine : IVersioned
{
    public int Id { get; set; }
    public FundingStream Stream { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public int Version { get; set; }
    public List<FundingBudget> Budgets { get; set; } = [];
    public List<FundingAllocation> Allocations { get; set; } = [];
}

/// <summary>The amount a line has in one financial year (April to March; <see cref="FinancialYear"/> is the starting year).</summary>
public sealed class FundingBudget
{
    public int Id { get; set; }
    public int FundingLineId { get; set; }
    public int FinancialYear { get; set; }
    public long AmountPence { get; set; }
}

/// <summary>Part of a line's year allocated to a commissioned service. Spend is recorded against an allocation.</summary>
public sealed class FundingAllocation : IVersioned
{
    public int Id { get; set; }
    public int FundingLineId { get; set; }
    public FundingLine? FundingLine { get; set; }
    public int FinancialYear { get; set; }
    public int ServiceId { get; set; }
    public CommissionedService? Service { get; set; }
    public long AmountPence { get; set; }
    public int Version { get; set; }
    public List<FundingSpend> Spend { get; set; } = [];
}

public sealed class FundingSpend
{
    public int Id { get; set; }
    public int FundingAllocationId { get; set; }
    public DateOnly SpentOn { get; set; }
    public long AmountPence { get; set; }
    public string Description { get; set; } = "";
    public string RecordedByName { get; set; } = "";
    public DateTime RecordedUtc { get; set; }
}

public static class FundingDisplay
{
    public static string Stream(FundingStream stream) => stream switch
    {
        FundingStream.ProceedsOfCrime => "Proceeds of crime (ARIS)",
        FundingStream.PccGrant => "Police and Crime Commissioner grant",
        FundingStream.SeriousViolenceDuty => "Serious Violence Duty",
        _ => "Council budget",
    };

    /// <summary>"2026/27" for the year starting 1 April 2026.</summary>
    public static string Year(int startYear) => $"{startYear}/{(startYear + 1) % 100:D2}";

    /// <summary>UK public-sector financial year: 1 April to 31 March.</summary>
    public static int YearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    public static (DateOnly From, DateOnly To) Bounds(int startYear) => (new DateOnly(startYear, 4, 1), new DateOnly(startYear + 1, 3, 31));
}

sealed class FundingLineConfiguration : IEntityTypeConfiguration<FundingLine>
{
    public void Configure(EntityTypeBuilder<FundingLine> b)
    {
        b.ToTable("funding_lines");
        b.Property(l => l.Stream).HasConversion<string>().HasMaxLength(30);
        b.Property(l => l.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(l => l.Name).IsUnique();
        b.HasMany(l => l.Budgets).WithOne().HasForeignKey(x => x.FundingLineId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(l => l.Allocations).WithOne(a => a.FundingLine).HasForeignKey(x => x.FundingLineId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class FundingBudgetConfiguration : IEntityTypeConfiguration<FundingBudget>
{
    public void Configure(EntityTypeBuilder<FundingBudget> b)
    {
        b.ToTable("funding_budgets");
        b.HasIndex(x => new { x.FundingLineId, x.FinancialYear }).IsUnique();
    }
}

sealed class FundingAllocationConfiguration : IEntityTypeConfiguration<FundingAllocation>
{
    public void Configure(EntityTypeBuilder<FundingAllocation> b)
    {
        b.ToTable("funding_allocations");
        b.HasOne(a => a.Service).WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.FundingLineId, a.FinancialYear, a.ServiceId }).IsUnique();
        b.HasMany(a => a.Spend).WithOne().HasForeignKey(s => s.FundingAllocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class FundingSpendConfiguration : IEntityTypeConfiguration<FundingSpend>
{
    public void Configure(EntityTypeBuilder<FundingSpend> b)
    {
        b.ToTable("funding_spend");
        b.Property(s => s.Description).HasMaxLength(500).IsRequired();
        b.Property(s => s.RecordedByName).HasMaxLength(200);
        b.HasIndex(s => s.FundingAllocationId);
    }
}
