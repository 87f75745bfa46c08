using System.Security.Cryptography;
using CommunitySafety.Data;

namespace CommunitySafety.Features.Cases;

/// <summary>
/// Case documents on disk, under the data folder (never wwwroot), each under a random name. Uploads are
/// checked against a size limit and an allow-list of types by extension AND by content signature, so a
/// renamed executable or HTML page is refused (OWASP File Upload Cheat Sheet).
/// </summary>
public sealed class DocumentStore(DatabaseOptions options, IHostEnvironment environment)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static readonly IReadOnlyDictionary<string, string> AllowedTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".txt"] = "text/plain",
    };

    public string Folder => Path.Combine(Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.DataFolder)), "case-documents");

    /// <summary>Null when the file is acceptable, otherwise the message to show next to the field.</summary>
    public static string? Validate(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            return "Select a file to upload";
        }
        if (file.Length > MaxBytes)
        {
            return "The selected file must be smaller than 10 MB";
        }
        var ext = Path.GetExtension(file.FileName);
        if (!AllowedTypes.ContainsKey(ext))
        {
            return "The selected file must be a PDF, DOCX, JPG, PNG or TXT";
        }
        Span<byte> head = stackalloc byte[8];
        using var stream = file.OpenReadStream();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        var ok = ext.ToLowerInvariant() switch
        {
            ".pdf" => head.StartsWith("%PDF"u8),
            ".docx" => head.StartsWith("PK\u0003\u0004"u8),
            ".jpg" or ".jpeg" => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            ".png" => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            ".txt" => !head.Contains((byte)0),
            _ => false,
        };
        return ok ? null : "The selected file's contents do not match its type: upload a real PDF, DOCX, JPG, PNG or TXT";
    }

    public async Task<(string StoredName, string Sha256, string ContentType)> SaveAsync(IFormFile file, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var stored = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ".bin";
        var path = Path.Combine(Folder, stored);
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            await file.CopyToAsync(target, ct);
        }
        string hash;
        await using (var read = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, ct));
        }
        return (stored, hash, AllowedTypes[Path.GetExtension(file.FileName)]);
    }

    public Stream Open(string storedName) =>
        File.OpenRead(Path.Combine(Folder, Path.GetFileName(storedName)));

    /// <summary>A file name safe to put in a header: path parts and quotes removed.</summary>
    public static string SafeFileName(string name)
    {
        var clean = new string(Path.GetFileName(name).Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).ToArray());
        return string.IsNullOrWhiteSpace(clean) ? "document" : clean;
    }
}
