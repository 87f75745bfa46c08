using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CommunitySafety.Features.Places.Assessment;

[Authorize(Policy = Policies.PlacesRead)]
public sealed class BenchmarksModel(AppDb db) : PageModel
{
    public sealed record Row(Benchmark Benchmark, int Categories);

    public IReadOnlyList<Row> Benchmarks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = await db.Set<Benchmark>().AsNoTracking().OrderBy(b => b.Name).ThenByDescending(b => b.EndMonth).ToListAsync(ct);
        var counts = await db.Set<BenchmarkCategoryCount>().AsNoTracking().GroupBy(c => c.BenchmarkId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Benchmarks = list.Select(b => new Row(b, counts.GetValueOrDefault(b.Id))).ToList();
    }
}
