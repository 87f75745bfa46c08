using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Imports;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Imports reference data: ONS ward/LSOA boundaries, LSOA lookups and population estimates. Each
/// import is one transaction and is recorded as an <see cref="ImportBatch"/>; bad rows fail the import
/// (nothing changes) and are listed in its report.
/// </summary>
public sealed partial class ReferenceImporter(AppDb db, AuditLog audit, TimeProvider clock, Imports.InterruptedImports interrupted, ILogger<ReferenceImporter> logger)
{
    [GeneratedRegex(@"(?<!\d)(19|20)\d\d(?!\d)")]
    private static partial Regex YearInName();

    public Task<ImportResult> ImportBoundariesAsync(string path, bool makeCurrent, string userName, CancellationToken ct = default) =>
        ImportBoundariesAsync([path], makeCurrent, userName, null, ct);

    public Task<ImportResult> ImportBoundariesAsync(string path, bool makeCurrent, string userName, IProgress<ImportProgress>? progress, CancellationToken ct = default) =>
        ImportBoundariesAsync([path], makeCurrent, userName, progress, ct);

    /// <summary>The GeoJSON files named, folders expanded to their .geojson/.json files (name order).</summary>
    internal static List<string> BoundaryFiles(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path)
                    .Where(f => f.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    throw new ImportFormatException(Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), null, null, "the folder holds no .geojson or .json files");
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new ImportFormatException(Path.GetFileName(path), null, null, "no such file or folder");
            }
        }

        var twice = files.GroupBy(f => Path.GetFullPath(f)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ImportFormatException(Path.GetFileName(twice.Key), null, null, "is named twice");
        }

        return files;
    }

    /// <summary>How a ward set reads in messages: its file, or its files' count and names.</summary>
    internal static string SetName(IReadOnlyList<string> fileNames)
    {
        var name = fileNames.Count == 1 ? fileNames[0] : $"{fileNames.Count} files: {string.Join(", ", fileNames)}";
        return name.Length <= 400 ? name : name[..397] + "...";
    }

    /// <summary>
    /// Reads several files as one set (one file per council, as ONS publishes them): all of one level and
    /// vintage, no code in two files, the caps counted over the whole set.
    /// </summary>
    /// <param name="progress">Told how far through the set's bytes the reading is, and how many features it has checked.</param>
    internal static BoundarySet ReadSet(IReadOnlyList<string> files, IProgress<ImportProgress>? progress = null)
    {
        var sets = new List<BoundarySet>();
        var features = 0;
        long positions = 0;
        var fileOfCode = new Dictionary<string, string>(StringComparer.Ordinal);
        var total = files.Sum(f => new FileInfo(f).Length);
        long before = 0;
        foreach (var file in files)
        {
            var bytes = new FileInfo(file).Length;
            var name = Path.GetFileName(file);
            var featuresBefore = features;
            var bytesBefore = before;
            progress?.Report(new ImportProgress(ReadingStage, name, bytesBefore, total, featuresBefore, FeaturesRead));
            var set = BoundaryReader.Read(file, features, positions, progress is null ? null : (done, count) =>
                progress.Report(new ImportProgress(ReadingStage, name, bytesBefore + (count == 0 ? bytes : bytes * done / count), total, featuresBefore + done, FeaturesRead)));
            before += bytes;
            features += set.Features.Count;
            positions += set.Positions;
            if (sets.Count > 0 && (set.Level != sets[0].Level || !set.CodeProperty.Equals(sets[0].CodeProperty, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ImportFormatException(set.File, null, "properties",
                    $"has {set.CodeProperty} codes but {sets[0].File} has {sets[0].CodeProperty}: one set holds one level and vintage");
            }

            for (var i = 0; i < set.Features.Count; i++)
            {
                if (!fileOfCode.TryAdd(set.Features[i].Code, set.File))
                {
                    throw new ImportFormatException(set.File, null, set.CodeProperty,
                        $"feature {i + 1}: {set.Features[i].Code} is also in {fileOfCode[set.Features[i].Code]}; a code can be in one file of a set only");
                }
            }

            sets.Add(set);
        }

        if (sets.Count == 1)
        {
            return sets[0];
        }

        return sets[0] with
        {
            File = SetName([.. sets.Select(x => x.File)]),
            Features = [.. sets.SelectMany(x => x.Features)],
            Notes = [.. sets.SelectMany(x => x.Notes.Select(n => $"{x.File}: {n}"))],
            Positions = positions,
        };
    }

    private const string ReadingStage = "Reading the boundary files";

    private const string FeaturesRead = "features read";

    /// <summary>
    /// One file: its own hash. Several: a hash over their hashes in sorted order, so the same files in any order are
    /// the same set (and a web upload can tell that the same files are already being imported).
    /// </summary>
    internal static string SetHash(IReadOnlyList<string> fileHashes) => fileHashes.Count == 1 ? fileHashes[0]
        : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Join('\n', fileHashes.Order(StringComparer.Ordinal)))));

    /// <summary>Sentence naming the current ward set and its size ("The current ward set is ... with 176 wards").</summary>
    public async Task<string> CurrentWardSetSentenceAsync(CancellationToken ct)
    {
        var current = await db.Set<Model.BoundarySet>().AsNoTracking().Where(s => s.Level == BoundaryLevel.Ward && s.IsCurrent)
            .Select(s => new { s.FileName, s.CodeProperty, Wards = db.Set<Ward>().Count(w => w.BoundarySetId == s.Id) }).FirstOrDefaultAsync(ct);
        return current is null
            ? "No ward set is current yet."
            : $"The current ward set is \"{current.FileName}\" ({current.CodeProperty}) with {current.Wards:N0} wards.";
    }

    /// <param name="makeCurrent">Make this the ward set used for placement and analysis (replacing the current one).
    /// The first ward set loaded becomes current anyway. When the current set changes, every stored record is
    /// placed again in the new wards in the same transaction (<see cref="WardReplacement"/>).</param>
    /// <param name="paths">GeoJSON files or folders of them, loaded as one set (e.g. one file per council of a force area).</param>
    /// <param name="progress">Progress of reading the files and of the re-placement.</param>
    public Task<ImportResult> ImportBoundariesAsync(IReadOnlyList<string> paths, bool makeCurrent, string userName, IProgress<ImportProgress>? progress, CancellationToken ct = default) =>
        ImportSetAsync(paths, makeCurrent, addToCurrent: false, userName, progress, null, ct);

    /// <summary>
    /// Adds ward files to the current ward set (a council at a time, as the web page uploads them): a new set of the
    /// current wards and the new ones becomes current. A code already in the current set is refused.
    /// </summary>
    public Task<ImportResult> AddToCurrentWardSetAsync(IReadOnlyList<string> paths, string userName, IProgress<ImportProgress>? progress, CancellationToken ct = default) =>
        ImportSetAsync(paths, makeCurrent: true, addToCurrent: true, userName, progress, null, ct);

    /// <summary>
    /// A web upload of boundary files queued earlier (<see cref="QueueAsync(ImportKind, string, string?, string, CancellationToken)"/>),
    /// run now by the import queue through the same code as <c>import boundaries</c>, so its page follows the same batch.
    /// </summary>
    public Task<ImportResult> ImportQueuedBoundariesAsync(int batchId, IReadOnlyList<string> paths, WardSetUse use, string userName, IProgress<ImportProgress>? progress, CancellationToken ct) =>
        ImportSetAsync(paths, makeCurrent: use != WardSetUse.Keep, addToCurrent: use == WardSetUse.AddToCurrent, userName, progress, batchId, ct);

    private async Task<ImportResult> ImportSetAsync(IReadOnlyList<string> paths, bool makeCurrent, bool addToCurrent, string userName, IProgress<ImportProgress>? progress,
        int? queuedBatchId, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        List<string> files;
        try
        {
            files = BoundaryFiles(paths);
        }
        catch (ImportFormatException ex)
        {
            var failed = queuedBatchId is null
                ? await StartAsync(ImportKind.Boundaries, null, string.Join(", ", paths.Select(Path.GetFileName)), userName, ct)
                : await StartAsync(ImportKind.Boundaries, paths[0], userName, ct, queuedBatchId);
            return await FailAsync(failed, ex.Message, [], watch, ct);
        }

        var setName = SetName([.. files.Select(Path.GetFileName).OfType<string>()]);
        var batch = queuedBatchId is null
            ? await StartAsync(ImportKind.Boundaries, files[0], setName, userName, ct)
            : await StartAsync(ImportKind.Boundaries, files[0], userName, ct, queuedBatchId);
        try
        {
            progress?.Report(new ImportProgress(ReadingStage, Path.GetFileName(files[0]), 0, 0, 0, FeaturesRead));
            var sha = SetHash([.. files.Select(PoliceUkImporter.HashFile)]);
            batch.Sha256 = sha;
            var set = ReadSet(files, progress);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var kept = new List<Ward>();
            if (addToCurrent && await db.Set<Model.BoundarySet>().AsNoTracking().FirstOrDefaultAsync(s => s.Level == BoundaryLevel.Ward && s.IsCurrent, ct) is { } extended)
            {
                if (set.Level != BoundaryLevel.Ward || !set.CodeProperty.Equals(extended.CodeProperty, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ImportFormatException(set.File, null, "properties",
                        $"has {set.CodeProperty} codes but the current ward set \"{extended.FileName}\" has {extended.CodeProperty}: only wards of the same vintage can be added to it");
                }

                kept = await db.Set<Ward>().AsNoTracking().Where(w => w.BoundarySetId == extended.Id).ToListAsync(ct);
                var codes = kept.Select(w => w.Code).ToHashSet(StringComparer.Ordinal);
                var clash = set.Features.Select((f, i) => (f.Code, Number: i + 1)).FirstOrDefault(f => codes.Contains(f.Code));
                if (clash.Code is not null)
                {
                    throw new ImportFormatException(set.File, null, set.CodeProperty,
                        $"{clash.Code} is already in the current ward set \"{extended.FileName}\"; a ward can be added once");
                }

                sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(extended.Sha256 + "+" + sha)));
                batch.Sha256 = sha;
                setName = $"{extended.FileName} + {setName}";
                setName = setName.Length <= 400 ? setName : setName[..397] + "...";
            }

            if (await db.Set<Model.BoundarySet>().AnyAsync(s => s.Sha256 == sha, ct))
            {
                var existing = await db.Set<Model.BoundarySet>().FirstAsync(s => s.Sha256 == sha, ct);
                var again = $"already imported (sha256 {sha}): no wards or LSOAs were added";
                if (makeCurrent && set.Level == BoundaryLevel.Ward && !existing.IsCurrent)
                {
                    await MakeCurrentAsync(existing, ct);
                    await db.SaveChangesAsync(ct);
                    await WardPopulations.RefreshAsync(db, ct);
                    var replaced = await WardReplacement.RunAsync(db, points: true, progress, ct);
                    batch.Notes = replaced.Records > 0 ? replaced.Note : null;
                    again += "; made the current ward set again" + (replaced.Records > 0 ? ". " + replaced.Note : "");
                }

                if (set.Level == BoundaryLevel.Ward)
                {
                    again += ". " + await CurrentWardSetSentenceAsync(ct);
                }

                return await FinishAsync(batch, ImportStatus.AlreadyImported, again, 0, watch, tx, ct);
            }

            progress?.Report(new ImportProgress(set.Level == BoundaryLevel.Ward ? "Storing the wards" : "Storing the LSOAs", null, 1, 1, set.Features.Count, FeaturesRead));

            var entity = new Model.BoundarySet
            {
                Level = set.Level,
                Vintage = set.Vintage,
                FileName = setName,
                Sha256 = sha,
                CodeProperty = set.CodeProperty,
                ImportedUtc = clock.GetUtcNow().UtcDateTime,
                ImportedBy = userName,
                FeatureCount = kept.Count + set.Features.Count,
            };
            db.Add(entity);
            await db.SaveChangesAsync(ct);
            var wkb = new WKBWriter();
            if (set.Level == BoundaryLevel.Ward)
            {
                foreach (var w in kept)
                {
                    db.Add(new Ward
                    {
                        BoundarySetId = entity.Id, Code = w.Code, Name = w.Name, LadCode = w.LadCode, LadName = w.LadName, Geometry = w.Geometry,
                        MinLongitude = w.MinLongitude, MinLatitude = w.MinLatitude, MaxLongitude = w.MaxLongitude, MaxLatitude = w.MaxLatitude,
                        CentroidLongitude = w.CentroidLongitude, CentroidLatitude = w.CentroidLatitude, Population = w.Population, PopulationYear = w.PopulationYear,
                    });
                }

                foreach (var f in set.Features)
                {
                    var env = f.Geometry.EnvelopeInternal;
                    var inside = f.Geometry.InteriorPoint;
                    db.Add(new Ward
                    {
                        BoundarySetId = entity.Id,
                        Code = f.Code,
                        Name = f.Name ?? f.Code,
                        LadCode = f.LadCode,
                        LadName = f.LadName,
                        Geometry = wkb.Write(f.Geometry),
                        MinLongitude = env.MinX,
                        MinLatitude = env.MinY,
                        MaxLongitude = env.MaxX,
                        MaxLatitude = env.MaxY,
                        CentroidLongitude = inside.X,
                        CentroidLatitude = inside.Y,
                    });
                }

                var anyCurrent = await db.Set<Model.BoundarySet>().AnyAsync(s => s.Level == BoundaryLevel.Ward && s.IsCurrent, ct);
                if (makeCurrent || !anyCurrent)
                {
                    await MakeCurrentAsync(entity, ct);
                }
            }
            else
            {
                var codes = set.Features.Select(f => f.Code).ToList();
                await db.Set<Lsoa>().Where(l => l.Vintage == set.Vintage && codes.Contains(l.Code)).ExecuteDeleteAsync(ct);
                foreach (var f in set.Features)
                {
                    db.Add(new Lsoa { Code = f.Code, Name = f.Name, Vintage = set.Vintage, BoundarySetId = entity.Id, Geometry = wkb.Write(f.Geometry) });
                }
            }

            await db.SaveChangesAsync(ct);
            await WardPopulations.RefreshAsync(db, ct);
            var level = set.Level == BoundaryLevel.Ward ? "wards" : "LSOAs";
            var current = set.Level != BoundaryLevel.Ward ? ""
                : entity.IsCurrent ? $". The current ward set is now \"{setName}\" with {entity.FeatureCount:N0} wards"
                : $". Not made current ({(queuedBatchId is null ? "add --current for that" : "upload them again choosing to make them the current ward set for that")}). "
                    + (await CurrentWardSetSentenceAsync(ct)).TrimEnd('.');
            var notes = set.Notes.Take(100).ToList();
            if (entity.IsCurrent)
            {
                var replaced = await WardReplacement.RunAsync(db, points: true, progress, ct);
                if (replaced.Records > 0)
                {
                    notes.Add(replaced.Note);
                    current += ". " + replaced.Note;
                }
            }

            batch.Notes = notes.Count == 0 ? null : string.Join('\n', notes);
            return await FinishAsync(batch, ImportStatus.Succeeded,
                $"Imported {set.Features.Count:N0} {level} ({set.CodeProperty}, {set.Vintage}){(files.Count > 1 ? $" from {files.Count} files" : "")}{current}", set.Features.Count, watch, tx, ct);
        }
        catch (ImportFormatException ex)
        {
            return await FailAsync(batch, ex.Message, [], watch, ct);
        }
        catch (OperationCanceledException)
        {
            await StoppedAsync(batch, watch);
            throw;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A database or disk error: the transaction rolled back, so say so rather than leave the batch "Importing".
            logger.ReferenceImportFailed(ex, batch.Kind, batch.Id);
            return await FailAsync(batch, "The import failed and nothing was changed: " + ex.Message, [], watch, CancellationToken.None);
        }
    }

    /// <summary>
    /// The server stopping or Ctrl+C: the transaction rolls back (the current ward set and the stored data are as they
    /// were) and the history says "Interrupted" (run it again), as for a police.uk import, not "Failed".
    /// </summary>
    private Task<ImportResult> StoppedAsync(ImportBatch batch, Stopwatch watch) =>
        FailAsync(batch, PoliceUkImporter.StoppedMessage, [], watch, CancellationToken.None, ImportStatus.Interrupted);

    // Tens of thousands of rows: through the import writers rather than EF change tracking.
    private async Task BulkAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var writer = RecordWriters.Create(db, 0);
        await writer.InsertRowsAsync(table, columns, rows, ct);
    }

    private async Task MakeCurrentAsync(Model.BoundarySet set, CancellationToken ct)
    {
        await LockAgainstImportsAsync(ct);
        await db.Set<Model.BoundarySet>().Where(s => s.Level == BoundaryLevel.Ward && s.IsCurrent && s.Id != set.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.IsCurrent, false), ct);
        set.IsCurrent = true;
    }

    /// <summary>
    /// PostgreSQL: waits for any police.uk import to finish (and keeps new ones waiting until this transaction
    /// ends), so no import places records with the wards or lookups being replaced. SQLite transactions already
    /// exclude each other (one writer).
    /// </summary>
    private async Task LockAgainstImportsAsync(CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PoliceUkImporter.AdvisoryLockKey})", ct);
        }
    }

    public Task<ImportResult> ImportLookupAsync(string path, string userName, CancellationToken ct = default) =>
        ImportLookupAsync(path, userName, null, ct: ct);

    /// <summary>Imports an LSOA → ward lookup (LSOAyyCD + WDyyCD) or the LSOA11 → LSOA21 lookup, detected from the header.</summary>
    /// <remarks>Stored records without coordinates are placed again through the new lookups, in the same transaction.</remarks>
    public async Task<ImportResult> ImportLookupAsync(string path, string userName, IProgress<ImportProgress>? progress, int? queuedBatchId = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var batch = await StartAsync(ImportKind.Lookup, path, userName, ct, queuedBatchId);
        var rejections = new List<RowRejection>();
        try
        {
            batch.Sha256 = PoliceUkImporter.HashFile(path);
            var header = (File.ReadLines(path).FirstOrDefault() ?? "").TrimStart('\uFEFF');
            var isChange = header.Contains("LSOA11CD", StringComparison.OrdinalIgnoreCase)
                && header.Contains("LSOA21CD", StringComparison.OrdinalIgnoreCase)
                && header.Contains("CHGIND", StringComparison.OrdinalIgnoreCase);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockAgainstImportsAsync(ct);
            long count = 0;
            string what;
            if (isChange)
            {
                var rows = new List<LsoaChangeLink>();
                var reading = ReadingProgress.Open(path, "Reading the lookup", progress);
                foreach (var r in LookupReader.ReadLsoa11To21(reading.Stream, Path.GetFileName(path)))
                {
                    reading.Row();
                    if (r.IsRow)
                    {
                        rows.Add(new LsoaChangeLink { Lsoa11Code = r.Row.Lsoa11Code, Lsoa21Code = r.Row.Lsoa21Code, Change = r.Row.Change });
                    }
                    else
                    {
                        rejections.Add(r.Rejection!);
                    }
                }

                if (rejections.Count > 0)
                {
                    return await FailAsync(batch, $"{rejections.Count} row(s) could not be read, so nothing was imported. First: {rejections[0]}", rejections, watch, ct);
                }

                await db.Set<LsoaChangeLink>().ExecuteDeleteAsync(ct);
                await BulkAsync("lsoa_changes", ["lsoa11_code", "lsoa21_code", "change"],
                    rows.DistinctBy(r => (r.Lsoa11Code, r.Lsoa21Code)).Select(r => new object?[] { r.Lsoa11Code, r.Lsoa21Code, (int)r.Change }), ct);
                count = rows.Count;
                what = "LSOA 2011 → 2021 links";
            }
            else
            {
                var reading = ReadingProgress.Open(path, "Reading the lookup", progress);
                var (columns, results) = LookupReader.ReadLsoaWard(reading.Stream, Path.GetFileName(path));
                var rows = new List<LsoaWardLookup>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var r in results)
                {
                    reading.Row();
                    if (!r.IsRow)
                    {
                        rejections.Add(r.Rejection!);
                    }
                    else if (seen.Add(r.Row.LsoaCode))
                    {
                        rows.Add(new LsoaWardLookup
                        {
                            LsoaCode = r.Row.LsoaCode,
                            LsoaVintage = columns.LsoaVintage,
                            WardCode = r.Row.WardCode,
                            WardVintage = columns.WardVintage,
                            WardName = r.Row.WardName,
                            LadCode = r.Row.LadCode,
                            LadName = r.Row.LadName,
                        });
                    }
                }

                if (rejections.Count > 0)
                {
                    return await FailAsync(batch, $"{rejections.Count} row(s) could not be read, so nothing was imported. First: {rejections[0]}", rejections, watch, ct);
                }

                await db.Set<LsoaWardLookup>().Where(l => l.LsoaVintage == columns.LsoaVintage && l.WardVintage == columns.WardVintage).ExecuteDeleteAsync(ct);
                await BulkAsync("lsoa_ward_lookups", ["lsoa_code", "lsoa_vintage", "ward_code", "ward_vintage", "ward_name", "lad_code", "lad_name"],
                    rows.Select(r => new object?[] { r.LsoaCode, r.LsoaVintage, r.WardCode, r.WardVintage, r.WardName, r.LadCode, r.LadName }), ct);
                count = rows.Count;
                what = $"LSOA {columns.LsoaVintage} → ward {columns.WardVintage} rows";
            }

            await db.SaveChangesAsync(ct);
            await WardPopulations.RefreshAsync(db, ct);
            var replaced = await WardReplacement.RunAsync(db, points: false, progress, ct);
            batch.Notes = replaced.Records > 0 ? replaced.Note : null;
            return await FinishAsync(batch, ImportStatus.Succeeded, $"Imported {count:N0} {what}" + (replaced.Records > 0 ? ". " + replaced.Note : ""), count, watch, tx, ct);
        }
        catch (ImportFormatException ex)
        {
            return await FailAsync(batch, ex.Message, rejections, watch, ct);
        }
        catch (OperationCanceledException)
        {
            await StoppedAsync(batch, watch);
            throw;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A database or disk error: the transaction rolled back, so say so rather than leave the batch "Importing".
            logger.ReferenceImportFailed(ex, batch.Kind, batch.Id);
            return await FailAsync(batch, "The import failed and nothing was changed: " + ex.Message, rejections, watch, CancellationToken.None);
        }
    }

    /// <summary>Imports "area code, population" figures for <paramref name="year"/> (default: a year in the file name).</summary>
    public Task<ImportResult> ImportPopulationAsync(string path, int? year, string userName, CancellationToken ct = default) =>
        ImportPopulationAsync(path, year, userName, null, ct: ct);

    public async Task<ImportResult> ImportPopulationAsync(string path, int? year, string userName, IProgress<ImportProgress>? progress, int? queuedBatchId = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var batch = await StartAsync(ImportKind.Population, path, userName, ct, queuedBatchId);
        var rejections = new List<RowRejection>();
        try
        {
            batch.Sha256 = PoliceUkImporter.HashFile(path);
            var match = YearInName().Match(Path.GetFileName(path));
            var y = year ?? (match.Success ? int.Parse(match.Value, CultureInfo.InvariantCulture) : (int?)null);
            if (y is null)
            {
                return await FailAsync(batch, $"file {Path.GetFileName(path)}: give the year of the estimates (--year), as the file name has none", [], watch, ct);
            }

            var reading = ReadingProgress.Open(path, "Reading the population figures", progress);
            var (_, _, results) = PopulationReader.Read(reading.Stream, Path.GetFileName(path));
            var rows = new List<AreaPopulation>();
            foreach (var r in results)
            {
                reading.Row();
                if (r.IsRow)
                {
                    rows.Add(new AreaPopulation { AreaCode = r.Row.AreaCode, Year = y.Value, Population = r.Row.Population, Source = Path.GetFileName(path) });
                }
                else
                {
                    rejections.Add(r.Rejection!);
                }
            }

            if (rejections.Count > 0)
            {
                return await FailAsync(batch, $"{rejections.Count} row(s) could not be read, so nothing was imported. First: {rejections[0]}", rejections, watch, ct);
            }

            progress?.Report(new ImportProgress("Storing the population figures", Path.GetFileName(path), 1, 1, rows.Count));
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockAgainstImportsAsync(ct);
            var codes = rows.Select(r => r.AreaCode).ToList();
            foreach (var chunk in codes.Chunk(2000))
            {
                await db.Set<AreaPopulation>().Where(p => p.Year == y && chunk.Contains(p.AreaCode)).ExecuteDeleteAsync(ct);
            }

            await BulkAsync("area_populations", ["area_code", "year", "population", "source"],
                rows.Select(r => new object?[] { r.AreaCode, r.Year, r.Population, r.Source }), ct);
            await WardPopulations.RefreshAsync(db, ct);
            return await FinishAsync(batch, ImportStatus.Succeeded, $"Imported {rows.Count:N0} population figures for {y}", rows.Count, watch, tx, ct);
        }
        catch (ImportFormatException ex)
        {
            return await FailAsync(batch, ex.Message, rejections, watch, ct);
        }
        catch (OperationCanceledException)
        {
            await StoppedAsync(batch, watch);
            throw;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A database or disk error: the transaction rolled back, so say so rather than leave the batch "Importing".
            logger.ReferenceImportFailed(ex, batch.Kind, batch.Id);
            return await FailAsync(batch, "The import failed and nothing was changed: " + ex.Message, rejections, watch, CancellationToken.None);
        }
    }

    private async Task<ImportBatch> StartAsync(ImportKind kind, string path, string userName, CancellationToken ct, int? queuedBatchId = null)
    {
        if (queuedBatchId is not { } id)
        {
            return await StartAsync(kind, path, Path.GetFileName(path), userName, ct);
        }

        // A web upload queued earlier (QueueAsync): the same batch runs now, so its progress page follows it.
        var batch = await db.Set<ImportBatch>().SingleAsync(b => b.Id == id, ct);
        batch.Status = ImportStatus.Running;
        batch.StartedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return batch;
    }

    /// <summary>A web upload of a lookup or population file, waiting for the import queue (one import at a time).</summary>
    public Task<int> QueueAsync(ImportKind kind, string fileName, string userName, CancellationToken ct) =>
        QueueAsync(kind, fileName, null, userName, ct);

    /// <param name="sha256">The upload's hash (<see cref="SetHash"/> for boundary files), so the same upload is not queued twice.</param>
    public async Task<int> QueueAsync(ImportKind kind, string fileName, string? sha256, string userName, CancellationToken ct)
    {
        var batch = await NewBatchAsync(kind, fileName, ImportStatus.Queued, userName, ct, sha256);
        return batch.Id;
    }

    private async Task<ImportBatch> StartAsync(ImportKind kind, string? path, string displayName, string userName, CancellationToken ct)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new ImportFormatException(Path.GetFileName(path), null, null, "no such file");
        }

        return await NewBatchAsync(kind, displayName, ImportStatus.Running, userName, ct);
    }

    private async Task<ImportBatch> NewBatchAsync(ImportKind kind, string fileName, ImportStatus status, string userName, CancellationToken ct, string? sha256 = null)
    {
        var batch = new ImportBatch
        {
            Kind = kind,
            Sha256 = sha256,
            FileName = fileName.Length <= 400 ? fileName : fileName[..400],
            StartedUtc = clock.GetUtcNow().UtcDateTime,
            Status = status,
            UserName = userName,
            OwnerInstance = await interrupted.PrepareNewImportAsync(db, ct),
        };
        db.Add(batch);
        await db.SaveChangesAsync(ct);
        return batch;
    }

    private async Task<ImportResult> FinishAsync(ImportBatch batch, ImportStatus status, string message, long rows, Stopwatch watch,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        batch.Status = status;
        batch.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        batch.RowsRead = rows;
        batch.RowsImported = status == ImportStatus.Succeeded ? rows : 0;
        batch.Summary = message.Length <= 2000 ? message : message[..1997] + "...";
        audit.Add(new AuditEntry(AuditActions.PlacesImport, "import-batch", batch.Id.ToString(CultureInfo.InvariantCulture), $"{batch.Kind} import of {batch.FileName}: {message}"),
            userNameOverride: batch.UserName);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportResult(batch.Id, status, message, rows, batch.RowsImported, 0, 0, 0, watch.Elapsed, [], []);
    }

    private async Task<ImportResult> FailAsync(ImportBatch batch, string message, List<RowRejection> rejections, Stopwatch watch, CancellationToken ct,
        ImportStatus status = ImportStatus.Failed)
    {
        if (db.Database.CurrentTransaction is { } open)
        {
            await open.RollbackAsync(ct);
        }

        db.ChangeTracker.Clear();
        var stored = await db.Set<ImportBatch>().SingleAsync(b => b.Id == batch.Id, ct);
        stored.Status = status;
        stored.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        stored.ErrorMessage = message.Length > 4000 ? message[..4000] : message;
        stored.RowsRejected = rejections.Count;
        stored.Sha256 = batch.Sha256;
        foreach (var r in rejections.Take(PoliceUkImporter.MaxStoredRejections))
        {
            db.Add(new ImportRejection { BatchId = batch.Id, FileName = r.File, Line = r.Line, Field = r.Field, Reason = r.Reason.Length > 1000 ? r.Reason[..1000] : r.Reason });
        }

        await db.SaveChangesAsync(ct);
        return new ImportResult(batch.Id, status, message, 0, 0, rejections.Count, 0, 0, watch.Elapsed, rejections.Take(20).ToList(), []);
    }
}

/// <summary>What a boundary upload does to the current ward set (the web page's choice; the CLI's --current).</summary>
public enum WardSetUse
{
    /// <summary>Store the set without changing which ward set is current (LSOA files are always stored so).</summary>
    Keep,

    /// <summary>The uploaded files become the current ward set, replacing it.</summary>
    MakeCurrent,

    /// <summary>The uploaded wards join the current ward set (another council of the same area).</summary>
    AddToCurrent,
}

/// <summary>
/// Ward populations: a ward figure when one was imported for the ward code, otherwise the sum of its
/// 2021 LSOAs' figures through the LSOA21 → ward lookup (shared/data README: "a ward figure can be
/// approximated by summing LSOA populations over the lookup"), using the latest year available.
/// Left null (unknown) when any of the ward's LSOAs has no figure.
/// </summary>
internal static class WardPopulations
{
    public static async Task RefreshAsync(AppDb db, CancellationToken ct)
    {
        var wards = await db.Set<Ward>().Where(w => db.Set<Model.BoundarySet>().Any(s => s.Id == w.BoundarySetId && s.IsCurrent)).ToListAsync(ct);
        if (wards.Count == 0 || !await db.Set<AreaPopulation>().AnyAsync(ct))
        {
            return;
        }

        var codes = wards.Select(w => w.Code).ToList();
        var lookups = await db.Set<LsoaWardLookup>().AsNoTracking().Where(l => l.LsoaVintage >= 2021 && codes.Contains(l.WardCode))
            .Select(l => new { l.LsoaCode, l.WardCode }).ToListAsync(ct);
        var areaCodes = codes.Concat(lookups.Select(l => l.LsoaCode)).Distinct().ToList();
        var figures = new Dictionary<string, (int Year, long Population)>(StringComparer.Ordinal);
        foreach (var chunk in areaCodes.Chunk(2000))
        {
            foreach (var p in await db.Set<AreaPopulation>().AsNoTracking().Where(p => chunk.Contains(p.AreaCode)).ToListAsync(ct))
            {
                if (!figures.TryGetValue(p.AreaCode, out var f) || p.Year > f.Year)
                {
                    figures[p.AreaCode] = (p.Year, p.Population);
                }
            }
        }

        var lsoasByWard = lookups.ToLookup(l => l.WardCode, l => l.LsoaCode, StringComparer.Ordinal);
        foreach (var ward in wards)
        {
            if (figures.TryGetValue(ward.Code, out var direct))
            {
                ward.Population = (int)direct.Population;
                ward.PopulationYear = direct.Year;
                continue;
            }

            var lsoas = lsoasByWard[ward.Code].ToList();
            if (lsoas.Count > 0 && lsoas.All(figures.ContainsKey))
            {
                ward.Population = (int)lsoas.Sum(l => figures[l].Population);
                ward.PopulationYear = lsoas.Max(l => figures[l].Year);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Reports how far through its file a reference import has read (bytes and rows), every few thousand rows.</summary>
internal sealed class ReadingProgress
{
    private readonly string _stage;
    private readonly string _file;
    private readonly long _bytes;
    private readonly IProgress<ImportProgress>? _progress;
    private long _rows;

    private ReadingProgress(CountingStream stream, string stage, string file, long bytes, IProgress<ImportProgress>? progress)
    {
        Stream = stream;
        _stage = stage;
        _file = file;
        _bytes = bytes;
        _progress = progress;
    }

    /// <summary>The file to read; the reader that is given it disposes it.</summary>
    public CountingStream Stream { get; }

    public static ReadingProgress Open(string path, string stage, IProgress<ImportProgress>? progress) =>
        new(new CountingStream(File.OpenRead(path)), stage, Path.GetFileName(path), new FileInfo(path).Length, progress);

    public void Row()
    {
        if ((++_rows & 0xFFF) == 0)
        {
            _progress?.Report(new ImportProgress(_stage, _file, Stream.BytesRead, _bytes, _rows));
        }
    }
}
