using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.DomesticAbuse.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.DomesticAbuse;

public enum DashStatus
{
    /// <summary>Some questions are still unanswered: kept, not scored, and completed later.</summary>
    Draft,
    Completed,
}

/// <summary>
/// One DASH risk checklist about the victim on a domestic abuse case: the record the Marac referral and the IDVA intake
/// are filled from. A draft holds whatever was answered so far; once every question is answered it is scored, judged
/// (<see cref="DashJudgement"/>) and also kept as the core's <see cref="RiskAssessmentRecord"/> (<see cref="RiskAssessmentId"/>),
/// so the case's current band and the risk history show it like any strand's instrument.
/// </summary>
public sealed class DashRecord : IVersioned
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    /// <summary>The victim assessed (one of the case's people in the victim role).</summary>
    public int? VictimPersonId { get; set; }
    public string InstrumentCode { get; set; } = DashChecklist.Code;
    public int InstrumentVersion { get; set; } = DashChecklist.Version;
    public DashStatus Status { get; set; }
    /// <summary>Answers so far, as <see cref="RiskAnswerJson"/> writes them (unanswered questions are absent).</summary>
    public string AnswersJson { get; set; } = "{}";
    /// <summary>Red flags the assessor recorded (comma-separated <see cref="DashRedFlag"/> names); those the answers show are added on completion.</summary>
    public string? RecordedRedFlags { get; set; }
    /// <summary>A band the assessor chose by professional judgement (raise only), and why.</summary>
    public RiskBand? AssessorBand { get; set; }
    public string? AssessorReason { get; set; }
    /// <summary>Whether the children in the household were considered, and any notes the checklist does not ask for.</summary>
    public string? Notes { get; set; }

    // Set on completion.
    public int? YesCount { get; set; }
    public RiskBand? ComputedBand { get; set; }
    public RiskBand? FinalBand { get; set; }
    /// <summary>All red flags applied (recorded and from the answers), comma-separated.</summary>
    public string? RedFlags { get; set; }
    public string? JudgementReason { get; set; }
    public int? RiskAssessmentId { get; set; }
    public DateTime? CompletedUtc { get; set; }

    public Guid? AssessorUserId { get; set; }
    public string AssessorName { get; set; } = "";
    public int AssessorAgencyId { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; set; }

    public IReadOnlyDictionary<string, RiskAnswer> Answers => RiskAnswerJson.Read(AnswersJson);

    public IReadOnlyList<DashRedFlag> AppliedRedFlags => ParseFlags(RedFlags);

    public IReadOnlyList<DashRedFlag> AssessorRedFlags => ParseFlags(RecordedRedFlags);

    public static IReadOnlyList<DashRedFlag> ParseFlags(string? csv) =>
        (csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<DashRedFlag>(s, out var f) ? (DashRedFlag?)f : null).OfType<DashRedFlag>().ToList();

    public static string? WriteFlags(IEnumerable<DashRedFlag> flags) =>
        flags.Distinct().Order().ToList() is { Count: > 0 } list ? string.Join(",", list) : null;
}

/// <summary>
/// A police Domestic Abuse Risk Assessment completed in the force's own system (College of Policing, since 2022,
/// reference 2.1): only its grading and date are kept, never its questions, and it is never compared with a DASH count.
/// </summary>
public sealed class DaraRecord
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int? VictimPersonId { get; set; }
    public RiskBand Grading { get; set; }
    public DateOnly AssessedOn { get; set; }
    /// <summary>The force's own reference for the assessment, if given.</summary>
    public string? PoliceReference { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public string RecordedByName { get; set; } = "";
    public int RecordedByAgencyId { get; set; }
    public DateTime RecordedUtc { get; set; }
}

sealed class DashRecordConfiguration : IEntityTypeConfiguration<DashRecord>
{
    public void Configure(EntityTypeBuilder<DashRecord> b)
    {
        b.ToTable("da_dash_records");
        b.Property(d => d.InstrumentCode).HasMaxLength(20).IsRequired();
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.AnswersJson).HasMaxLength(4000);
        b.Property(d => d.RecordedRedFlags).HasMaxLength(400);
        b.Property(d => d.RedFlags).HasMaxLength(400);
        b.Property(d => d.AssessorBand).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.ComputedBand).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.FinalBand).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.AssessorReason).HasMaxLength(2000);
        b.Property(d => d.JudgementReason).HasMaxLength(4000);
        b.Property(d => d.Notes).HasMaxLength(4000);
        b.Property(d => d.AssessorName).HasMaxLength(200);
        b.HasOne(d => d.Case).WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<People.Person>().WithMany().HasForeignKey(d => d.VictimPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RiskAssessmentRecord>().WithMany().HasForeignKey(d => d.RiskAssessmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.CaseId, d.Status });
    }
}

sealed class DaraRecordConfiguration : IEntityTypeConfiguration<DaraRecord>
{
    public void Configure(EntityTypeBuilder<DaraRecord> b)
    {
        b.ToTable("da_dara_records");
        b.Property(d => d.Grading).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.PoliceReference).HasMaxLength(60);
        b.Property(d => d.RecordedByName).HasMaxLength(200);
        b.HasOne(d => d.Case).WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<People.Person>().WithMany().HasForeignKey(d => d.VictimPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.CaseId);
    }
}
