using System.Globalization;
using CommunitySafety.Features.Places.Model;
using CsvHelper;
using CsvHelper.Configuration;

namespace CommunitySafety.Features.Places.Assessment;

/// <summary>
/// Reads the two-column CSVs analysts load into the Places analysis (harm weights, benchmark category counts):
/// a header row <c>category,&lt;value&gt;</c> then one row per police.uk category, named by its CSV text
/// ("Violence and sexual offences"), its API slug ("violent-crime") or its code name. Every problem is
/// reported with its line so the analyst can fix the file; nothing is silently skipped.
/// </summary>
public static class CategoryValueCsv
{
    public sealed record Result(IReadOnlyDictionary<CrimeCategory, double> Values, IReadOnlyList<string> Errors);

    public static Result Parse(string text, string valueColumn)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<CrimeCategory, double>();
        var errors = new List<string>();
        using var reader = new StringReader(text.Trim());
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: >= 2 } header
            || !header[0].Equals("category", StringComparison.OrdinalIgnoreCase) || !header[1].Equals(valueColumn, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"The first line must be the header \"category,{valueColumn}\"");
            return new Result(values, errors);
        }

        while (csv.Read())
        {
            var line = csv.Parser.Row;
            var name = csv.GetField(0);
            var raw = csv.GetField(1);
            if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var category = CategoryNames.Parse(name);
            if (category is null)
            {
                errors.Add($"Line {line}: \"{name}\" is not a police.uk crime category");
                continue;
            }

            if (!double.TryParse(raw, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            {
                errors.Add($"Line {line}: the {valueColumn} for {CategoryNames.Of(category.Value)} must be a number of 0 or more");
                continue;
            }

            if (!values.TryAdd(category.Value, value))
            {
                errors.Add($"Line {line}: {CategoryNames.Of(category.Value)} appears more than once");
            }
        }

        if (values.Count == 0 && errors.Count == 0)
        {
            errors.Add("The file has no rows after the header");
        }

        return new Result(values, errors);
    }
}
