using System.Reflection;

namespace CommunitySafety.BrowserTests.Infrastructure;

public static class TestEnvironment
{
    /// <summary>True when env CI is "true" (or "1"): a missing browser is then a failure, not a skip.</summary>
    public static bool IsCi
    {
        get
        {
            var ci = Environment.GetEnvironmentVariable("CI");
            return string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        }
    }

    /// <summary>A value the project file writes into the assembly (folders and build configuration).</summary>
    public static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");
}
