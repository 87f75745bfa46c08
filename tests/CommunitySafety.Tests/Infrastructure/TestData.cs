using System.Text;
using CommunitySafety.Features.Places.Import;

namespace CommunitySafety.Tests.Infrastructure;

public static class TestData
{
    private static readonly Lazy<string> RootPath = new(Locate);

    /// <summary>The shared/data folder: env CSP_SHARED_DATA, else walk up from the test binaries.</summary>
    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("CSP_SHARED_DATA");
        if (!string.IsNullOrWhiteSpace(env) && File.Exists(System.IO.Path.Combine(env, "README.md")))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(System.IO.Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("shared/data not found; set CSP_SHARED_DATA");
    }

    public static MemoryStream Utf8(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new MemoryStream(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    public const string StreetHeader =
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

    public const string OutcomesHeader =
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type";

    public static readonly string Id = new('a', 64);

    public static string StreetRow(
        string id = "", string month = "2021-01", string lon = "-0.2", string lat = "51.8",
        string location = "On or near High Street", string lsoa = "E01023289", string type = "Burglary",
        string outcome = "Under investigation") =>
        $"{id},{month},Hertfordshire Constabulary,Hertfordshire Constabulary,{lon},{lat},{location},{lsoa},Broxbourne 004A,{type},{outcome},";

    public static List<ReadResult<StreetCrimeRow>> ReadStreet(string text, string name = "2021-01-test-street.csv", bool bom = false)
    {
        using var reader = new StreetCsvReader(Utf8(text, bom), name);
        return [.. reader.Read()];
    }
}
