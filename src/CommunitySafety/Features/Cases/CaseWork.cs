using CommunitySafety.Data;
using CommunitySafety.Features.Cases.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Cases;

/// <summary>A case note. Notes are never edited or deleted: a correction is a new note (record keeping).</summary>
public sealed class CaseNote
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public string Text { get; set; } = "";
    public Guid? AuthorUserId { get; set; }
    public string AuthorName { get; set; } = "";
    public int? AuthorAgencyId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// An uploaded document. The file lives under the data folder (outside wwwroot) as <see cref="StoredName"/>,
/// a random name, so a user-chosen name can never address or overwrite another file.
/// </summary>
public sealed class CaseDocument
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public string FileName { get; set; } = "";
    public string StoredName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string? Description { get; set; }
    public Guid? UploadedByUserId { get; set; }
    public string UploadedByName { get; set; } = "";
    public DateTime UploadedUtc { get; set; }
}

public enum CaseActionStatus
{
    Open,
    Done,
    Cancelled,
}

/// <summary>An action agreed on the case (the victim action plan is made of these).</summary>
public sealed class CaseAction : IVersioned
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public string Title { get; set; } = "";
    public string? Details { get; set; }
    public Guid? OwnerUserId { get; set; }
    public int AgencyId { get; set; }
    public DateOnly? DueDate { get; set; }
    public CaseActionStatus Status { get; set; } = CaseActionStatus.Open;
    /// <summary>Optional grouping, e.g. "VictimActionPlan", so strands can build plans from actions.</summary>
    public string? Plan { get; set; }
    /// <summary>The multi-agency meeting that agreed the action, if one did.</summary>
    public int? MeetingId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public int Version { get; set; }

    public bool IsOverdue(DateOnly today) => Status == CaseActionStatus.Open && DueDate is { } due && due < today;

    /// <summary>
    /// A new action is due today or later: one added already overdue is a typing slip or a back-dated record, and it
    /// would go straight to the overdue lists and chasers. Actions that became overdue stay as they are.
    /// </summary>
    public static string? NewDueDateError(DateOnly due, DateOnly today) =>
        due < today ? "The due date must be today or in the future" : null;
}

/// <summary>A scheduled case review and, once held, its outcome.</summary>
public sealed class CaseReview
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public DateOnly ScheduledDate { get; set; }
    public DateOnly? DoneDate { get; set; }
    public string? Outcome { get; set; }
    public Guid? ReviewedByUserId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>One line of the case timeline (opened, person linked, note added, status changed…).</summary>
public sealed class CaseEvent
{
    public long Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public DateTime OccurredUtc { get; set; }
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
}

/// <summary>
/// A completed risk assessment. It always keeps the instrument code and version with its answers, score and
/// computed band: raw scores are not comparable across instruments (reference 2.1). The final band may be
/// higher than the computed one (professional judgement, with a reason) but never lower (<see cref="RiskScoring.ApplyOverride"/>).
/// </summary>
public sealed class RiskAssessmentRecord
{
    public int Id { get; set; }
    public int? CaseId { get; set; }
    public Case? Case { get; set; }
    public int? PersonId { get; set; }
    public People.Person? Person { get; set; }
    /// <summary>The incident that prompted it, for assessments at first contact (call handling).</summary>
    public int? IncidentId { get; set; }
    public string InstrumentCode { get; set; } = "";
    public int InstrumentVersion { get; set; }
    /// <summary>The answers as stored by <see cref="RiskAnswerJson"/> (true/false for yes/no, null for not known, a choice's code, a number).</summary>
    public string AnswersJson { get; set; } = "{}";
    public int Score { get; set; }
    public RiskBand ComputedBand { get; set; }
    public RiskBand FinalBand { get; set; }
    public string? OverrideReason { get; set; }
    /// <summary>Codes of the instrument's triggers that fired ("MARAC-REFERRAL"), comma-separated; null when none did.</summary>
    public string? TriggersFired { get; set; }
    public Guid? AssessorUserId { get; set; }
    public string AssessorName { get; set; } = "";
    public int? AssessorAgencyId { get; set; }
    public DateTime AssessedUtc { get; set; }
}

sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> b)
    {
        b.ToTable("case_notes");
        b.Property(n => n.Text).HasMaxLength(20000).IsRequired();
        b.Property(n => n.AuthorName).HasMaxLength(200);
        b.HasOne(n => n.Case).WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.CaseId, n.CreatedUtc });
    }
}

sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> b)
    {
        b.ToTable("case_documents");
        b.Property(d => d.FileName).HasMaxLength(255).IsRequired();
        b.Property(d => d.StoredName).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.StoredName).IsUnique();
        b.Property(d => d.ContentType).HasMaxLength(100);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.Description).HasMaxLength(500);
        b.Property(d => d.UploadedByName).HasMaxLength(200);
        b.HasOne(d => d.Case).WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.CaseId);
    }
}

sealed class CaseActionConfiguration : IEntityTypeConfiguration<CaseAction>
{
    public void Configure(EntityTypeBuilder<CaseAction> b)
    {
        b.ToTable("case_actions");
        b.Property(a => a.Title).HasMaxLength(300).IsRequired();
        b.Property(a => a.Details).HasMaxLength(4000);
        b.Property(a => a.Plan).HasMaxLength(40);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne(a => a.Case).WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meetings.Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => a.CaseId);
        b.HasIndex(a => a.MeetingId);
        b.HasIndex(a => new { a.OwnerUserId, a.Status, a.DueDate });
    }
}

sealed class CaseReviewConfiguration : IEntityTypeConfiguration<CaseReview>
{
    public void Configure(EntityTypeBuilder<CaseReview> b)
    {
        b.ToTable("case_reviews");
        b.Property(r => r.Outcome).HasMaxLength(4000);
        b.HasOne(r => r.Case).WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.CaseId, r.ScheduledDate });
    }
}

sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.ToTable("case_events");
        b.Property(e => e.Kind).HasMaxLength(40);
        b.Property(e => e.Text).HasMaxLength(2000);
        b.Property(e => e.UserName).HasMaxLength(200);
        b.HasOne(e => e.Case).WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CaseId, e.OccurredUtc });
    }
}

sealed class RiskAssessmentRecordConfiguration : IEntityTypeConfiguration<RiskAssessmentRecord>
{
    public void Configure(EntityTypeBuilder<RiskAssessmentRecord> b)
    {
        b.ToTable("risk_assessments");
        b.Property(r => r.InstrumentCode).HasMaxLength(20).IsRequired();
        b.Property(r => r.AnswersJson).HasMaxLength(8000);
        b.Property(r => r.ComputedBand).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.FinalBand).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.OverrideReason).HasMaxLength(2000);
        b.Property(r => r.TriggersFired).HasMaxLength(500);
        b.Property(r => r.AssessorName).HasMaxLength(200);
        b.HasOne(r => r.Case).WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Incidents.Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.CaseId, r.AssessedUtc });
        b.HasIndex(r => new { r.PersonId, r.AssessedUtc });
        b.HasIndex(r => r.IncidentId);
    }
}
