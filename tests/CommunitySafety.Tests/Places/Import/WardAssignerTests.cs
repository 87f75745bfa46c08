using CommunitySafety.Tests.Infrastructure;
using CommunitySafety.Features.Places.Import;
using NetTopologySuite.Geometries;
using Xunit;

namespace CommunitySafety.Tests.Places;

public sealed class WardAssignerTests
{
    private static readonly Lazy<BoundarySet> Herts2025 =
        new(() => BoundaryReader.Read(TestData.PathOf("boundaries/wards-2025-bgc/E10000015.geojson")));

    [Fact]
    public void Assign_InteriorPointOfEveryRealWard_ReturnsThatWard()
    {
        var assigner = new WardAssigner(Herts2025.Value);
        Assert.Equal(176, assigner.Count);
        foreach (var ward in Herts2025.Value.Features)
        {
            var p = ward.Geometry.InteriorPoint;
            Assert.Equal(ward.Code, assigner.Assign(p.X, p.Y));
        }
    }

    [Theory]
    [InlineData(-0.1276, 51.5072)] // Westminster, London
    [InlineData(-2.5879, 51.4545)] // Bristol
    public void Assign_PointOutsideHertfordshire_ReturnsNull(double lon, double lat)
    {
        Assert.Null(new WardAssigner(Herts2025.Value).Assign(lon, lat));
    }

    [Fact]
    public void Assign_RepeatedPoint_UsesCache()
    {
        var assigner = new WardAssigner(Herts2025.Value);
        var p = Herts2025.Value.Features[0].Geometry.InteriorPoint;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(Herts2025.Value.Features[0].Code, assigner.Assign(p.X, p.Y));
        }

        Assert.Null(assigner.Assign(-0.1276, 51.5072));
        Assert.Equal(2, assigner.CachedPoints);
    }

    [Fact]
    public void Assign_RealCrimePointsInParallel_MatchesSequential()
    {
        using var reader = StreetCsvReader.Open(TestData.PathOf("police-uk/street/hertfordshire/2021-01-hertfordshire-street.csv"));
        var points = reader.Read().Where(r => r.IsRow && r.Row.Longitude is not null)
            .Select(r => (r.Row.Longitude!.Value, r.Row.Latitude!.Value)).ToArray();
        var sequential = new WardAssigner(Herts2025.Value);
        var expected = points.Select(p => sequential.Assign(p.Item1, p.Item2)).ToArray();
        var parallel = new WardAssigner(Herts2025.Value);
        var actual = new string?[points.Length];
        Parallel.For(0, points.Length, i => actual[i] = parallel.Assign(points[i].Item1, points[i].Item2));
        Assert.Equal(expected, actual);
        Assert.True(expected.Count(c => c is not null) > points.Length * 0.9);
        Assert.True(sequential.CachedPoints < points.Length);
    }

    [Fact]
    public void Assign_PointOnSharedEdge_ReturnsLowestCode()
    {
        var f = new GeometryFactory();
        Geometry Square(double x0) => f.CreatePolygon([new(x0, 0), new(x0 + 1, 0), new(x0 + 1, 1), new(x0, 1), new(x0, 0)]);
        var assigner = new WardAssigner([KeyValuePair.Create("B", Square(1)), KeyValuePair.Create("A", Square(0))]);
        Assert.Equal("A", assigner.Assign(1, 0.5));
        Assert.Equal("B", assigner.Assign(1.5, 0.5));
    }
}
