using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.Asb.Rules;
using CommunitySafety.Features.Cases.Rules;

namespace CommunitySafety.Features.Asb;

/// <summary>
/// Local settings of the ASB strand, from configuration section "Asb". Every rule default lives in the pure rule
/// records (with its source); configuration only overrides them:
/// <c>Asb:RepeatRule:MinimumIncidents</c>, <c>Asb:RepeatRule:WindowMonths</c>, <c>Asb:RepeatRule:RequireSameCategory</c>,
/// <c>Asb:RepeatRule:SweepIntervalMinutes</c> (how often lapsed repeat flags are cleared, see <see cref="AsbRepeatSweep"/>; 0 = never);
/// <c>Asb:CaseReview:Threshold:*</c> (see <see cref="CaseReviewThreshold"/>);
/// <c>Asb:CaseReview:SocialLandlordAgencies</c> (names of co-opted social landlords among the agencies);
/// <c>Asb:CaseReview:Timetable:&lt;Step&gt;</c> (days for a step, e.g. <c>Decision = 20</c>: its anchor and unit stay);
/// <c>Asb:Powers:*</c> (any <see cref="PowerRulesConfig"/> limit, e.g. <c>Asb:Powers:CpnMinimumDaysAfterWarning = 14</c>);
/// <c>Asb:Powers:ExpiringWithinDays</c> (the register's "expiring soon" window).
/// </summary>
public sealed class AsbOptions
{
    public const string Section = "Asb";

    public RepeatRule RepeatRule { get; init; } = RepeatRule.Default;

    /// <summary>
    /// How often the scheduled check ends repeat flags whose window has passed (default hourly: the window moves by
    /// whole UK days, so a flag is cleared within an hour of the day it lapses). Zero turns the scheduled check off
    /// (flags are then brought up to date only when an incident is recorded for the victim or place).
    /// </summary>
    public TimeSpan RepeatSweepInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest interval accepted (timers on a <see cref="TimeProvider"/> cannot wait much longer than 49 days).</summary>
    public static readonly TimeSpan MaxRepeatSweepInterval = TimeSpan.FromDays(31);
    public CaseReviewThreshold Threshold { get; init; } = CaseReviewThreshold.Default;
    public CaseReviewTimetable Timetable { get; init; } = CaseReviewTimetable.Default;
    public PowerRulesConfig Powers { get; init; } = PowerRulesConfig.Default;
    public WorkingDays Calendar { get; init; } = WorkingDays.WithKnownOneOffs;
    public IReadOnlySet<string> SocialLandlordAgencies { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Days ahead in which a power counts as "expiring soon" on the register (local practice).</summary>
    public int ExpiringWithinDays { get; init; } = 28;

    public static AsbOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var repeat = section.GetSection("RepeatRule");
        var threshold = section.GetSection("CaseReview:Threshold");
        var d = CaseReviewThreshold.Default;
        return new AsbOptions
        {
            RepeatRule = new RepeatRule(
                repeat.GetValue("MinimumIncidents", RepeatRule.Default.MinimumIncidents),
                repeat.GetValue("WindowMonths", RepeatRule.Default.WindowMonths),
                repeat.GetValue("RequireSameCategory", RepeatRule.Default.RequireSameCategory)),
            RepeatSweepInterval = repeat.GetValue("SweepIntervalMinutes", 60) is var minutes && minutes <= 0
                ? TimeSpan.Zero
                : TimeSpan.FromMinutes(Math.Min(minutes, MaxRepeatSweepInterval.TotalMinutes)),
            Threshold = new CaseReviewThreshold(
                threshold.GetValue("QualifyingComplaintsRequired", d.QualifyingComplaintsRequired),
                threshold.GetValue("ComplaintPeriodMonths", d.ComplaintPeriodMonths),
                threshold.GetValue("ComplaintWithinMonthsOfBehaviour", d.ComplaintWithinMonthsOfBehaviour),
                threshold.GetValue("DistinctComplainantsRuleEnabled", d.DistinctComplainantsRuleEnabled),
                threshold.GetValue("DistinctComplainantsRequired", d.DistinctComplainantsRequired),
                threshold.GetValue("HateIncidentRuleEnabled", d.HateIncidentRuleEnabled),
                threshold.GetValue("HateIncidentsRequired", d.HateIncidentsRequired)),
            SocialLandlordAgencies = new HashSet<string>(
                section.GetSection("CaseReview:SocialLandlordAgencies").Get<string[]>() ?? [], StringComparer.OrdinalIgnoreCase),
            Timetable = TimetableFrom(section.GetSection("CaseReview:Timetable")),
            Powers = PowersFrom(section.GetSection("Powers")),
            ExpiringWithinDays = section.GetValue("Powers:ExpiringWithinDays", 28),
        };
    }

    static CaseReviewTimetable TimetableFrom(IConfigurationSection section) => new(
        CaseReviewTimetable.Default.Steps.Select(step => section.GetValue<int?>(step.Kind.ToString()) is { } amount && amount != step.Amount
            ? step with { Amount = amount, Source = "local setting Asb:CaseReview:Timetable:" + step.Kind + " (default from " + step.Source + ")" }
            : step).ToList());

    static PowerRulesConfig PowersFrom(IConfigurationSection section)
    {
        var d = PowerRulesConfig.Default;
        int Get(string name, int fallback) => section.GetValue(name, fallback);
        return new PowerRulesConfig(
            Get(nameof(d.CommunityProtectionMinimumAge), d.CommunityProtectionMinimumAge),
            Get(nameof(d.CpnMinimumDaysAfterWarning), d.CpnMinimumDaysAfterWarning),
            Get(nameof(d.CivilInjunctionMinimumAge), d.CivilInjunctionMinimumAge),
            Get(nameof(d.AdultAge), d.AdultAge),
            Get(nameof(d.YouthInjunctionMaxMonths), d.YouthInjunctionMaxMonths),
            Get(nameof(d.ClosureNoticeHours), d.ClosureNoticeHours),
            Get(nameof(d.ClosureNoticeSeniorHours), d.ClosureNoticeSeniorHours),
            Get(nameof(d.ClosureHearingWithinHours), d.ClosureHearingWithinHours),
            Get(nameof(d.ClosureOrderMaxMonths), d.ClosureOrderMaxMonths),
            Get(nameof(d.ClosureOrderTotalMaxMonths), d.ClosureOrderTotalMaxMonths),
            Get(nameof(d.PspoMaxYears), d.PspoMaxYears),
            Get(nameof(d.DispersalMaxHours), d.DispersalMaxHours),
            Get(nameof(d.CboAdultMinYears), d.CboAdultMinYears),
            Get(nameof(d.CboYouthMinYears), d.CboYouthMinYears),
            Get(nameof(d.CboYouthMaxYears), d.CboYouthMaxYears),
            Get(nameof(d.AbcDefaultMonths), d.AbcDefaultMonths));
    }

    /// <summary>
    /// Which relevant body (s.104) received a complaint recorded by an agency: police → police, local authority →
    /// council, health (ICB) → health, and agencies named in <see cref="SocialLandlordAgencies"/> → social landlord.
    /// Other agencies (fire, probation, providers) are not relevant bodies: null.
    /// </summary>
    public ReceivingBody? BodyFor(AgencyType type, string agencyName) =>
        SocialLandlordAgencies.Contains(agencyName) ? ReceivingBody.SocialLandlord : type switch
        {
            AgencyType.Police => ReceivingBody.Police,
            AgencyType.LocalAuthority => ReceivingBody.Council,
            AgencyType.Health => ReceivingBody.Health,
            _ => null,
        };

    public static string Display(ReceivingBody body) => body switch
    {
        ReceivingBody.Police => "Police",
        ReceivingBody.Council => "Council",
        ReceivingBody.SocialLandlord => "Social landlord",
        ReceivingBody.Health => "Health (ICB)",
        _ => body.ToString(),
    };
}
