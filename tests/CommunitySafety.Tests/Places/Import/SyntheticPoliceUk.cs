using System.Globalization;
using System.Text;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>
/// Generated police.uk-shaped inputs for tests that need more rows than the real files hold: a street CSV and a
/// grid of square wards (ONS-style GeoJSON) under it. Written to a temp folder by the test; never committed.
/// </summary>
internal static class SyntheticPoliceUk
{
    public const string Force = "Synthetic Constabulary";
    public const double West = -1.50, South = 52.00, WardWidth = 0.05, WardHeight = 0.04;
    public const int WardColumns = 4, WardRows = 4;

    private static readonly string[] CrimeTypes =
    [
        "Anti-social behaviour", "Burglary", "Criminal damage and arson", "Drugs", "Other theft", "Public order",
        "Shoplifting", "Vehicle crime", "Violence and sexual offences", "Theft from the person",
    ];

    /// <summary>
    /// <paramref name="rows"/> records of one month: unique Crime IDs (none for anti-social behaviour), map points on
    /// a 300 × 300 lattice over the wards, about 2% just outside them and 1% with no location.
    /// </summary>
    public static void WriteStreetFile(string path, int rows, int seed, string month = "2024-03")
    {
        var random = new Random(seed);
        var prefix = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + new string('0', 40);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
        for (var i = 0; i < rows; i++)
        {
            var type = CrimeTypes[random.Next(CrimeTypes.Length)];
            var asb = type == "Anti-social behaviour";
            var id = asb ? "" : prefix + i.ToString("x8", CultureInfo.InvariantCulture);
            var roll = random.Next(100);
            string lon = "", lat = "", location = "No location";
            if (roll >= 1)
            {
                var x = roll < 3 ? West - 0.01 - (random.Next(100) * 0.0001) : West + (random.Next(300) * (WardColumns * WardWidth / 300));
                var y = South + (random.Next(300) * (WardRows * WardHeight / 300));
                lon = x.ToString("F6", CultureInfo.InvariantCulture);
                lat = y.ToString("F6", CultureInfo.InvariantCulture);
                location = "On or near Street " + random.Next(60).ToString(CultureInfo.InvariantCulture);
            }

            var lsoa = "E0199" + random.Next(1000).ToString("D4", CultureInfo.InvariantCulture);
            var outcome = asb ? "" : "Investigation complete; no suspect identified";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{id},{month},{Force},{Force},{lon},{lat},{location},{lsoa},Synthetic {lsoa[^3..]}A,{type},{outcome},\n"));
        }
    }

    /// <summary>A 4 × 4 grid of square wards (WD25CD codes E0599xxxx) covering the street file's lattice.</summary>
    public static void WriteWards(string path)
    {
        var features = new List<string>();
        for (var row = 0; row < WardRows; row++)
        {
            for (var col = 0; col < WardColumns; col++)
            {
                double x0 = West + (col * WardWidth), y0 = South + (row * WardHeight), x1 = x0 + WardWidth, y1 = y0 + WardHeight;
                var n = (row * WardColumns) + col + 1;
                features.Add(string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"type":"Feature","properties":{"WD25CD":"E0599{{{n:D4}}}","WD25NM":"Synthetic ward {{{n}}}"},"geometry":{"type":"Polygon","coordinates":[[[{{{x0}}},{{{y0}}}],[{{{x1}}},{{{y0}}}],[{{{x1}}},{{{y1}}}],[{{{x0}}},{{{y1}}}],[{{{x0}}},{{{y0}}}]]]}}"""));
            }
        }

        File.WriteAllText(path, "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",\n", features) + "]}");
    }
}
