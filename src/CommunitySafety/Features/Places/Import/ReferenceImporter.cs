using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Places.Model;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Imports reference data: ONS ward/LSOA boundaries, LSOA lookups and population estimates. Each
/// import is one transaction and is recorded as an <see cref="ImportBatch"/>; bad rows fail the import
/// (nothing changes) and are listed in its report.
/// </summary>
public sealed partial class ReferenceImporter(AppDb db, AuditLog audit, TimeProvider clock, Imports.InterruptedImports interrupted)
{
    [GeneratedRegex(@"(?<!\d)(19|20)\d\d(?!\d)")]
    private static partial Regex YearInName();

    public Task<ImportResult> ImportBoundariesAsync(string path, bool makeCurrent, string userName, CancellationToken ct = default) =>
        ImportBoundariesAsync(path, makeCurrent, userName, null, ct);

    /// <param name="makeCurrent">Make this the ward set used for placement and analysis (replacing the current one).
    /// The first ward set loaded becomes current anyway. When the current set changes, every stored record is
    /// placed again in the new wards in the same transaction (<see cref="WardReplacement"/>).</param>
    /// <param name="progress">Progress of the re-placement, when there is one.</param>
    public async Task<ImportResult> ImportBoundariesAsync(string path, bool makeCurrent, string userName, IProgress<ImportProgress>? progress, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var batch = await StartAsync(ImportKind.Boundaries, path, userName, ct);
        try
        {
            var sha = PoliceUkImporter.HashFile(path);
            batch.Sha256 = sha;
            var set = BoundaryReader.Read(path);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await db.Set<Model.BoundarySet>().AnyAsync(s => s.Sha256 == sha, ct))
            {
                var existing = await db.Set<Model.BoundarySet>().FirstAsync(s => s.Sha256 == sha, ct);
                var again = $"already imported (sha256 {sha})";
                if (makeCurrent && set.Level == BoundaryLevel.Ward && !existing.IsCurrent)
                {
                    await MakeCurrentAsync(existing, ct);
                    await db.SaveChangesAsync(ct);
                    await WardPopulations.RefreshAsync(db, ct);
                    var replaced = await WardReplacement.RunAsync(db, points: true, progress, ct);
                    batch.Notes = replaced.Records > 0 ? replaced.Note : null;
                    again += "; made the current ward set again" + (replaced.Records > 0 ? ". " + replaced.Note : "");
                }

                return await FinishAsync(batch, ImportStatus.AlreadyImported, again, 0, watch, tx, ct);
            }

            var entity = new Model.BoundarySet
            {
                Level = set.Level,
                Vintage = set.Vintage,
                FileName = Path.GetFileName(path),
                Sha256 = sha,
                CodeProperty = set.CodeProperty,
                ImportedUtc = clock.GetUtcNow().UtcDateTime,
                ImportedBy = userName,
                FeatureCount = set.Features.Count,
            };
            db.Add(entity);
            await db.SaveChangesAsync(ct);
            var wkb = new WKBWriter();
            if (set.Level == BoundaryLevel.Ward)
            {
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
            var current = entity.IsCurrent ? " (now the current ward set)" : "";
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
                $"Imported {set.Features.Count} {level} ({set.CodeProperty}, {set.Vintage}){current}", set.Features.Count, watch, tx, ct);
        }
        catch (ImportFormatException ex)
        {
            return await FailAsync(batch, ex.Message, [], watch, ct);
        }
    }

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
        ImportLookupAsync(path, userName, null, ct);

    /// <summary>Imports an LSOA → ward lookup (LSOAyyCD + WDyyCD) or the LSOA11 → LSOA21 lookup, detected from the header.</summary>
    /// <remarks>Stored records without coordinates are placed again through the new lookups, in the same transaction.</remarks>
    public async Task<ImportResult> ImportLookupAsync(string path, string userName, IProgress<ImportProgress>? progress, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var batch = await StartAsync(ImportKind.Lookup, path, userName, ct);
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
                foreach (var r in LookupReader.ReadLsoa11To21(path))
                {
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
                var (columns, results) = LookupReader.ReadLsoaWard(path);
                var rows = new List<LsoaWardLookup>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var r in results)
                {
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
    }

    /// <summary>Imports "area code, population" figures for <paramref name="year"/> (default: a year in the file name).</summary>
    public async Task<ImportResult> ImportPopulationAsync(string path, int? year, string userName, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var batch = await StartAsync(ImportKind.Population, path, userName, ct);
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

            var (_, _, results) = PopulationReader.Read(path);
            var rows = new List<AreaPopulation>();
            foreach (var r in results)
            {
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

            await using var tx = await db.Database.BeginTransactionAsync(ct);
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
    }

    private async Task<ImportBatch> StartAsync(ImportKind kind, string path, string userName, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new ImportFormatException(Path.GetFileName(path), null, null, "no such file");
        }

        var batch = new ImportBatch
        {
            Kind = kind,
            FileName = Path.GetFileName(path),
            StartedUtc = clock.GetUtcNow().UtcDateTime,
            Status = ImportStatus.Running,
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
        audit.Add(new AuditEntry(AuditActions.PlacesImport, "import-batch", batch.Id.ToString(CultureInfo.InvariantCulture), $"{batch.Kind} import of {batch.FileName}: {message}"),
            userNameOverride: batch.UserName);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportResult(batch.Id, status, message, rows, batch.RowsImported, 0, 0, 0, watch.Elapsed, [], []);
    }

    private async Task<ImportResult> FailAsync(ImportBatch batch, string message, List<RowRejection> rejections, Stopwatch watch, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } open)
        {
            await open.RollbackAsync(ct);
        }

        db.ChangeTracker.Clear();
        var stored = await db.Set<ImportBatch>().SingleAsync(b => b.Id == batch.Id, ct);
        stored.Status = ImportStatus.Failed;
        stored.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        stored.ErrorMessage = message.Length > 4000 ? message[..4000] : message;
        stored.RowsRejected = rejections.Count;
        stored.Sha256 = batch.Sha256;
        foreach (var r in rejections.Take(PoliceUkImporter.MaxStoredRejections))
        {
            db.Add(new ImportRejection { BatchId = batch.Id, FileName = r.File, Line = r.Line, Field = r.Field, Reason = r.Reason.Length > 1000 ? r.Reason[..1000] : r.Reason });
        }

        await db.SaveChangesAsync(ct);
        return new ImportResult(batch.Id, ImportStatus.Failed, message, 0, 0, rejections.Count, 0, 0, watch.Elapsed, rejections.Take(20).ToList(), []);
    }
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
