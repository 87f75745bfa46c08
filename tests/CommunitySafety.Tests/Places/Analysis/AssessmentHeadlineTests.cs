using System.Net;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Shared;
using CommunitySafety.Tests.Infrastructure;

namespace CommunitySafety.Tests.Places.Analysis;

/// <summary>
/// The strategic assessment gives a change only between two equal, fully loaded periods; otherwise its headline
/// says why not, under the missing-months warning. Seed: one ward, burglary 10 a month in 2023 and 20 in 2024,
/// vehicle crime 8 then 4.
/// </summary>
public abstract class AssessmentHeadlineTests(Db db, PostgresFixture pg)
{
    static Task SeedAsync(AppFactory app, int fromMonth) =>
        AnalysisTestData.WithAsync(app, async t =>
        {
            var set = await t.AddCurrentWardSetAsync();
            var ward = t.AddWard(set, "E05900001", "Abbey", "E07900001", "Ashcombe", 0, 0, 5000);
            await t.Db.SaveChangesAsync(TestContext.Current.CancellationToken);
            foreach (var (month, fm) in await t.AddForceMonthsAsync(fromMonth, 202412))
            {
                t.AddCount(fm, ward.Id, CrimeCategory.Burglary, month >= 202401 ? 20 : 10);
                t.AddCount(fm, ward.Id, CrimeCategory.VehicleCrime, month >= 202401 ? 4 : 8);
            }

            return 0;
        });

    [Fact]
    public async Task Assessment_PreviousPeriodPartlyLoaded_HeadlineSaysNoChangeCanBeGivenUnderTheWarning()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app, 202312); // 13 months: Dec 2023 and all of 2024
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var html = await client.GetStringAsync("/places/assessment?area=county&from=2024-01&to=2024-12");

        Assert.Contains("No change on the previous 12 months can be given: the previous 12 months (Jan 2023 to Dec 2023) have 1 loaded, and a comparison needs two equal, fully loaded periods.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Recorded crime rose", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rose fastest", html, StringComparison.Ordinal);
        Assert.Contains("id=\"change\">Not given: the two periods are not both fully loaded</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Missing months: Jan 2023 to Nov 2023.", html, StringComparison.Ordinal);
        var warning = html.IndexOf("id=\"missing-months\"", StringComparison.Ordinal);
        var summary = html.IndexOf("id=\"summary\"", StringComparison.Ordinal);
        Assert.InRange(warning, 0, summary);
        // Every crime category is still listed with its counts, but no change beside them.
        Assert.Contains(">Burglary</th>", html, StringComparison.Ordinal);
        Assert.Contains(">Vehicle crime</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("+230", html, StringComparison.Ordinal);

        var csv = await client.GetStringAsync("/places/assessment?handler=csv&area=county&from=2024-01&to=2024-12");
        Assert.Contains("category,Burglary,240,10,,,,Cannot compare", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assessment_BothPeriodsFullyLoaded_GivesTheChangeAndCsvKeepsNegativeNumbersAsNumbers()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await SeedAsync(app, 202301);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var html = await client.GetStringAsync("/places/assessment?area=county&from=2024-01&to=2024-12");
        var csv = await client.GetStringAsync("/places/assessment?handler=csv&area=county&from=2024-01&to=2024-12");

        // (240 + 48) against (120 + 96): +33%.
        Assert.Contains("Recorded crime rose 33% on the previous 12 months", html, StringComparison.Ordinal);
        Assert.DoesNotContain("missing-months", html, StringComparison.Ordinal);
        Assert.Contains("category,Vehicle crime,48,96,-48,-50.0,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("'-", csv, StringComparison.Ordinal);
    }
}

public sealed class AssessmentHeadlineTestsOnSqlite(PostgresFixture pg) : AssessmentHeadlineTests(Db.Sqlite, pg);

public sealed class AssessmentHeadlineTestsOnPostgres(PostgresFixture pg) : AssessmentHeadlineTests(Db.Postgres, pg);

public sealed class CsvExportTests
{
    [Theory]
    [InlineData("-98", "-98")]
    [InlineData("-50.0", "-50.0")]
    [InlineData("12", "12")]
    [InlineData("-", "'-")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("-1.", "'-1.")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("Burglary", "Burglary")]
    public void Escape_PrefixesFormulaTextButNotPlainNumbers(string cell, string expected) =>
        Assert.Equal(expected, CsvExport.Escape(cell));
}
