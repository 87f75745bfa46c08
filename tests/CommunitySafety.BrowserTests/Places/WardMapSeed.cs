using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Features.Places.Queries;
using NetTopologySuite.IO;
using ModelBoundarySet = CommunitySafety.Features.Places.Model.BoundarySet;

namespace CommunitySafety.BrowserTests.Places;

/// <summary>
/// Fills the Places tables for the ward map journey. The journey only depends on this interface, so
/// when the police.uk import lands the integrator can swap in a seed that runs the real import.
/// </summary>
public interface IWardMapSeed
{
    /// <summary>Number of wards in the current boundary set after seeding (the polygons the map must draw).</summary>
    int ExpectedWards { get; }

    Task SeedAsync(AppDb db, CancellationToken ct);
}

/// <summary>
/// Real Hertfordshire data without the import: the 2025 ward boundaries (176 wards) and a few months
/// of police.uk street CSVs counted into wards by point-in-polygon, written straight to
/// <see cref="WardMonthlyCount"/>. Records without coordinates are counted as "no location" (the
/// LSOA fallback is the import's job).
/// </summary>
public sealed class HertfordshireCsvSeed(string sharedData, IReadOnlyList<string> months) : IWardMapSeed
{
    public const string Boundaries = "boundaries/wards-2025-bgc/E10000015.geojson";

    public int ExpectedWards => 176;

    public async Task SeedAsync(AppDb db, CancellationToken ct)
    {
        var parsed = BoundaryReader.Read(Path.Combine(sharedData, Boundaries));
        var set = new ModelBoundarySet
        {
            Level = BoundaryLevel.Ward,
            Vintage = parsed.Vintage,
            FileName = parsed.File,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(sharedData, Boundaries)))),
            CodeProperty = parsed.CodeProperty,
            ImportedUtc = DateTime.UtcNow,
            ImportedBy = "browser-test seed",
            FeatureCount = parsed.Features.Count,
            IsCurrent = true,
        };
        db.Add(set);
        await db.SaveChangesAsync(ct);

        var writer = new WKBWriter();
        var wards = parsed.Features.Select(f =>
        {
            var env = f.Geometry.EnvelopeInternal;
            var inside = f.Geometry.InteriorPoint;
            return new Ward
            {
                BoundarySetId = set.Id,
                Code = f.Code,
                Name = f.Name ?? f.Code,
                LadCode = f.LadCode,
                LadName = f.LadName,
                Geometry = writer.Write(f.Geometry),
                MinLongitude = env.MinX,
                MinLatitude = env.MinY,
                MaxLongitude = env.MaxX,
                MaxLatitude = env.MaxY,
                CentroidLongitude = inside.X,
                CentroidLatitude = inside.Y,
            };
        }).ToList();
        db.AddRange(wards);
        await db.SaveChangesAsync(ct);
        var wardIds = wards.ToDictionary(w => w.Code, w => w.Id, StringComparer.Ordinal);

        var assigner = new WardAssigner(parsed);
        var categories = WardMapCategories.All.ToDictionary(c => c.Name, c => c.Category, StringComparer.Ordinal);
        foreach (var month in months)
        {
            var path = Path.Combine(sharedData, "police-uk", "street", "hertfordshire", $"{month}-hertfordshire-street.csv");
            var counts = new Dictionary<(int? Ward, CrimeCategory Category, Placement Placement), (int Count, int WithOutcome)>();
            string? force = null;
            using (var reader = StreetCsvReader.Open(path))
            {
                foreach (var result in reader.Read())
                {
                    if (result.Rejection is not null)
                    {
                        continue;
                    }

                    var row = result.Row;
                    force ??= row.FallsWithin;
                    var category = categories[row.CrimeType];
                    var code = row.Longitude is double lon && row.Latitude is double lat ? assigner.Assign(lon, lat) : null;
                    var placement = code is not null ? Placement.InWardByPoint
                        : row.Longitude is null ? Placement.NoLocation : Placement.OutsideArea;
                    var key = (code is null ? (int?)null : wardIds[code], category, placement);
                    var (c, o) = counts.GetValueOrDefault(key);
                    counts[key] = (c + 1, o + (string.IsNullOrEmpty(row.LastOutcome) ? 0 : 1));
                }
            }

            var yyyymm = WardMapPeriods.Parse(month)!.Value;
            var forceMonth = new ForceMonth { Force = force ?? "Hertfordshire Constabulary", Month = yyyymm, RecordCount = counts.Values.Sum(v => v.Count), UpdatedUtc = DateTime.UtcNow };
            db.Add(forceMonth);
            await db.SaveChangesAsync(ct);
            db.AddRange(counts.Select(kv => new WardMonthlyCount
            {
                WardId = kv.Key.Ward,
                ForceMonthId = forceMonth.Id,
                Month = yyyymm,
                Category = kv.Key.Category,
                Placement = kv.Key.Placement,
                Count = kv.Value.Count,
                WithOutcomeCount = kv.Value.WithOutcome,
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
