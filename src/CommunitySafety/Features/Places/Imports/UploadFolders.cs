using CommunitySafety.Data;

namespace CommunitySafety.Features.Places.Imports;

/// <summary>
/// Where web uploads wait for their import: <c>&lt;data folder&gt;/uploads/&lt;owner token&gt;/&lt;random&gt;/</c>.
/// </summary>
/// <remarks>
/// Grouping by the owning process (<see cref="ImportOwner"/>) is what lets a later start tell an upload left behind
/// by a killed server from one another live server is still importing: the folder of a dead owner is deleted
/// whole. Folders are private to the app's user (ASVS 14.2.2: no uploaded data left in temp files).
/// </remarks>
public sealed class UploadFolders(DatabaseOptions options, IHostEnvironment environment)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Root { get; } = Path.Combine(Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.DataFolder)), "uploads");

    /// <summary>A new empty folder for one upload of the process holding <paramref name="ownerToken"/>.</summary>
    public string Create(string ownerToken)
    {
        var folder = Path.Combine(Root, ownerToken, Guid.NewGuid().ToString("N"));
        foreach (var path in new[] { Root, Path.Combine(Root, ownerToken), folder })
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, OwnerOnly);
            }
        }

        return folder;
    }

    /// <summary>Owner tokens that have upload folders.</summary>
    public IReadOnlyList<string> Owners() =>
        Directory.Exists(Root) ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().ToList() : [];

    /// <summary>Deletes a folder and everything in it; false (and nothing thrown) when it cannot.</summary>
    public static bool TryDelete(string folder, ILogger logger)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.CouldNotDeleteUploadFolder(ex, folder);
            return false;
        }
    }
}
