namespace CommunitySafety.Features.Places.Analysis;

/// <summary>British National Grid (EPSG:27700) coordinate in metres.</summary>
public readonly record struct BngPoint(double Easting, double Northing);

/// <summary>WGS84 (EPSG:4326) coordinate in decimal degrees.</summary>
public readonly record struct Wgs84Point(double Longitude, double Latitude);

/// <summary>
/// WGS84 ⇄ OSGB36 British National Grid. Needed because police.uk publishes WGS84 lon/lat but hotspot
/// grids and distances work in metres.
/// </summary>
/// <remarks>
/// Source: Ordnance Survey, "A guide to coordinates and coordinate systems in Great Britain":
/// Helmert 7-parameter WGS84→OSGB36 (§6.6, accuracy ~5 m, which is fine for ~100 m+ hotspot cells),
/// lat/lon ⇄ cartesian (Annex B), and Transverse Mercator with the National Grid constants (Annex C).
/// OSTN15 would give ~0.1 m but needs a large grid file; not justified for this use.
/// </remarks>
public static class BritishNationalGrid
{
    // Ellipsoids (OS guide Table 1).
    private const double AiryA = 6377563.396;
    private const double AiryB = 6356256.909;
    private const double Grs80A = 6378137.000;
    private const double Grs80B = 6356752.3141;

    // National Grid projection (OS guide Table 2 / EPSG:27700).
    private const double F0 = 0.9996012717;
    private const double Lat0Deg = 49.0;
    private const double Lon0Deg = -2.0;
    private const double E0 = 400000.0;
    private const double N0 = -100000.0;

    // Helmert WGS84 → OSGB36 (OS guide §6.6).
    private const double Tx = -446.448;
    private const double Ty = 125.157;
    private const double Tz = -542.060;
    private const double ScalePpm = 20.4894;
    private const double RxSec = -0.1502;
    private const double RySec = -0.2470;
    private const double RzSec = -0.8421;

    private const double DegToRad = Math.PI / 180.0;
    private const double SecToRad = Math.PI / (180.0 * 3600.0);

    /// <summary>Sanity bounds for Great Britain (lon −8.7..1.8, lat 49.8..60.9). Used to reject e.g. 0,0 or swapped lon/lat.</summary>
    public static bool IsWithinGreatBritain(double longitude, double latitude) =>
        double.IsFinite(longitude) && double.IsFinite(latitude) &&
        longitude >= -8.7 && longitude <= 1.8 && latitude >= 49.8 && latitude <= 60.9;

    /// <summary>WGS84 lon/lat (degrees) → BNG easting/northing (m). Throws when outside Great Britain.</summary>
    public static BngPoint FromWgs84(double longitude, double latitude)
    {
        EnsureWithinGreatBritain(longitude, latitude);
        var (x, y, z) = ToCartesian(latitude * DegToRad, longitude * DegToRad, 0.0, Grs80A, Grs80B);
        var (x2, y2, z2) = Helmert(x, y, z, sign: 1.0);
        var (lat, lon) = FromCartesian(x2, y2, z2, AiryA, AiryB);
        return ProjectOsgb36(lat / DegToRad, lon / DegToRad);
    }

    /// <summary>BNG easting/northing (m) → WGS84 lon/lat (degrees).</summary>
    public static Wgs84Point ToWgs84(double easting, double northing)
    {
        if (!double.IsFinite(easting) || !double.IsFinite(northing) ||
            easting < -100_000 || easting > 800_000 || northing < -100_000 || northing > 1_400_000)
        {
            throw new ArgumentOutOfRangeException(nameof(easting), $"({easting}, {northing}) is not a plausible British National Grid coordinate.");
        }

        var (latDeg, lonDeg) = UnprojectOsgb36(easting, northing);
        var (x, y, z) = ToCartesian(latDeg * DegToRad, lonDeg * DegToRad, 0.0, AiryA, AiryB);
        var (x2, y2, z2) = Helmert(x, y, z, sign: -1.0);
        var (lat, lon) = FromCartesian(x2, y2, z2, Grs80A, Grs80B);
        return new Wgs84Point(lon / DegToRad, lat / DegToRad);
    }

    private static void EnsureWithinGreatBritain(double longitude, double latitude)
    {
        if (!IsWithinGreatBritain(longitude, latitude))
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), $"({longitude}, {latitude}) is outside Great Britain; check for 0,0 or swapped longitude/latitude.");
        }
    }

    /// <summary>OSGB36 (Airy 1830) latitude/longitude in degrees → National Grid (OS guide Annex C).</summary>
    internal static BngPoint ProjectOsgb36(double latitudeDeg, double longitudeDeg)
    {
        var phi = latitudeDeg * DegToRad;
        var lambda = longitudeDeg * DegToRad;
        var (nu, rho, eta2) = Radii(phi);
        var m = MeridionalArc(phi);

        var sin = Math.Sin(phi);
        var cos = Math.Cos(phi);
        var tan2 = Math.Tan(phi) * Math.Tan(phi);
        var cos3 = cos * cos * cos;
        var cos5 = cos3 * cos * cos;

        var i = m + N0;
        var ii = nu / 2 * sin * cos;
        var iii = nu / 24 * sin * cos3 * (5 - tan2 + (9 * eta2));
        var iiia = nu / 720 * sin * cos5 * (61 - (58 * tan2) + (tan2 * tan2));
        var iv = nu * cos;
        var v = nu / 6 * cos3 * ((nu / rho) - tan2);
        var vi = nu / 120 * cos5 * (5 - (18 * tan2) + (tan2 * tan2) + (14 * eta2) - (58 * tan2 * eta2));

        var dl = lambda - (Lon0Deg * DegToRad);
        var dl2 = dl * dl;
        var northing = i + (ii * dl2) + (iii * dl2 * dl2) + (iiia * dl2 * dl2 * dl2);
        var easting = E0 + (iv * dl) + (v * dl2 * dl) + (vi * dl2 * dl2 * dl);
        return new BngPoint(easting, northing);
    }

    /// <summary>National Grid → OSGB36 latitude/longitude in degrees (OS guide Annex C, inverse).</summary>
    internal static (double LatitudeDeg, double LongitudeDeg) UnprojectOsgb36(double easting, double northing)
    {
        var phi0 = Lat0Deg * DegToRad;
        var phi = ((northing - N0) / (AiryA * F0)) + phi0;
        var m = MeridionalArc(phi);

        // Iterate until the meridional arc matches the northing to 0.01 mm (OS guide step C.6).
        for (var iteration = 0; iteration < 100 && Math.Abs(northing - N0 - m) >= 1e-5; iteration++)
        {
            phi += (northing - N0 - m) / (AiryA * F0);
            m = MeridionalArc(phi);
        }

        var (nu, rho, eta2) = Radii(phi);
        var tan = Math.Tan(phi);
        var tan2 = tan * tan;
        var tan4 = tan2 * tan2;
        var sec = 1.0 / Math.Cos(phi);
        var nu3 = nu * nu * nu;
        var nu5 = nu3 * nu * nu;
        var nu7 = nu5 * nu * nu;

        var vii = tan / (2 * rho * nu);
        var viii = tan / (24 * rho * nu3) * (5 + (3 * tan2) + eta2 - (9 * tan2 * eta2));
        var ix = tan / (720 * rho * nu5) * (61 + (90 * tan2) + (45 * tan4));
        var x = sec / nu;
        var xi = sec / (6 * nu3) * ((nu / rho) + (2 * tan2));
        var xii = sec / (120 * nu5) * (5 + (28 * tan2) + (24 * tan4));
        var xiia = sec / (5040 * nu7) * (61 + (662 * tan2) + (1320 * tan4) + (720 * tan4 * tan2));

        var y = easting - E0;
        var y2 = y * y;
        var lat = phi - (vii * y2) + (viii * y2 * y2) - (ix * y2 * y2 * y2);
        var lon = (Lon0Deg * DegToRad) + (x * y) - (xi * y2 * y) + (xii * y2 * y2 * y) - (xiia * y2 * y2 * y2 * y);
        return (lat / DegToRad, lon / DegToRad);
    }

    // ν (transverse radius), ρ (meridional radius) and η² on the Airy ellipsoid, scaled by F0.
    private static (double Nu, double Rho, double Eta2) Radii(double phi)
    {
        var e2 = ((AiryA * AiryA) - (AiryB * AiryB)) / (AiryA * AiryA);
        var sin2 = Math.Sin(phi) * Math.Sin(phi);
        var nu = AiryA * F0 / Math.Sqrt(1 - (e2 * sin2));
        var rho = AiryA * F0 * (1 - e2) * Math.Pow(1 - (e2 * sin2), -1.5);
        return (nu, rho, (nu / rho) - 1);
    }

    // Meridional arc from the true origin's latitude (OS guide eq. C3).
    private static double MeridionalArc(double phi)
    {
        var n = (AiryA - AiryB) / (AiryA + AiryB);
        var n2 = n * n;
        var n3 = n2 * n;
        var phi0 = Lat0Deg * DegToRad;
        var d = phi - phi0;
        var s = phi + phi0;
        return AiryB * F0 * (
            ((1 + n + (1.25 * n2) + (1.25 * n3)) * d)
            - (((3 * n) + (3 * n2) + (21.0 / 8 * n3)) * Math.Sin(d) * Math.Cos(s))
            + (((15.0 / 8 * n2) + (15.0 / 8 * n3)) * Math.Sin(2 * d) * Math.Cos(2 * s))
            - (35.0 / 24 * n3 * Math.Sin(3 * d) * Math.Cos(3 * s)));
    }

    // Geodetic → Earth-centred cartesian (OS guide Annex B.1).
    private static (double X, double Y, double Z) ToCartesian(double phi, double lambda, double height, double a, double b)
    {
        var e2 = ((a * a) - (b * b)) / (a * a);
        var sinPhi = Math.Sin(phi);
        var nu = a / Math.Sqrt(1 - (e2 * sinPhi * sinPhi));
        var x = (nu + height) * Math.Cos(phi) * Math.Cos(lambda);
        var y = (nu + height) * Math.Cos(phi) * Math.Sin(lambda);
        var z = (((1 - e2) * nu) + height) * sinPhi;
        return (x, y, z);
    }

    // Cartesian → geodetic by fixed-point iteration on latitude (OS guide Annex B.2).
    private static (double Phi, double Lambda) FromCartesian(double x, double y, double z, double a, double b)
    {
        var e2 = ((a * a) - (b * b)) / (a * a);
        var p = Math.Sqrt((x * x) + (y * y));
        var lambda = Math.Atan2(y, x);
        var phi = Math.Atan2(z, p * (1 - e2));
        for (var i = 0; i < 20; i++)
        {
            var sinPhi = Math.Sin(phi);
            var nu = a / Math.Sqrt(1 - (e2 * sinPhi * sinPhi));
            var next = Math.Atan2(z + (e2 * nu * sinPhi), p);
            if (Math.Abs(next - phi) < 1e-13)
            {
                phi = next;
                break;
            }

            phi = next;
        }

        return (phi, lambda);
    }

    // Small-angle Helmert (OS guide eq. 6.3). sign = +1 for WGS84→OSGB36, −1 for the reverse; negating the
    // parameters is the standard approximate inverse (error of a few mm, far below the Helmert's own ~5 m).
    private static (double X, double Y, double Z) Helmert(double x, double y, double z, double sign)
    {
        var tx = sign * Tx;
        var ty = sign * Ty;
        var tz = sign * Tz;
        var s = sign * ScalePpm * 1e-6;
        var rx = sign * RxSec * SecToRad;
        var ry = sign * RySec * SecToRad;
        var rz = sign * RzSec * SecToRad;
        var x2 = tx + ((1 + s) * x) - (rz * y) + (ry * z);
        var y2 = ty + (rz * x) + ((1 + s) * y) - (rx * z);
        var z2 = tz - (ry * x) + (rx * y) + ((1 + s) * z);
        return (x2, y2, z2);
    }
}
