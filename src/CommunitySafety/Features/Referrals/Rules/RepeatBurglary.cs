namespace CommunitySafety.Features.Referrals.Rules;

public sealed record BurglaryAtPlace(int PlaceId, DateOnly Date);

public sealed record TreatmentAtPlace(int PlaceId, DateOnly Date);

public sealed record RepeatComparison(int TreatedAddresses, int TreatedRepeats, int UntreatedAddresses, int UntreatedRepeats)
{
    public double? TreatedRate => TreatedAddresses == 0 ? null : (double)TreatedRepeats / TreatedAddresses;
    public double? UntreatedRate => UntreatedAddresses == 0 ? null : (double)UntreatedRepeats / UntreatedAddresses;
}

/// <summary>
/// Repeat burglary at treated addresses against untreated victims' addresses (reference 2.14 design note: outcome
/// "repeat burglary at the address within 12 months"). INDICATIVE only: the groups are not matched, follow-up may be
/// shorter than 12 months for recent cases, and only burglaries recorded in this system count.
/// Cohort: addresses with a burglary in [from, to]. An address is treated when a home-security visit was delivered
/// there on or after its first burglary in the period; a repeat is a later burglary at the address within 12 months
/// of the visit (treated) or of the first burglary (untreated).
/// </summary>
public static class RepeatBurglary
{
    public static RepeatComparison Compare(IEnumerable<BurglaryAtPlace> burglaries, IEnumerable<TreatmentAtPlace> treatments, DateOnly from, DateOnly to)
    {
        var byPlace = burglaries.GroupBy(b => b.PlaceId).ToDictionary(g => g.Key, g => g.Select(b => b.Date).OrderBy(d => d).ToList());
        var treatedOn = treatments.GroupBy(t => t.PlaceId).ToDictionary(g => g.Key, g => g.Select(t => t.Date).OrderBy(d => d).ToList());
        int treated = 0, treatedRepeats = 0, untreated = 0, untreatedRepeats = 0;
        foreach (var (place, dates) in byPlace)
        {
            var index = dates.FirstOrDefault(d => d >= from && d <= to);
            if (index == default)
            {
                continue;
            }
            var visit = treatedOn.TryGetValue(place, out var visits) ? visits.FirstOrDefault(v => v >= index) : default;
            var start = visit != default ? visit : index;
            var repeat = dates.Any(d => d > start && d <= start.AddMonths(12));
            if (visit != default)
            {
                treated++;
                treatedRepeats += repeat ? 1 : 0;
            }
            else
            {
                untreated++;
                untreatedRepeats += repeat ? 1 : 0;
            }
        }
        return new RepeatComparison(treated, treatedRepeats, untreated, untreatedRepeats);
    }
}
