using System.Text.RegularExpressions;

namespace CommunitySafety.Features.Places.Import;

/// <summary>One row of an ONS LSOA → ward → LAD lookup.</summary>
public readonly record struct LsoaWardRow(
    long Line, string LsoaCode, string? LsoaName, string WardCode, string? WardName, string? LadCode, string? LadName);

/// <summary>Columns and vintages detected in an LSOA → ward lookup header.</summary>
public sealed record LsoaWardColumns(
    string LsoaCodeColumn, int LsoaVintage, string WardCodeColumn, int WardVintage,
    string? WardNameColumn, string? LadCodeColumn, string? LadNameColumn, int? LadVintage);

/// <summary>LSOA 2011 → LSOA 2021 change indicator (ONS CHGIND).</summary>
public enum LsoaChange
{
    Unchanged,
    Split,
    Merged,
    ComplexRedesign,
}

/// <summary>One row of the ONS LSOA11 → LSOA21 exact-fit lookup.</summary>
public readonly record struct LsoaChangeRow(long Line, string Lsoa11Code, string Lsoa21Code, LsoaChange Change);

/// <summary>
/// Streaming readers for ONS lookup CSVs. Columns are detected by name pattern (case-insensitive,
/// BOM tolerated); bad rows are yielded as rejections with line numbers.
/// </summary>
public static partial class LookupReader
{
    [GeneratedRegex(@"^LSOA(\d\d)CD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LsoaCd();

    [GeneratedRegex(@"^LSOA(\d\d)NM$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LsoaNm();

    [GeneratedRegex(@"^WD(\d\d)CD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WdCd();

    [GeneratedRegex(@"^WD(\d\d)NM$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WdNm();

    [GeneratedRegex(@"^LAD(\d\d)CD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LadCd();

    [GeneratedRegex(@"^LAD(\d\d)NM$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LadNm();

    [GeneratedRegex(@"^LSOA11CD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Lsoa11Cd();

    [GeneratedRegex(@"^LSOA21CD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Lsoa21Cd();

    [GeneratedRegex(@"^CHGIND$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChgInd();

    /// <summary>Reads the header and returns detected columns plus a lazy row sequence (disposes the stream when done).</summary>
    /// <exception cref="ImportFormatException">Header lacks an LSOAyyCD or WDyyCD column.</exception>
    public static (LsoaWardColumns Columns, IEnumerable<ReadResult<LsoaWardRow>> Rows) ReadLsoaWard(Stream stream, string fileName)
    {
        var csv = new SimpleCsv(stream, fileName);
        try
        {
            var lsoa = csv.Find(LsoaCd());
            if (lsoa < 0)
            {
                throw csv.Missing("LSOAyyCD");
            }

            var ward = csv.Find(WdCd());
            if (ward < 0)
            {
                throw csv.Missing("WDyyCD");
            }

            int lsoaNm = csv.Find(LsoaNm()), wardNm = csv.Find(WdNm()), lad = csv.Find(LadCd()), ladNm = csv.Find(LadNm());
            var columns = new LsoaWardColumns(
                csv.Header[lsoa], Year(csv.Header[lsoa], LsoaCd()),
                csv.Header[ward], Year(csv.Header[ward], WdCd()),
                wardNm < 0 ? null : csv.Header[wardNm],
                lad < 0 ? null : csv.Header[lad],
                ladNm < 0 ? null : csv.Header[ladNm],
                lad < 0 ? null : Year(csv.Header[lad], LadCd()));
            return (columns, LsoaWardRows(csv, lsoa, lsoaNm, ward, wardNm, lad, ladNm));
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    public static (LsoaWardColumns Columns, IEnumerable<ReadResult<LsoaWardRow>> Rows) ReadLsoaWard(string path) =>
        ReadLsoaWard(File.OpenRead(path), Path.GetFileName(path));

    private static IEnumerable<ReadResult<LsoaWardRow>> LsoaWardRows(SimpleCsv csv, int lsoa, int lsoaNm, int ward, int wardNm, int lad, int ladNm)
    {
        using (csv)
        {
            while (csv.Next())
            {
                if (csv.Count != csv.Header.Count)
                {
                    yield return ReadResult<LsoaWardRow>.Rejected(csv.Check()!);
                    continue;
                }

                var lsoaCode = csv[lsoa];
                var wardCode = csv[ward];
                var ladCode = lad < 0 ? null : csv[lad];
                RowRejection? rejection = csv.Check();
                if (rejection is null && !PoliceCsvCore.IsGssCode(lsoaCode))
                {
                    rejection = csv.Reject(csv.Header[lsoa], $"not a GSS code: '{lsoaCode}'");
                }

                if (rejection is null && !PoliceCsvCore.IsGssCode(wardCode))
                {
                    rejection = csv.Reject(csv.Header[ward], $"not a GSS code: '{wardCode}'");
                }

                if (rejection is null && ladCode is not null && !PoliceCsvCore.IsGssCode(ladCode))
                {
                    rejection = csv.Reject(csv.Header[lad], $"not a GSS code: '{ladCode}'");
                }

                yield return rejection is not null
                    ? ReadResult<LsoaWardRow>.Rejected(rejection)
                    : ReadResult<LsoaWardRow>.Ok(new LsoaWardRow(
                        csv.Line, lsoaCode, Opt(csv, lsoaNm), wardCode, Opt(csv, wardNm), ladCode, Opt(csv, ladNm)));
            }
        }
    }

    /// <summary>Reads the ONS LSOA11 → LSOA21 exact lookup (LSOA11CD, LSOA21CD, CHGIND).</summary>
    /// <exception cref="ImportFormatException">Header lacks LSOA11CD, LSOA21CD or CHGIND.</exception>
    public static IEnumerable<ReadResult<LsoaChangeRow>> ReadLsoa11To21(Stream stream, string fileName)
    {
        var csv = new SimpleCsv(stream, fileName);
        int a = csv.Find(Lsoa11Cd()), b = csv.Find(Lsoa21Cd()), c = csv.Find(ChgInd());
        if (a < 0 || b < 0 || c < 0)
        {
            csv.Dispose();
            throw csv.Missing("LSOA11CD, LSOA21CD and CHGIND");
        }

        return ChangeRows(csv, a, b, c);
    }

    public static IEnumerable<ReadResult<LsoaChangeRow>> ReadLsoa11To21(string path) =>
        ReadLsoa11To21(File.OpenRead(path), Path.GetFileName(path));

    private static IEnumerable<ReadResult<LsoaChangeRow>> ChangeRows(SimpleCsv csv, int a, int b, int c)
    {
        using (csv)
        {
            while (csv.Next())
            {
                if (csv.Count != csv.Header.Count)
                {
                    yield return ReadResult<LsoaChangeRow>.Rejected(csv.Check()!);
                    continue;
                }

                string from = csv[a], to = csv[b], ind = csv[c];
                RowRejection? rejection = csv.Check();
                if (rejection is null && !PoliceCsvCore.IsGssCode(from))
                {
                    rejection = csv.Reject(csv.Header[a], $"not a GSS code: '{from}'");
                }

                if (rejection is null && !PoliceCsvCore.IsGssCode(to))
                {
                    rejection = csv.Reject(csv.Header[b], $"not a GSS code: '{to}'");
                }

                LsoaChange change = default;
                if (rejection is null)
                {
                    switch (ind)
                    {
                        case "U": change = LsoaChange.Unchanged; break;
                        case "S": change = LsoaChange.Split; break;
                        case "M": change = LsoaChange.Merged; break;
                        case "X": change = LsoaChange.ComplexRedesign; break;
                        default:
                            rejection = csv.Reject(csv.Header[c], $"change indicator must be U, S, M or X but was '{ind}'");
                            break;
                    }
                }

                yield return rejection is not null
                    ? ReadResult<LsoaChangeRow>.Rejected(rejection)
                    : ReadResult<LsoaChangeRow>.Ok(new LsoaChangeRow(csv.Line, from, to, change));
            }
        }
    }

    private static string? Opt(SimpleCsv csv, int index)
    {
        if (index < 0)
        {
            return null;
        }

        var value = csv[index];
        return value.Length == 0 ? null : value;
    }

    private static int Year(string header, Regex regex) =>
        2000 + int.Parse(regex.Match(header).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
