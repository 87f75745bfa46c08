using System.Diagnostics;
using System.Globalization;
using CommunitySafety.Cli;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Features.Places.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Measures the product's police.uk import into a fresh store (SQLite or PostgreSQL) and the ward-map
// query the analysis pages run. bench/run.sh builds the input and runs the baselines around this.
// Usage: CommunitySafety.Bench sqlite|postgres CONNECTION-STRING STREET-CSV SHARED-DATA-DIR
// `people-search [options]` runs the people search benchmark instead (bench/people-search.sh);
// `hotspots demo|SHARED-DATA-DIR` times the hotspot grid analysis (HotspotBench);
// `person-matching [--people N] [--seed S]` prints the matching rule's precision and recall (PersonMatchingBench).
if (args.Length > 0 && args[0] == "people-search")
{
    return await CommunitySafety.Bench.PeopleSearchProgram.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "person-matching")
{
    return await CommunitySafety.Bench.PersonMatchingBench.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "hotspots")
{
    return await CommunitySafety.Bench.HotspotBench.RunAsync(args[1..]);
}
if (args.Length != 4 && args[0] != "parse-only")
{
    Console.Error.WriteLine("usage: CommunitySafety.Bench sqlite|postgres CONNECTION-STRING STREET-CSV SHARED-DATA-DIR");
    return 2;
}

if (args[0] == "parse-only")
{
    // Diagnostic: the reader and ward assignment alone, without any database.
    var w = Stopwatch.StartNew();
    long n = 0;
    using (var reader = StreetCsvReader.Open(args[1]))
    {
        foreach (var r in reader.Read())
        {
            n++;
        }
    }

    Console.WriteLine(Invariant($"parse-only: {n} rows in {w.Elapsed.TotalSeconds:F2} s"));
    w.Restart();
    var set = CommunitySafety.Features.Places.Import.BoundaryReader.Read(args[2]);
    var assigner = new WardAssigner(set);
    Console.WriteLine(Invariant($"boundaries: {w.Elapsed.TotalSeconds:F2} s"));
    w.Restart();
    using (var reader = StreetCsvReader.Open(args[1]))
    {
        foreach (var r in reader.Read())
        {
            if (r.IsRow && r.Row.Longitude is { } lon)
            {
                assigner.Assign(lon, r.Row.Latitude!.Value);
            }
        }
    }

    Console.WriteLine(Invariant($"parse+assign: {w.Elapsed.TotalSeconds:F2} s, {assigner.CachedPoints} distinct points"));
    return 0;
}

var provider = args[0].Equals("postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite";
var (connection, csv, data) = (args[1], args[2], args[3]);
var ct = CancellationToken.None;
await using var host = CliHost.Create([$"--Database:Provider={provider}", $"--ConnectionStrings:{provider}={connection}", "--Database:SqliteSynchronous=FULL"]);
await host.MigrateAsync(ct);

var setup = Stopwatch.StartNew();
await using (var scope = host.CreateScope())
{
    var reference = scope.ServiceProvider.GetRequiredService<ReferenceImporter>();
    Check(await reference.ImportBoundariesAsync(Path.Combine(data, "boundaries/wards-2025-bgc/E10000015.geojson"), true, "bench", ct));
    Check(await reference.ImportLookupAsync(Path.Combine(data, "lookups/LSOA11_LSOA21_LAD22_EW_exact_LU.csv"), "bench", ct));
    Check(await reference.ImportLookupAsync(Path.Combine(data, "lookups/LSOA21_WD24_LAD24_EW_LU.csv"), "bench", ct));
}

Console.WriteLine(Invariant($"[{provider}] reference data (176 Hertfordshire 2025 wards + 2 LSOA lookups) loaded in {setup.Elapsed.TotalSeconds:F1} s"));

GC.Collect();
var process = Process.GetCurrentProcess();
process.Refresh();
var workingSetBefore = process.WorkingSet64;
ImportResult result;
var watch = Stopwatch.StartNew();
await using (var scope = host.CreateScope())
{
    var importer = scope.ServiceProvider.GetRequiredService<PoliceUkImporter>();
    result = await importer.ImportAsync(csv, "bench", ct: ct);
    Console.WriteLine($"[{provider}] stages: " + string.Join(", ", importer.StageSeconds.Select(s => Invariant($"{s.Key} {s.Value:F2} s"))));
}

watch.Stop();
process.Refresh();
Check(result);
Console.WriteLine(Invariant($"[{provider}] IMPORT rows={result.RowsRead} imported={result.RowsImported} outside={result.RowsOutsideArea} no-location={result.RowsWithoutLocation} seconds={watch.Elapsed.TotalSeconds:F2} rows/s={result.RowsRead / watch.Elapsed.TotalSeconds:F0}"));
Console.WriteLine(Invariant($"[{provider}] MEMORY working-set before import={workingSetBefore / 1048576.0:F0} MB, process peak working set={process.PeakWorkingSet64 / 1048576.0:F0} MB"));

// Ward map: the query the map page, its table and /api/places/ward-figures run for the default view
// (the latest 12 months loaded, all categories, every ward with population, rate and change).
await using (var scope = host.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDb>();
    var timings = new List<double>();
    WardFigures? figures = null;
    for (var i = 0; i < 210; i++)
    {
        db.ChangeTracker.Clear();
        var t = Stopwatch.StartNew();
        (figures, var error) = await WardFiguresQuery.RunAsync(db, new WardFigureRequest(), ct);
        t.Stop();
        if (error is not null)
        {
            Console.Error.WriteLine("ward map query failed: " + error);
            return 1;
        }

        if (i >= 10)
        {
            timings.Add(t.Elapsed.TotalMilliseconds); // the first 10 are warm-up
        }
    }

    timings.Sort();
    Console.WriteLine(Invariant($"[{provider}] WARD-MAP {figures!.From}..{figures.To} all categories wards={figures.Wards.Count} total={figures.Totals.Count} runs=200 p50={timings[99]:F2} ms p95={timings[189]:F2} ms"));
}

return 0;

static void Check(ImportResult r)
{
    if (!r.Succeeded)
    {
        Console.Error.WriteLine("import failed: " + r.Message);
        Environment.Exit(1);
    }
}

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
