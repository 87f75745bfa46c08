using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Security.Cryptography;

namespace CommunitySafety.Features.Places.Import;

/// <summary>One police.uk CSV found by <see cref="PoliceUkSource"/>.</summary>
public sealed class PoliceUkInput
{
    private readonly Func<Stream> _open;

    internal PoliceUkInput(string displayName, PoliceUkFileKind kind, Func<Stream> open, long? length = null)
    {
        DisplayName = displayName;
        Kind = kind;
        Length = length;
        FileMonth = PoliceUkNames.MonthFromFileName(displayName);
        _open = open;
    }

    /// <summary>e.g. "2021-01/2021-01-hertfordshire-street.csv" (archive entry or path relative to the folder).</summary>
    public string DisplayName { get; }

    public PoliceUkFileKind Kind { get; }

    /// <summary>Size in bytes as the file system or archive directory states it (null when unknown).</summary>
    public long? Length { get; }

    /// <summary>Month from the file name, when the name starts "YYYY-MM-".</summary>
    public YearMonth? FileMonth { get; }

    /// <summary>Opens a fresh read-only stream over the file bytes. The caller disposes it.</summary>
    public Stream Open() => _open();

    /// <summary>SHA-256 of the file bytes, lower-case hex (streams the file once).</summary>
    /// <exception cref="ImportFormatException">The bytes cannot be read (e.g. corrupt archive entry).</exception>
    public string ComputeSha256()
    {
        try
        {
            using var stream = Open();
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFormatException(DisplayName, null, null, "cannot read file bytes: " + ex.Message, ex);
        }
    }

    /// <summary>Opens a street reader over this input (Kind must be Street).</summary>
    public StreetCsvReader OpenStreetReader() => Kind == PoliceUkFileKind.Street
        ? new StreetCsvReader(Open(), DisplayName, FileMonth)
        : throw new InvalidOperationException($"{DisplayName} is not a street file.");

    /// <summary>Opens an outcomes reader over this input (Kind must be Outcomes).</summary>
    public OutcomesCsvReader OpenOutcomesReader() => Kind == PoliceUkFileKind.Outcomes
        ? new OutcomesCsvReader(Open(), DisplayName, FileMonth)
        : throw new InvalidOperationException($"{DisplayName} is not an outcomes file.");

    public override string ToString() => $"{DisplayName} ({Kind})";
}

/// <summary>
/// Enumerates police.uk CSVs from a single file, a folder (recursive; <c>*-street.csv</c> and
/// <c>*-outcomes.csv</c>) or a police.uk monthly archive <c>.zip</c>. Stop-and-search files and other
/// files are skipped and listed in <see cref="Notes"/>. Inputs are ordered by display name (ordinal).
/// Dispose to release the archive.
/// </summary>
/// <remarks>
/// An archive is checked before anything in it is unpacked (ASVS 5.0 5.2.3, BAD-19 zip bomb and BAD-20 zip
/// slip): at most <see cref="MaxArchiveEntries"/> files and <see cref="MaxArchiveBytes"/> unpacked, as the
/// upload limits in the security requirements (5.1.1) state; no entry packed more than
/// <see cref="MaxCompressionRatio"/> to 1 (police.uk CSVs pack about 5 to 1); every entry named as police.uk
/// names them. An entry that unpacks to more bytes than the archive's directory states is refused as it is read.
/// </remarks>
public sealed partial class PoliceUkSource : IDisposable
{
    public const int MaxArchiveEntries = 100;
    public const long MaxArchiveBytes = 2L << 30;
    public const int MaxCompressionRatio = 100;

    /// <summary>Entries smaller than this are not held to the compression ratio (a header-only file packs well).</summary>
    private const long RatioCheckFromBytes = 1 << 20;

    private readonly List<PoliceUkInput> _inputs = [];
    private readonly List<string> _notes = [];
    private readonly ZipArchive? _archive;
    private readonly Lock _archiveLock = new();

    private PoliceUkSource(string path)
    {
        Path = path;
        if (Directory.Exists(path))
        {
            ScanFolder(path);
        }
        else if (File.Exists(path))
        {
            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                _archive = OpenArchive(path);
                ScanArchive(_archive);
            }
            else
            {
                AddFile(System.IO.Path.GetFileName(path), path, isExplicit: true);
            }
        }
        else
        {
            throw new ImportFormatException(path, null, null, "no such file or folder");
        }
    }

    /// <exception cref="ImportFormatException">Missing path, corrupt zip, or an explicitly named file that is not a street/outcomes CSV.</exception>
    public static PoliceUkSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new PoliceUkSource(path);
    }

    public string Path { get; }

    public IReadOnlyList<PoliceUkInput> Inputs => _inputs;

    /// <summary>Files that were skipped and why.</summary>
    public IReadOnlyList<string> Notes => _notes;

    private void ScanFolder(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Rel: System.IO.Path.GetRelativePath(root, f).Replace('\\', '/')))
            .OrderBy(f => f.Rel, StringComparer.Ordinal);
        foreach (var (full, rel) in files)
        {
            AddFile(rel, full, isExplicit: false);
        }
    }

    private void AddFile(string displayName, string fullPath, bool isExplicit)
    {
        var kind = PoliceUkNames.KindFromFileName(displayName);
        if (kind is { } k)
        {
            _inputs.Add(new PoliceUkInput(displayName, k, () => new FileStream(
                fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), new FileInfo(fullPath).Length));
        }
        else if (PoliceUkNames.IsStopAndSearch(displayName))
        {
            _notes.Add($"skipped {displayName}: stop-and-search files are not imported");
        }
        else if (isExplicit)
        {
            throw new ImportFormatException(displayName, null, null,
                "not a police.uk street or outcomes file (name must end with -street.csv or -outcomes.csv)");
        }
        else if (displayName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            _notes.Add($"skipped {displayName}: not a police.uk street or outcomes file");
        }
    }

    private static ZipArchive OpenArchive(string path)
    {
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            stream?.Dispose();
            throw new ImportFormatException(System.IO.Path.GetFileName(path), null, null,
                "not a readable zip archive (corrupt or truncated): " + ex.Message, ex);
        }
    }

    /// <summary>police.uk's own entry names: the month's folder, then month, force, and kind.</summary>
    [GeneratedRegex(@"^(?<month>[0-9]{4}-[0-9]{2})/\k<month>-[a-z0-9]+(?:-[a-z0-9]+)*?-(?<kind>street|outcomes|stop-and-search)\.csv$", RegexOptions.CultureInvariant)]
    private static partial Regex PoliceUkEntryName();

    private void ScanArchive(ZipArchive archive)
    {
        var archiveName = System.IO.Path.GetFileName(Path);
        var files = archive.Entries.Where(e => !(e.FullName.EndsWith('/') && e.Length == 0)).OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        var escaping = files.Where(e => LeavesFolder(e.FullName)).Select(e => e.FullName).ToList();
        if (escaping.Count > 0)
        {
            throw new ImportFormatException(archiveName, null, null,
                $"the archive is refused: {Quote(escaping)} {(escaping.Count == 1 ? "points" : "point")} outside the archive's folder (a '../', an absolute path or a drive); police.uk archives never do");
        }

        if (files.Count > MaxArchiveEntries)
        {
            throw new ImportFormatException(archiveName, null, null,
                $"the archive holds {files.Count:N0} files; at most {MaxArchiveEntries} are accepted in one archive (split it, or import a folder)");
        }

        var total = files.Sum(e => e.Length);
        if (total > MaxArchiveBytes)
        {
            throw new ImportFormatException(archiveName, null, null,
                $"the archive unpacks to {total:N0} bytes; at most {MaxArchiveBytes:N0} (2 GB) are accepted");
        }

        foreach (var entry in files)
        {
            if (entry.Length >= RatioCheckFromBytes && entry.Length > (long)MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                throw new ImportFormatException(entry.FullName, null, null,
                    $"packed {entry.Length / Math.Max(1, entry.CompressedLength):N0} to 1 ({entry.CompressedLength:N0} bytes unpack to {entry.Length:N0}): more than {MaxCompressionRatio} to 1 is refused as a possible zip bomb (police.uk CSVs pack about 5 to 1)");
            }
        }

        var misnamed = files.Where(e => !PoliceUkEntryName().IsMatch(e.FullName)).Select(e => e.FullName).ToList();
        if (misnamed.Count > 0)
        {
            throw new ImportFormatException(archiveName, null, null,
                $"{misnamed.Count} {(misnamed.Count == 1 ? "entry is" : "entries are")} not named as police.uk names them (YYYY-MM/YYYY-MM-<force>-street.csv or -outcomes.csv): {Quote(misnamed)}; nothing was imported");
        }

        foreach (var entry in files)
        {
            var name = entry.FullName;
            var kind = PoliceUkNames.KindFromFileName(name);
            if (kind is { } k)
            {
                var captured = entry;
                _inputs.Add(new PoliceUkInput(name, k, () => OpenEntry(captured, name), captured.Length));
            }
            else
            {
                _notes.Add($"skipped {name}: stop-and-search files are not imported");
            }
        }
    }

    private static bool LeavesFolder(string name) =>
        name.StartsWith('/') || name.StartsWith('\\') || (name.Length > 1 && name[1] == ':')
        || name.Replace('\\', '/').Split('/').Any(segment => segment == "..");

    private static string Quote(List<string> names) =>
        string.Join(", ", names.Take(10).Select(n => "'" + PoliceCsvCore.Shorten(n) + "'")) + (names.Count > 10 ? $" and {names.Count - 10} more" : "");

    /// <summary>
    /// Opens an entry stream. <see cref="ZipArchive"/> is not thread-safe: open and read the inputs of
    /// one archive sequentially (one entry at a time).
    /// </summary>
    private DeclaredLengthStream OpenEntry(ZipArchiveEntry entry, string name)
    {
        lock (_archiveLock)
        {
            try
            {
                return new DeclaredLengthStream(entry.Open(), entry.Length, name);
            }
            catch (InvalidDataException ex)
            {
                throw new ImportFormatException(name, null, null, "corrupt archive entry: " + ex.Message, ex);
            }
        }
    }

    public void Dispose() => _archive?.Dispose();
}

/// <summary>
/// Reads an archive entry and refuses it once it yields more bytes than the archive's directory states: the
/// limits were checked against those sizes, so an entry that lies about its size is refused, not unpacked.
/// </summary>
internal sealed class DeclaredLengthStream(Stream inner, long declared, string name) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => declared;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        if (_read > declared)
        {
            throw new ImportFormatException(name, null, null,
                $"unpacks to more than the {declared:N0} bytes the archive states for it; refused as a possible zip bomb");
        }

        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
