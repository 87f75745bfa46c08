using System.Net;
using AngleSharp.Html.Parser;
using CommunitySafety.Features.Places.Model;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySafety.Tests.Places.Import.PlacesImportTestSupport;

namespace CommunitySafety.Tests.Places.Import;

/// <summary>
/// Analysts load LSOA lookups and population estimates on the web (/places/imports/reference-data), through the same
/// import code as the CLI verbs, in the background with a progress page; and a police.uk upload that lands mostly
/// outside the loaded wards says which boundaries to load next.
/// </summary>
public abstract class ReferenceDataPageTests(Db db, PostgresFixture pg)
{
    const string Page = "/places/imports/reference-data";

    [Fact]
    public async Task UploadLookups_RecordWithOnlyAnLsoa_IsPlacedInTheWardTheOnsFilesGive()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var folder = Directory.CreateTempSubdirectory("csp-lookup-upload-").FullName;
        var (street, expectedWard) = LsoaOnlyFile(folder);
        Assert.True((await ImportAsync(app.Services, street)).Succeeded);
        Assert.Null(await WardOfTheRecordAsync(app.Services));
        var client = await app.SignInAsync(DemoUsers.Analyst);

        foreach (var lookup in new[] { Lsoa11To21, Lsoa21ToWard })
        {
            var posted = await UploadAsync(client, ReferenceDataModelKinds.Lookup, TestData.PathOf(lookup), Path.GetFileName(lookup));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            var html = await WaitUntilFinishedAsync(client, posted.Headers.Location!.ToString());
            Assert.Contains("govuk-tag--green", html, StringComparison.Ordinal);
            Assert.Contains("LSOA lookup", html, StringComparison.Ordinal);
        }

        Assert.Equal(expectedWard, await WardOfTheRecordAsync(app.Services));
        // Every row of the ONS file is stored once (an independent count of its data lines).
        var fileRows = File.ReadLines(TestData.PathOf(Lsoa21ToWard)).Skip(1).Select(l => l.Split(',')[0]).Distinct().Count();
        using var scope = app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>().Set<LsoaWardLookup>()
            .CountAsync(l => l.WardVintage == 2024, TestContext.Current.CancellationToken);
        Assert.Equal(fileRows, stored);
    }

    [Fact]
    public async Task UploadPopulation_GoodFileThenOneWithABadRow_StoresTheFirstAndTheSecondChangesNothingAndNamesLineAndField()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var folder = Directory.CreateTempSubdirectory("csp-population-upload-").FullName;
        var good = Path.Combine(folder, "lsoa-estimates.csv");
        await File.WriteAllTextAsync(good, "lsoacd,population\nE01023512,1500\nE01023513,1720\nE01023514,1611\n", TestContext.Current.CancellationToken);
        var bad = Path.Combine(folder, "lsoa-estimates-revised.csv");
        await File.WriteAllTextAsync(bad, "lsoacd,population\nE01023512,1510\nE01023513,many\n", TestContext.Current.CancellationToken);

        var first = await UploadAsync(client, ReferenceDataModelKinds.Population, good, Path.GetFileName(good), year: "2022");
        var firstHtml = await WaitUntilFinishedAsync(client, first.Headers.Location!.ToString());
        var second = await UploadAsync(client, ReferenceDataModelKinds.Population, bad, Path.GetFileName(bad), year: "2022");
        var secondHtml = await WaitUntilFinishedAsync(client, second.Headers.Location!.ToString());

        Assert.Contains("govuk-tag--green", firstHtml, StringComparison.Ordinal);
        Assert.Contains("govuk-tag--red", secondHtml, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", secondHtml, StringComparison.Ordinal);
        var report = new HtmlPage(new HtmlParser().ParseDocument(secondHtml)).TableUnder("Rows that could not be imported (1)");
        var row = Assert.Single(report);
        Assert.Equal(["lsoa-estimates-revised.csv", "3", "population"], row.Cells.Take(3));
        using var scope = app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>().Set<AreaPopulation>()
            .Where(p => p.Year == 2022).OrderBy(p => p.AreaCode).Select(p => p.Population).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1500, 1720, 1611], stored);
    }

    [Fact]
    public async Task Post_NothingChosenOrABadYear_ErrorSummaryFollowsTheFieldsInOrder()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var folder = Directory.CreateTempSubdirectory("csp-population-upload-").FullName;
        var noYear = Path.Combine(folder, "estimates.csv");
        await File.WriteAllTextAsync(noYear, "lsoacd,population\nE01023512,1500\n", TestContext.Current.CancellationToken);

        var empty = await HtmlPage.ReadAsync(await UploadAsync(client, null, null, null, year: "abc"));
        var badYear = await HtmlPage.ReadAsync(await UploadAsync(client, ReferenceDataModelKinds.Population, null, null, year: "22"));
        var missingYear = await HtmlPage.ReadAsync(await UploadAsync(client, ReferenceDataModelKinds.Population, noYear, "estimates.csv"));

        Assert.Equal(["Select what the file holds", "Select a CSV file to import"], empty.Errors);
        Assert.Equal(["#Kind", "#Upload"], empty.Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Equal(2, badYear.Errors.Count);
        Assert.Equal("Select a CSV file to import", badYear.Errors[0]);
        Assert.StartsWith("Enter the year of the estimates as 4 digits", badYear.Errors[1], StringComparison.Ordinal);
        Assert.Equal(["Enter the year of the estimates: the file name has no year in it"], missingYear.Errors);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>().Set<ImportBatch>()
            .AnyAsync(b => b.Kind == ImportKind.Population, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PostBoundaries_NoFileAndNoChoice_ErrorSummaryFollowsTheFieldsInOrder()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/places/imports/boundaries");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent("sideways"), "Use");

        var page = await HtmlPage.ReadAsync(await client.PostAsync("/places/imports/boundaries", form));

        Assert.Equal(["Select one or more boundary files to import", "Select what to do with the wards"], page.Errors);
    }

    [Fact]
    public async Task UploadPoliceUk_MostRowsOutsideTheLoadedWards_SaysToLoadTheForcesWardBoundaries()
    {
        // The demo's generated wards are current: Hertfordshire's records fall outside all of them.
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var outside = await UploadPoliceUkAsync(client, Street("2021-01"));
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var inside = await UploadPoliceUkAsync(client, Street("2021-02"));

        var hint = outside.Document.QuerySelector("#next-step")?.TextContent ?? "";
        Assert.Contains("Most of these records", hint, StringComparison.Ordinal);
        Assert.Contains("load the ward boundaries for the councils that Hertfordshire Constabulary covers", hint, StringComparison.Ordinal);
        Assert.Equal("/places/imports/boundaries", outside.Document.QuerySelector("#next-step a")?.GetAttribute("href"));
        Assert.Null(inside.Document.QuerySelector("#next-step"));
    }

    [Fact]
    public async Task Get_AsCaseOfficer_IsRefused()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var page = await client.GetAsync(Page);

        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    static async Task<string?> WardOfTheRecordAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<CommunitySafety.Data.AppDb>();
        var record = await HertfordshireRecords(data).SingleAsync(TestContext.Current.CancellationToken);
        return record.WardId is { } id ? await data.Set<Ward>().Where(w => w.Id == id).Select(w => w.Code).SingleAsync(TestContext.Current.CancellationToken) : null;
    }

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string? kind, string? path, string? name, string? year = null)
    {
        var token = await AppFactory.AntiforgeryTokenAsync(client, Page);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        if (kind is not null)
        {
            form.Add(new StringContent(kind), "Kind");
        }

        if (year is not null)
        {
            form.Add(new StringContent(year), "Year");
        }

        if (path is not null)
        {
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path)), "Upload", name!);
        }

        return await client.PostAsync(Page, form);
    }

    static async Task<HtmlPage> UploadPoliceUkAsync(HttpClient client, string path)
    {
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/places/imports");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path)), "Upload", Path.GetFileName(path));
        var posted = await client.PostAsync("/places/imports", form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var html = await WaitUntilFinishedAsync(client, posted.Headers.Location!.ToString());
        Assert.Contains("govuk-tag--green", html, StringComparison.Ordinal);
        return new HtmlPage(new HtmlParser().ParseDocument(html));
    }

    static async Task<string> WaitUntilFinishedAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 1200; i++)
        {
            var html = await client.GetStringAsync(url);
            if (!html.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                return html;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("import did not finish within 300 s");
    }
}

/// <summary>The form values of the page's radio buttons.</summary>
static class ReferenceDataModelKinds
{
    public const string Lookup = CommunitySafety.Features.Places.Imports.ReferenceDataModel.Lookup;
    public const string Population = CommunitySafety.Features.Places.Imports.ReferenceDataModel.Population;
}

public sealed class ReferenceDataPageTestsOnSqlite(PostgresFixture pg) : ReferenceDataPageTests(Db.Sqlite, pg);

public sealed class ReferenceDataPageTestsOnPostgres(PostgresFixture pg) : ReferenceDataPageTests(Db.Postgres, pg);
