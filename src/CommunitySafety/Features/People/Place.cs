using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.People;

/// <summary>
/// An address or location (a home, a park, a shop). Ward and LSOA codes are nullable: the Places
/// capability fills them from the boundary files when they are loaded (ONS GSS codes, e.g. E05…/E01…).
/// </summary>
public sealed class Place
{
    public int Id { get; set; }
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    /// <summary>Postcode upper-cased without spaces ("WY1 2AB" → "WY12AB") for exact and prefix search.</summary>
    public string? PostcodeKey { get; set; }
    /// <summary>Line 1 reduced to a–z/0–9 ("12 High St." → "12highst") for prefix search by address.</summary>
    public string Line1Key { get; set; } = "";
    /// <summary>OS Unique Property Reference Number, when known.</summary>
    public long? Uprn { get; set; }
    public double? Longitude { get; set; }
    public double? Latitude { get; set; }
    public string? WardCode { get; set; }
    public string? LsoaCode { get; set; }
    public DateTime CreatedUtc { get; set; }

    public string OneLine => string.Join(", ", new[] { Line1, Line2, Town, Postcode }.Where(s => !string.IsNullOrWhiteSpace(s)));

    public void SetAddress(string line1, string? line2, string? town, string? postcode)
    {
        Line1 = line1.Trim();
        Line2 = string.IsNullOrWhiteSpace(line2) ? null : line2.Trim();
        Town = string.IsNullOrWhiteSpace(town) ? null : town.Trim();
        PostcodeKey = PostcodeKeyOf(postcode);
        Postcode = PostcodeKey is null ? null : FormatPostcode(PostcodeKey);
        Line1Key = AddressKey(line1);
    }

    public static string? PostcodeKeyOf(string? postcode)
    {
        var key = new string((postcode ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return key.Length == 0 ? null : key;
    }

    public static string AddressKey(string? text) =>
        new((text ?? "").ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    // UK postcodes end in a three-character inward code (digit + two letters): put the space before it.
    static string FormatPostcode(string key) => key.Length > 4 ? $"{key[..^3]} {key[^3..]}" : key;
}

/// <summary>A period a person lived at (or was linked to) a place. <see cref="ToDate"/> null = current.</summary>
public sealed class PersonAddress
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public int PlaceId { get; set; }
    public Place? Place { get; set; }
    public DateOnly? FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
    public DateTime CreatedUtc { get; set; }
}

sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> b)
    {
        b.ToTable("places");
        b.Property(p => p.Line1).HasMaxLength(200).IsRequired();
        b.Property(p => p.Line2).HasMaxLength(200);
        b.Property(p => p.Town).HasMaxLength(100);
        b.Property(p => p.Postcode).HasMaxLength(10);
        b.Property(p => p.PostcodeKey).HasMaxLength(10);
        b.Property(p => p.Line1Key).HasMaxLength(200);
        b.Property(p => p.WardCode).HasMaxLength(9);
        b.Property(p => p.LsoaCode).HasMaxLength(9);
        b.Ignore(p => p.OneLine);
        b.HasIndex(p => p.PostcodeKey);
        b.HasIndex(p => p.Line1Key);
        b.HasIndex(p => p.Uprn);
        b.HasIndex(p => p.WardCode);
        b.HasIndex(p => p.LsoaCode);
    }
}

sealed class PersonAddressConfiguration : IEntityTypeConfiguration<PersonAddress>
{
    public void Configure(EntityTypeBuilder<PersonAddress> b)
    {
        b.ToTable("person_addresses");
        b.HasOne(a => a.Person).WithMany(p => p.Addresses).HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Place).WithMany().HasForeignKey(a => a.PlaceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.PersonId);
        b.HasIndex(a => a.PlaceId);
    }
}
