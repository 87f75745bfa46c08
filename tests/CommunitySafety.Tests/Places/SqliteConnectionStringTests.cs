using CommunitySafety.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Data.Sqlite;

namespace CommunitySafety.Tests.Places;

/// <summary>ConnectionStrings:Sqlite as a plain path is accepted; an unreadable one says what is expected.</summary>
public sealed class SqliteConnectionStringTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("csp-sqlite-cs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Resolve(string? configured)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sqlite"] = configured }).Build();
        return DataServices.SqliteConnectionString(configuration, new Environment(_root), new DatabaseOptions());
    }

    [Theory]
    [InlineData("places/csp.db")]
    [InlineData("Data Source=places/csp.db")]
    public void PlainPathOrConnectionString_SameFileUnderTheContentRoot(string configured)
    {
        var source = new SqliteConnectionStringBuilder(Resolve(configured)).DataSource;
        Assert.Equal(Path.Combine(_root, "places", "csp.db"), source);
    }

    [Fact]
    public void UnreadableConnectionString_SaysWhatIsExpected()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Resolve("Data Source=x.db;Nonsense=1"));
        Assert.Contains("give a file path such as data/community-safety.db", ex.Message, StringComparison.Ordinal);
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "CommunitySafety";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
