using System.CommandLine;
using System.Globalization;
using CommunitySafety.Cli;
using Spectre.Console;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// <c>import police-uk|boundaries|lookup|population PATH</c>. Each prints progress (a Spectre
/// progress bar on a terminal, plain lines when output is redirected) and a summary; a failed import
/// prints "file, line, field: reason" lines and exits non-zero.
/// </summary>
internal static class ImportCommands
{
    private const string CliUser = "(command line)";

    public static Command Build()
    {
        var import = new Command("import", "Load police.uk crime data and ONS boundaries, lookups and populations into Places.");
        import.Subcommands.Add(PoliceUk());
        import.Subcommands.Add(Boundaries());
        import.Subcommands.Add(Lookup());
        import.Subcommands.Add(Population());
        return import;
    }

    private static Command PoliceUk()
    {
        var path = new Argument<string>("PATH") { Description = "A *-street.csv / *-outcomes.csv file, a folder of them, or a police.uk monthly .zip." };
        var partial = new Option<bool>("--accept-bad-rows")
        {
            Description = "Store the good rows even when some rows cannot be read (they are listed in the import report). By default any bad row stops the import and nothing changes.",
        };
        var replaceSmaller = new Option<bool>("--replace-smaller")
        {
            Description = "Let a file replace a stored force-month although it has fewer than half its rows. Without it such an import is refused, saying how many rows would go, and nothing changes.",
        };
        var command = new Command("police-uk", "Import police.uk street-level crimes and outcomes. Each force-month replaces the stored one.") { path, partial, replaceSmaller };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            await using var host = CliHost.Create(result.UnmatchedTokens);
            await host.MigrateAsync(ct);
            await using var scope = host.CreateScope();
            var importer = scope.ServiceProvider.GetRequiredService<PoliceUkImporter>();
            var options = new PoliceUkImportOptions { AcceptRowRejections = result.GetValue(partial), ReplaceSmaller = result.GetValue(replaceSmaller) };
            var outcome = await WithProgressAsync(progress =>
                importer.ImportAsync(result.GetValue(path)!, CliUser, options, progress, ct: ct));
            return Print(outcome);
        });
        return command;
    }

    private static Command Boundaries()
    {
        var path = new Argument<string[]>("PATH")
        {
            Description = "ONS ward (WDyyCD) or LSOA (LSOAyyCD) GeoJSON, WGS84 or British National Grid. Several files, or a folder of them, load as one set (one file per council of a force area).",
            Arity = ArgumentArity.OneOrMore,
        };
        var current = new Option<bool>("--current") { Description = "Make these wards the current set used for placing crimes and for analysis (all the files given form the set)." };
        var command = new Command("boundaries",
            "Import ward or LSOA boundaries (level detected from the code property); several files or a folder make one set. When the current ward set changes, every stored record is placed again in the new wards and the ward counts are rebuilt.")
        { path, current };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            var (paths, switches) = SplitConfigurationSwitches(result.GetValue(path)!, result.UnmatchedTokens);
            await using var host = CliHost.Create(switches);
            await host.MigrateAsync(ct);
            await using var scope = host.CreateScope();
            var importer = scope.ServiceProvider.GetRequiredService<ReferenceImporter>();
            // Progress: making a set current re-places every stored record, which takes a while on a big store.
            return Print(await WithProgressAsync(progress =>
                importer.ImportBoundariesAsync(paths, result.GetValue(current), CliUser, progress, ct)));
        });
        return command;
    }

    private static Command Lookup()
    {
        var path = new Argument<string>("PATH") { Description = "ONS LSOA → ward lookup CSV (LSOAyyCD, WDyyCD, …) or LSOA11 → LSOA21 lookup (LSOA11CD, LSOA21CD, CHGIND)." };
        var command = new Command("lookup", "Import an ONS LSOA lookup (kind detected from the header). Stored records without coordinates are placed again through it.") { path };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            await using var host = CliHost.Create(result.UnmatchedTokens);
            await host.MigrateAsync(ct);
            await using var scope = host.CreateScope();
            var importer = scope.ServiceProvider.GetRequiredService<ReferenceImporter>();
            return Print(await WithProgressAsync(progress => importer.ImportLookupAsync(result.GetValue(path)!, CliUser, progress, ct: ct)));
        });
        return command;
    }

    private static Command Population()
    {
        var path = new Argument<string>("PATH") { Description = "CSV of area code and population (e.g. lsoacd,population)." };
        var year = new Option<int?>("--year") { Description = "Year of the estimates (default: a year in the file name)." };
        var command = new Command("population", "Import population estimates for LSOAs, wards or local authorities.") { path, year };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            await using var host = CliHost.Create(result.UnmatchedTokens);
            await host.MigrateAsync(ct);
            await using var scope = host.CreateScope();
            var importer = scope.ServiceProvider.GetRequiredService<ReferenceImporter>();
            return Print(await WithProgressAsync(progress => importer.ImportPopulationAsync(result.GetValue(path)!, result.GetValue(year), CliUser, progress, ct: ct)));
        });
        return command;
    }

    /// <summary>
    /// A PATH list takes every token the parser does not know, so configuration switches given after the paths
    /// (<c>--Database:Provider=Sqlite</c>, or <c>--Database:Provider Sqlite</c>) are taken back out of it.
    /// </summary>
    internal static (string[] Paths, List<string> Switches) SplitConfigurationSwitches(string[] values, IReadOnlyList<string> unmatched)
    {
        var paths = new List<string>();
        var switches = new List<string>(unmatched);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value.StartsWith("--", StringComparison.Ordinal))
            {
                switches.Add(value);
                if (!value.Contains('=', StringComparison.Ordinal) && i + 1 < values.Length && !values[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    switches.Add(values[++i]);
                }
            }
            else
            {
                paths.Add(value);
            }
        }

        return ([.. paths], switches);
    }

    private static async Task<ImportResult> Guard(Func<Task<ImportResult>> run)
    {
        try
        {
            return await run();
        }
        catch (ImportFormatException ex)
        {
            return new ImportResult(0, Model.ImportStatus.Failed, ex.Message, 0, 0, 0, 0, 0, TimeSpan.Zero, [], []);
        }
    }

    private static async Task<ImportResult> WithProgressAsync(Func<IProgress<ImportProgress>, Task<ImportResult>> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Plain lines, at most one per 10% of each stage (logs and CI).
            var last = -1;
            string? lastStage = null;
            var progress = new SyncProgress(p =>
            {
                var tenth = (int)(p.Fraction * 10);
                if (p.BytesTotal > 0 && (tenth != last || p.Stage != lastStage))
                {
                    last = tenth;
                    lastStage = p.Stage;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Stage}: {p.Fraction:P0}, {p.RowsRead:N0} {p.Counted}"));
                }
            });
            return await Guard(() => run(progress));
        }

        ImportResult? outcome = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Importing", maxValue: 1.0);
                var progress = new SyncProgress(p =>
                {
                    task.Description = Markup.Escape($"{p.Stage} ({p.RowsRead:N0} {p.Counted})");
                    if (p.BytesTotal > 0)
                    {
                        task.Value = p.Fraction;
                    }
                });
                outcome = await Guard(() => run(progress));
                task.Value = 1.0;
            });
        return outcome!;
    }

    private static int Print(ImportResult r)
    {
        var rate = r.Elapsed.TotalSeconds > 0 ? r.RowsRead / r.Elapsed.TotalSeconds : 0;
        if (r.Succeeded)
        {
            Console.WriteLine(r.Message);
        }
        else
        {
            Console.Error.WriteLine("Import failed: " + r.Message);
            foreach (var rejection in r.FirstRejections)
            {
                Console.Error.WriteLine("  " + rejection);
            }

            if (r.RowsRejected > r.FirstRejections.Count)
            {
                Console.Error.WriteLine($"  … and {r.RowsRejected - r.FirstRejections.Count:N0} more (see the import report)");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Batch {r.BatchId}: read {r.RowsRead:N0}, imported {r.RowsImported:N0}, rejected {r.RowsRejected:N0}, repeated Crime IDs stored once {r.RowsDuplicate:N0}, outside the area {r.RowsOutsideArea:N0}, without location {r.RowsWithoutLocation:N0}; {r.Elapsed.TotalSeconds:F1} s, {rate:N0} rows/s"));
        foreach (var note in r.Notes.Take(20))
        {
            Console.WriteLine("Note: " + note);
        }

        return r.Succeeded ? 0 : 1;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool out of order).</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ImportProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
