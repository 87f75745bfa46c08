using CommunitySafety.Data;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using ModelBoundarySet = CommunitySafety.Features.Places.Model.BoundarySet;

namespace CommunitySafety.Tests.Places.Analysis;

/// <summary>
/// Inserts Places rows with known counts straight through <see cref="AppDb"/>, so the analysis pages can be
/// tested without the import pipeline. Wards are synthetic lon/lat squares laid out in a grid (row 0 south).
/// </summary>
public sealed class AnalysisTestData(AppDb db)
{
    public const string Force = "Wyvernshire Constabulary";
    public const double WestLongitude = -1.50;
    public const double SouthLatitude = 52.00;
    /// <summary>Ward square side in degrees of longitude (≈2 km at 52°N) and latitude (≈2.2 km).</summary>
    public const double WardWidth = 0.03;
    public const double WardHeight = 0.02;

    static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    public AppDb Db => db;

    public static async Task<T> WithAsync<T>(AppFactory app, Func<AnalysisTestData, Task<T>> seed)
    {
        using var scope = app.Services.CreateScope();
        var db = app.CreateDbContext(scope);
        var result = await seed(new AnalysisTestData(db));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return result;
    }

    public async Task<int> AddCurrentWardSetAsync()
    {
        var set = new ModelBoundarySet
        {
            Level = BoundaryLevel.Ward, Vintage = 2025, FileName = "test-wards.geojson", Sha256 = new string('0', 64),
            CodeProperty = "WD25CD", ImportedUtc = DateTime.UtcNow, ImportedBy = "test", FeatureCount = 0, IsCurrent = true,
        };
        db.Add(set);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return set.Id;
    }

    /// <summary>A square ward at grid position (column, row); returns the tracked entity (Id set after save).</summary>
    public Ward AddWard(int setId, string code, string name, string ladCode, string ladName, int column, int row, int? population)
    {
        var minLon = WestLongitude + (column * WardWidth);
        var minLat = SouthLatitude + (row * WardHeight);
        var polygon = Wgs84.CreatePolygon([
            new Coordinate(minLon, minLat), new Coordinate(minLon + WardWidth, minLat), new Coordinate(minLon + WardWidth, minLat + WardHeight),
            new Coordinate(minLon, minLat + WardHeight), new Coordinate(minLon, minLat)]);
        var ward = new Ward
        {
            BoundarySetId = setId, Code = code, Name = name, LadCode = ladCode, LadName = ladName,
            Geometry = new WKBWriter().Write(polygon),
            MinLongitude = minLon, MinLatitude = minLat, MaxLongitude = minLon + WardWidth, MaxLatitude = minLat + WardHeight,
            CentroidLongitude = minLon + (WardWidth / 2), CentroidLatitude = minLat + (WardHeight / 2),
            Population = population, PopulationYear = population is null ? null : 2022,
        };
        db.Add(ward);
        return ward;
    }

    /// <summary>Adds force-months for every month in [from, to] except <paramref name="skip"/>; returns month → ForceMonth.</summary>
    public async Task<Dictionary<int, ForceMonth>> AddForceMonthsAsync(int from, int to, params int[] skip)
    {
        var map = new Dictionary<int, ForceMonth>();
        for (var m = from; m <= to; m = CommunitySafety.Features.Places.Assessment.MonthKey.Add(m, 1))
        {
            if (skip.Contains(m))
            {
                continue;
            }

            var fm = new ForceMonth { Force = Force, Month = m, UpdatedUtc = DateTime.UtcNow };
            db.Add(fm);
            map[m] = fm;
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return map;
    }

    /// <summary>Adds a ward monthly count and raises the force-month's record count to match.</summary>
    public void AddCount(ForceMonth fm, int? wardId, CrimeCategory category, int count, Placement placement = Placement.InWardByPoint)
    {
        db.Add(new WardMonthlyCount { WardId = wardId, ForceMonthId = fm.Id, Month = fm.Month, Category = category, Placement = placement, Count = count });
        fm.RecordCount += count;
    }

    /// <summary>Adds <paramref name="n"/> street records at one map point (and nothing to the counts table).</summary>
    public void AddRecords(ForceMonth fm, int? wardId, CrimeCategory category, int n, double? longitude, double? latitude, string? lsoa = "E01000001",
        Placement placement = Placement.InWardByPoint)
    {
        for (var i = 0; i < n; i++)
        {
            db.Add(new CrimeRecord
            {
                BatchId = 1, ForceMonthId = fm.Id, Month = fm.Month, Category = category, Longitude = longitude, Latitude = latitude,
                LsoaCode = lsoa, WardId = wardId, Placement = placement,
            });
        }
    }

    /// <summary>Centre of the ward square at (column, row), offset by a fraction of the ward's size.</summary>
    public static (double Longitude, double Latitude) PointIn(int column, int row, double fx = 0.5, double fy = 0.5) =>
        (WestLongitude + ((column + fx) * WardWidth), SouthLatitude + ((row + fy) * WardHeight));
}
