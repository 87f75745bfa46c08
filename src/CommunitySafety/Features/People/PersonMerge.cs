using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.People;

/// <summary>
/// One merge of a duplicate person into a survivor. The merged record is kept (only marked) and every
/// link row that was moved to the survivor is listed in <see cref="MovedLinksJson"/>, so the merge can be
/// undone exactly ("combination" under DPA 2018 s.62 is audited and reversible).
/// </summary>
public sealed class PersonMerge
{
    public int Id { get; set; }
    public int SurvivorId { get; set; }
    public int MergedId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime MergedUtc { get; set; }
    public Guid? MergedByUserId { get; set; }
    /// <summary>JSON: { "table": [row ids moved from MergedId to SurvivorId] }.</summary>
    public string MovedLinksJson { get; set; } = "{}";
    public DateTime? UnmergedUtc { get; set; }
    public Guid? UnmergedByUserId { get; set; }
    public string? UnmergeReason { get; set; }
}

sealed class PersonMergeConfiguration : IEntityTypeConfiguration<PersonMerge>
{
    public void Configure(EntityTypeBuilder<PersonMerge> b)
    {
        b.ToTable("person_merges");
        b.Property(m => m.Reason).HasMaxLength(1000);
        b.Property(m => m.UnmergeReason).HasMaxLength(1000);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.MergedId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.SurvivorId);
        b.HasIndex(m => m.MergedId);
    }
}
