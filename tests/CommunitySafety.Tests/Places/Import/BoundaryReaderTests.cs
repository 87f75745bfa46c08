using CommunitySafety.Tests.Infrastructure;
using System.Text.Json;
using CommunitySafety.Features.Places.Import;
using NetTopologySuite.Geometries;
using Xunit;

namespace CommunitySafety.Tests.Places;

public sealed class BoundaryReaderTests
{
    [Theory]
    [InlineData("boundaries/wards-2025-bgc/E10000015.geojson", 176, BoundaryLevel.Ward, 2025)]
    [InlineData("boundaries/wards-2025-bgc/E06000019.geojson", 53, BoundaryLevel.Ward, 2025)]
    [InlineData("boundaries/wards-2025-bgc/E10000034.geojson", 112, BoundaryLevel.Ward, 2025)]
    [InlineData("boundaries/wards-2025-bgc/E06000051.geojson", 72, BoundaryLevel.Ward, 2025)]
    [InlineData("boundaries/wards-2025-bgc/E06000020.geojson", 32, BoundaryLevel.Ward, 2025)]
    [InlineData("boundaries/wards-2022-bgc/E10000015.geojson", 179, BoundaryLevel.Ward, 2022)]
    [InlineData("boundaries/wards-2022-bgc/E06000019.geojson", 53, BoundaryLevel.Ward, 2022)]
    [InlineData("boundaries/lsoa-2021-bgc/E10000015.geojson", 713, BoundaryLevel.Lsoa, 2021)]
    [InlineData("boundaries/lsoa-2021-bgc/E06000019.geojson", 117, BoundaryLevel.Lsoa, 2021)]
    [InlineData("boundaries/lsoa-2021-bgc/E10000034.geojson", 374, BoundaryLevel.Lsoa, 2021)]
    [InlineData("boundaries/lsoa-2021-bgc/E06000051.geojson", 198, BoundaryLevel.Lsoa, 2021)]
    [InlineData("boundaries/lsoa-2021-bgc/E06000020.geojson", 115, BoundaryLevel.Lsoa, 2021)]
    [InlineData("boundaries/lsoa-2011-bgc/E10000015.geojson", 690, BoundaryLevel.Lsoa, 2011)]
    [InlineData("boundaries/lsoa-2011-bgc/E06000019.geojson", 116, BoundaryLevel.Lsoa, 2011)]
    [InlineData("boundaries/lsoa-2011-bgc/E10000034.geojson", 364, BoundaryLevel.Lsoa, 2011)]
    [InlineData("boundaries/lsoa-2011-bgc/E06000051.geojson", 193, BoundaryLevel.Lsoa, 2011)]
    [InlineData("boundaries/lsoa-2011-bgc/E06000020.geojson", 108, BoundaryLevel.Lsoa, 2011)]
    public void Read_RealBoundaryFile_DetectsLevelVintageAndCount(string relative, int count, BoundaryLevel level, int vintage)
    {
        var set = BoundaryReader.Read(TestData.PathOf(relative));
        Assert.Equal(count, set.Features.Count);
        Assert.Equal(level, set.Level);
        Assert.Equal(vintage, set.Vintage);
        Assert.False(set.ConvertedFromBritishNationalGrid);
        Assert.All(set.Features, f =>
        {
            Assert.Matches("^E0[15]\\d{6}$", f.Code);
            Assert.False(string.IsNullOrEmpty(f.Name));
            Assert.True(f.Geometry is NetTopologySuite.Geometries.Polygon or MultiPolygon);
            Assert.True(f.Geometry.IsValid);
            Assert.InRange(f.Geometry.EnvelopeInternal.MinX, -3.5, 0.5);
            Assert.InRange(f.Geometry.EnvelopeInternal.MinY, 51.5, 53.1);
        });
    }

    [Fact]
    public void Read_Wards2025Hertfordshire_ReadsLadPropertiesPerDistrict()
    {
        var set = BoundaryReader.Read(TestData.PathOf("boundaries/wards-2025-bgc/E10000015.geojson"));
        Assert.Equal("WD25CD", set.CodeProperty);
        Assert.Equal("WD25NM", set.NameProperty);
        Assert.Equal("LAD25CD", set.LadCodeProperty);
        var perDistrict = set.Features.GroupBy(f => f.LadName!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, perDistrict.Count);
        Assert.Equal(25, perDistrict["Dacorum"]);
        Assert.Equal(13, perDistrict["Stevenage"]);
        Assert.Equal(12, perDistrict["Watford"]);
        Assert.Contains(set.Features, f => f.Code == "E05004691" && f.Name == "Adeyfield East" && f.LadCode == "E07000096");
    }

    [Fact]
    public void BngToLonLat_RealOnsCentroids_MatchPublishedLongLat()
    {
        // Each ONS ward feature carries its centroid both as BNG_E/BNG_N and LONG/LAT.
        using var doc = JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("boundaries/wards-2025-bgc/E10000015.geojson")));
        var checkedCount = 0;
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var p = feature.GetProperty("properties");
            var (lon, lat) = BoundaryReader.BngToLonLat(p.GetProperty("BNG_E").GetDouble(), p.GetProperty("BNG_N").GetDouble());
            Assert.Equal(p.GetProperty("LONG").GetDouble(), lon, 0.0002);
            Assert.Equal(p.GetProperty("LAT").GetDouble(), lat, 0.0002);
            checkedCount++;
        }

        Assert.Equal(176, checkedCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_BritishNationalGridFile_ConvertsToWgs84(bool withCrs)
    {
        var crs = withCrs ? "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}}," : "";
        var json = "{\"type\":\"FeatureCollection\"," + crs + "\"features\":[{\"type\":\"Feature\",\"properties\":{\"wd24cd\":\"E05000001\",\"wd24nm\":\"Test\"}," +
            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[529000,179000],[531000,179000],[531000,181000],[529000,181000],[529000,179000]]]}}]}";
        var set = BoundaryReader.Read(TestData.Utf8(json), "bng.geojson");
        Assert.True(set.ConvertedFromBritishNationalGrid);
        Assert.Equal(2024, set.Vintage);
        Assert.Equal("Test", set.Features[0].Name);
        var centre = set.Features[0].Geometry.Centroid;
        Assert.Equal(-0.128, centre.X, 0.01); // Charing Cross area
        Assert.Equal(51.508, centre.Y, 0.01);
        Assert.Equal(withCrs, set.Notes.Count == 0);
    }

    [Fact]
    public void Read_NoCodeProperty_ThrowsListingFoundProperties()
    {
        var json = Polygon("\"OBJECTID\":1,\"NAME\":\"x\"", "[[[-0.2,51.7],[-0.1,51.7],[-0.1,51.8],[-0.2,51.7]]]");
        var ex = Assert.Throws<ImportFormatException>(() => BoundaryReader.Read(TestData.Utf8(json), "bad.geojson"));
        Assert.Contains("OBJECTID, NAME", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WDyyCD or LSOAyyCD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OutOfRangeCoordinates_ThrowsClearMessage()
    {
        var json = Polygon("\"LSOA21CD\":\"E01000001\"", "[[[-0.2,51.7],[-0.1,51.7],[-0.1,95.0],[-0.2,51.7]]]");
        var ex = Assert.Throws<ImportFormatException>(() => BoundaryReader.Read(TestData.Utf8(json), "lsoa.geojson"));
        Assert.Contains("not WGS84 longitude/latitude", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedRing_Throws()
    {
        var json = Polygon("\"LSOA21CD\":\"E01000001\"", "[[[-0.2,51.7],[-0.1,51.7],[-0.1,51.8],[-0.2,51.8]]]");
        var ex = Assert.Throws<ImportFormatException>(() => BoundaryReader.Read(TestData.Utf8(json), "open.geojson"));
        Assert.Equal("open.geojson", ex.File);
    }

    [Fact]
    [Trait("Requirement", "SEC-GEO-01")]
    public void Read_ThreePositionRing_ThrowsSayingARingNeedsFour()
    {
        var json = Polygon("\"LSOA21CD\":\"E01000001\"", "[[[-0.2,51.7],[-0.1,51.7],[-0.2,51.7]]]");
        var ex = Assert.Throws<ImportFormatException>(() => BoundaryReader.Read(TestData.Utf8(json), "thin.geojson"));
        Assert.Contains("fewer than 4 positions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-GEO-01")]
    public void Read_ClockwiseOuterRingAndAnticlockwiseHole_AcceptedAndRewoundToTheRightHandRule()
    {
        // Outer ring east, then north... written clockwise (north first); the hole anticlockwise: both the wrong way.
        var rings = "[[[-0.2,51.7],[-0.2,51.8],[-0.1,51.8],[-0.1,51.7],[-0.2,51.7]]," +
            "[[-0.17,51.73],[-0.13,51.73],[-0.13,51.77],[-0.17,51.77],[-0.17,51.73]]]";
        var set = BoundaryReader.Read(TestData.Utf8(Polygon("\"WD25CD\":\"E05000001\"", rings)), "clockwise.geojson");

        var polygon = Assert.IsType<Polygon>(set.Features[0].Geometry);
        Assert.True(polygon.Shell.IsCCW);
        Assert.False(Assert.Single(polygon.Holes).IsCCW);
        Assert.Equal(0.01 - 0.0016, polygon.Area, 9);
        Assert.True(polygon.Contains(new Point(-0.19, 51.79)));
        Assert.False(polygon.Contains(new Point(-0.15, 51.75)));
    }

    [Fact]
    public void Read_PointGeometry_Throws()
    {
        var json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"LSOA21CD\":\"E01000001\"}," +
            "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-0.2,51.7]}}]}";
        var ex = Assert.Throws<ImportFormatException>(() => BoundaryReader.Read(TestData.Utf8(json), "pt.geojson"));
        Assert.Contains("Point is not Polygon or MultiPolygon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SelfIntersectingPolygon_IsRepairedAndNoted()
    {
        var bowtie = "[[[-0.2,51.7],[-0.1,51.8],[-0.1,51.7],[-0.2,51.8],[-0.2,51.7]]]";
        var set = BoundaryReader.Read(TestData.Utf8(Polygon("\"lsoa21cd\":\"E01000001\"", bowtie)), "bowtie.geojson");
        Assert.True(set.Features[0].Geometry.IsValid);
        Assert.Contains(set.Notes, n => n.Contains("repaired", StringComparison.Ordinal));
    }

    private static string Polygon(string properties, string rings) =>
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{" + properties + "}," +
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + rings + "}}]}";
}
