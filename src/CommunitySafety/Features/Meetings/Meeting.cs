using CommunitySafety.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Meetings;

/// <summary>
/// A multi-agency panel that takes a list of cases (a Marac, an IOM panel, an ASB risk conference): its agenda of cases,
/// the agencies attending, a record per case, and actions (core case actions tagged with the meeting). Seen by users of
/// the organising and attending agencies; each case's details only by those who may see the case (<see cref="Cases.CaseAccess"/>).
/// </summary>
public sealed class Meeting : IVersioned
{
    public int Id { get; set; }
    /// <summary>A meeting kind a strand registered ("MARAC").</summary>
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public int OrganisingAgencyId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public int Version { get; set; }

    public List<MeetingAttendee> Attendees { get; set; } = [];
    public List<MeetingAgendaItem> Agenda { get; set; } = [];
}

/// <summary>An agency attending, and optionally who attends for it.</summary>
public sealed class MeetingAttendee
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int AgencyId { get; set; }
    public Agencies.Agency? Agency { get; set; }
    public string? Name { get; set; }
}

/// <summary>A case on the agenda and what the meeting recorded about it (versioned: a stale save of the record is refused).</summary>
public sealed class MeetingAgendaItem : IVersioned
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int CaseId { get; set; }
    public Cases.Case? Case { get; set; }
    public int Position { get; set; }
    public string? Record { get; set; }
    public DateTime? RecordedUtc { get; set; }
    public string? RecordedByName { get; set; }
    public int Version { get; set; }
}

sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("meetings");
        b.Property(m => m.Kind).HasMaxLength(40).IsRequired();
        b.Property(m => m.Title).HasMaxLength(200).IsRequired();
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(m => m.OrganisingAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.OrganisingAgencyId, m.HeldOn });
    }
}

sealed class MeetingAttendeeConfiguration : IEntityTypeConfiguration<MeetingAttendee>
{
    public void Configure(EntityTypeBuilder<MeetingAttendee> b)
    {
        b.ToTable("meeting_attendees");
        b.Property(a => a.Name).HasMaxLength(200);
        b.HasOne(a => a.Meeting).WithMany(m => m.Attendees).HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.AgencyId, a.MeetingId });
    }
}

sealed class MeetingAgendaItemConfiguration : IEntityTypeConfiguration<MeetingAgendaItem>
{
    public void Configure(EntityTypeBuilder<MeetingAgendaItem> b)
    {
        b.ToTable("meeting_agenda_items");
        b.Property(i => i.Record).HasMaxLength(8000);
        b.Property(i => i.RecordedByName).HasMaxLength(200);
        b.HasOne(i => i.Meeting).WithMany(m => m.Agenda).HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Case).WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.MeetingId, i.CaseId }).IsUnique();
        b.HasIndex(i => i.CaseId);
    }
}
