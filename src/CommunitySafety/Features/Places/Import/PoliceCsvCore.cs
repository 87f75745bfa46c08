using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace CommunitySafety.Features.Places.Import;

/// <summary>
/// Shared low-level machinery for the police.uk CSV readers: an RFC 4180 record splitter working on
/// UTF-8 bytes, the header check, the UTF-8 policy, bad-quote detection, physical line numbers and
/// the columns common to street and outcomes files (Crime ID .. LSOA name, indexes 0..8).
/// </summary>
/// <remarks>
/// <para>Why bytes (ADR 0006): a national month is millions of rows, and decoding every field to a
/// string first cost more than storing the row. Fields are kept as byte ranges in one reusable buffer;
/// repeated text values are interned straight from their bytes, numbers and Crime IDs are parsed from
/// the bytes, so a typical row allocates nothing.</para>
/// <para>CSV rules (RFC 4180): fields separated by commas, records by LF or CRLF; a field that starts
/// with a double quote runs to the matching quote, may contain commas, line breaks and doubled quotes.
/// A quote elsewhere in a field, or text after a closing quote, is malformed; a quote still open at the
/// end of the file is reported as unterminated. Blank lines are skipped but counted, so line numbers
/// are the physical lines an analyst sees in an editor.</para>
/// <para>UTF-8 policy: a BOM is skipped; a row with bytes that are not valid UTF-8 is rejected naming
/// the field, and the rest of the file imports. A UTF-16 or UTF-32 file (BOM, or the zero bytes of ASCII
/// text in UTF-16) is refused as such rather than as a garbled header. A row holding a control character
/// other than tab, CR and LF (NUL, for instance) is rejected naming the field: police.uk never publishes
/// them, and stored they would break exports and pages.</para>
/// <para>Line ends: LF, CRLF, or a lone CR (old Mac style, as some spreadsheet tools still save CSV). The
/// first line end of the file decides, so a lone-CR copy reads the same rows as the LF and CRLF ones.</para>
/// <para>Memory: one buffer that holds at least one whole record (1 MB to start). A record longer than
/// <see cref="MaxRecordBytes"/> can only come from a quote that is never closed; the file is refused
/// with that explanation rather than read into memory.</para>
/// </remarks>
internal sealed class PoliceCsvCore : IDisposable
{
    public const double MinLongitude = -8.7;
    public const double MaxLongitude = 1.8;
    public const double MinLatitude = 49.8;
    public const double MaxLatitude = 60.9;

    public const int MaxRecordBytes = 8 << 20;

    private const int PoolCapacity = 200_000;
    private const int MaxStoredFields = 64;
    private const byte Quote = (byte)'"';
    private const byte Comma = (byte)',';
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';

    private readonly Stream _stream;
    private readonly StringPool _pool = new(PoolCapacity);
    private readonly string[] _expectedHeader;
    private readonly HashSet<YearMonth> _mismatchedMonths = [];
    private readonly YearMonth? _latestMonth;

    /// <summary>C0 control characters and DEL, except tab, LF and CR.</summary>
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private byte[] _buffer = new byte[1 << 20];
    private int _pos;
    private int _end;
    private bool _eof;
    private long _nextLine = 1;
    private byte _lineEnd = Lf;

    // The current record: field byte ranges in _buffer, or in _scratch for a record with quotes.
    private readonly int[] _fieldStart = new int[MaxStoredFields];
    private readonly int[] _fieldLength = new int[MaxStoredFields];
    private int _fieldCount;
    private bool _fieldsInScratch;
    private byte[] _scratch = new byte[4096];
    private int _recordStart;
    private int _recordLength;
    private bool _recordIsValidUtf8;
    private bool _recordHasControl;
    private string? _badField;

    // Per-column "same bytes as the previous row" cache in front of the pool.
    private readonly byte[][] _lastBytes = new byte[MaxStoredFields][];
    private readonly int[] _lastLength = new int[MaxStoredFields];
    private readonly string?[] _lastValue = new string?[MaxStoredFields];

    /// <param name="latestMonth">Rows for a later month are rejected (police.uk cannot have published them yet).</param>
    public PoliceCsvCore(Stream stream, string fileName, string[] expectedHeader, YearMonth? fileMonth, YearMonth? latestMonth = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        FileName = fileName;
        FileMonth = fileMonth ?? PoliceUkNames.MonthFromFileName(fileName);
        _expectedHeader = expectedHeader;
        _latestMonth = latestMonth;
        ReadHeader();
    }

    public string FileName { get; }

    public YearMonth? FileMonth { get; }

    /// <summary>1-based physical line of the current record (the line on which it ends).</summary>
    public long Line { get; private set; }

    /// <summary>First physical line of the current record.</summary>
    public long StartLine { get; private set; }

    public List<string> Notes { get; } = [];

    public long MonthMismatchCount { get; private set; }

    private void ReadHeader()
    {
        DetectEncodingAndLineEnd();
        bool any;
        try
        {
            any = Next();
        }
        catch (ImportFormatException ex)
        {
            throw new ImportFormatException(FileName, 1, null, "cannot read header: " + ex.Reason, ex);
        }

        if (!any)
        {
            throw new ImportFormatException(FileName, 1, null,
                $"file is empty; expected header '{string.Join(',', _expectedHeader)}'");
        }

        var found = new string[Math.Min(_fieldCount, MaxStoredFields)];
        for (var i = 0; i < found.Length; i++)
        {
            found[i] = FieldString(i).Trim();
        }

        var ok = _fieldCount == _expectedHeader.Length;
        for (var i = 0; ok && i < found.Length; i++)
        {
            ok = string.Equals(found[i], _expectedHeader[i], StringComparison.Ordinal);
        }

        if (!ok)
        {
            throw new ImportFormatException(FileName, Line, null,
                $"unexpected header: expected '{string.Join(',', _expectedHeader)}' but found '{string.Join(',', found)}'");
        }
    }

    /// <summary>Advances to the next non-blank record. Returns false at end of file.</summary>
    public bool Next()
    {
        while (true)
        {
            _badField = null;
            if (!NextRecord())
            {
                return false;
            }

            if (_fieldCount == 1 && _fieldLength[0] == 0 && !_fieldsInScratch)
            {
                continue; // blank line
            }

            var record = _buffer.AsSpan(_recordStart, _recordLength);
            _recordIsValidUtf8 = Utf8.IsValid(record);
            _recordHasControl = record.IndexOfAny(ControlBytes) >= 0;
            return true;
        }
    }

    /// <summary>Finds and splits the next record; false at end of data.</summary>
    private bool NextRecord()
    {
        while (true)
        {
            var available = _buffer.AsSpan(_pos, _end - _pos);
            var lf = available.IndexOf(_lineEnd);
            if (lf >= 0 || _eof)
            {
                var line = lf >= 0 ? available[..lf] : available;
                if (lf < 0 && line.IsEmpty)
                {
                    return false;
                }

                if (!line.Contains(Quote))
                {
                    // The common case: one physical line, no quotes.
                    StartLine = Line = _nextLine++;
                    var length = line.Length > 0 && line[^1] == Cr && _lineEnd == Lf ? line.Length - 1 : line.Length;
                    SplitPlain(_pos, length);
                    _pos += lf >= 0 ? lf + 1 : line.Length;
                    return true;
                }

                if (SplitQuoted())
                {
                    return true;
                }
            }

            // Not a whole record in the buffer yet.
            if (!Fill())
            {
                _eof = true;
            }
        }
    }

    private void SplitPlain(int start, int length)
    {
        _recordStart = start;
        _recordLength = length;
        _fieldsInScratch = false;
        var count = 0;
        var s = start;
        var end = start + length;
        while (true)
        {
            var comma = _buffer.AsSpan(s, end - s).IndexOf(Comma);
            var fieldEnd = comma < 0 ? end : s + comma;
            if (count < MaxStoredFields)
            {
                _fieldStart[count] = s;
                _fieldLength[count] = fieldEnd - s;
            }

            count++;
            if (comma < 0)
            {
                break;
            }

            s = fieldEnd + 1;
        }

        _fieldCount = count;
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        AfterClose,
    }

    /// <summary>
    /// Splits a record that contains a quote, byte by byte (rare in police.uk files: a few LSOA names
    /// hold commas). Field contents go to the scratch buffer. Returns false when the buffer does not yet
    /// hold the whole record (the caller reads more and calls again).
    /// </summary>
    private bool SplitQuoted()
    {
        var buffer = _buffer;
        var start = _pos;
        var i = start;
        var state = State.FieldStart;
        var count = 0;
        var scratchUsed = 0;
        var rawStart = i;
        var contentStart = 0;
        string? bad = null;
        var newlines = 0;

        void EndField(ref int count, int scratchUsed, int contentStart)
        {
            if (count < MaxStoredFields)
            {
                _fieldStart[count] = contentStart;
                _fieldLength[count] = scratchUsed - contentStart;
            }

            count++;
        }

        void Append(byte b, ref int scratchUsed)
        {
            if (scratchUsed == _scratch.Length)
            {
                Array.Resize(ref _scratch, _scratch.Length * 2);
            }

            _scratch[scratchUsed++] = b;
        }

        while (true)
        {
            if (i == _end)
            {
                if (!_eof)
                {
                    return false;
                }

                // End of file ends the record (a last line without a line break).
                if (state is State.Quoted)
                {
                    bad ??= Encoding.UTF8.GetString(buffer, rawStart, i - rawStart);
                }

                EndField(ref count, scratchUsed, contentStart);
                Finish(i, i);
                return true;
            }

            var c = buffer[i];
            if (_lineEnd == Cr && state != State.Quoted && c == Cr)
            {
                if (state == State.AfterClose)
                {
                    bad ??= Encoding.UTF8.GetString(buffer, rawStart, i - rawStart);
                }

                EndField(ref count, scratchUsed, contentStart);
                Finish(i, i + 1);
                return true;
            }

            if (_lineEnd == Lf && state != State.Quoted && (c == Lf || c == Cr))
            {
                if (c == Cr && i + 1 == _end && !_eof)
                {
                    return false; // is it CRLF? The next byte decides.
                }

                if (c == Lf || i + 1 == _end || buffer[i + 1] == Lf)
                {
                    if (state == State.AfterClose)
                    {
                        bad ??= Encoding.UTF8.GetString(buffer, rawStart, i - rawStart);
                    }

                    EndField(ref count, scratchUsed, contentStart);
                    Finish(i, c == Cr ? i + 2 : i + 1);
                    return true;
                }
            }

            switch (state)
            {
                case State.FieldStart:
                    rawStart = i;
                    contentStart = scratchUsed;
                    if (c == Quote)
                    {
                        state = State.Quoted;
                    }
                    else if (c == Comma)
                    {
                        EndField(ref count, scratchUsed, contentStart);
                    }
                    else
                    {
                        Append(c, ref scratchUsed);
                        state = State.Unquoted;
                    }

                    break;
                case State.Unquoted:
                    if (c == Comma)
                    {
                        EndField(ref count, scratchUsed, contentStart);
                        state = State.FieldStart;
                    }
                    else
                    {
                        if (c == Quote)
                        {
                            state = State.AfterClose; // a quote inside an unquoted field
                        }

                        Append(c, ref scratchUsed);
                    }

                    break;
                case State.Quoted:
                    if (c == Quote)
                    {
                        state = State.QuoteInQuoted;
                    }
                    else
                    {
                        if (c == _lineEnd)
                        {
                            newlines++;
                        }

                        Append(c, ref scratchUsed);
                    }

                    break;
                case State.QuoteInQuoted:
                    if (c == Quote)
                    {
                        Append(Quote, ref scratchUsed); // "" is one quote
                        state = State.Quoted;
                    }
                    else if (c == Comma)
                    {
                        EndField(ref count, scratchUsed, contentStart);
                        state = State.FieldStart;
                    }
                    else
                    {
                        Append(c, ref scratchUsed);
                        state = State.AfterClose;
                    }

                    break;
                case State.AfterClose:
                    if (c == Comma)
                    {
                        bad ??= Encoding.UTF8.GetString(buffer, rawStart, i - rawStart);
                        EndField(ref count, scratchUsed, contentStart);
                        state = State.FieldStart;
                    }
                    else
                    {
                        Append(c, ref scratchUsed);
                    }

                    break;
            }

            i++;
        }

        void Finish(int recordEnd, int next)
        {
            _recordStart = start;
            _recordLength = recordEnd - start;
            _fieldCount = count;
            _fieldsInScratch = true;
            _badField = bad;
            StartLine = _nextLine;
            Line = StartLine + newlines;
            _nextLine = Line + 1;
            _pos = Math.Min(next, _end);
        }
    }

    /// <summary>
    /// Skips a UTF-8 BOM, refuses UTF-16 and UTF-32 files by name, and picks the line end from the first one
    /// in the file (LF or CRLF, else a lone CR).
    /// </summary>
    private void DetectEncodingAndLineEnd()
    {
        while (_end - _pos < 4 && Fill())
        {
        }

        var head = _buffer.AsSpan(_pos, _end - _pos);
        var other = head switch
        {
            [0xFF, 0xFE, 0, 0, ..] or [0, 0, 0xFE, 0xFF, ..] => "UTF-32",
            [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => "UTF-16",
            // No BOM: ASCII header text in UTF-16 has a zero byte beside every letter.
            [not 0, 0, not 0, 0, ..] or [0, not 0, 0, not 0, ..] => "UTF-16",
            _ => null,
        };
        if (other is not null)
        {
            throw new ImportFormatException(FileName, 1, null, $"expected UTF-8 (this file is {other})");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _pos += 3;
        }

        // The header line is short: the first line end is within the first read unless the file has none.
        var first = _buffer.AsSpan(_pos, _end - _pos).IndexOfAny(Cr, Lf);
        if (first >= 0 && _buffer[_pos + first] == Cr && (_pos + first + 1 < _end ? _buffer[_pos + first + 1] != Lf : _eof))
        {
            _lineEnd = Cr;
        }
    }

    /// <summary>Reads more bytes, first moving the unread tail to the front (or growing the buffer).</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordBytes)
            {
                throw new ImportFormatException(FileName, _nextLine, null,
                    $"the record starting at line {_nextLine} is longer than {MaxRecordBytes / (1 << 20)} MB: a quoted field is probably never closed");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int n;
        try
        {
            n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex.InnerException is InvalidDataException)
        {
            throw new ImportFormatException(FileName, _nextLine, null,
                "file bytes cannot be read (corrupt archive entry?): " + (ex.InnerException ?? ex).Message, ex);
        }

        if (n == 0)
        {
            _eof = true;
            return false;
        }

        _end += n;
        return true;
    }

    /// <summary>The bytes of field <paramref name="index"/> (quotes removed), valid until the next record.</summary>
    public ReadOnlySpan<byte> FieldBytes(int index) =>
        index >= Math.Min(_fieldCount, MaxStoredFields)
            ? throw new ArgumentOutOfRangeException(nameof(index))
            : (_fieldsInScratch ? _scratch : _buffer).AsSpan(_fieldStart[index], _fieldLength[index]);

    /// <summary>Field <paramref name="index"/> decoded (for messages; invalid bytes become U+FFFD).</summary>
    public string FieldString(int index) => Encoding.UTF8.GetString(FieldBytes(index));

    /// <summary>True when field <paramref name="index"/> is not valid UTF-8.</summary>
    public bool IsInvalidUtf8(int index) => !_recordIsValidUtf8 && !Utf8.IsValid(FieldBytes(index));

    /// <summary>Field <paramref name="index"/> as a shared string ("" when empty). Check validity first.</summary>
    public string Intern(int index)
    {
        var bytes = FieldBytes(index);
        var last = _lastBytes[index];
        if (last is not null && _lastLength[index] == bytes.Length && bytes.SequenceEqual(last.AsSpan(0, bytes.Length)))
        {
            return _lastValue[index]!;
        }

        var value = _pool.Intern(bytes);
        if (last is null || last.Length < bytes.Length)
        {
            last = _lastBytes[index] = new byte[Math.Max(64, bytes.Length)];
        }

        bytes.CopyTo(last);
        _lastLength[index] = bytes.Length;
        _lastValue[index] = value;
        return value;
    }

    public RowRejection Reject(string? field, string reason) => new(FileName, Line, field, reason);

    /// <summary>Checks the column count of the current record. Returns a rejection or null.</summary>
    public RowRejection? CheckStructure() =>
        _fieldCount != _expectedHeader.Length
            ? QuoteRejection() ?? Reject(null, $"wrong column count: expected {_expectedHeader.Length} but found {_fieldCount}")
            : null;

    public RowRejection? QuoteRejection()
    {
        if (_badField is null)
        {
            return null;
        }

        var quotes = 0;
        foreach (var c in _badField)
        {
            if (c == '"')
            {
                quotes++;
            }
        }

        if (_badField.StartsWith('"') && quotes % 2 == 1)
        {
            return new RowRejection(FileName, StartLine, null,
                StartLine == Line
                    ? "unterminated quoted field (file truncated or quote not closed before end of file)"
                    : $"unterminated quoted field runs from line {StartLine} to end of file (line {Line})");
        }

        return Reject(null, "malformed quoted field: " + Shorten(_badField));
    }

    /// <summary>Parses columns 0..8 (shared by street and outcomes files).</summary>
    public RowRejection? ParseCommon(out CommonColumns common, bool crimeIdRequired)
    {
        common = default;
        if (_badField is not null)
        {
            return QuoteRejection();
        }

        if (_recordHasControl)
        {
            return ControlRejection();
        }

        PoliceCrimeId? crimeId = null;
        var crimeIdText = FieldBytes(0);
        if (crimeIdText.Length != 0)
        {
            if (!PoliceCrimeId.TryParseHex(crimeIdText, out var id))
            {
                return Reject("Crime ID", IsInvalidUtf8(0) ? "invalid UTF-8"
                    : $"expected 64 hexadecimal characters but found '{Shorten(FieldString(0))}'");
            }

            crimeId = id;
        }
        else if (crimeIdRequired)
        {
            return Reject("Crime ID", "missing Crime ID");
        }

        if (!YearMonth.TryParse(FieldBytes(1), out var month))
        {
            return Reject("Month", IsInvalidUtf8(1) ? "invalid UTF-8" : $"expected YYYY-MM but found '{Shorten(FieldString(1))}'");
        }

        if (_latestMonth is { } latest && month.CompareTo(latest) > 0)
        {
            return Reject("Month", $"{month} is in the future: police.uk publishes a month after it ends, and the latest possible now is {latest}");
        }

        if (FileMonth is { } fm && fm != month)
        {
            MonthMismatchCount++;
            if (_mismatchedMonths.Count < 24 && _mismatchedMonths.Add(month))
            {
                Notes.Add($"file {FileName}: rows with Month {month} in a file named for {fm} (accepted; first at line {Line})");
            }
        }

        if (IsInvalidUtf8(2))
        {
            return Reject("Reported by", "invalid UTF-8");
        }

        if (IsInvalidUtf8(3))
        {
            return Reject("Falls within", "invalid UTF-8");
        }

        double? lon = null, lat = null;
        var lonText = FieldBytes(4);
        if (lonText.Length != 0)
        {
            if (!TryParseNumber(lonText, out var v))
            {
                return Reject("Longitude", $"not a number: '{Shorten(FieldString(4))}'");
            }

            lon = v;
        }

        var latText = FieldBytes(5);
        if (latText.Length != 0)
        {
            if (!TryParseNumber(latText, out var v))
            {
                return Reject("Latitude", $"not a number: '{Shorten(FieldString(5))}'");
            }

            lat = v;
        }

        if (lon.HasValue != lat.HasValue)
        {
            return lon.HasValue
                ? Reject("Latitude", "longitude given without a latitude")
                : Reject("Longitude", "latitude given without a longitude");
        }

        if (lon is { } x && !(x >= MinLongitude && x <= MaxLongitude))
        {
            return Reject("Longitude", $"{FieldString(4)} is outside the UK bounding box ({MinLongitude}..{MaxLongitude})");
        }

        if (lat is { } y && !(y >= MinLatitude && y <= MaxLatitude))
        {
            return Reject("Latitude", $"{FieldString(5)} is outside the UK bounding box ({MinLatitude}..{MaxLatitude})");
        }

        if (IsInvalidUtf8(6))
        {
            return Reject("Location", "invalid UTF-8");
        }

        var lsoaCode = FieldBytes(7);
        if (lsoaCode.Length != 0 && !IsLsoaCode(lsoaCode))
        {
            return Reject("LSOA code", IsInvalidUtf8(7) ? "invalid UTF-8"
                : IsGssCode(lsoaCode) ? $"'{FieldString(7)}' is a GSS code but not an LSOA code (E01, W01 or a Northern Ireland N code)"
                : $"not a GSS area code: '{Shorten(FieldString(7))}' (an LSOA code is E01 or W01 and six digits, e.g. E01023289)");
        }

        if (lsoaCode.Length == 0 && lon is not null)
        {
            return Reject("LSOA code", "blank although the row has coordinates: police.uk gives the LSOA of every crime it maps (blank is only for rows with no location)");
        }

        if (IsInvalidUtf8(8))
        {
            return Reject("LSOA name", "invalid UTF-8");
        }

        common = new CommonColumns(
            crimeId,
            month,
            Intern(2),
            Intern(3),
            lon,
            lat,
            Intern(6),
            lsoaCode.Length == 0 ? null : Intern(7),
            FieldBytes(8).Length == 0 ? null : Intern(8));
        return null;
    }

    /// <summary>Names the first field holding a control character, and which one.</summary>
    private RowRejection ControlRejection()
    {
        var fields = Math.Min(_fieldCount, MaxStoredFields);
        for (var i = 0; i < fields; i++)
        {
            var bytes = FieldBytes(i);
            var at = bytes.IndexOfAny(ControlBytes);
            if (at >= 0)
            {
                var name = i < _expectedHeader.Length ? _expectedHeader[i] : $"column {i + 1}";
                return Reject(name, $"contains the control character U+{bytes[at]:X4} at character {at + 1} (only tab, CR and LF are allowed)");
            }
        }

        return Reject(null, "contains a control character (only tab, CR and LF are allowed)");
    }

    /// <summary>The powers of ten a double holds exactly (10^0 .. 10^22).</summary>
    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses a decimal number exactly as <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>
    /// does, with a fast path for plain coordinates such as "-0.213048".
    /// </summary>
    /// <remarks>
    /// The fast path is Clinger's (1990, "How to read floating point numbers accurately"): with at most
    /// 15 significant digits the digits form an exact integer below 2^53, and 10^k is exact for k ≤ 22,
    /// so one IEEE division is correctly rounded: the same double the full parser returns. Anything
    /// else (exponents, spaces, more digits) goes to the full parser.
    /// </remarks>
    internal static bool TryParseNumber(ReadOnlySpan<byte> text, out double value)
    {
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        long mantissa = 0;
        var significant = 0;
        var fraction = -1;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.')
            {
                if (fraction >= 0)
                {
                    return FullParse(text, out value);
                }

                fraction = 0;
                continue;
            }

            var d = c - '0';
            if ((uint)d > 9)
            {
                return FullParse(text, out value);
            }

            digits++;
            if (significant > 0 || d != 0)
            {
                significant++;
            }

            if (significant > 15)
            {
                return FullParse(text, out value);
            }

            mantissa = (mantissa * 10) + d;
            if (fraction >= 0)
            {
                fraction++;
            }
        }

        if (digits == 0 || fraction == 0 || fraction > 22)
        {
            return FullParse(text, out value);
        }

        var v = (double)mantissa;
        if (fraction > 0)
        {
            v /= ExactPowersOfTen[fraction];
        }

        value = negative ? -v : v;
        return true;

        static bool FullParse(ReadOnlySpan<byte> text, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// An LSOA code as police.uk gives it: England E01 and Wales W01 (reference "GSS codes": E01 is the LSOA
    /// entity, Welsh codes use W), and Northern Ireland's N codes for its small areas.
    /// </summary>
    internal static bool IsLsoaCode(ReadOnlySpan<byte> s) =>
        IsGssCode(s) && (s.StartsWith("E01"u8) || s.StartsWith("W01"u8) || s[0] == (byte)'N');

    /// <summary>GSS code: a country letter and eight digits, e.g. E01023289.</summary>
    internal static bool IsGssCode(ReadOnlySpan<byte> s)
    {
        if (s.Length != 9 || !IsGssCountry((char)s[0]))
        {
            return false;
        }

        for (var i = 1; i < 9; i++)
        {
            if (!char.IsAsciiDigit((char)s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>GSS code: a country letter and eight digits, e.g. E01023289.</summary>
    internal static bool IsGssCode(ReadOnlySpan<char> s)
    {
        if (s.Length != 9 || !IsGssCountry(s[0]))
        {
            return false;
        }

        for (var i = 1; i < 9; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The first letter of a GSS code names the country: England, Wales, Scotland, Northern Ireland, K for areas
    /// across them, J, L (Channel Islands) and M (Isle of Man) (ONS Register of Geographic Codes); no other is issued.
    /// </summary>
    private static bool IsGssCountry(char c) => c is 'E' or 'W' or 'S' or 'N' or 'K' or 'J' or 'L' or 'M';

    internal static string Shorten(string s) => s.Length <= 80 ? s : string.Concat(s.AsSpan(0, 77), "...");

    public void Dispose() => _stream.Dispose();
}

internal readonly record struct CommonColumns(
    PoliceCrimeId? CrimeId,
    YearMonth Month,
    string ReportedBy,
    string FallsWithin,
    double? Longitude,
    double? Latitude,
    string Location,
    string? LsoaCode,
    string? LsoaName);
