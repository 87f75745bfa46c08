namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// A file-level import failure (the file cannot be read at all: corrupt archive, wrong header,
/// unrecognisable boundary file). Row-level problems are reported as <see cref="RowRejection"/> instead.
/// </summary>
public sealed class ImportFormatException : Exception
{
    public ImportFormatException(string file, long? line, string? field, string reason, Exception? inner = null)
        : base(Format(file, line, field, reason), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Reason = reason;
    }

    public ImportFormatException() : this("(unknown)", null, null, "import format error") { }

    public ImportFormatException(string message) : this("(unknown)", null, null, message) { }

    public ImportFormatException(string message, Exception innerException)
        : this("(unknown)", null, null, message, innerException) { }

    /// <summary>Display name of the file (or archive entry).</summary>
    public string File { get; }

    /// <summary>1-based physical line number, or null when the problem is not tied to a line.</summary>
    public long? Line { get; }

    /// <summary>Column/property name, or null.</summary>
    public string? Field { get; }

    /// <summary>Human-readable reason.</summary>
    public string Reason { get; }

    internal static string Format(string file, long? line, string? field, string reason)
    {
        var text = $"file {file}";
        if (line is not null)
        {
            text += $", line {line.Value}";
        }

        if (field is not null)
        {
            text += $", field {field}";
        }

        return text + ": " + reason;
    }
}

/// <summary>A row that could not be imported. The rest of the file continues to be read.</summary>
public sealed record RowRejection(string File, long Line, string? Field, string Reason)
{
    public override string ToString() => ImportFormatException.Format(File, Line, Field, Reason);
}

/// <summary>One result from a streaming reader: either a good row or a rejection (never both).</summary>
public readonly record struct ReadResult<T>(T Row, RowRejection? Rejection)
    where T : struct
{
    public bool IsRow => Rejection is null;

    public static ReadResult<T> Ok(T row) => new(row, null);

    public static ReadResult<T> Rejected(RowRejection rejection) => new(default, rejection);
}

/// <summary>A calendar month as used by police.uk ("YYYY-MM").</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public static bool TryParse(ReadOnlySpan<char> text, out YearMonth value)
    {
        value = default;
        if (text.Length != 7 || text[4] != '-')
        {
            return false;
        }

        int year = 0;
        for (var i = 0; i < 4; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            year = (year * 10) + d;
        }

        var m1 = text[5] - '0';
        var m2 = text[6] - '0';
        if ((uint)m1 > 9 || (uint)m2 > 9)
        {
            return false;
        }

        var month = (m1 * 10) + m2;
        if (month is < 1 or > 12 || year < 1900)
        {
            return false;
        }

        value = new YearMonth(year, month);
        return true;
    }

    /// <summary>Parses "YYYY-MM" from ASCII/UTF-8 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out YearMonth value)
    {
        Span<char> chars = stackalloc char[7];
        if (utf8.Length != 7)
        {
            value = default;
            return false;
        }

        for (var i = 0; i < 7; i++)
        {
            chars[i] = (char)utf8[i];
        }

        return TryParse(chars, out value);
    }

    public int CompareTo(YearMonth other) => ((Year * 12) + Month).CompareTo((other.Year * 12) + other.Month);

    public static bool operator <(YearMonth left, YearMonth right) => left.CompareTo(right) < 0;

    public static bool operator <=(YearMonth left, YearMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >(YearMonth left, YearMonth right) => left.CompareTo(right) > 0;

    public static bool operator >=(YearMonth left, YearMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
