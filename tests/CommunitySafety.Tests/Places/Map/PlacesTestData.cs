using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using ModelBoundarySet = CommunitySafety.Features.Places.Model.BoundarySet;
using ParsedBoundarySet = CommunitySafety.Features.Places.Import.BoundarySet;

namespace CommunitySafety.Tests.Places.Map;

/// <summary>
/// Puts Places data straight into the tables (the import is built in parallel): a current ward
/// boundary set, force-months, ward monthly counts and a few crime records. Tests use the returned
/// rows as the oracle for what the pages and API must add up to.
/// </summary>
public static class PlacesTestData
{
    public const string Force = "Testshire Constabulary";
    public const string OtherForce = "Neighbourshire Police";
    public const string NorthLa = "E07900001";
    public const string SouthLa = "E07900002";

    /// <summary>Abbey and Brook (Northtown) have populations; Castle (Southtown) has none, so its rate must be null.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string La, string LaName, int? Population)> SyntheticWards =
    [
        ("E05900001", "Abbey", NorthLa, "Northtown", 2000),
        ("E05900002", "Brook", NorthLa, "Northtown", 4000),
        ("E05900003", "Castle", SouthLa, "Southtown", null),
    ];

    /// <summary>First and last month with force-months loaded for <see cref="Force"/> (24 months).</summary>
    public const int FirstMonth = 202001;
    public const int LastMonth = 202112;

    public sealed record Seeded(
        IReadOnlyDictionary<string, int> WardIds,
        IReadOnlyList<WardMonthlyCount> Counts,
        IReadOnlyDictionary<(string Force, int Month), int> ForceMonthIds);

    static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>A square ward of 0.01° at (lon, lat) — enough geometry for the map and the GeoJSON.</summary>
    public static Polygon Square(double lon, double lat, double size = 0.01) => Factory.CreatePolygon(
    [
        new(lon, lat), new(lon + size, lat), new(lon + size, lat + size), new(lon, lat + size), new(lon, lat),
    ]);

    public static async Task<ModelBoundarySet> AddBoundarySetAsync(AppDb db, string fileName, bool isCurrent,
        IEnumerable<(string Code, string Name, string? La, string? LaName, int? Population, Geometry Geometry)> wards)
    {
        var list = wards.ToList();
        var set = new ModelBoundarySet
        {
            Level = BoundaryLevel.Ward,
            Vintage = 2025,
            FileName = fileName,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fileName + list.Count))),
            CodeProperty = "WD25CD",
            ImportedUtc = DateTime.UtcNow,
            ImportedBy = "tests",
            FeatureCount = list.Count,
            IsCurrent = isCurrent,
        };
        db.Add(set);
        await db.SaveChangesAsync();
        var writer = new WKBWriter();
        foreach (var w in list)
        {
            var env = w.Geometry.EnvelopeInternal;
            var inside = w.Geometry.InteriorPoint;
            db.Add(new Ward
            {
                BoundarySetId = set.Id,
                Code = w.Code,
                Name = w.Name,
                LadCode = w.La,
                LadName = w.LaName,
                Geometry = writer.Write(w.Geometry),
                MinLongitude = env.MinX,
                MinLatitude = env.MinY,
                MaxLongitude = env.MaxX,
                MaxLatitude = env.MaxY,
                CentroidLongitude = inside.X,
                CentroidLatitude = inside.Y,
                Population = w.Population,
            });
        }

        await db.SaveChangesAsync();
        return set;
    }

    /// <summary>Loads a real ONS ward file (e.g. wards-2025-bgc/E06000019.geojson) as the current ward set.</summary>
    public static Task<ModelBoundarySet> AddRealWardsAsync(AppDb db, string relativePath, bool isCurrent = true)
    {
        ParsedBoundarySet parsed = BoundaryReader.Read(Infrastructure.TestData.PathOf(relativePath));
        return AddBoundarySetAsync(db, parsed.File, isCurrent,
            parsed.Features.Select(f => (f.Code, f.Name ?? f.Code, f.LadCode, f.LadName, (int?)null, f.Geometry)));
    }

    public static async Task<Dictionary<(string Force, int Month), int>> AddForceMonthsAsync(AppDb db, string force, int first, int last)
    {
        var rows = new List<ForceMonth>();
        for (var m = first; m <= last; m = Features.Places.Queries.WardMapPeriods.AddMonths(m, 1))
        {
            rows.Add(new ForceMonth { Force = force, Month = m, UpdatedUtc = DateTime.UtcNow });
        }

        db.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.ToDictionary(r => (r.Force, r.Month), r => r.Id);
    }

    /// <summary>
    /// Three synthetic wards (plus a superseded boundary set that must be ignored), 24 months of
    /// burglary and ASB counts for <see cref="Force"/>, one month of <see cref="OtherForce"/>, and
    /// records outside the area and without a location.
    /// </summary>
    public static async Task<Seeded> SeedSyntheticAsync(AppDb db)
    {
        await AddBoundarySetAsync(db, "old-wards.geojson", isCurrent: false,
            [("E05800001", "Old Abbey", NorthLa, "Northtown", 999, Square(-1.0, 52.0, 0.03))]);
        var set = await AddBoundarySetAsync(db, "wards.geojson", isCurrent: true,
            SyntheticWards.Select((w, i) => (w.Code, w.Name, (string?)w.La, (string?)w.LaName, w.Population, (Geometry)Square(-1.0 + (i * 0.01), 52.0))));
        var wardIds = db.Set<Ward>().Where(w => w.BoundarySetId == set.Id).ToDictionary(w => w.Code, w => w.Id);

        var fm = await AddForceMonthsAsync(db, Force, FirstMonth, LastMonth);
        foreach (var (k, v) in await AddForceMonthsAsync(db, OtherForce, LastMonth, LastMonth))
        {
            fm[k] = v;
        }

        var counts = new List<WardMonthlyCount>();
        void Add(int? wardId, string force, int month, CrimeCategory category, Placement placement, int count) =>
            counts.Add(new WardMonthlyCount
            {
                WardId = wardId,
                ForceMonthId = fm[(force, month)],
                Month = month,
                Category = category,
                Placement = placement,
                Count = count,
                WithOutcomeCount = category == CrimeCategory.AntiSocialBehaviour ? 0 : count,
            });

        var i = 0;
        foreach (var (code, id) in wardIds.OrderBy(x => x.Key))
        {
            i++;
            for (var m = FirstMonth; m <= LastMonth; m = Features.Places.Queries.WardMapPeriods.AddMonths(m, 1))
            {
                // Different, month-dependent numbers per ward so sums cannot agree by accident.
                Add(id, Force, m, CrimeCategory.Burglary, Placement.InWardByPoint, i + (m % 100));
                Add(id, Force, m, CrimeCategory.AntiSocialBehaviour, Placement.InWardByPoint, (2 * i) + (m % 7));
                if (m % 3 == 0)
                {
                    Add(id, Force, m, CrimeCategory.Burglary, Placement.InWardByLsoa, 1);
                }
            }
        }

        Add(wardIds["E05900001"], OtherForce, LastMonth, CrimeCategory.Burglary, Placement.InWardByPoint, 50);
        Add(null, Force, LastMonth, CrimeCategory.Burglary, Placement.OutsideArea, 7);
        Add(null, Force, LastMonth, CrimeCategory.AntiSocialBehaviour, Placement.NoLocation, 3);
        db.AddRange(counts);
        await db.SaveChangesAsync();

        await AddRecordsAsync(db, wardIds["E05900001"], fm[(Force, LastMonth)], LastMonth);
        return new Seeded(wardIds, counts, fm);
    }

    /// <summary>Known records in one ward-month: three at High Street, two at Mill Lane, one at Station Road; outcomes to match.</summary>
    static async Task AddRecordsAsync(AppDb db, int wardId, int forceMonthId, int month)
    {
        var high = new CrimeLocation { Name = "On or near High Street", Longitude = -0.995, Latitude = 52.005 };
        var mill = new CrimeLocation { Name = "On or near Mill Lane", Longitude = -0.994, Latitude = 52.004 };
        var station = new CrimeLocation { Name = "On or near Station Road", Longitude = -0.993, Latitude = 52.003 };
        db.AddRange(high, mill, station);
        db.AddRange(
            new OutcomeCategory { Id = 1, Name = "Under investigation" },
            new OutcomeCategory { Id = 2, Name = "Investigation complete; no suspect identified" });
        await db.SaveChangesAsync();
        CrimeRecord R(CrimeLocation at, CrimeCategory category, short? outcome) => new()
        {
            BatchId = 0,
            ForceMonthId = forceMonthId,
            Month = month,
            Category = category,
            Longitude = at.Longitude,
            Latitude = at.Latitude,
            LocationId = at.Id,
            WardId = wardId,
            Placement = Placement.InWardByPoint,
            LastOutcomeId = outcome,
        };
        db.AddRange(
            R(high, CrimeCategory.Burglary, 1), R(high, CrimeCategory.Burglary, 2), R(high, CrimeCategory.AntiSocialBehaviour, null),
            R(mill, CrimeCategory.Burglary, 2), R(mill, CrimeCategory.Burglary, 2),
            R(station, CrimeCategory.Burglary, null));
        await db.SaveChangesAsync();
    }
}
