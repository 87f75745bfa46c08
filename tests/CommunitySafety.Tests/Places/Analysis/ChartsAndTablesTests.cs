using CommunitySafety.Features.Places.Model;
using CommunitySafety.Features.Places.Trends;
using CommunitySafety.Tests.Infrastructure;

namespace CommunitySafety.Tests.Places.Analysis;

public sealed class MonthlyChartTicksTests
{
    [Theory]
    [InlineData(0, new long[] { 0, 1 })]
    [InlineData(1, new long[] { 0, 1 })]
    [InlineData(7, new long[] { 0, 2, 4, 6, 8 })]
    [InlineData(10, new long[] { 0, 2, 4, 6, 8, 10 })]
    [InlineData(137, new long[] { 0, 50, 100, 150 })]
    [InlineData(934, new long[] { 0, 200, 400, 600, 800, 1000 })]
    [InlineData(1001, new long[] { 0, 500, 1000, 1500 })]
    [InlineData(26_939, new long[] { 0, 10_000, 20_000, 30_000 })]
    public void Ticks_RoundStepsFromZeroToTheFirstAtOrAboveTheHighest(long highest, long[] expected) =>
        Assert.Equal(expected, MonthlyChart.Ticks(highest));

    [Fact]
    public void Render_HasALegendAndRoundTickLabels()
    {
        var html = MonthlyChart.Render("Burglary", [202401, 202402, 202403], [137, null, 90]).ToString()!;

        Assert.Contains("<ul class=\"app-chart-legend", html, StringComparison.Ordinal);
        Assert.Contains("Burglary: records a month", html, StringComparison.Ordinal);
        Assert.Contains("Month not loaded (missing, not zero)", html, StringComparison.Ordinal);
        Assert.Contains(">150</text>", html, StringComparison.Ordinal);
        Assert.Contains(">50</text>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">137</text>", html, StringComparison.Ordinal);
    }
}

/// <summary>The hotspot table is paged, 25 rows a page: 30 separate hot points make more classified cells than that.</summary>
public abstract class HotspotTablePagingTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task Hotspots_MoreClassifiedCellsThanAPage_TableIsPaged()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await AnalysisTestData.WithAsync(app, async t =>
        {
            var set = await t.AddCurrentWardSetAsync();
            var wards = new List<Ward>();
            for (var col = 0; col < 6; col++)
            {
                wards.Add(t.AddWard(set, $"E0599{col:D2}000", $"Ward {col}", "E07900001", "Ashcombe", col, 0, 3000));
            }

            await t.Db.SaveChangesAsync(TestContext.Current.CancellationToken);
            foreach (var (_, fm) in await t.AddForceMonthsAsync(202401, 202412))
            {
                for (var col = 0; col < 6; col++)
                {
                    for (var k = 0; k < 5; k++)
                    {
                        var p = AnalysisTestData.PointIn(col, 0, 0.1 + (k * 0.2), 0.1 + (k * 0.2));
                        t.AddRecords(fm, wards[col].Id, CrimeCategory.Burglary, 20, p.Longitude, p.Latitude);
                    }

                    t.AddCount(fm, wards[col].Id, CrimeCategory.Burglary, 100);
                }
            }

            return 0;
        });
        var client = await app.SignInAsync(DemoUsers.Analyst);
        const string url = "/places/hotspots?area=county&from=2024-01&to=2024-12&period=Monthly&unit=grid";

        var api = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(url.Replace("/places/", "/api/places/", StringComparison.Ordinal))).RootElement;
        var classified = api.GetProperty("results").EnumerateArray().Count(r => r.GetProperty("class").GetString() != "None");
        Assert.True(classified > HotspotsPageSize, $"{classified} classified cells");
        var pages = (classified + HotspotsPageSize - 1) / HotspotsPageSize;

        var first = await client.GetStringAsync(url);
        var last = await client.GetStringAsync(url + $"&page={pages}");

        static int Rows(string html) => html.Split("<tr class=\"govuk-table__row\" data-key=").Length - 1;
        Assert.Equal(HotspotsPageSize, Rows(first));
        Assert.Contains("govuk-pagination", first, StringComparison.Ordinal);
        Assert.Contains($"page 1 of {pages}", first, StringComparison.Ordinal);
        Assert.Equal(classified - ((pages - 1) * HotspotsPageSize), Rows(last));
        Assert.Contains($"page {pages} of {pages}", last, StringComparison.Ordinal);
    }

    private const int HotspotsPageSize = CommunitySafety.Features.Places.Hotspots.HotspotsModel.PageSize;
}

public sealed class HotspotTablePagingTestsOnSqlite(PostgresFixture pg) : HotspotTablePagingTests(Db.Sqlite, pg);

public sealed class HotspotTablePagingTestsOnPostgres(PostgresFixture pg) : HotspotTablePagingTests(Db.Postgres, pg);
