using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CommunitySafety.Shared;

/// <summary>
/// CSV downloads. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are
/// prefixed with an apostrophe (OWASP "CSV injection").
/// </summary>
public static class CsvExport
{
    /// <summary>
    /// Writes the CSV. <paramref name="title"/>, when given, is a first line of one cell before the header row that says
    /// what the file holds (exports of personal data name their scope, who made them and when).
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, string fileName, IReadOnlyList<string> header,
        IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken ct, string? title = null)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        if (title is not null)
        {
            csv.WriteField(Escape(title));
            await csv.NextRecordAsync();
        }
        foreach (var h in header)
        {
            csv.WriteField(h);
        }
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var cell in row)
            {
                csv.WriteField(Escape(cell));
            }
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    public static string? Escape(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
}
