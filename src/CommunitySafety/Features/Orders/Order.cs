using System.Globalization;
using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Orders;

/// <summary>
/// An order, notice, warning or agreement used on a case (a 2014 Act community protection notice, later a banning order
/// or a DVPN). <see cref="TypeCode"/> names a type a strand registered; the type's rules checked it before it was
/// recorded (<see cref="IOrderTypeRules"/>).
/// </summary>
public sealed class Order
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Cases.Case? Case { get; set; }
    public string TypeCode { get; set; } = "";
    public OrderSubjectKind SubjectKind { get; set; }
    public int? SubjectPersonId { get; set; }
    public People.Person? SubjectPerson { get; set; }
    /// <summary>Name of the body, premises address or area description (people: their name at the time).</summary>
    public string SubjectDescription { get; set; } = "";
    public DateTime IssuedUtc { get; set; }
    /// <summary>Null: no fixed end ("until further order", or no statutory expiry).</summary>
    public DateTime? ExpiresUtc { get; set; }
    /// <summary>Authorised at a senior rank where the law gives such a power a longer term (a 48-hour closure notice).</summary>
    public bool SeniorAuthorisation { get; set; }
    public DateTime? CourtHearingUtc { get; set; }
    /// <summary>
    /// False when the officer gave only a date: the instant is then the start of that UK day (for an issue or hearing)
    /// or carries the time of day (an expiry), kept so the legal periods can be checked, and pages show the date
    /// alone rather than a time nobody entered.
    /// </summary>
    public bool IssuedTimeKnown { get; set; } = true;
    /// <inheritdoc cref="IssuedTimeKnown"/>
    public bool ExpiresTimeKnown { get; set; } = true;
    /// <inheritdoc cref="IssuedTimeKnown"/>
    public bool CourtHearingTimeKnown { get; set; } = true;
    /// <summary>The order this one extends (a closure order extension).</summary>
    public int? ExtendsOrderId { get; set; }
    public string AuthorisedBy { get; set; } = "";
    public int IssuingAgencyId { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid? CreatedByUserId { get; set; }

    public List<OrderBreach> Breaches { get; set; } = [];

    /// <summary>Ties orders to one subject for the legal checks: the same person, or the same named body, premises or area.</summary>
    public string SubjectId => SubjectPersonId is { } p
        ? "person:" + p.ToString(CultureInfo.InvariantCulture)
        : SubjectKind + ":" + SubjectDescription.Trim().ToUpperInvariant();

    /// <summary>True once <paramref name="asOfUtc"/> reaches the expiry; an order with no fixed end never expires.</summary>
    public bool IsExpired(DateTime asOfUtc) => ExpiresUtc is { } end && asOfUtc >= end;
}

/// <summary>A breach of an order (a CPN breach is an offence; an injunction breach, contempt of court).</summary>
public sealed class OrderBreach
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public Order? Order { get; set; }
    public DateOnly OccurredOn { get; set; }
    public string Details { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public string CreatedByName { get; set; } = "";
}

sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.Property(p => p.TypeCode).HasMaxLength(40).IsRequired();
        b.Property(p => p.SubjectKind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.SubjectDescription).HasMaxLength(300).IsRequired();
        b.Property(p => p.AuthorisedBy).HasMaxLength(200).IsRequired();
        b.Property(p => p.Notes).HasMaxLength(4000);
        b.Ignore(p => p.SubjectId);
        b.HasOne(p => p.Case).WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.SubjectPerson).WithMany().HasForeignKey(p => p.SubjectPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Order>().WithMany().HasForeignKey(p => p.ExtendsOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(p => p.IssuingAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.CaseId, p.TypeCode });
        b.HasIndex(p => p.ExpiresUtc);
    }
}

sealed class OrderBreachConfiguration : IEntityTypeConfiguration<OrderBreach>
{
    public void Configure(EntityTypeBuilder<OrderBreach> b)
    {
        b.ToTable("order_breaches");
        b.Property(x => x.Details).HasMaxLength(4000).IsRequired();
        b.Property(x => x.CreatedByName).HasMaxLength(200);
        b.HasOne(x => x.Order).WithMany(p => p.Breaches).HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.OrderId);
    }
}
