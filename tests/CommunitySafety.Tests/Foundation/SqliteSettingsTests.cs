using CommunitySafety.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

public sealed class SqliteSettingsTests(PostgresFixture pg)
{
    [Fact]
    [Trait("Requirement", "REL-DB-01")]
    public async Task AppConnection_OnSqlite_IsWalFullSyncWithForeignKeysAndABusyWait()
    {
        await using var app = await AppFactory.CreateAsync(Db.Sqlite, pg);
        _ = app.Server;
        using var scope = app.Services.CreateScope();
        var db = app.CreateDbContext(scope);
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var connection = db.Database.GetDbConnection();
        async Task<string> PragmaAsync(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        Assert.Equal("wal", await PragmaAsync("journal_mode"));
        Assert.Equal("2", await PragmaAsync("synchronous"));
        Assert.Equal("1", await PragmaAsync("foreign_keys"));
        Assert.True(int.Parse(await PragmaAsync("busy_timeout"), System.Globalization.CultureInfo.InvariantCulture) >= 5000);
    }
}
