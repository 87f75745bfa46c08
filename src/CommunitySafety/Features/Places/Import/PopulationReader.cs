using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunitySafety.Features.Places.Import;

/// <summary>One population figure for an area (GSS code).</summary>
public readonly record struct PopulationRow(long Line, string AreaCode, long Population);

/// <summary>
/// Reads simple "area code, population" CSVs (e.g. <c>lsoacd,population</c>, BOM tolerated).
/// The code column is the first header ending in "cd" or "code"; the population column is the first
/// header named population/pop/persons/all ages/obs_value/count/value. Bad rows (non-numeric, negative,
/// bad code, duplicate code) are yielded as rejections with line numbers.
/// </summary>
public static partial class PopulationReader
{
    [GeneratedRegex(@"(cd|code)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeColumn();

    [GeneratedRegex(@"^(population|pop|persons|all[ _]?ages|obs_value|count|value)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PopulationColumn();

    /// <exception cref="ImportFormatException">No code column or no population column.</exception>
    public static (string CodeColumn, string PopulationColumn, IEnumerable<ReadResult<PopulationRow>> Rows) Read(Stream stream, string fileName)
    {
        var csv = new SimpleCsv(stream, fileName);
        int code = csv.Find(CodeColumn()), pop = csv.Find(PopulationColumn());
        if (code < 0 || pop < 0)
        {
            csv.Dispose();
            throw csv.Missing(code < 0
                ? "an area code column (name ending 'cd' or 'code', e.g. lsoacd)"
                : "a population column (population, pop, persons, all ages, obs_value, count or value)");
        }

        return (csv.Header[code], csv.Header[pop], Rows(csv, code, pop));
    }

    public static (string CodeColumn, string PopulationColumn, IEnumerable<ReadResult<PopulationRow>> Rows) Read(string path) =>
        Read(File.OpenRead(path), Path.GetFileName(path));

    private static IEnumerable<ReadResult<PopulationRow>> Rows(SimpleCsv csv, int code, int pop)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        using (csv)
        {
            while (csv.Next())
            {
                if (csv.Count != csv.Header.Count)
                {
                    yield return ReadResult<PopulationRow>.Rejected(csv.Check()!);
                    continue;
                }

                string area = csv[code], value = csv[pop];
                var rejection = csv.Check();
                long population = 0;
                if (rejection is null && !PoliceCsvCore.IsGssCode(area))
                {
                    rejection = csv.Reject(csv.Header[code], $"not a GSS area code: '{area}'");
                }

                if (rejection is null && !long.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out population))
                {
                    rejection = csv.Reject(csv.Header[pop], $"not a whole non-negative number: '{value}'");
                }

                if (rejection is null && seen.TryGetValue(area, out var firstLine))
                {
                    rejection = csv.Reject(csv.Header[code], $"duplicate area code {area} (first on line {firstLine})");
                }

                if (rejection is null)
                {
                    seen.Add(area, csv.Line);
                }

                yield return rejection is not null
                    ? ReadResult<PopulationRow>.Rejected(rejection)
                    : ReadResult<PopulationRow>.Ok(new PopulationRow(csv.Line, area, population));
            }
        }
    }
}
