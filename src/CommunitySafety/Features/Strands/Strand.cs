using System.Security.Claims;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.Cases.Rules;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunitySafety.Features.Strands;

/// <summary>
/// A casework strand (anti-social behaviour, domestic abuse, offender management…) plugged into the case core. A strand
/// lives in one folder and tells the core what it adds in <see cref="Register"/>; the core reads it all from the
/// <see cref="StrandCatalogue"/>, so adding a strand edits no core file. Add one with <c>services.AddStrand&lt;T&gt;()</c>.
/// </summary>
public interface IStrand
{
    void Register(StrandRegistration strand);
}

/// <summary>A case type. <see cref="Code"/> is also the reference prefix (2–5 capital letters, <see cref="CaseReference"/>).</summary>
/// <param name="CasePage">Where the strand shows a case of this type ("/asb/cases/{0}"); null: the core case page.</param>
/// <param name="RiskInstrument">The instrument the core risk page uses for this type when none is named.</param>
public sealed record CaseTypeDefinition(string Code, string Name, string? CasePage = null, string? RiskInstrument = null)
{
    public string PageFor(int caseId) => string.Format(System.Globalization.CultureInfo.InvariantCulture, CasePage ?? "/cases/{0}", caseId);
}

/// <summary>An incident category. <see cref="Strand"/> is stored on the incident ("ASB", "DA", "CRIME"…).</summary>
public sealed record IncidentCategoryDefinition(string Strand, string Code, string Name);

/// <summary>
/// A work list on /cases: a named filter over the open cases the user may already see (the core applies need to know
/// first, so a strand's list can only narrow it). <see cref="Key"/> names the list in the audit trail.
/// </summary>
public sealed record WorkListDefinition(string Key, string Caption, Func<IQueryable<Case>, ClaimsPrincipal, IQueryable<Case>> Filter);

/// <summary>A kind of multi-agency meeting (Marac, IOM panel, ASB risk conference) that takes a list of cases.</summary>
public sealed record MeetingKindDefinition(string Code, string Name);

/// <summary>A service navigation entry (and home page card), shown to users for whom <see cref="IsFor"/> is true.</summary>
public sealed record NavigationEntry(string Text, string Href, Func<ClaimsPrincipal, bool> IsFor, string? Description = null);

/// <summary>What one strand adds; filled in by <see cref="IStrand.Register"/>.</summary>
public sealed class StrandRegistration
{
    internal List<CaseTypeDefinition> CaseTypes { get; } = [];
    internal List<IncidentCategoryDefinition> IncidentCategories { get; } = [];
    internal List<RiskInstrument> RiskInstruments { get; } = [];
    internal List<Orders.OrderTypeDefinition> OrderTypes { get; } = [];
    internal List<WorkListDefinition> WorkLists { get; } = [];
    internal List<NavigationEntry> Navigation { get; } = [];
    internal List<MeetingKindDefinition> MeetingKinds { get; } = [];

    public StrandRegistration MeetingKind(string code, string name)
    {
        MeetingKinds.Add(new MeetingKindDefinition(code, name));
        return this;
    }

    public StrandRegistration CaseType(CaseTypeDefinition type)
    {
        CaseTypes.Add(type);
        return this;
    }

    public StrandRegistration IncidentCategory(string strand, string code, string name)
    {
        IncidentCategories.Add(new IncidentCategoryDefinition(strand, code, name));
        return this;
    }

    public StrandRegistration RiskInstrument(RiskInstrument instrument)
    {
        RiskInstruments.Add(instrument);
        return this;
    }

    public StrandRegistration OrderType(Orders.OrderTypeDefinition type)
    {
        OrderTypes.Add(type);
        return this;
    }

    public StrandRegistration WorkList(WorkListDefinition list)
    {
        WorkLists.Add(list);
        return this;
    }

    public StrandRegistration NavigationEntry(string text, string href, Func<ClaimsPrincipal, bool> isFor, string? description = null)
    {
        Navigation.Add(new NavigationEntry(text, href, isFor, description));
        return this;
    }
}

public static class StrandServiceCollectionExtensions
{
    /// <summary>Plugs a strand into the case core (idempotent: adding the same strand twice registers it once).</summary>
    public static IServiceCollection AddStrand<TStrand>(this IServiceCollection services) where TStrand : class, IStrand
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStrand, TStrand>());
        services.TryAddSingleton<StrandCatalogue>();
        return services;
    }
}
