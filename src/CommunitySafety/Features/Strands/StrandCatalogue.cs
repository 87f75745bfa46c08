using System.Security.Claims;
using CommunitySafety.Features.Cases.Rules;
using CommunitySafety.Features.Orders;

namespace CommunitySafety.Features.Strands;

/// <summary>
/// Everything the plugged-in strands registered, read by the core: which case types, incident categories, risk
/// instruments, order types, work lists and navigation entries exist. Codes must be unique across strands; a clash is a
/// start-up error rather than one strand silently shadowing another.
/// </summary>
public sealed class StrandCatalogue
{
    readonly Dictionary<string, CaseTypeDefinition> _caseTypes;
    readonly Dictionary<string, IncidentCategoryDefinition> _categories;
    readonly Dictionary<(string, int), RiskInstrument> _instruments;
    readonly Dictionary<string, OrderTypeDefinition> _orderTypes;

    public StrandCatalogue(IEnumerable<IStrand> strands)
    {
        var registrations = strands.Select(s =>
        {
            var r = new StrandRegistration();
            s.Register(r);
            return r;
        }).ToList();
        CaseTypes = [.. registrations.SelectMany(r => r.CaseTypes)];
        IncidentCategories = [.. registrations.SelectMany(r => r.IncidentCategories)];
        RiskInstruments = [.. registrations.SelectMany(r => r.RiskInstruments)];
        OrderTypes = [.. registrations.SelectMany(r => r.OrderTypes)];
        WorkLists = [.. registrations.SelectMany(r => r.WorkLists)];
        Navigation = [.. registrations.SelectMany(r => r.Navigation)];
        MeetingKinds = [.. registrations.SelectMany(r => r.MeetingKinds)];

        foreach (var t in CaseTypes)
        {
            if (t.Code.Length is < 2 or > 5 || !t.Code.All(char.IsAsciiLetterUpper))
            {
                throw new InvalidOperationException($"Case type code '{t.Code}' must be 2 to 5 capital letters (it is the reference prefix).");
            }
        }
        _caseTypes = Unique(CaseTypes, t => t.Code, "case type");
        _categories = Unique(IncidentCategories, c => c.Code, "incident category");
        _instruments = UniqueBy(RiskInstruments, i => (i.Code, i.Version), "risk instrument version");
        _orderTypes = Unique(OrderTypes, o => o.Code, "order type");
        Unique(WorkLists, w => w.Key, "work list");
        Unique(MeetingKinds, m => m.Code, "meeting kind");
    }

    public IReadOnlyList<CaseTypeDefinition> CaseTypes { get; }
    public IReadOnlyList<IncidentCategoryDefinition> IncidentCategories { get; }
    public IReadOnlyList<RiskInstrument> RiskInstruments { get; }
    public IReadOnlyList<OrderTypeDefinition> OrderTypes { get; }
    public IReadOnlyList<WorkListDefinition> WorkLists { get; }
    public IReadOnlyList<NavigationEntry> Navigation { get; }
    public IReadOnlyList<MeetingKindDefinition> MeetingKinds { get; }

    public MeetingKindDefinition? MeetingKind(string? code) => MeetingKinds.FirstOrDefault(m => string.Equals(m.Code, code, StringComparison.Ordinal));

    public CaseTypeDefinition? CaseType(string? code) => code is not null && _caseTypes.TryGetValue(code, out var t) ? t : null;

    public bool IsCaseType(string? code) => CaseType(code) is not null;

    /// <summary>The case type's name, or the code itself for a type no strand registers any more (old records still show).</summary>
    public string CaseTypeName(string code) => CaseType(code)?.Name ?? code;

    /// <summary>Where a case is shown: its strand's page when the strand has one, else the core case page.</summary>
    public string CasePage(string type, int caseId) => CaseType(type)?.PageFor(caseId) ?? $"/cases/{caseId}";

    public IncidentCategoryDefinition? IncidentCategory(string? code) => code is not null && _categories.TryGetValue(code, out var c) ? c : null;

    public string IncidentCategoryName(string code) => IncidentCategory(code)?.Name ?? code;

    public IReadOnlyList<IncidentCategoryDefinition> IncidentCategoriesOf(string strand) =>
        IncidentCategories.Where(c => string.Equals(c.Strand, strand, StringComparison.Ordinal)).ToList();

    /// <summary>The named version, or the latest one when <paramref name="version"/> is null.</summary>
    public RiskInstrument? RiskInstrument(string? code, int? version = null)
    {
        if (code is null)
        {
            return null;
        }
        if (version is { } v)
        {
            return _instruments.GetValueOrDefault((code, v));
        }
        return RiskInstruments.Where(i => string.Equals(i.Code, code, StringComparison.Ordinal)).MaxBy(i => i.Version);
    }

    public OrderTypeDefinition? OrderType(string? code) => code is not null && _orderTypes.TryGetValue(code, out var o) ? o : null;

    public IEnumerable<NavigationEntry> NavigationFor(ClaimsPrincipal user) => Navigation.Where(n => n.IsFor(user));

    static Dictionary<string, T> Unique<T>(IEnumerable<T> items, Func<T, string> key, string what) => UniqueBy(items, key, what);

    static Dictionary<TKey, T> UniqueBy<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, string what) where TKey : notnull
    {
        var map = new Dictionary<TKey, T>();
        foreach (var item in items)
        {
            if (!map.TryAdd(key(item), item))
            {
                throw new InvalidOperationException($"Two strands register the {what} '{key(item)}'.");
            }
        }
        return map;
    }
}
