using Xunit;

namespace CommunitySafety.Tests.Infrastructure;

/// <summary>
/// xunit.v3 assembly fixture around the process-wide <see cref="PostgresTestServer"/>.
/// Register once per test assembly:
/// <code>[assembly: AssemblyFixture(typeof(CommunitySafety.Tests.Infrastructure.PostgresFixture))]</code>
/// and take it in a test class constructor:
/// <code>
/// public sealed class OrdersPostgresTests(PostgresFixture pg)
/// {
///     [Fact]
///     public async Task Saves_order()
///     {
///         var server = pg.GetServerOrSkip();          // Assert.Skip(reason) locally, failure when CI=true
///         var cs = await server.CreateUniqueDatabaseAsync("orders", TestContext.Current.CancellationToken);
///         // ... UseNpgsql(cs) ...
///     }
/// }
/// </code>
/// Start problems are captured rather than thrown from <see cref="InitializeAsync"/>, so SQLite-only tests in the
/// same assembly still run; every test that asks for the server then fails with the real error.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresTestServer? server;
    private Exception? startError;

    /// <summary>Why Postgres tests are skipped; null when the server is available (or failed to start: that throws).</summary>
    public string? SkipReason => server?.SkipReason;

    /// <summary>The running server. Calls <see cref="Assert.Skip(string)"/> when the binaries are missing (not CI);
    /// throws when the start failed (including missing binaries with CI=true).</summary>
    public PostgresTestServer GetServerOrSkip()
    {
        if (startError is not null)
        {
            throw new InvalidOperationException("The PostgreSQL test server could not be started: " + startError.Message, startError);
        }

        if (server is null)
        {
            throw new InvalidOperationException("PostgresFixture was not initialised.");
        }

        if (!server.IsAvailable)
        {
            Assert.Skip(server.SkipReason ?? "PostgreSQL is not available.");
        }

        return server;
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            server = await PostgresTestServer.GetSharedAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            startError = ex;
        }
    }

    public async ValueTask DisposeAsync() => await PostgresTestServer.StopSharedAsync().ConfigureAwait(false);
}
