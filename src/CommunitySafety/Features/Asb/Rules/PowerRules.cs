using CommunitySafety.Shared;
namespace CommunitySafety.Features.Asb.Rules;

/// <summary>Tools and powers of the Anti-social Behaviour, Crime and Policing Act 2014, plus the non-statutory ABC.</summary>
public enum AsbPower
{
    CommunityProtectionWarning = 0,
    CommunityProtectionNotice = 1,
    CivilInjunction = 2,
    CriminalBehaviourOrder = 3,
    ClosureNotice = 4,
    ClosureOrder = 5,
    PublicSpacesProtectionOrder = 6,
    DispersalDirection = 7,
    AcceptableBehaviourContract = 8,
}

public enum PowerSubjectKind
{
    Person = 0,
    Body = 1,
    Premises = 2,
    Area = 3,
}

/// <summary>Who or what a power is used against. <see cref="DateOfBirth"/> applies to people only.</summary>
public sealed record PowerSubject(string Id, PowerSubjectKind Kind, DateOnly? DateOfBirth = null)
{
    public static PowerSubject Person(string id, DateOnly? dateOfBirth) => new(id, PowerSubjectKind.Person, dateOfBirth);

    public static PowerSubject Body(string id) => new(id, PowerSubjectKind.Body);

    public static PowerSubject Premises(string id) => new(id, PowerSubjectKind.Premises);

    public static PowerSubject Area(string id) => new(id, PowerSubjectKind.Area);
}

/// <summary>
/// One use of a power, recorded or proposed. Times are UTC. <see cref="ExpiresUtc"/> null means no fixed end
/// ("until further order", or no statutory expiry). <see cref="SeniorAuthorisation"/> = a closure notice
/// authorised by a superintendent or a council chief executive's delegate. <see cref="ExtendsUseId"/> links a
/// closure order extension to the order it extends. Breaches are recorded as data elsewhere.
/// </summary>
public sealed record PowerUse(
    string Id,
    AsbPower Power,
    string SubjectId,
    DateTime IssuedUtc,
    DateTime? ExpiresUtc = null,
    bool SeniorAuthorisation = false,
    DateTime? CourtHearingUtc = null,
    string? ExtendsUseId = null)
{
    /// <summary>True once <paramref name="asOfUtc"/> reaches the expiry time. Uses with no fixed end never expire.</summary>
    public bool IsExpired(DateTime asOfUtc) => ExpiresUtc is { } end && asOfUtc >= end;
}

public sealed record PowerRuleViolation(string Code, string Message);

/// <summary>
/// Configurable limits for the 2014 Act powers. Defaults and sources (reference 2.4); [M] marks defaults not
/// confirmed in a source, to be checked locally.
/// </summary>
/// <param name="CommunityProtectionMinimumAge">16: s.43, https://www.legislation.gov.uk/ukpga/2014/12/section/43</param>
/// <param name="CpnMinimumDaysAfterWarning">0: s.43 requires "enough time" to comply after the CPW but sets no number [M].</param>
/// <param name="CivilInjunctionMinimumAge">10: s.1, https://legislation.gov.uk/ukpga/2014/12/part/1/2014-10-21/data.html</param>
/// <param name="AdultAge">18: under this age on the date of the order, the youth rules apply (s.1).</param>
/// <param name="YouthInjunctionMaxMonths">12: s.1, under-18 injunction max 12 months, period must be specified.</param>
/// <param name="ClosureNoticeHours">24: s.76, https://www.legislation.gov.uk/ukpga/2014/12/notes/division/5/6</param>
/// <param name="ClosureNoticeSeniorHours">48: s.76, superintendent or council chief-executive delegate (same source).</param>
/// <param name="ClosureHearingWithinHours">48: s.80, court hearing within 48 hours of service (same source).</param>
/// <param name="ClosureOrderMaxMonths">3: s.80 (same source; https://torridge.gov.uk/article/20396/Closure-Order).</param>
/// <param name="ClosureOrderTotalMaxMonths">6: s.82, extensions may not take the total past 6 months (same sources).</param>
/// <param name="PspoMaxYears">3: s.60, https://www.legislation.gov.uk/ukpga/2014/12/notes/division/5/5</param>
/// <param name="DispersalMaxHours">48 [M]: s.34–35.</param>
/// <param name="CboAdultMinYears">2 [M]: s.25.</param>
/// <param name="CboYouthMinYears">1 [M]: s.25.</param>
/// <param name="CboYouthMaxYears">3 [M]: s.25.</param>
/// <param name="AbcDefaultMonths">6 [M]: ABCs are voluntary, non-statutory agreements; local practice.</param>
public sealed record PowerRulesConfig(
    int CommunityProtectionMinimumAge = 16,
    int CpnMinimumDaysAfterWarning = 0,
    int CivilInjunctionMinimumAge = 10,
    int AdultAge = 18,
    int YouthInjunctionMaxMonths = 12,
    int ClosureNoticeHours = 24,
    int ClosureNoticeSeniorHours = 48,
    int ClosureHearingWithinHours = 48,
    int ClosureOrderMaxMonths = 3,
    int ClosureOrderTotalMaxMonths = 6,
    int PspoMaxYears = 3,
    int DispersalMaxHours = 48,
    int CboAdultMinYears = 2,
    int CboYouthMinYears = 1,
    int CboYouthMaxYears = 3,
    int AbcDefaultMonths = 6)
{
    public static PowerRulesConfig Default { get; } = new();
}

public static class PowerRules
{
    /// <summary>Age in whole years on <paramref name="on"/>. A 29 February birthday is reached on 1 March in non-leap years.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        if (on.Month < dateOfBirth.Month || (on.Month == dateOfBirth.Month && on.Day < dateOfBirth.Day))
        {
            age--;
        }

        return age;
    }

    /// <summary>
    /// Checks a proposed power use against the statutory rules. Returns an empty list when it is valid.
    /// <paramref name="priorUses"/> are earlier uses on the case (any subject); only relevant ones are looked at.
    /// </summary>
    public static IReadOnlyList<PowerRuleViolation> Validate(
        PowerUse proposed,
        PowerSubject subject,
        IEnumerable<PowerUse> priorUses,
        PowerRulesConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(priorUses);
        config ??= PowerRulesConfig.Default;
        var prior = priorUses.Where(p => p.Id != proposed.Id).ToList();
        var v = new List<PowerRuleViolation>();

        if (!string.Equals(subject.Id, proposed.SubjectId, StringComparison.Ordinal))
        {
            v.Add(new("SubjectMismatch", $"The power use names subject '{proposed.SubjectId}' but subject '{subject.Id}' was supplied."));
        }

        if (proposed.IssuedUtc.Kind == DateTimeKind.Local || proposed.ExpiresUtc?.Kind == DateTimeKind.Local)
        {
            v.Add(new("LocalTime", "Issue and expiry times must be UTC."));
        }

        if (proposed.ExpiresUtc is { } expires && expires <= proposed.IssuedUtc)
        {
            v.Add(new("ExpiryBeforeIssue", $"The expiry {UkTime.Format(expires)} is not after the issue time {UkTime.Format(proposed.IssuedUtc)}."));
        }

        var issuedOn = DateOnly.FromDateTime(proposed.IssuedUtc);
        switch (proposed.Power)
        {
            case AsbPower.CommunityProtectionWarning:
                CheckPersonAgedOrBody(v, subject, issuedOn, config.CommunityProtectionMinimumAge, "A community protection warning");
                break;

            case AsbPower.CommunityProtectionNotice:
                CheckPersonAgedOrBody(v, subject, issuedOn, config.CommunityProtectionMinimumAge, "A community protection notice");
                CheckPriorWarning(v, proposed, prior, config);
                break;

            case AsbPower.CivilInjunction:
                CheckInjunction(v, proposed, subject, issuedOn, config);
                break;

            case AsbPower.CriminalBehaviourOrder:
                CheckCbo(v, proposed, subject, issuedOn, config);
                break;

            case AsbPower.ClosureNotice:
                CheckKind(v, subject, PowerSubjectKind.Premises, "A closure notice");
                CheckClosureNotice(v, proposed, config);
                break;

            case AsbPower.ClosureOrder:
                CheckKind(v, subject, PowerSubjectKind.Premises, "A closure order");
                CheckClosureOrder(v, proposed, prior, config);
                break;

            case AsbPower.PublicSpacesProtectionOrder:
                CheckKind(v, subject, PowerSubjectKind.Area, "A public spaces protection order");
                CheckMaximum(v, proposed, proposed.IssuedUtc.AddYears(config.PspoMaxYears), $"{config.PspoMaxYears} years", "A public spaces protection order");
                break;

            case AsbPower.DispersalDirection:
                CheckMaximum(v, proposed, proposed.IssuedUtc.AddHours(config.DispersalMaxHours), $"{config.DispersalMaxHours} hours", "A dispersal direction");
                break;

            case AsbPower.AcceptableBehaviourContract:
                CheckKind(v, subject, PowerSubjectKind.Person, "An acceptable behaviour contract");
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(proposed), proposed.Power, "Unknown power.");
        }

        return v;
    }

    /// <summary>
    /// Default end of a power issued at <paramref name="issuedUtc"/>: the maximum permitted where there is one;
    /// the minimum term for an adult CBO (which has only a minimum); null where there is no fixed end
    /// (CPW, CPN, adult civil injunction "until further order").
    /// </summary>
    public static DateTime? DefaultExpiry(
        AsbPower power,
        DateTime issuedUtc,
        PowerSubject? subject = null,
        bool seniorAuthorisation = false,
        PowerRulesConfig? config = null)
    {
        config ??= PowerRulesConfig.Default;
        var youth = subject?.DateOfBirth is { } dob && AgeOn(dob, DateOnly.FromDateTime(issuedUtc)) < config.AdultAge;
        return power switch
        {
            AsbPower.CommunityProtectionWarning or AsbPower.CommunityProtectionNotice => null,
            AsbPower.CivilInjunction => youth ? issuedUtc.AddMonths(config.YouthInjunctionMaxMonths) : null,
            AsbPower.CriminalBehaviourOrder => issuedUtc.AddYears(youth ? config.CboYouthMaxYears : config.CboAdultMinYears),
            AsbPower.ClosureNotice => issuedUtc.AddHours(seniorAuthorisation ? config.ClosureNoticeSeniorHours : config.ClosureNoticeHours),
            AsbPower.ClosureOrder => issuedUtc.AddMonths(config.ClosureOrderMaxMonths),
            AsbPower.PublicSpacesProtectionOrder => issuedUtc.AddYears(config.PspoMaxYears),
            AsbPower.DispersalDirection => issuedUtc.AddHours(config.DispersalMaxHours),
            AsbPower.AcceptableBehaviourContract => issuedUtc.AddMonths(config.AbcDefaultMonths),
            _ => throw new ArgumentOutOfRangeException(nameof(power), power, "Unknown power."),
        };
    }

    private static void CheckKind(List<PowerRuleViolation> v, PowerSubject subject, PowerSubjectKind expected, string what)
    {
        if (subject.Kind != expected)
        {
            v.Add(new("WrongSubjectKind", $"{what} must be made against a {expected.ToString().ToLowerInvariant()}, not a {subject.Kind.ToString().ToLowerInvariant()}."));
        }
    }

    private static int? CheckPersonAge(List<PowerRuleViolation> v, PowerSubject subject, DateOnly on, int minimumAge, string what)
    {
        if (subject.DateOfBirth is not { } dob)
        {
            v.Add(new("DateOfBirthUnknown", $"{what} needs the subject's date of birth to confirm they are aged {minimumAge} or over."));
            return null;
        }

        var age = AgeOn(dob, on);
        if (age < minimumAge)
        {
            v.Add(new("UnderMinimumAge", $"{what} requires the subject to be aged {minimumAge} or over on {UkTime.FormatDate(on)}; they are {age}."));
        }

        return age;
    }

    private static void CheckPersonAgedOrBody(List<PowerRuleViolation> v, PowerSubject subject, DateOnly on, int minimumAge, string what)
    {
        switch (subject.Kind)
        {
            case PowerSubjectKind.Body:
                return;
            case PowerSubjectKind.Person:
                CheckPersonAge(v, subject, on, minimumAge, what);
                return;
            default:
                v.Add(new("WrongSubjectKind", $"{what} can be issued only to a person aged {minimumAge} or over or to a body."));
                return;
        }
    }

    private static void CheckPriorWarning(List<PowerRuleViolation> v, PowerUse proposed, List<PowerUse> prior, PowerRulesConfig config)
    {
        var latestAllowedWarning = proposed.IssuedUtc.AddDays(-config.CpnMinimumDaysAfterWarning);
        var warnings = prior
            .Where(p => p.Power == AsbPower.CommunityProtectionWarning && string.Equals(p.SubjectId, proposed.SubjectId, StringComparison.Ordinal))
            .ToList();
        if (warnings.Count == 0)
        {
            v.Add(new("NoPriorWarning", "A community protection notice requires a prior written warning (CPW) to the same subject."));
        }
        else if (!warnings.Any(w => w.IssuedUtc < proposed.IssuedUtc))
        {
            v.Add(new("WarningNotBeforeNotice", "The community protection warning must be issued before the notice."));
        }
        else if (!warnings.Any(w => w.IssuedUtc <= latestAllowedWarning && w.IssuedUtc < proposed.IssuedUtc))
        {
            v.Add(new("NotEnoughTimeToComply", $"At least {config.CpnMinimumDaysAfterWarning} day(s) must pass between the warning and the notice."));
        }
    }

    private static void CheckInjunction(List<PowerRuleViolation> v, PowerUse proposed, PowerSubject subject, DateOnly issuedOn, PowerRulesConfig config)
    {
        const string what = "A civil injunction";
        if (subject.Kind != PowerSubjectKind.Person)
        {
            CheckKind(v, subject, PowerSubjectKind.Person, what);
            return;
        }

        var age = CheckPersonAge(v, subject, issuedOn, config.CivilInjunctionMinimumAge, what);
        if (age is { } a && a < config.AdultAge)
        {
            if (proposed.ExpiresUtc is null)
            {
                v.Add(new("YouthEndDateRequired", $"{what} against a person under {config.AdultAge} must specify an end date."));
            }
            else
            {
                CheckMaximum(v, proposed, proposed.IssuedUtc.AddMonths(config.YouthInjunctionMaxMonths), $"{config.YouthInjunctionMaxMonths} months for a person under {config.AdultAge}", what);
            }
        }
    }

    private static void CheckCbo(List<PowerRuleViolation> v, PowerUse proposed, PowerSubject subject, DateOnly issuedOn, PowerRulesConfig config)
    {
        const string what = "A criminal behaviour order";
        if (subject.Kind != PowerSubjectKind.Person)
        {
            CheckKind(v, subject, PowerSubjectKind.Person, what);
            return;
        }

        if (subject.DateOfBirth is not { } dob)
        {
            v.Add(new("DateOfBirthUnknown", $"{what} needs the subject's date of birth to set its minimum and maximum term."));
            return;
        }

        var youth = AgeOn(dob, issuedOn) < config.AdultAge;
        if (youth)
        {
            if (proposed.ExpiresUtc is not { } end)
            {
                v.Add(new("YouthEndDateRequired", $"{what} against a person under {config.AdultAge} must specify an end date."));
                return;
            }

            if (end < proposed.IssuedUtc.AddYears(config.CboYouthMinYears))
            {
                v.Add(new("BelowMinimumTerm", $"{what} against a person under {config.AdultAge} must last at least {config.CboYouthMinYears} year(s)."));
            }

            CheckMaximum(v, proposed, proposed.IssuedUtc.AddYears(config.CboYouthMaxYears), $"{config.CboYouthMaxYears} years for a person under {config.AdultAge}", what);
        }
        else if (proposed.ExpiresUtc is { } end && end < proposed.IssuedUtc.AddYears(config.CboAdultMinYears))
        {
            v.Add(new("BelowMinimumTerm", $"{what} against an adult must last at least {config.CboAdultMinYears} years (or until further order)."));
        }
    }

    private static void CheckClosureNotice(List<PowerRuleViolation> v, PowerUse proposed, PowerRulesConfig config)
    {
        var hours = proposed.SeniorAuthorisation ? config.ClosureNoticeSeniorHours : config.ClosureNoticeHours;
        var limit = proposed.SeniorAuthorisation
            ? $"{hours} hours (authorised by a superintendent or council chief executive delegate)"
            : $"{hours} hours (up to {config.ClosureNoticeSeniorHours} hours needs superintendent or council chief executive delegate authorisation)";
        CheckMaximum(v, proposed, proposed.IssuedUtc.AddHours(hours), limit, "A closure notice");

        if (proposed.CourtHearingUtc is not { } hearing)
        {
            v.Add(new("HearingRequired", $"A closure notice must give a magistrates' court hearing within {config.ClosureHearingWithinHours} hours of service."));
        }
        else if (hearing < proposed.IssuedUtc || hearing > proposed.IssuedUtc.AddHours(config.ClosureHearingWithinHours))
        {
            v.Add(new("HearingOutsideWindow", $"The court hearing at {UkTime.Format(hearing)} is not within {config.ClosureHearingWithinHours} hours of service at {UkTime.Format(proposed.IssuedUtc)}."));
        }
    }

    private static void CheckClosureOrder(List<PowerRuleViolation> v, PowerUse proposed, List<PowerUse> prior, PowerRulesConfig config)
    {
        const string what = "A closure order";
        if (proposed.ExtendsUseId is null)
        {
            CheckMaximum(v, proposed, proposed.IssuedUtc.AddMonths(config.ClosureOrderMaxMonths), $"{config.ClosureOrderMaxMonths} months", what);
            return;
        }

        // Walk back along the chain of extensions to the original order.
        var byId = prior.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { proposed.Id };
        var current = proposed;
        while (current.ExtendsUseId is { } parentId)
        {
            if (!byId.TryGetValue(parentId, out var parent) || parent.Power != AsbPower.ClosureOrder
                || !string.Equals(parent.SubjectId, proposed.SubjectId, StringComparison.Ordinal))
            {
                v.Add(new("ExtendedOrderNotFound", $"The extension refers to '{parentId}', which is not a closure order on the same premises."));
                return;
            }

            if (!seen.Add(parent.Id))
            {
                v.Add(new("ExtensionCycle", "The chain of closure order extensions loops back on itself."));
                return;
            }

            current = parent;
        }

        CheckMaximum(
            v,
            proposed,
            current.IssuedUtc.AddMonths(config.ClosureOrderTotalMaxMonths),
            $"{config.ClosureOrderTotalMaxMonths} months in total from the original order of {UkTime.FormatDate(current.IssuedUtc)}",
            "An extended closure order");
    }

    private static void CheckMaximum(List<PowerRuleViolation> v, PowerUse proposed, DateTime latestEnd, string limit, string what)
    {
        if (proposed.ExpiresUtc is not { } end)
        {
            v.Add(new("EndDateRequired", $"{what} must have an end date (maximum {limit})."));
        }
        else if (end > latestEnd)
        {
            v.Add(new("ExceedsMaximum", $"{what} may last at most {limit}: it ends {UkTime.Format(end)}, after the latest allowed end {UkTime.Format(latestEnd)}."));
        }
    }
}
