using System.Globalization;
using System.Net;
using System.Text.Json;
using CommunitySafety.Features.Places.Analysis;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Places.Analysis;

/// <summary>
/// Trends, data quality, harm, benchmarks and assessment pages and their API on seeded counts.
/// Seed: four wards in two local authorities (populations 5,000 + 4,000 + 6,000 + 5,000 = 20,000), one force,
/// 24 months 2023-01..2024-12. Ward 1: burglary 10 a month in 2023 then 20 (120 → 240), vehicle crime 8 then 4
/// (96 → 48), drugs 5 in Jan 2023 and 6 in Jan 2024. Ward 2: ASB 30 a month throughout (360 → 360).
/// Dec 2024 also has 7 records outside the area and 3 with no location.
/// </summary>
public abstract class PlacesAnalysisPageTests(Db db, PostgresFixture pg)
{
    const int Burglary2024 = 240;
    const int Vehicle2024 = 48;
    const int Drugs2024 = 6;
    const int Asb2024 = 360;

    static async Task SeedAsync(AppFactory app, params int[] skipMonths) =>
        await AnalysisTestData.WithAsync(app, async t =>
        {
            var set = await t.AddCurrentWardSetAsync();
            var w1 = t.AddWard(set, "E05900001", "Abbey", "E07900001", "Ashcombe", 0, 0, 5000);
            var w2 = t.AddWard(set, "E05900002", "Bridge", "E07900001", "Ashcombe", 1, 0, 4000);
            t.AddWard(set, "E05900003", "Castle", "E07900002", "Brookvale", 0, 1, 6000);
            t.AddWard(set, "E05900004", "Dale", "E07900002", "Brookvale", 1, 1, 5000);
            await t.Db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var months = await t.AddForceMonthsAsync(202301, 202412, skipMonths);
            foreach (var (month, fm) in months)
            {
                var is2024 = month >= 202401;
                t.AddCount(fm, w1.Id, CrimeCategory.Burglary, is2024 ? 20 : 10);
                t.AddCount(fm, w1.Id, CrimeCategory.VehicleCrime, is2024 ? 4 : 8);
                t.AddCount(fm, w2.Id, CrimeCategory.AntiSocialBehaviour, 30);
                if (month % 100 == 1)
                {
                    t.AddCount(fm, w1.Id, CrimeCategory.Drugs, is2024 ? 6 : 5);
                }

                if (month == 202412)
                {
                    t.AddCount(fm, null, CrimeCategory.OtherTheft, 7, Placement.OutsideArea);
                    t.AddCount(fm, null, CrimeCategory.OtherTheft, 3, Placement.NoLocation);
                    t.AddRecords(fm, w1.Id, CrimeCategory.Burglary, 5, -1.49, 52.01, lsoa: null);
                }
            }

            return 0;
        });

    static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    static JsonElement Row(JsonElement rows, string category) =>
        rows.EnumerateArray().Single(r => r.GetProperty("category").GetString() == category);

    [Fact]
    public async Task Trends_SeededCounts_GivesExactPoissonVerdicts()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var json = await JsonAsync(client, "/api/places/trends?area=county&to=2024-12");
        var categories = json.GetProperty("categories");
        var burglary = Row(categories, "Burglary");
        var expected = PoissonComparison.Compare(Burglary2024, 120, 12, 12);

        Assert.Equal(Burglary2024, burglary.GetProperty("current").GetInt64());
        Assert.Equal(120, burglary.GetProperty("previous").GetInt64());
        Assert.Equal("Real rise", burglary.GetProperty("verdict").GetString());
        Assert.Equal(expected.PValue, burglary.GetProperty("pValue").GetDouble(), 12);
        Assert.Equal("Real fall", Row(categories, "Vehicle crime").GetProperty("verdict").GetString());
        Assert.Equal("No real change", Row(categories, "Drugs").GetProperty("verdict").GetString());
        Assert.Equal("No real change", Row(categories, "Anti-social behaviour").GetProperty("verdict").GetString());
        var rising = json.GetProperty("risingFastest").EnumerateArray().ToList();
        Assert.Equal("Burglary", rising[0].GetProperty("category").GetString());
        Assert.True(rising[0].GetProperty("realRise").GetBoolean());
        Assert.Contains(rising, r => r.GetProperty("category").GetString() == "Drugs" && !r.GetProperty("realRise").GetBoolean());
        Assert.Empty(json.GetProperty("missingMonths").EnumerateArray());

        var html = await client.GetStringAsync("/places/trends?area=county&to=2024-12");
        Assert.Contains("data-category=\"Burglary\"", html, StringComparison.Ordinal);
        Assert.Contains("Real rise", html, StringComparison.Ordinal);
        Assert.Contains(expected.PValue.ToString("0.0000", CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"app-chart\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_MissingForceMonth_ShownAsMissingNotZero()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app, 202406);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var json = await JsonAsync(client, "/api/places/trends?area=lad:E07900001&to=2024-12");
        Assert.Equal(new[] { "2024-06" }, json.GetProperty("missingMonths").EnumerateArray().Select(m => m.GetString()).ToArray());
        Assert.Equal(11, json.GetProperty("currentMonthsPresent").GetInt32());
        Assert.Equal(12, json.GetProperty("previousMonthsPresent").GetInt32());
        var burglary = Row(json.GetProperty("categories"), "Burglary");
        Assert.Equal(Burglary2024 - 20, burglary.GetProperty("current").GetInt64());
        // Compared as monthly rates over the months present (220/11 vs 120/12), so the rise is still 100%, not 83%.
        Assert.Equal(100.0, burglary.GetProperty("percentChange").GetDouble(), 9);
        var months = json.GetProperty("months").EnumerateArray().Select(m => m.GetString()).ToList();
        var series = json.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("category").GetString() == "Burglary").GetProperty("counts");
        Assert.Equal(JsonValueKind.Null, series[months.IndexOf("2024-06")].ValueKind);
        Assert.Equal(20, series[months.IndexOf("2024-05")].GetInt64());

        var html = await client.GetStringAsync("/places/trends?area=lad:E07900001&to=2024-12");
        Assert.Contains("Data is missing for 1 month(s): Jun 2024", html, StringComparison.Ordinal);
        Assert.Contains(">missing</td>", html, StringComparison.Ordinal);
        Assert.Contains("app-chart__missing", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataQuality_MissingForceMonth_ShowsMissingAndLocationShares()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app, 202406);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var json = await JsonAsync(client, "/api/places/data-quality?from=2024-01&to=2024-12");
        var cells = json.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(12, cells.Count);
        var june = cells.Single(c => c.GetProperty("month").GetString() == "2024-06");
        Assert.Equal("missing", june.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, june.GetProperty("records").ValueKind);
        var december = cells.Single(c => c.GetProperty("month").GetString() == "2024-12");
        Assert.Equal(20 + 4 + 30 + 7 + 3, december.GetProperty("records").GetInt32());
        Assert.Equal(7, december.GetProperty("outsideArea").GetInt64());
        Assert.Equal(3, december.GetProperty("noLocation").GetInt64());
        Assert.Equal(5, december.GetProperty("blankLsoa").GetInt64());

        var html = await client.GetStringAsync("/places/data-quality?from=2024-01&to=2024-12");
        Assert.Contains("data-month=\"2024-06\"><strong class=\"govuk-tag govuk-tag--red\">Missing</strong>", html, StringComparison.Ordinal);
        Assert.Contains("data-month=\"2024-12\">64</td>", html, StringComparison.Ordinal);

        var csv = await client.GetStringAsync("/places/data-quality?handler=csv&from=2024-01&to=2024-12");
        Assert.Contains($"{AnalysisTestData.Force},2024-06,missing,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Harm_LoadedTable_WeightsCountsAndListsMissingCategories()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        // An example table for this test only (not real weights).
        var load = await AppFactory.PostFormAsync(client, "/places/harm/tables/load", new()
        {
            ["Input.Name"] = "Example weights (test only)",
            ["Input.Version"] = "t1",
            ["Input.Source"] = "Made up for a unit test",
            ["Input.WeightsCsv"] = "category,weight\nBurglary,10\nvehicle-crime,2\n",
        });
        Assert.Equal(HttpStatusCode.Redirect, load.StatusCode);

        var json = await JsonAsync(client, "/api/places/harm?area=county&from=2024-01&to=2024-12");
        Assert.Equal("Example weights (test only)", json.GetProperty("weightTable").GetProperty("name").GetString());
        Assert.Equal("t1", json.GetProperty("weightTable").GetProperty("version").GetString());
        Assert.Equal((Burglary2024 * 10) + (Vehicle2024 * 2), json.GetProperty("totalHarm").GetDouble(), 9);
        Assert.Equal(Burglary2024 + Vehicle2024 + Drugs2024 + Asb2024, json.GetProperty("plainCount").GetInt64());
        var missing = json.GetProperty("missingCategories").EnumerateArray().ToDictionary(m => m.GetProperty("category").GetString()!, m => m.GetProperty("count").GetInt64());
        Assert.Equal(Drugs2024, missing["Drugs"]);
        Assert.Equal(Asb2024, missing["Anti-social behaviour"]);

        var html = await client.GetStringAsync("/places/harm?area=county&from=2024-01&to=2024-12");
        Assert.Contains("Weights: Example weights (test only), version t1.", html, StringComparison.Ordinal);
        Assert.Contains("This table has no weight for: <strong>Anti-social behaviour, Drugs</strong>", html, StringComparison.Ordinal);

        var again = await AppFactory.PostFormAsync(client, "/places/harm/tables/load", new()
        {
            ["Input.Name"] = "Example weights (test only)",
            ["Input.Version"] = "t1",
            ["Input.Source"] = "Made up for a unit test",
            ["Input.WeightsCsv"] = "category,weight\nBurglary,11\n",
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("is already loaded", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assessment_WithBenchmark_FiguresPageApiAndCsvMatchSeededData()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var save = await AppFactory.PostFormAsync(client, "/places/benchmarks/edit", new()
        {
            ["Input.Name"] = "England and Wales",
            ["Input.PeriodLabel"] = "Year ending December 2024",
            ["Input.StartMonth"] = "2024-01",
            ["Input.EndMonth"] = "2024-12",
            ["Input.TotalOffences"] = "5000000",
            ["Input.PreviousTotalOffences"] = "4800000",
            ["Input.Population"] = "60000000",
            ["Input.Source"] = "Test figures",
            ["Input.CategoryCsv"] = "category,count\nBurglary,200000\nDrugs,150000\n",
        });
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        var json = await JsonAsync(client, "/api/places/assessment?area=county&from=2024-01&to=2024-12");
        const long offences = Burglary2024 + Vehicle2024 + Drugs2024;
        Assert.Equal(offences, json.GetProperty("offences").GetInt64());
        Assert.Equal(20000, json.GetProperty("population").GetInt64());
        Assert.Equal(offences / 20000.0 * 1000, json.GetProperty("offencesPerThousand").GetDouble(), 9);
        Assert.Equal(5_000_000 / 60_000_000.0 * 1000, json.GetProperty("benchmark").GetProperty("perThousand").GetDouble(), 9);
        Assert.Equal((5_000_000 - 4_800_000) / 4_800_000.0 * 100, json.GetProperty("benchmark").GetProperty("percentChange").GetDouble(), 9);
        Assert.Equal(Asb2024, json.GetProperty("asbIncidents").GetInt64());
        Assert.Equal(Asb2024 * 100.0 / (Asb2024 + offences), json.GetProperty("asbSharePercent").GetDouble(), 9);
        Assert.Equal("Burglary", json.GetProperty("risingFastest").GetString());
        Assert.Equal("Real fall", Row(json.GetProperty("categories"), "Vehicle crime").GetProperty("verdict").GetString());
        var burglaryRates = Row(json.GetProperty("categoryRates"), "Burglary");
        Assert.Equal(Burglary2024 / 20000.0 * 1000, burglaryRates.GetProperty("perThousand").GetDouble(), 9);
        Assert.Equal(200000 / 60_000_000.0 * 1000, burglaryRates.GetProperty("benchmarkPerThousand").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, Row(json.GetProperty("categoryRates"), "Vehicle crime").GetProperty("benchmarkPerThousand").ValueKind);

        var html = await client.GetStringAsync("/places/assessment?area=county&from=2024-01&to=2024-12");
        Assert.Contains($"<dd class=\"govuk-summary-list__value\" id=\"offences\">{offences}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"rate\">{offences / 20.0:0.0}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("against 83 for England and Wales (Year ending December 2024)", html, StringComparison.Ordinal);
        Assert.Contains("Burglary rose fastest", html, StringComparison.Ordinal);
        Assert.Contains("/css/places-analysis.css", html, StringComparison.Ordinal);

        var csv = await client.GetStringAsync("/places/assessment?handler=csv&area=county&from=2024-01&to=2024-12");
        Assert.Contains($"area,offences,{offences},{120 + 96 + 5},", csv, StringComparison.Ordinal);
        Assert.Contains($"area,asb_incidents,{Asb2024},", csv, StringComparison.Ordinal);
        Assert.Contains("benchmark,offences_per_1000,83.3,", csv, StringComparison.Ordinal);

        var benchmarks = await JsonAsync(client, "/api/places/benchmarks");
        var categories = benchmarks[0].GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("count").GetInt64());
        Assert.Equal(200000, categories["Burglary"]);
        Assert.Equal(150000, categories["Drugs"]);
    }

    /// <summary>Rolling-year recorded offences for one force from the ONS PFA table (read in place; fraud bodies are separate PFAs).</summary>
    static long NationalOffences(string force, string yearEnding) =>
        File.ReadLines(TestData.PathOf("national-crime/rec-crime-pfa.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[1] == force && f[0] == yearEnding)
            .Sum(f => long.Parse(f[4], CultureInfo.InvariantCulture));

    static long ForcePopulation(string force, int year)
    {
        var lines = File.ReadAllLines(TestData.PathOf("population/police_force_area_population_2009_2019.csv"));
        var column = Array.IndexOf(lines[0].Split(','), force);
        return long.Parse(lines.Single(l => l.StartsWith(year.ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal)).Split(',')[column], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Assessment_BenchmarkFromNationalTables_ComparesAreaRateWithForceRate()
    {
        var offences = NationalOffences("Hertfordshire", "31-12-2018");
        var previous = NationalOffences("Hertfordshire", "30-12-2017"); // the source's label for 31-12-2017
        var population = ForcePopulation("Hertfordshire", 2018);
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var save = await AppFactory.PostFormAsync(client, "/places/benchmarks/edit", new()
        {
            ["Input.Name"] = "Hertfordshire",
            ["Input.PeriodLabel"] = "Year ending December 2018",
            ["Input.StartMonth"] = "2018-01",
            ["Input.EndMonth"] = "2018-12",
            ["Input.TotalOffences"] = offences.ToString(CultureInfo.InvariantCulture),
            ["Input.PreviousTotalOffences"] = previous.ToString(CultureInfo.InvariantCulture),
            ["Input.Population"] = population.ToString(CultureInfo.InvariantCulture),
            ["Input.Source"] = "ONS recorded crime at police force area level; ONS mid-year estimates summed to police force areas",
        });
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        var json = await JsonAsync(client, "/api/places/assessment?area=county&from=2024-01&to=2024-12");
        var benchmark = json.GetProperty("benchmark");
        var benchmarkRate = offences / (double)population * 1000;
        Assert.Equal(benchmarkRate, benchmark.GetProperty("perThousand").GetDouble(), 9);
        Assert.Equal((offences - previous) * 100.0 / previous, benchmark.GetProperty("percentChange").GetDouble(), 9);
        Assert.False(benchmark.GetProperty("periodMatches").GetBoolean());
        Assert.Equal(json.GetProperty("offencesPerThousand").GetDouble() / benchmarkRate, json.GetProperty("ratioToBenchmark").GetDouble(), 9);
        var html = await client.GetStringAsync("/places/assessment?area=county&from=2024-01&to=2024-12");
        Assert.Contains($"against {benchmarkRate.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} for Hertfordshire (Year ending December 2018)", html, StringComparison.Ordinal);
        Assert.Contains("not the same months as the area", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_NothingLoaded_RenderAndSayWhatIsMissing()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        foreach (var url in new[] { "/places/trends", "/places/hotspots", "/places/harm", "/places/data-quality", "/places/assessment", "/places/benchmarks",
            "/api/places/trends", "/api/places/hotspots", "/api/places/data-quality", "/api/places/assessment", "/api/places/benchmarks" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }

        Assert.Contains("No police.uk data has been loaded yet.", await client.GetStringAsync("/places/data-quality"), StringComparison.Ordinal);
        Assert.Contains("No harm weight table has been loaded yet.", await client.GetStringAsync("/places/harm"), StringComparison.Ordinal);
        Assert.Contains("No wards are loaded for this area.", await client.GetStringAsync("/places/hotspots"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/places/trends?area=ward:E05999999")).StatusCode);
    }

    [Fact]
    public async Task Pages_WithoutSignIn_RedirectToSignInAndApiReturns401()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = app.NewClient();
        foreach (var url in new[] { "/places/trends", "/places/hotspots", "/places/harm", "/places/data-quality", "/places/assessment", "/places/benchmarks" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        foreach (var url in new[] { "/api/places/trends", "/api/places/hotspots", "/api/places/harm", "/api/places/data-quality", "/api/places/assessment", "/api/places/benchmarks" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task BoardMember_ReadsFiguresButCannotLoadWeightsOrBenchmarks()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app);
        var client = await app.SignInAsync(DemoUsers.BoardMember);

        foreach (var url in new[] { "/places/trends", "/places/hotspots", "/places/harm", "/places/data-quality", "/places/assessment", "/places/benchmarks", "/api/places/assessment" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }

        foreach (var url in new[] { "/places/harm/tables/load", "/places/benchmarks/edit" })
        {
            var response = await client.GetAsync(url);
            // Refused with 403 and the GOV.UK permission page, not the page itself.
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("You do not have permission", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var post = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "x", ["Input.Version"] = "1" }));
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        }

        using var scope = app.Services.CreateScope();
        var data = app.CreateDbContext(scope);
        Assert.Empty(data.Set<CommunitySafety.Features.Places.Harm.HarmTable>());
        Assert.Empty(data.Set<CommunitySafety.Features.Places.Assessment.Benchmark>());
    }
}

public sealed class PlacesAnalysisPageTestsOnSqlite(PostgresFixture pg) : PlacesAnalysisPageTests(Db.Sqlite, pg);

public sealed class PlacesAnalysisPageTestsOnPostgres(PostgresFixture pg) : PlacesAnalysisPageTests(Db.Postgres, pg);
