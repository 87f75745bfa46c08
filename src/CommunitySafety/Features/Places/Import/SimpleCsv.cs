using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace CommunitySafety.Features.Places.Import;

/// <summary>Thin wrapper over CsvHelper's <see cref="CsvParser"/> for small ONS CSVs (header + rows).</summary>
internal sealed class SimpleCsv : IDisposable
{
    private readonly CsvParser _parser;
    private string? _badField;

    public SimpleCsv(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FileName = fileName;
        var reader = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        _parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
            BadDataFound = a => _badField ??= a.Field,
        });
        if (!_parser.Read())
        {
            throw new ImportFormatException(fileName, 1, null, "file is empty; expected a header row");
        }

        var header = new string[_parser.Count];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = _parser[i].Trim().TrimStart('\uFEFF');
        }

        Header = header;
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    public long Line { get; private set; }

    public int Count => _parser.Count;

    public bool Next()
    {
        _badField = null;
        if (!_parser.Read())
        {
            return false;
        }

        Line = _parser.RawRow;
        return true;
    }

    public string this[int index] => _parser[index].Trim();

    /// <summary>Checks column count and quoting after the caller read its fields.</summary>
    public RowRejection? Check()
    {
        if (_parser.Count != Header.Count)
        {
            return Reject(null, $"wrong column count: expected {Header.Count} but found {_parser.Count}");
        }

        return _badField is null ? null : Reject(null, "malformed or unterminated quoted field: " + PoliceCsvCore.Shorten(_badField));
    }

    public RowRejection Reject(string? field, string reason) => new(FileName, Line, field, reason);

    public int Find(System.Text.RegularExpressions.Regex pattern)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (pattern.IsMatch(Header[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public ImportFormatException Missing(string expected) => new(FileName, 1, null,
        $"no column matching {expected}; found [{string.Join(", ", Header)}]");

    public void Dispose() => _parser.Dispose();
}
