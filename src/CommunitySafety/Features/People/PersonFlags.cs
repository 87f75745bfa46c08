using System.Globalization;
using CommunitySafety.Auditing;
using CommunitySafety.Data;

namespace CommunitySafety.Features.People;

/// <summary>A flag to raise on a person: by a user (their judgement) or by a rule (<see cref="Automatic"/>).</summary>
public sealed record NewPersonFlag(string Type, string Reason)
{
    public bool Automatic { get; init; }
    /// <summary>The audit entry's details; by default "flag set: Type (reason)".</summary>
    public string? AuditText { get; init; }
}

/// <summary>
/// Raising and ending person flags, for the person page and for rules in the strands (the ASB repeat-victim rule) alike.
/// Each stages the change and its audit entry in the caller's unit of work, so they commit with whatever else the
/// caller saves (ADR 0004); flags are never deleted, only ended, so their history stays.
/// </summary>
public sealed class PersonFlags(AppDb db, AuditLog audit, TimeProvider clock)
{
    public PersonFlag Raise(int personId, NewPersonFlag input, Guid? byUserId, string byName)
    {
        var flag = new PersonFlag
        {
            PersonId = personId,
            Type = input.Type,
            Reason = input.Reason.Trim(),
            Automatic = input.Automatic,
            SetUtc = clock.GetUtcNow().UtcDateTime,
            SetByUserId = byUserId,
            SetByName = byName,
        };
        db.Add(flag);
        audit.Add(new AuditEntry(AuditActions.Change, "person", Id(personId), input.AuditText ?? $"flag set: {flag.Type} ({flag.Reason})"));
        return flag;
    }

    /// <param name="userNameOverride">Who ended it when no user did (a scheduled sweep of the rule).</param>
    public void End(PersonFlag flag, string reason, Guid? byUserId, string? auditText = null, string? userNameOverride = null)
    {
        flag.Active = false;
        flag.EndedUtc = clock.GetUtcNow().UtcDateTime;
        flag.EndedByUserId = byUserId;
        flag.EndedReason = reason;
        audit.Add(new AuditEntry(AuditActions.Change, "person", Id(flag.PersonId), auditText ?? $"flag ended: {flag.Type}"), userNameOverride: userNameOverride);
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
