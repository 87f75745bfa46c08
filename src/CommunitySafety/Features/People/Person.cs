using CommunitySafety.Data;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.Cases.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.People;

/// <summary>
/// A person known to the partnership (victim, perpetrator, witness, reporter…). One record per real
/// person: duplicates are merged (<see cref="MergedIntoId"/>), never deleted, so a merge can be undone.
/// The *Key and *Phonetic columns are derived from the names on every save (see <see cref="SetNames"/>)
/// so the name search can use plain indexed equality and range scans instead of LIKE '%x%'.
/// </summary>
public sealed class Person : IVersioned
{
    public int Id { get; set; }
    public string Forename { get; set; } = "";
    public string? MiddleNames { get; set; }
    public string Surname { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    /// <summary>As the person describes it (free text from a short list); not used for matching.</summary>
    public string? Gender { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    /// <summary><see cref="PersonMatching.Normalise"/> of the surname with spaces removed (a–z, 0–9 only).</summary>
    public string SurnameKey { get; set; } = "";
    public string ForenameKey { get; set; } = "";
    /// <summary><see cref="PersonMatching.PhoneticKey"/> of the surname, e.g. "S530" for Smith/Smyth.</summary>
    public string SurnamePhonetic { get; set; } = "";
    public string ForenamePhonetic { get; set; } = "";

    /// <summary>Set when this record was merged into another (the survivor); merged records are hidden from search.</summary>
    public int? MergedIntoId { get; set; }

    /// <summary>The agency that first recorded the person: the signpost for people not in any case the user can see.</summary>
    public int? CreatedByAgencyId { get; set; }
    public Agency? CreatedByAgency { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; set; }

    public List<PersonAlias> Aliases { get; set; } = [];
    public List<PersonFlag> Flags { get; set; } = [];
    public List<PersonAddress> Addresses { get; set; } = [];

    public string FullName => string.IsNullOrWhiteSpace(MiddleNames) ? $"{Forename} {Surname}" : $"{Forename} {MiddleNames} {Surname}";

    /// <summary>Sets the names and the search keys derived from them (the only way names should be changed).</summary>
    public void SetNames(string forename, string surname, string? middleNames = null)
    {
        Forename = forename.Trim();
        Surname = surname.Trim();
        MiddleNames = string.IsNullOrWhiteSpace(middleNames) ? null : middleNames.Trim();
        ForenameKey = NameKeys.Key(Forename);
        SurnameKey = NameKeys.Key(Surname);
        ForenamePhonetic = PersonMatching.PhoneticKey(Forename);
        SurnamePhonetic = PersonMatching.PhoneticKey(Surname);
    }
}

/// <summary>Another name the person is or was known by (maiden name, nickname, alternative spelling).</summary>
public sealed class PersonAlias
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public string Forename { get; set; } = "";
    public string Surname { get; set; } = "";
    public string SurnameKey { get; set; } = "";
    public string ForenameKey { get; set; } = "";
    public string SurnamePhonetic { get; set; } = "";
    public string ForenamePhonetic { get; set; } = "";
    public DateTime CreatedUtc { get; set; }

    public static PersonAlias For(string forename, string surname, DateTime nowUtc) => new()
    {
        Forename = forename.Trim(),
        Surname = surname.Trim(),
        ForenameKey = NameKeys.Key(forename),
        SurnameKey = NameKeys.Key(surname),
        ForenamePhonetic = PersonMatching.PhoneticKey(forename),
        SurnamePhonetic = PersonMatching.PhoneticKey(surname),
        CreatedUtc = nowUtc,
    };
}

/// <summary>Search-key derivation shared by people, aliases and the search query itself.</summary>
public static class NameKeys
{
    /// <summary>Normalised (accents, titles, particles: <see cref="PersonMatching.Normalise"/>) and reduced to a–z/0–9.</summary>
    public static string Key(string? name) =>
        new(PersonMatching.Normalise(name).Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>Upper bound for a prefix range scan over keys made of 0–9/a–z: "smi" → "smj", "smz" → "sn"; null if none.</summary>
    public static string? PrefixUpperBound(string prefix)
    {
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] == 'z')
            {
                continue;
            }
            // '9' → 'a': nothing in the key alphabet sorts between them (in C and linguistic collations alike).
            chars[i] = chars[i] == '9' ? 'a' : (char)(chars[i] + 1);
            return new string(chars, 0, i + 1);
        }
        return null;
    }
}

sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people");
        b.Property(p => p.Forename).HasMaxLength(100).IsRequired();
        b.Property(p => p.MiddleNames).HasMaxLength(200);
        b.Property(p => p.Surname).HasMaxLength(100).IsRequired();
        b.Property(p => p.Gender).HasMaxLength(40);
        b.Property(p => p.Phone).HasMaxLength(40);
        b.Property(p => p.Email).HasMaxLength(256);
        b.Property(p => p.SurnameKey).HasMaxLength(100);
        b.Property(p => p.ForenameKey).HasMaxLength(100);
        b.Property(p => p.SurnamePhonetic).HasMaxLength(8);
        b.Property(p => p.ForenamePhonetic).HasMaxLength(8);
        b.Ignore(p => p.FullName);
        b.HasOne(p => p.CreatedByAgency).WithMany().HasForeignKey(p => p.CreatedByAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        // Name search: surname prefix (+ forename) range scans, and phonetic equality; both return rows in display order.
        b.HasIndex(p => new { p.SurnameKey, p.ForenameKey });
        b.HasIndex(p => new { p.SurnamePhonetic, p.ForenamePhonetic, p.SurnameKey });
        b.HasIndex(p => p.DateOfBirth);
    }
}

sealed class PersonAliasConfiguration : IEntityTypeConfiguration<PersonAlias>
{
    public void Configure(EntityTypeBuilder<PersonAlias> b)
    {
        b.ToTable("person_aliases");
        b.Property(p => p.Forename).HasMaxLength(100).IsRequired();
        b.Property(p => p.Surname).HasMaxLength(100).IsRequired();
        b.Property(p => p.SurnameKey).HasMaxLength(100);
        b.Property(p => p.ForenameKey).HasMaxLength(100);
        b.Property(p => p.SurnamePhonetic).HasMaxLength(8);
        b.Property(p => p.ForenamePhonetic).HasMaxLength(8);
        b.HasOne(a => a.Person).WithMany(p => p.Aliases).HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.SurnameKey, p.ForenameKey });
        b.HasIndex(p => new { p.SurnamePhonetic, p.ForenamePhonetic, p.SurnameKey });
    }
}
