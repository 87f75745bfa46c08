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

    /// <remarks>
    /// A plain number ("-98", "-0.5") is left alone: a spreadsheet reads it as the number, which cannot run
    /// anything, while "'-98" would turn it into text that no longer sums.
    /// </remarks>
    public static string? Escape(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0' && !IsPlainNumber(cell) ? "'" + cell : cell;

    /// <summary>An optional minus, digits, and optionally a point and more digits: nothing a spreadsheet evaluates.</summary>
    public static bool IsPlainNumber(string cell)
    {
        var i = cell.StartsWith('-') ? 1 : 0;
        var digits = 0;
        var point = false;
        for (; i < cell.Length; i++)
        {
            if (char.IsAsciiDigit(cell[i]))
            {
                digits++;
            }
            else if (cell[i] == '.' && !point && digits > 0)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        return digits > 0 && cell[^1] != '.';
    }
}
