using System.IO.Compression;
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
public sealed class PoliceUkSource : IDisposable
{
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

    private void ScanArchive(ZipArchive archive)
    {
        foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue; // folder entry
            }

            var name = entry.FullName.Replace('\\', '/');
            var kind = PoliceUkNames.KindFromFileName(name);
            if (kind is { } k)
            {
                var captured = entry;
                _inputs.Add(new PoliceUkInput(name, k, () => OpenEntry(captured, name), captured.Length));
            }
            else if (PoliceUkNames.IsStopAndSearch(name))
            {
                _notes.Add($"skipped {name}: stop-and-search files are not imported");
            }
            else
            {
                _notes.Add($"skipped {name}: not a police.uk street or outcomes file");
            }
        }
    }

    /// <summary>
    /// Opens an entry stream. <see cref="ZipArchive"/> is not thread-safe: open and read the inputs of
    /// one archive sequentially (one entry at a time).
    /// </summary>
    private Stream OpenEntry(ZipArchiveEntry entry, string name)
    {
        lock (_archiveLock)
        {
            try
            {
                return entry.Open();
            }
            catch (InvalidDataException ex)
            {
                throw new ImportFormatException(name, null, null, "corrupt archive entry: " + ex.Message, ex);
            }
        }
    }

    public void Dispose() => _archive?.Dispose();
}
