using System.Globalization;
using System.Text;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Tests.Infrastructure;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>Boundary files that must not become a ward set, each refused naming the feature; and the memory caps.</summary>
public sealed class BoundaryChecksTests
{
    private const string Square = "[[[-0.2,51.7],[-0.1,51.7],[-0.1,51.8],[-0.2,51.8],[-0.2,51.7]]]";

    private static string Collection(params string[] features) =>
        "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(',', features) + "]}";

    private static string Feature(string code, string rings = Square, string? properties = null) =>
        "{\"type\":\"Feature\",\"properties\":{" + (properties ?? $"\"WD25CD\":\"{code}\",\"WD25NM\":\"Ward {code}\"") + "}," +
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + rings + "}}";

    private static ImportFormatException Refused(string json) =>
        Assert.Throws<ImportFormatException>(() => BoundaryReader.Read(TestData.Utf8(json), "wards.geojson"));

    [Fact]
    public void Read_CrsSaysBritishNationalGridButCoordinatesAreLonLat_RefusedNamingTheFeature()
    {
        var json = Collection(Feature("E05000001"), Feature("E05000002")).Insert(1,
            "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},");

        var ex = Refused(json);

        Assert.Equal("crs", ex.Field);
        Assert.Contains("feature 1 (E05000001)", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("says urn:ogc:def:crs:EPSG::27700 (British National Grid metres) but the coordinates are longitude/latitude", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CrsSaysWgs84ButCoordinatesAreMetres_RefusedNamingTheCrs()
    {
        var bng = "[[[530000,180000],[531000,180000],[531000,181000],[530000,181000],[530000,180000]]]";
        var json = Collection(Feature("E05000001", bng)).Insert(1,
            "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},");

        var ex = Refused(json);

        Assert.Contains("feature 1 (E05000001)", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("although the crs member says urn:ogc:def:crs:OGC:1.3:CRS84", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FeatureOutsideTheUk_RefusedNamingTheFeature()
    {
        var italy = "[[[10.0,45.0],[10.1,45.0],[10.1,45.1],[10.0,45.1],[10.0,45.0]]]";

        var ex = Refused(Collection(Feature("E05000001"), Feature("E05000002", italy)));

        Assert.StartsWith("feature 2 (E05000002) lies outside the UK (around 10.05°E 45.05°N", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOTACODE")]
    [InlineData("X05000001")]
    [InlineData("E0500001")]
    public void Read_CodeThatIsNotAGssCode_RefusedNamingTheFeature(string code)
    {
        var ex = Refused(Collection(Feature("E05000001"), Feature(code)));

        Assert.Equal("WD25CD", ex.Field);
        Assert.Equal($"feature 2: '{code}' is not a GSS code (a country letter and eight digits, e.g. E05012345)", ex.Reason);
    }

    [Fact]
    public void Read_PositionWithFourNumbers_RefusedNamingTheFeature()
    {
        var xyzm = "[[[-0.2,51.7,0,7],[-0.1,51.7,0,7],[-0.1,51.8,0,7],[-0.2,51.8,0,7],[-0.2,51.7,0,7]]]";

        var ex = Refused(Collection(Feature("E05000001"), Feature("E05000002", xyzm)));

        Assert.Equal("coordinates", ex.Field);
        Assert.StartsWith("feature 2 (E05000002): a position has 4 numbers", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PositionWithHeight_IsAccepted()
    {
        var xyz = "[[[-0.2,51.7,10],[-0.1,51.7,10],[-0.1,51.8,10],[-0.2,51.8,10],[-0.2,51.7,10]]]";
        Assert.Single(BoundaryReader.Read(TestData.Utf8(Collection(Feature("E05000001", xyz))), "wards.geojson").Features);
    }

    [Fact]
    public void Read_PropertyKeyGivenTwice_RefusedNamingTheFeatureAndKey()
    {
        var ex = Refused(Collection(Feature("E05000001"), Feature("", properties: "\"WD25CD\":\"E05000002\",\"WD25NM\":\"A\",\"WD25CD\":\"E05000003\"")));

        Assert.Equal("WD25CD", ex.Field);
        Assert.Equal("feature 2 (E05000002): the member \"WD25CD\" is given twice in one object (in \"properties\"); which value counts is undefined, so the file is refused", ex.Reason);
    }

    [Fact]
    public void Check_MoreFeaturesThanTheCap_RefusedBeforeReadingGeometry()
    {
        var feature = Feature("E05000001");
        var json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (var i = 0; i <= GeoJsonShape.MaxFeatures; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(feature);
        }

        json.Append("]}");

        var ex = Assert.Throws<ImportFormatException>(() => GeoJsonShape.Check(Encoding.UTF8.GetBytes(json.ToString()), "big.geojson"));

        Assert.Contains($"more than {GeoJsonShape.MaxFeatures.ToString("N0", CultureInfo.InvariantCulture)} features", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PositionsOverTheCapAcrossTheFilesOfASet_Refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Collection(Feature("E05000001")));
        Assert.Equal(5, GeoJsonShape.Check(bytes, "a.geojson").Positions);

        var ex = Assert.Throws<ImportFormatException>(() => GeoJsonShape.Check(bytes, "b.geojson", 1, GeoJsonShape.MaxPositions - 4));

        Assert.Contains("positions in the set", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RealWardFile_CountsItsFeaturesAndPositions()
    {
        var counts = GeoJsonShape.Check(File.ReadAllBytes(TestData.PathOf(PlacesImportTestSupport.Wards2025)), "E10000015.geojson");
        Assert.Equal(176, counts.Features);
        Assert.Equal(12_216, counts.Positions); // counted independently with Python's json module
    }
}
