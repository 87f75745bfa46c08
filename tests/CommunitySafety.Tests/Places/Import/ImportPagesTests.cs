using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunitySafety.Tests.Infrastructure;
using static CommunitySafety.Tests.Places.Import.PlacesImportTestSupport;

namespace CommunitySafety.Tests.Places.Import;

public abstract class ImportPagesTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task Upload_StreetFileAsAnalyst_ImportsInBackgroundAndShowsReportAndHistory()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var client = await app.SignInAsync(DemoUsers.Analyst);

        var posted = await UploadAsync(client, Street("2021-01"), "2021-01-hertfordshire-street.csv");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var detailUrl = posted.Headers.Location!.ToString();
        var html = await WaitUntilFinishedAsync(client, detailUrl);

        Assert.Contains("govuk-tag--green", html, StringComparison.Ordinal);
        Assert.Contains("6,914", html, StringComparison.Ordinal);
        var history = await client.GetStringAsync("/places/imports");
        Assert.Contains("2021-01-hertfordshire-street.csv", history, StringComparison.Ordinal);
        Assert.Contains("tom.green@council.wyvernshire.example", history, StringComparison.Ordinal);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/places/imports");
        var first = api.EnumerateArray().First(b => b.GetProperty("kind").GetString() == "PoliceUk");
        Assert.Equal(6914, first.GetProperty("rowsImported").GetInt64());
        Assert.Equal("Succeeded", first.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Upload_FileWithBadRow_ReportListsLineFieldAndReasonOnPageAndApi()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        await LoadHertfordshireWardsAsync(app.Services, lookups: false);
        var client = await app.SignInAsync(DemoUsers.Administrator);
        var lines = File.ReadAllLines(Street("2021-01"));
        var parts = lines[9].Split(',');
        parts[5] = "north";
        lines[9] = string.Join(',', parts);
        var path = Path.Combine(Directory.CreateTempSubdirectory("csp-upload-test-").FullName, "2021-01-hertfordshire-street.csv");
        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);

        var posted = await UploadAsync(client, path, Path.GetFileName(path));
        var html = await WaitUntilFinishedAsync(client, posted.Headers.Location!.ToString());
        var id = posted.Headers.Location!.ToString().Split('/').Last();
        var rejections = await client.GetFromJsonAsync<JsonElement>($"/api/places/imports/{id}/rejections");

        Assert.Contains("govuk-tag--red", html, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", html, StringComparison.Ordinal);
        Assert.Contains("Latitude", html, StringComparison.Ordinal);
        var row = Assert.Single(rejections.GetProperty("rows").EnumerateArray());
        Assert.Equal(10, row.GetProperty("line").GetInt64());
        Assert.Equal("Latitude", row.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Get_ImportsAsCaseOfficer_IsForbidden()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var client = await app.SignInAsync(DemoUsers.PoliceCaseOfficer);

        var page = await client.GetAsync("/places/imports");
        var api = await client.GetAsync("/api/places/imports");

        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string name)
    {
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/places/imports");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        form.Add(file, "Upload", name);
        return await client.PostAsync("/places/imports", form);
    }

    private static async Task<string> WaitUntilFinishedAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 600; i++)
        {
            var html = await client.GetStringAsync(url);
            if (!html.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                return html;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("import did not finish within 150 s");
    }
}

public sealed class ImportPagesTestsOnSqlite(PostgresFixture pg) : ImportPagesTests(Db.Sqlite, pg);

public sealed class ImportPagesTestsOnPostgres(PostgresFixture pg) : ImportPagesTests(Db.Postgres, pg);
