using CommunitySafety.Features.Places.Analysis;
using Xunit;

namespace CommunitySafety.Tests.Places;

public class BritishNationalGridTests
{
    private static double Distance(BngPoint a, BngPoint b) =>
        Math.Sqrt(((a.Easting - b.Easting) * (a.Easting - b.Easting)) + ((a.Northing - b.Northing) * (a.Northing - b.Northing)));

    [Fact]
    public void ProjectOsgb36_OrdnanceSurveyWorkedExample_MatchesToCentimetre()
    {
        // OS "A guide to coordinates and coordinate systems in Great Britain", Annex C worked example:
        // OSGB36 52°39'27.2531"N 1°43'4.5177"E → E 651409.903, N 313177.270.
        var lat = 52 + (39 / 60.0) + (27.2531 / 3600.0);
        var lon = 1 + (43 / 60.0) + (4.5177 / 3600.0);

        var point = BritishNationalGrid.ProjectOsgb36(lat, lon);

        Assert.Equal(651409.903, point.Easting, 0.01);
        Assert.Equal(313177.270, point.Northing, 0.01);
    }

    [Fact]
    public void UnprojectOsgb36_OrdnanceSurveyWorkedExample_RecoversLatLon()
    {
        var (lat, lon) = BritishNationalGrid.UnprojectOsgb36(651409.903, 313177.270);

        Assert.Equal(52 + (39 / 60.0) + (27.2531 / 3600.0), lat, 1e-7);
        Assert.Equal(1 + (43 / 60.0) + (4.5177 / 3600.0), lon, 1e-7);
    }

    [Fact]
    public void FromWgs84_OrdnanceSurveyEtrs89Example_WithinTenMetresOfOstnResult()
    {
        // Same OS worked example in ETRS89 (≈ WGS84 to < 1 m): 52.658007833 N, 1.716073973 E,
        // whose OSTN-transformed grid position is E 651409.792, N 313177.448. Helmert is good to ~5 m.
        var point = BritishNationalGrid.FromWgs84(1.716073973, 52.658007833);

        Assert.InRange(Distance(point, new BngPoint(651409.792, 313177.448)), 0, 10);
    }

    [Fact]
    public void FromWgs84_StAlbansArea_MatchesIndependentEpsgTransform()
    {
        // Expected value from an independent run of ProjNET 2.0.0 with the published EPSG:27700 WKT
        // (TOWGS84 446.448,-125.157,542.06,0.15,0.247,0.842,-20.489): E 514809.178, N 207229.175.
        // This lies in grid square TL1407, ~200 m west of the E 515000 first guessed, next to St Albans
        // Cathedral at about TL 145 070.
        var point = BritishNationalGrid.FromWgs84(-0.3382, 51.7520);

        Assert.InRange(Distance(point, new BngPoint(514809.178, 207229.175)), 0, 1);
        Assert.InRange(point.Northing, 207_000, 208_000);
    }

    [Theory]
    [InlineData(-0.3382, 51.7520)]
    [InlineData(-3.1883, 55.9533)]
    [InlineData(-5.7150, 50.0657)]
    [InlineData(1.7300, 52.4800)]
    [InlineData(-1.2577, 60.1540)]
    public void ToWgs84_RoundTrip_ReturnsWithinTenCentimetres(double lon, double lat)
    {
        var bng = BritishNationalGrid.FromWgs84(lon, lat);
        var back = BritishNationalGrid.ToWgs84(bng.Easting, bng.Northing);
        var again = BritishNationalGrid.FromWgs84(back.Longitude, back.Latitude);

        Assert.InRange(Distance(bng, again), 0, 0.1);
        Assert.Equal(lat, back.Latitude, 1e-6);
        Assert.Equal(lon, back.Longitude, 1e-6);
    }

    [Fact]
    public void ToWgs84_OrdnanceSurveyExample_WithinTenMetres()
    {
        var back = BritishNationalGrid.ToWgs84(651409.792, 313177.448);
        var expected = BritishNationalGrid.FromWgs84(1.716073973, 52.658007833);
        var roundTripped = BritishNationalGrid.FromWgs84(back.Longitude, back.Latitude);

        // Compare in metres: 1e-4 degrees of latitude is ~11 m.
        Assert.Equal(52.658007833, back.Latitude, 1e-4);
        Assert.Equal(1.716073973, back.Longitude, 1.5e-4);
        Assert.InRange(Distance(roundTripped, expected), 0, 10);
    }

    [Theory]
    [InlineData(0.0, 0.0, false)] // "null island"
    [InlineData(51.752, -0.3382, false)] // lon/lat swapped
    [InlineData(-0.3382, 51.752, true)]
    [InlineData(-8.7, 49.8, true)] // inclusive corner
    [InlineData(1.81, 52.0, false)]
    [InlineData(-2.0, 61.0, false)]
    [InlineData(double.NaN, 52.0, false)]
    public void IsWithinGreatBritain_Coordinates_AppliesSanityBounds(double lon, double lat, bool expected)
    {
        Assert.Equal(expected, BritishNationalGrid.IsWithinGreatBritain(lon, lat));
    }

    [Fact]
    public void FromWgs84_OutsideGreatBritain_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BritishNationalGrid.FromWgs84(0, 0));
    }

    [Fact]
    public void ToWgs84_ImplausibleGridReference_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BritishNationalGrid.ToWgs84(5_000_000, 0));
    }
}
