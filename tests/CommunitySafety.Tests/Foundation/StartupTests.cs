using System.Net;
using CommunitySafety.Tests.Infrastructure;

namespace CommunitySafety.Tests.Foundation;

/// <summary>What an operator sees when the app first starts on a new, empty database.</summary>
public abstract class StartupTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task FirstStart_OnANewDatabase_MigratesAndSeedsWithoutLoggingAnyError()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);

        var response = await app.NewClient().GetAsync("/account/sign-in");
        await app.SignInAsync(DemoUsers.Administrator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(app.ErrorLogs.IsEmpty, "Logged as errors:\n" + string.Join("\n", app.ErrorLogs));
    }
}

public sealed class StartupTestsOnSqlite(PostgresFixture pg) : StartupTests(Db.Sqlite, pg);

public sealed class StartupTestsOnPostgres(PostgresFixture pg) : StartupTests(Db.Postgres, pg);
