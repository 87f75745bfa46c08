using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.People;

/// <summary>
/// A flag on a person that every partner should see at a glance. Flags are never deleted: ending one
/// sets <see cref="Active"/> false with who/when, so the history stays (DPA accuracy and audit).
/// </summary>
public sealed class PersonFlag
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    /// <summary>One of <see cref="PersonFlagTypes"/>.</summary>
    public string Type { get; set; } = "";
    public string? Reason { get; set; }
    public bool Active { get; set; } = true;
    public DateTime SetUtc { get; set; }
    public Guid? SetByUserId { get; set; }
    public string SetByName { get; set; } = "";
    /// <summary>
    /// True when a rule set the flag (e.g. the ASB repeat rule). Only such flags are ended by a rule when it stops
    /// applying; a flag set by a person stays until a person ends it, because it records their judgement.
    /// </summary>
    public bool Automatic { get; set; }
    public DateTime? EndedUtc { get; set; }
    public Guid? EndedByUserId { get; set; }
    /// <summary>Why the flag was ended (e.g. "rule no longer met: 2 incidents in the window"), shown in the flag history.</summary>
    public string? EndedReason { get; set; }
}

/// <summary>Flag types. Repeat victim is raised by the ASB repeat rule (reference 2.3) as well as by hand.</summary>
public static class PersonFlagTypes
{
    public const string Vulnerable = "Vulnerable";
    public const string RepeatVictim = "RepeatVictim";
    public const string HateMotivated = "HateMotivated";
    public const string InterpreterNeeded = "InterpreterNeeded";
    /// <summary>Officer-safety warning marker (e.g. violence, weapons); the reason says which.</summary>
    public const string WarningMarker = "WarningMarker";

    public static readonly IReadOnlyList<string> All = [Vulnerable, RepeatVictim, HateMotivated, InterpreterNeeded, WarningMarker];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    public static string Display(string type) => type switch
    {
        Vulnerable => "Vulnerable",
        RepeatVictim => "Repeat victim",
        HateMotivated => "Hate-motivated",
        InterpreterNeeded => "Interpreter needed",
        WarningMarker => "Warning marker",
        _ => type,
    };
}

sealed class PersonFlagConfiguration : IEntityTypeConfiguration<PersonFlag>
{
    public void Configure(EntityTypeBuilder<PersonFlag> b)
    {
        b.ToTable("person_flags");
        b.Property(f => f.Type).HasMaxLength(40).IsRequired();
        b.Property(f => f.Reason).HasMaxLength(1000);
        b.Property(f => f.SetByName).HasMaxLength(200);
        b.Property(f => f.EndedReason).HasMaxLength(1000);
        b.HasOne(f => f.Person).WithMany(p => p.Flags).HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.PersonId, f.Active });
        b.HasIndex(f => new { f.Type, f.Active });
    }
}
