using System.Globalization;
using System.Text;
using CommunitySafety.Data;
using CommunitySafety.Features.Demo;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace CommunitySafety.Features.Places;

/// <summary>
/// The demo county's places data: 49 wards in four local authorities, their LSOAs and populations, and
/// 24 months of police.uk-shaped street records ending last month, imported through the real importer.
/// </summary>
/// <remarks>
/// <para>Fictional codes: ward and authority codes start with X, a letter ONS does not use for GSS codes
/// (E, W, S, N, K, J, L, M are used), so nothing can collide with real data: X05 = wards, X07 = local
/// authorities. LSOA codes pass through the police.uk import, which accepts only real LSOA shapes (E01, W01),
/// so they are E01 codes from E01900001 up, far beyond the last one ONS has issued (about E01036000). The area is a made-up grid in the English Midlands (police.uk coordinates must be in the UK).</para>
/// <para>Shape: category shares roughly follow the Hertfordshire files in shared/data (ASB about a
/// quarter, violence about 30%); three hot wards carry four times the base rate; shoplifting doubles
/// over the two years; about 1% of rows have no location, 0.5% fall just outside the county and 0.5%
/// have only an LSOA code. Deterministic (fixed seed) and small, because every fresh demo database runs it.</para>
/// </remarks>
public sealed class WyvernshirePlaces(AppDb db, PoliceUkImporter importer, TimeProvider clock, IConfiguration configuration) : IDemoContributor
{
    private const int Columns = 7;
    private const int Rows = 7;
    private const double West = -1.95, South = 52.05, CellWidth = 0.045, CellHeight = 0.03;
    private const int RecordsPerMonth = 450;
    private const string Force = "Wyvernshire Constabulary";

    private static readonly (string Code, string Name)[] Authorities =
    [
        ("X07000001", "Ashcombe"), ("X07000002", "Wyvern Vale"), ("X07000003", "Eastmarsh"), ("X07000004", "Highmoor"),
    ];

    private static readonly string[] WardWords =
    [
        "Abbey", "Brook", "Castle", "Dale", "Elm", "Ferry", "Glebe", "Heath", "Kings", "Lark", "Mill", "North", "Oak", "Priory",
        "Queens", "Rush", "Saxon", "Tanner", "Upton", "Vale", "Weir", "Yew", "Ash", "Bridge", "Church", "Deer", "Eden", "Fox",
        "Gate", "Hill", "Ivy", "Jubilee", "Kiln", "Lock", "Moor", "Nash", "Orchard", "Park", "Quarry", "Ridge", "Stone", "Thorn",
        "Under", "Victoria", "West", "Wharf", "Yard", "Barley", "Cedar",
    ];

    private static readonly string[] Streets =
    [
        "High Street", "Station Road", "Church Lane", "Mill Lane", "Market Place", "Park Road", "Victoria Street", "Green Lane",
        "School Road", "The Crescent", "Bridge Street", "Queens Road", "Parking Area", "Supermarket", "Petrol Station", "Sports/Recreation Area",
    ];

    // Shares per category (percent), in PoliceUkCrimeTypes.All order.
    private static readonly double[] Shares = [25, 1, 4, 7, 2.5, 8, 0.8, 5, 0.7, 7, 1, 7, 30, 1.5];

    private static readonly string[] Outcomes =
    [
        "Investigation complete; no suspect identified", "Unable to prosecute suspect", "Under investigation",
        "Awaiting court outcome", "Local resolution", "Offender given a caution",
    ];

    public int Order => 20;

    public async Task SeedAsync(DemoPartnership demo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(demo);
        // Demo:PlacesData=false keeps the demo's users and agencies but no generated crime data
        // (tests that load their own wards and records start from empty Places tables).
        if (configuration.GetValue("Demo:PlacesData", true) is false)
        {
            return;
        }
        var random = new Random(demo.RandomSeed);
        var wards = BuildWards(random);
        await SaveReferenceAsync(wards, ct);

        var folder = Directory.CreateTempSubdirectory("csp-demo-places-").FullName;
        try
        {
            var path = Path.Combine(folder, "wyvernshire-demo-street.csv");
            WriteStreetFile(path, wards, random);
            var result = await importer.ImportAsync(path, "(demo)", ct: ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo places import failed: " + result.Message);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record DemoWard(string Code, string Name, int Authority, Polygon Polygon, string[] Lsoas, int Population, double Weight);

    /// <summary>A grid whose inner vertices are jittered by under a quarter cell, so the quads stay valid and share edges.</summary>
    private static List<DemoWard> BuildWards(Random random)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var vertices = new Coordinate[Columns + 1, Rows + 1];
        for (var i = 0; i <= Columns; i++)
        {
            for (var j = 0; j <= Rows; j++)
            {
                var inner = i > 0 && i < Columns && j > 0 && j < Rows;
                var dx = inner ? (random.NextDouble() - 0.5) * CellWidth * 0.4 : 0;
                var dy = inner ? (random.NextDouble() - 0.5) * CellHeight * 0.4 : 0;
                vertices[i, j] = new Coordinate(Math.Round(West + (i * CellWidth) + dx, 6), Math.Round(South + (j * CellHeight) + dy, 6));
            }
        }

        var hot = new HashSet<int> { 10, 24, 38 };
        var wards = new List<DemoWard>();
        for (var j = 0; j < Rows; j++)
        {
            for (var i = 0; i < Columns; i++)
            {
                var n = wards.Count;
                var ring = new[] { vertices[i, j], vertices[i + 1, j], vertices[i + 1, j + 1], vertices[i, j + 1], vertices[i, j] };
                var polygon = factory.CreatePolygon(ring.Select(c => c.Copy()).ToArray());
                var authority = (i < 4 ? 0 : 1) + (j < 4 ? 0 : 2);
                var code = $"X05{n + 1:D6}";
                var lsoas = Enumerable.Range(0, 4).Select(k => $"E019{(n * 4) + k + 1:D5}").ToArray();
                wards.Add(new DemoWard(code, WardWords[n] + (n % 3 == 0 ? " Central" : n % 3 == 1 ? " North" : " South"), authority, polygon, lsoas,
                    random.Next(4000, 12000), hot.Contains(n) ? 4.0 : 0.6 + random.NextDouble()));
            }
        }

        return wards;
    }

    private async Task SaveReferenceAsync(List<DemoWard> wards, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var set = new Model.BoundarySet
        {
            Level = BoundaryLevel.Ward, Vintage = 2025, FileName = "wyvernshire-demo-wards (generated)", Sha256 = new string('0', 64),
            CodeProperty = "WD25CD", ImportedUtc = now, ImportedBy = "(demo)", FeatureCount = wards.Count, IsCurrent = true,
        };
        db.Add(set);
        await db.SaveChangesAsync(ct);
        var wkb = new WKBWriter();
        foreach (var w in wards)
        {
            var env = w.Polygon.EnvelopeInternal;
            var inside = w.Polygon.InteriorPoint;
            var (ladCode, ladName) = Authorities[w.Authority];
            db.Add(new Ward
            {
                BoundarySetId = set.Id, Code = w.Code, Name = w.Name, LadCode = ladCode, LadName = ladName, Geometry = wkb.Write(w.Polygon),
                MinLongitude = env.MinX, MinLatitude = env.MinY, MaxLongitude = env.MaxX, MaxLatitude = env.MaxY,
                CentroidLongitude = inside.X, CentroidLatitude = inside.Y, Population = w.Population, PopulationYear = 2022,
            });
            db.Add(new AreaPopulation { AreaCode = w.Code, Year = 2022, Population = w.Population, Source = "(demo)" });
            foreach (var lsoa in w.Lsoas)
            {
                db.Add(new Lsoa { Code = lsoa, Name = $"{ladName} {lsoa[^3..]}", Vintage = 2021 });
                db.Add(new LsoaWardLookup { LsoaCode = lsoa, LsoaVintage = 2021, WardCode = w.Code, WardVintage = 2025, WardName = w.Name, LadCode = ladCode, LadName = ladName });
                db.Add(new LsoaChangeLink { Lsoa11Code = lsoa, Lsoa21Code = lsoa, Change = Import.LsoaChange.Unchanged });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private void WriteStreetFile(string path, List<DemoWard> wards, Random random)
    {
        var today = clock.GetUtcNow().UtcDateTime;
        var last = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-1);
        var points = wards.Select(w => Enumerable.Range(0, 12).Select(_ => PointIn(w, random)).ToArray()).ToArray();
        var wardWeights = Cumulative(wards.Select(w => w.Weight).ToArray());
        var hex = new byte[32];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(string.Join(',', StreetCsvReader.ExpectedHeader) + "\n");
        for (var m = 0; m < 24; m++)
        {
            var month = last.AddMonths(m - 23).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var shares = (double[])Shares.Clone();
            shares[9] *= 1 + (m / 23.0); // shoplifting rises to double over the two years
            var categoryWeights = Cumulative(shares);
            var count = RecordsPerMonth + random.Next(-40, 40) + (m % 12 is >= 5 and <= 7 ? 50 : 0); // a summer peak
            for (var r = 0; r < count; r++)
            {
                var category = PoliceUkCrimeTypes.All[Pick(categoryWeights, random)];
                var isAsb = category.Code == CrimeCategory.AntiSocialBehaviour;
                var crimeId = "";
                if (!isAsb)
                {
                    random.NextBytes(hex);
                    crimeId = Convert.ToHexStringLower(hex);
                }

                var w = Pick(wardWeights, random);
                var roll = random.NextDouble();
                string lon = "", lat = "", location, lsoa = "", lsoaName = "";
                if (roll < 0.01)
                {
                    location = "No location";
                }
                else if (roll < 0.015)
                {
                    lsoa = wards[w].Lsoas[random.Next(4)];
                    lsoaName = $"{Authorities[wards[w].Authority].Name} {lsoa[^3..]}";
                    location = "On or near " + Streets[random.Next(Streets.Length)];
                }
                else if (roll < 0.02)
                {
                    // Just over the county boundary to the west, as in real force files (in a neighbouring LSOA:
                    // police.uk gives every mapped crime one).
                    lon = F(West - 0.01 - (random.NextDouble() * 0.02));
                    lat = F(South + (random.NextDouble() * Rows * CellHeight));
                    lsoa = "E01990001";
                    lsoaName = "Westshire 001A";
                    location = "On or near " + Streets[random.Next(Streets.Length)];
                }
                else
                {
                    var (x, y, street) = points[w][random.Next(12)];
                    lon = F(x);
                    lat = F(y);
                    lsoa = wards[w].Lsoas[random.Next(4)];
                    lsoaName = $"{Authorities[wards[w].Authority].Name} {lsoa[^3..]}";
                    location = "On or near " + street;
                }

                var outcome = isAsb ? "" : Outcomes[random.Next(Outcomes.Length)];
                writer.Write($"{crimeId},{month},{Force},{Force},{lon},{lat},{location},{lsoa},{lsoaName},{category.Name},{outcome},\n");
            }
        }
    }

    /// <summary>A snapped map point inside the ward: bilinear interpolation of its quad away from the edges.</summary>
    private static (double X, double Y, string Street) PointIn(DemoWard ward, Random random)
    {
        var c = ward.Polygon.Coordinates;
        double u = 0.15 + (random.NextDouble() * 0.7), v = 0.15 + (random.NextDouble() * 0.7);
        var x = ((1 - u) * (1 - v) * c[0].X) + (u * (1 - v) * c[1].X) + (u * v * c[2].X) + ((1 - u) * v * c[3].X);
        var y = ((1 - u) * (1 - v) * c[0].Y) + (u * (1 - v) * c[1].Y) + (u * v * c[2].Y) + ((1 - u) * v * c[3].Y);
        return (Math.Round(x, 6), Math.Round(y, 6), Streets[random.Next(Streets.Length)]);
    }

    private static double[] Cumulative(double[] weights)
    {
        var sums = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            sums[i] = total;
        }

        return sums;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return i >= 0 ? i : Math.Min(~i, cumulative.Length - 1);
    }

    private static string F(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
