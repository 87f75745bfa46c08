using System.Globalization;
using System.Text.Json;
using CommunitySafety.Features.Places.Import;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CommunitySafety.Tests.Places.Import;

internal static class PlacesImportTestSupport
{
    public const string Wards2025 = "boundaries/wards-2025-bgc/E10000015.geojson";
    public const string Wards2022 = "boundaries/wards-2022-bgc/E10000015.geojson";
    public const string Lsoa11To21 = "lookups/LSOA11_LSOA21_LAD22_EW_exact_LU.csv";
    public const string Lsoa21ToWard = "lookups/LSOA21_WD24_LAD24_EW_LU.csv";

    /// <summary>police.uk "Falls within" of the real files; the demo county's records belong to another force.</summary>
    public const string Hertfordshire = "Hertfordshire Constabulary";

    public static IQueryable<CrimeRecord> HertfordshireRecords(CommunitySafety.Data.AppDb db) =>
        db.Set<CrimeRecord>().Where(r => db.Set<ForceMonth>().Any(f => f.Id == r.ForceMonthId && f.Force == Hertfordshire));

    public static string Street(string month) => TestData.PathOf($"police-uk/street/hertfordshire/{month}-hertfordshire-street.csv");

    public static async Task LoadHertfordshireWardsAsync(IServiceProvider services, bool lookups)
    {
        using var scope = services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<ReferenceImporter>();
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await importer.ImportBoundariesAsync(TestData.PathOf(Wards2025), true, "test", ct)).Succeeded);
        if (lookups)
        {
            Assert.True((await importer.ImportLookupAsync(TestData.PathOf(Lsoa11To21), "test", ct)).Succeeded);
            Assert.True((await importer.ImportLookupAsync(TestData.PathOf(Lsoa21ToWard), "test", ct)).Succeeded);
        }
    }

    /// <summary>Posts boundary files (paths under shared/data, or full paths) to the web upload with what to do with the wards.</summary>
    public static async Task<HttpResponseMessage> UploadBoundariesAsync(HttpClient client, string use, params string[] files)
    {
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/places/imports/boundaries");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent(use), "Use");
        foreach (var file in files)
        {
            var path = Path.IsPathRooted(file) ? file : TestData.PathOf(file);
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)), "Files", Path.GetFileName(file));
        }

        return await client.PostAsync("/places/imports/boundaries", form, TestContext.Current.CancellationToken);
    }

    /// <summary>Reads an import's page until it stops refreshing itself (the import has finished), and returns it.</summary>
    public static async Task<string> WaitForImportAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 1200; i++)
        {
            var html = await client.GetStringAsync(url, TestContext.Current.CancellationToken);
            if (!html.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                return html;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("import did not finish within 300 s");
    }

    public static async Task<ImportResult> ImportAsync(IServiceProvider services, string path, bool acceptBadRows = false)
    {
        using var scope = services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<PoliceUkImporter>();
        return await importer.ImportAsync(path, "test", new PoliceUkImportOptions { AcceptRowRejections = acceptBadRows },
            ct: TestContext.Current.CancellationToken);
    }

    /// <summary>What the analysis pages will see: (ward code or "-" for unplaced, yyyymm, category text) → count.</summary>
    public static async Task<Dictionary<(string Ward, int Month, string Category), int>> StoredCountsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        var wards = await db.Set<Ward>().ToDictionaryAsync(w => w.Id, w => w.Code, TestContext.Current.CancellationToken);
        var rows = await db.Set<WardMonthlyCount>()
            .Where(c => db.Set<ForceMonth>().Any(f => f.Id == c.ForceMonthId && f.Force == Hertfordshire))
            .ToListAsync(TestContext.Current.CancellationToken);
        return rows
            .GroupBy(r => (r.WardId is { } id ? wards[id] : "-", r.Month, PoliceUkCrimeTypes.NameOf(r.Category)))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
    }

    public static async Task<long> CrimeRecordCountAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        return await HertfordshireRecords(db).LongCountAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A one-row street file: a real January 2021 Watford row with its coordinates removed, so only its 2011 LSOA
    /// code places it; and the ward the ONS lookup files give for that LSOA (2011 → 2021 → WD24), read here directly.
    /// </summary>
    public static (string Path, string ExpectedWard) LsoaOnlyFile(string folder)
    {
        var lines = File.ReadAllLines(Street("2021-01"));
        var fields = lines.First(l => l.Contains(",Watford 0", StringComparison.Ordinal)).Split(',');
        var lsoa11 = fields[7];
        fields[4] = "";
        fields[5] = "";
        var path = System.IO.Path.Combine(folder, "2021-01-hertfordshire-street.csv");
        File.WriteAllLines(path, [lines[0], string.Join(',', fields)]);
        var lsoa21 = File.ReadLines(TestData.PathOf(Lsoa11To21)).Select(l => l.Split(',')).First(f => f[0] == lsoa11)[2];
        var header = File.ReadLines(TestData.PathOf(Lsoa21ToWard)).First().Split(',');
        var wardColumn = Array.FindIndex(header, h => h.Trim('\uFEFF').Equals("WD24CD", StringComparison.OrdinalIgnoreCase));
        var ward = File.ReadLines(TestData.PathOf(Lsoa21ToWard)).Select(l => l.Split(',')).First(f => f[0].Trim('\uFEFF') == lsoa21)[wardColumn];
        return (path, ward);
    }

    /// <summary>A snapshot of everything an import may change, to prove a failed import changed nothing.</summary>
    public static async Task<string> SnapshotAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        var ct = TestContext.Current.CancellationToken;
        var records = await db.Set<CrimeRecord>().LongCountAsync(ct);
        var counts = await db.Set<WardMonthlyCount>().OrderBy(c => c.WardId).ThenBy(c => c.Month).ThenBy(c => c.Category).ThenBy(c => c.Placement)
            .Select(c => $"{c.WardId}:{c.Month}:{c.Category}:{c.Placement}:{c.Count}").ToListAsync(ct);
        var months = await db.Set<ForceMonth>().OrderBy(f => f.Force).ThenBy(f => f.Month)
            .Select(f => $"{f.Force}:{f.Month}:{f.StreetBatchId}:{f.RecordCount}").ToListAsync(ct);
        return $"{records}|{string.Join(',', counts)}|{string.Join(',', months)}";
    }
}

/// <summary>
/// An independent count for checking the importer: its own CSV parse (CsvHelper directly) and its own
/// point-in-polygon (NetTopologySuite Covers over the GeoJSON read here), not the product's readers,
/// <c>WardAssigner</c> or SQL. A point on a shared boundary goes to the lowest ward code, as documented.
/// </summary>
internal sealed class IndependentWardCount
{
    private readonly List<(string Code, Geometry Geometry)> _wards = [];

    /// <param name="codeProperty">The ward code property of the file (WD25CD, WD22CD, …).</param>
    public IndependentWardCount(string geoJsonPath, string codeProperty = "WD25CD")
        : this([geoJsonPath], codeProperty)
    {
    }

    /// <param name="geoJsonPaths">Several files make one ward set (one per council).</param>
    public IndependentWardCount(IEnumerable<string> geoJsonPaths, string codeProperty = "WD25CD")
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        foreach (var path in geoJsonPaths)
        {
            var collection = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), options)!;
            foreach (var feature in collection)
            {
                var geometry = feature.Geometry.IsValid ? feature.Geometry : feature.Geometry.Buffer(0);
                _wards.Add(((string)feature.Attributes[codeProperty], geometry));
            }
        }
    }

    public int WardCount => _wards.Count;

    public Dictionary<(string Ward, int Month, string Category), int> Counts { get; } = [];

    public long Rows { get; private set; }

    public void Add(string streetCsv)
    {
        var cache = new Dictionary<(double, double), string>();
        using var reader = new StreamReader(streetCsv);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            Rows++;
            var month = int.Parse(csv.GetField("Month")!.Replace("-", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var category = csv.GetField("Crime type")!;
            var lonText = csv.GetField("Longitude");
            var ward = "-";
            if (!string.IsNullOrEmpty(lonText))
            {
                var lon = double.Parse(lonText, CultureInfo.InvariantCulture);
                var lat = double.Parse(csv.GetField("Latitude")!, CultureInfo.InvariantCulture);
                if (!cache.TryGetValue((lon, lat), out ward!))
                {
                    var point = new Point(lon, lat);
                    ward = _wards.Where(w => w.Geometry.Covers(point)).Select(w => w.Code).Order(StringComparer.Ordinal).FirstOrDefault() ?? "-";
                    cache[(lon, lat)] = ward;
                }
            }

            var key = (ward, month, category);
            Counts[key] = Counts.GetValueOrDefault(key) + 1;
        }
    }
}
