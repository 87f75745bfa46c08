using System.Diagnostics;
using System.Globalization;
using CommunitySafety.Cli;
using CommunitySafety.Data;
using CommunitySafety.Features.Demo;
using CommunitySafety.Features.Places.Hotspots;
using CommunitySafety.Features.Places.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Bench;

/// <summary>
/// Times the hotspot grid analysis (what /places/hotspots and /api/places/hotspots run) with its
/// defaults: whole county, all recorded crime, the 24 months to the latest (or --to), automatic periods, grid cells.
/// Usage: CommunitySafety.Bench hotspots demo|SHARED-DATA-DIR [sqlite|postgres CONNECTION-STRING] [--runs N] [--to YYYY-MM] [--dump FILE] [--scale K] [--unit grid|wards]
///   --scale K       (demo) repeat every generated record K times.
///   demo            the generated Wyvernshire demo county (49 wards, 24 months);
///   SHARED-DATA-DIR the real Hertfordshire 2025 wards and every Hertfordshire street file in shared/data.
/// Without a connection string a fresh SQLite file in a temp folder is used and deleted afterwards.
/// </summary>
public static class HotspotBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: CommunitySafety.Bench hotspots demo|SHARED-DATA-DIR [sqlite|postgres CONNECTION-STRING] [--runs N] [--to YYYY-MM] [--dump FILE] [--scale K] [--unit grid|wards]");
            return 2;
        }

        var runs = 20;
        string? to = null;
        string? dump = null;
        var scale = 1;
        var unit = "grid";
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--runs" && i + 1 < args.Length)
            {
                runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--unit" && i + 1 < args.Length)
            {
                unit = args[++i];
            }
            else if (args[i] == "--scale" && i + 1 < args.Length)
            {
                scale = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--dump" && i + 1 < args.Length)
            {
                dump = args[++i];
            }
            else if (args[i] == "--to" && i + 1 < args.Length)
            {
                to = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        string? folder = null;
        var provider = "Sqlite";
        string connection;
        if (rest.Count >= 2)
        {
            provider = rest[0].Equals("postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite";
            connection = rest[1];
        }
        else
        {
            folder = Directory.CreateTempSubdirectory("csp-bench-hotspots-").FullName;
            connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        }

        try
        {
            return await RunCoreAsync(args[0], provider, connection, new Options(runs, to, dump, scale, unit), folder);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<int> RunCoreAsync(string source, string provider, string connection, Options options, string? folder)
    {
        var ct = CancellationToken.None;
        string[] hostArgs = [$"--Database:Provider={provider}", $"--ConnectionStrings:{provider}={connection}"];
        if (folder is not null)
        {
            hostArgs = [.. hostArgs, $"--Database:DataFolder={folder}"];
        }

        await using var host = CliHost.Create(hostArgs);
        await host.MigrateAsync(ct);
        var setup = Stopwatch.StartNew();
        await using (var scope = host.CreateScope())
        {
            if (source == "demo")
            {
                // The demo seeder only runs with the demo enabled; CliHost turns it off, so call it directly.
                var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
                if (seeded.Seeded && options.Scale > 1)
                {
                    // A bigger county of the same shape: every record repeated (same map points, so the
                    // point-level work stays the same and only the rows read grow).
                    var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                    var original = await db.Database.SqlQueryRaw<long>("SELECT max(id) AS \"Value\" FROM crime_records").SingleAsync(ct);
                    for (var k = 1; k < options.Scale; k++)
                    {
                        await db.Database.ExecuteSqlAsync($"""
                            INSERT INTO crime_records (batch_id, force_month_id, month, category, crime_id, longitude, latitude, location_id, lsoa_code, ward_id, placement, last_outcome_id)
                            SELECT batch_id, force_month_id, month, category, crime_id, longitude, latitude, location_id, lsoa_code, ward_id, placement, last_outcome_id
                            FROM crime_records WHERE id <= {original}
                            """, ct);
                    }
                }
            }
            else
            {
                var reference = scope.ServiceProvider.GetRequiredService<ReferenceImporter>();
                Check(await reference.ImportBoundariesAsync(Path.Combine(source, "boundaries/wards-2025-bgc/E10000015.geojson"), true, "bench", ct: ct));
                var importer = scope.ServiceProvider.GetRequiredService<PoliceUkImporter>();
                Check(await importer.ImportAsync(Path.Combine(source, "police-uk/street/hertfordshire"), "bench", ct: ct));
            }
        }

        Console.WriteLine(Invariant($"[{provider}] hotspots data ({source}) loaded in {setup.Elapsed.TotalSeconds:F1} s"));
        var request = HotspotRequests.From("county", null, null, options.To, null, options.Unit);
        var timings = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        HotspotReport? report = null;
        for (var i = 0; i < options.Runs + 3; i++)
        {
            // A fresh scope (and DbContext) per run, as each web request gets.
            await using var scope = host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            report = await HotspotAnalysis.RunAsync(db, request, ct);
            watch.Stop();
            process.Refresh();
            if (i >= 3)
            {
                // The first 3 warm up JIT and caches. CPU time is reported too: on a shared machine it
                // varies far less than elapsed time (this process's own work, whatever else runs).
                timings.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
        }

        timings.Sort();
        cpu.Sort();
        var r = report!;
        Console.WriteLine(Invariant(
            $"[{provider}] HOTSPOTS {r.FromMonth}..{r.ToMonth} period={r.Period} periods={r.IncludedPeriods}/{r.Periods.Count} grid={r.Grid?.Columns}x{r.Grid?.Rows} ({r.Grid?.CellSize} m) records={r.Records} results={r.Results.Count} classified={r.Classified.Count()} runs={timings.Count} min={timings[0]:F0} ms p50={timings[timings.Count / 2]:F0} ms p95={timings[(int)Math.Ceiling(timings.Count * 0.95) - 1]:F0} ms cpu-p50={cpu[cpu.Count / 2]:F0} ms"));
        if (options.Dump is { } dump)
        {
            // Every figure of the report, doubles in round-trip form, so two builds can be compared with diff.
            await File.WriteAllLinesAsync(dump, r.Results.Select(x => Invariant(
                $"{x.Key}\t{x.Name}\t{x.Class}\t{x.Classification}\t{string.Join(' ', x.Counts)}\t{x.LatestZ:R}"))
                .Prepend(Invariant($"records={r.Records} outside={r.PointsOutsideGrid} grid={r.Grid} periods={string.Join(' ', r.Periods)}")), ct);
        }

        return 0;
    }

    private sealed record Options(int Runs, string? To, string? Dump, int Scale, string Unit);

    private static void Check(ImportResult r)
    {
        if (!r.Succeeded)
        {
            throw new InvalidOperationException("import failed: " + r.Message);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
