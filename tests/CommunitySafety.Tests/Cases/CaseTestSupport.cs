using System.Net.Http.Headers;
using CommunitySafety.Features.Cases;
using CommunitySafety.Features.People;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Cases;

/// <summary>Looks up the demo partnership's cases and people, and posts forms/files with an antiforgery token.</summary>
static class CaseTestSupport
{
    public static async Task<T> QueryAsync<T>(AppFactory app, Func<CommunitySafety.Data.AppDb, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(app.CreateDbContext(scope));
    }

    public static Task<Case> CaseAsync(AppFactory app, string titleStart) =>
        QueryAsync(app, db => db.Set<Case>().AsNoTracking().Include(c => c.Agencies).FirstAsync(c => c.Title.StartsWith(titleStart)));

    public static Task<Person> PersonAsync(AppFactory app, string forename, string surname) =>
        QueryAsync(app, db => db.Set<Person>().AsNoTracking().FirstAsync(p => p.Forename == forename && p.Surname == surname));

    /// <summary>Posts a form using the antiforgery token from the layout's sign-out form (present on every page).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AppFactory.AntiforgeryTokenAsync(client, "/");
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int caseId, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(await AppFactory.AntiforgeryTokenAsync(client, "/")), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Document.File", fileName);
        return await client.PostAsync($"/cases/{caseId}?handler=Document", form);
    }

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();
}
