using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Cases;
using CommunitySafety.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.People;

public enum MergeProposalStatus { Pending, Approved, Declined }

/// <summary>
/// A case officer's request that an administrator merge their agency's record of a person with another record that
/// looks like the same person (often a partner's, which the officer may not see). Only administrators merge
/// (<see cref="Security.Policies.PeopleMerge"/>); the proposer learns the outcome, never the other record's details.
/// </summary>
public sealed class MergeProposal
{
    public int Id { get; set; }
    /// <summary>The proposer's record (one they may see).</summary>
    public int PersonId { get; set; }
    /// <summary>The record they believe is the same person; its number is never shown to them.</summary>
    public int OtherPersonId { get; set; }
    public string Reason { get; set; } = "";
    public MergeProposalStatus Status { get; set; }
    public Guid? ProposedByUserId { get; set; }
    public string ProposedByName { get; set; } = "";
    public int? ProposedByAgencyId { get; set; }
    public DateTime ProposedUtc { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? DecisionNote { get; set; }
    public int? MergeId { get; set; }
}

sealed class MergeProposalConfiguration : IEntityTypeConfiguration<MergeProposal>
{
    public void Configure(EntityTypeBuilder<MergeProposal> b)
    {
        b.ToTable("person_merge_proposals");
        b.Property(p => p.Reason).HasMaxLength(1000).IsRequired();
        b.Property(p => p.ProposedByName).HasMaxLength(200);
        b.Property(p => p.DecisionNote).HasMaxLength(1000);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.OtherPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.Status, p.ProposedUtc });
        b.HasIndex(p => p.PersonId);
    }
}

/// <summary>A possible duplicate of a record, as its holder sees it, with the token that proposes a merge with it.</summary>
public sealed record PossibleDuplicate(string Token, PossibleMatch Match);

/// <summary>
/// Proposing merges (case officers) and deciding them (administrators). The other record is named by a token, like a
/// victim match (ADR 0008): encrypted, bound to the user and to their record, 30 minutes; a second proposal for the same
/// pair while one is pending is refused, so a token cannot be replayed into many.
/// </summary>
public sealed class MergeProposals(AppDb db, AuditLog audit, TimeProvider clock, PersonService people, IDataProtectionProvider protection)
{
    public const string CheckPurpose = "Checking a record for duplicates before proposing a merge";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    IDataProtector Protector => protection.CreateProtector("CommunitySafety.People.MergeProposal.v1");

    sealed record Ticket(int PersonId, int OtherId, Guid? UserId, long IssuedTicks);

    /// <summary>Records that look like the same person as <paramref name="personId"/> (which the user must be able to see), or null.</summary>
    public async Task<IReadOnlyList<PossibleDuplicate>?> PossibleDuplicatesAsync(ClaimsPrincipal user, int personId, CancellationToken ct)
    {
        var person = await VisibleAsync(user, personId, ct);
        if (person is null)
        {
            return null;
        }
        var home = (await PersonService.MatchRecordsAsync(db, [personId], ct)).Single().Record;
        var matches = await people.FindMatchesAsync(user, new NewPerson(person.Forename, person.Surname, person.DateOfBirth, null, null, null,
            home.AddressLine1, null, home.Postcode), CheckPurpose, ct, excludeId: personId);
        var issued = clock.GetUtcNow().UtcDateTime.Ticks;
        return matches.Select(m => new PossibleDuplicate(Protector.Protect(JsonSerializer.Serialize(new Ticket(personId, m.Id, user.UserId(), issued))), m)).ToList();
    }

    public Task<List<MergeProposal>> ForPersonAsync(int personId, CancellationToken ct) =>
        db.Set<MergeProposal>().AsNoTracking().Where(p => p.PersonId == personId).OrderByDescending(p => p.Id).ToListAsync(ct);

    /// <summary>Field errors (Choice, Reason), or the proposal made.</summary>
    public async Task<(MergeProposal? Proposal, Dictionary<string, string> Errors)> ProposeAsync(ClaimsPrincipal user, int personId, string? token, string? reason, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["Reason"] = "Enter why you think these records are the same person";
        }
        else if (reason.Length > 1000)
        {
            errors["Reason"] = "Reason must be 1,000 characters or fewer";
        }
        var otherId = await OtherAsync(user, personId, token, ct);
        if (otherId is null)
        {
            errors["Choice"] = string.IsNullOrEmpty(token)
                ? "Select the record you think is the same person"
                : "The record you chose can no longer be used: check for duplicates again";
        }
        else if (await db.Set<MergeProposal>().AnyAsync(p => p.Status == MergeProposalStatus.Pending
            && ((p.PersonId == personId && p.OtherPersonId == otherId) || (p.PersonId == otherId && p.OtherPersonId == personId)), ct))
        {
            errors["Choice"] = "A merge of these records has already been proposed: an administrator will decide";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var proposal = new MergeProposal
        {
            PersonId = personId, OtherPersonId = otherId!.Value, Reason = reason!.Trim(), Status = MergeProposalStatus.Pending,
            ProposedByUserId = user.UserId(), ProposedByName = user.Identity?.Name ?? "", ProposedByAgencyId = user.AgencyId(),
            ProposedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(proposal);
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.Create, "person", Id(personId),
            $"merge proposal {proposal.Id}: person {personId} and person {otherId} may be one person", Purpose: proposal.Reason), user);
        await db.SaveChangesAsync(ct);
        return (proposal, errors);
    }

    async Task<int?> OtherAsync(ClaimsPrincipal user, int personId, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        Ticket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<Ticket>(Protector.Unprotect(token));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
        var age = clock.GetUtcNow().UtcDateTime - new DateTime(ticket?.IssuedTicks ?? 0, DateTimeKind.Utc);
        if (ticket is null || ticket.UserId != user.UserId() || ticket.PersonId != personId || age < TimeSpan.Zero || age > TokenLifetime
            || await VisibleAsync(user, personId, ct) is null
            || await people.DuplicateLikenessAsync(personId, ticket.OtherId, ct) is not { IsPossibleMatch: true })
        {
            return null;
        }
        return await db.Set<Person>().AnyAsync(p => p.Id == ticket.OtherId && p.MergedIntoId == null, ct) ? ticket.OtherId : null;
    }

    Task<Person?> VisibleAsync(ClaimsPrincipal user, int personId, CancellationToken ct) =>
        CaseAccess.People(db, user).AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && p.MergedIntoId == null, ct);

    public Task<List<MergeProposal>> RecentAsync(CancellationToken ct) =>
        db.Set<MergeProposal>().AsNoTracking().OrderBy(p => p.Status != MergeProposalStatus.Pending).ThenByDescending(p => p.Id).Take(50).ToListAsync(ct);

    /// <summary>Marks a pending proposal approved by the merge that carried it out (same unit of work as the caller's save).</summary>
    public async Task ApprovedAsync(ClaimsPrincipal user, int proposalId, PersonMerge merge, CancellationToken ct)
    {
        var proposal = await db.Set<MergeProposal>().FirstOrDefaultAsync(p => p.Id == proposalId && p.Status == MergeProposalStatus.Pending, ct);
        if (proposal is null
            || !((proposal.PersonId == merge.SurvivorId && proposal.OtherPersonId == merge.MergedId) || (proposal.PersonId == merge.MergedId && proposal.OtherPersonId == merge.SurvivorId)))
        {
            return;
        }
        proposal.Status = MergeProposalStatus.Approved;
        proposal.DecidedByUserId = user.UserId();
        proposal.DecidedUtc = clock.GetUtcNow().UtcDateTime;
        proposal.MergeId = merge.Id;
        audit.Add(new AuditEntry(AuditActions.Change, "person", Id(proposal.PersonId), $"merge proposal {proposal.Id} approved: merge {merge.Id}"));
        await db.SaveChangesAsync(ct);
    }

    public async Task<string?> DeclineAsync(ClaimsPrincipal user, int proposalId, string? note, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return "Enter why the records should not be merged";
        }
        var proposal = await db.Set<MergeProposal>().FirstOrDefaultAsync(p => p.Id == proposalId && p.Status == MergeProposalStatus.Pending, ct);
        if (proposal is null)
        {
            return "That proposal has already been decided";
        }
        proposal.Status = MergeProposalStatus.Declined;
        proposal.DecidedByUserId = user.UserId();
        proposal.DecidedUtc = clock.GetUtcNow().UtcDateTime;
        proposal.DecisionNote = note.Trim();
        audit.Add(new AuditEntry(AuditActions.Change, "person", Id(proposal.PersonId), $"merge proposal {proposal.Id} declined", Purpose: proposal.DecisionNote));
        await db.SaveChangesAsync(ct);
        return null;
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
