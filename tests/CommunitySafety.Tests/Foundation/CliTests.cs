using System.CommandLine;
using CommunitySafety.Cli;
using CommunitySafety.Data;
using Microsoft.Data.Sqlite;

namespace CommunitySafety.Tests.Foundation;

/// <summary>Console output is process-wide, so these run on their own.</summary>
[CollectionDefinition(nameof(CliCollection), DisableParallelization = true)]
public sealed class CliCollection;

[Collection(nameof(CliCollection))]
public sealed class CliTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("csp-cli-").FullName;

    string DbPath => Path.Combine(_folder, "cli.db");

    string[] Db => ["--Database:Provider=Sqlite", $"--ConnectionStrings:Sqlite=Data Source={DbPath}", $"--Database:DataFolder={_folder}"];

    async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var o = new StringWriter();
        using var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            var exit = await CommandLine.RunAsync(args);
            return (exit, o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            SqliteConnection.ClearAllPools();
        }
    }

    void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Migrate_OnANewDatabase_CreatesTheSchemaAndExitsZero()
    {
        var (exit, output, error) = await RunAsync(["migrate", .. Db]);

        Assert.True(exit == 0, error);
        Assert.Contains("Database is up to date (Sqlite)", output, StringComparison.Ordinal);
        Assert.Equal(1, Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'audit_events'"));
        Assert.Equal(2, Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'"));
        Assert.Equal(0, (await RunAsync(["migrate", .. Db])).Exit);
    }

    [Fact]
    public async Task Migrate_AfterAProcessWasKilledWhileMigrating_StartsInsteadOfWaitingForeverForItsLock()
    {
        Assert.Equal(0, (await RunAsync(["migrate", .. Db])).Exit);
        // What a process killed inside EF Core's Migrate() leaves behind: its lock row, and no process holding the lock file.
        Execute($"INSERT INTO \"{SqliteMigrationGuard.EfLockTable}\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-04 09:00:00')");

        var (exit, output, error) = await RunAsync(["migrate", .. Db]).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.True(exit == 0, error);
        Assert.Contains("Database is up to date (Sqlite)", output, StringComparison.Ordinal);
        Assert.Equal(0, Scalar($"SELECT count(*) FROM \"{SqliteMigrationGuard.EfLockTable}\""));
    }

    [Fact]
    public async Task Migrate_WhileAnotherLiveProcessIsMigrating_WaitsForItAndLeavesItsLockAlone()
    {
        Assert.Equal(0, (await RunAsync(["migrate", .. Db])).Exit);
        var ct = TestContext.Current.CancellationToken;
        Task<(int Exit, string Out, string Error)> second;
        // The other process: it holds the lock file (as a live process does) and EF Core's lock row.
        using (new FileStream(DbPath + "-migrations.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Execute($"INSERT INTO \"{SqliteMigrationGuard.EfLockTable}\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-04 09:00:00')");
            second = RunAsync(["migrate", .. Db]);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);

            Assert.False(second.IsCompleted, "a start went ahead while another live process was migrating");
            Assert.Equal(1, Scalar($"SELECT count(*) FROM \"{SqliteMigrationGuard.EfLockTable}\""));
            // The other process finishes: EF Core deletes its row, then the process lets go of the file.
            Execute($"DELETE FROM \"{SqliteMigrationGuard.EfLockTable}\"");
        }

        var (exit, output, error) = await second.WaitAsync(TimeSpan.FromMinutes(2), ct);
        Assert.True(exit == 0, error);
        Assert.Contains("Database is up to date (Sqlite)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_FirstAdministrator_CanBeCreatedAndIsAudited()
    {
        var (exit, output, error) = await RunAsync(["users", "add", "--email", "first.admin@council.example", "--name", "First Admin",
            "--agency", "Example Borough Council", "--agency-type", "LocalAuthority", "--role", "Administrator", "--password", "granite meadow copper sparrow", .. Db]);

        Assert.True(exit == 0, error + output);
        Assert.Contains("Added first.admin@council.example", output, StringComparison.Ordinal);
        Assert.Equal(1, Scalar("SELECT count(*) FROM identity_users WHERE email = 'first.admin@council.example'"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM identity_user_roles ur JOIN identity_roles r ON r.id = ur.role_id WHERE r.name = 'Administrator'"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM audit_events WHERE action = 'user-created'"));
    }

    [Fact]
    public async Task UsersAdd_WeakPasswordOrUnknownRole_IsRefusedWithNonZeroExit()
    {
        var weak = await RunAsync(["users", "add", "--email", "a@b.example", "--name", "A", "--agency", "X", "--agency-type", "Police",
            "--role", "Administrator", "--password", "password123456", .. Db]);
        var role = await RunAsync(["users", "add", "--email", "a@b.example", "--name", "A", "--agency", "X", "--agency-type", "Police",
            "--role", "Superuser", "--password", "granite meadow copper sparrow", .. Db]);

        Assert.NotEqual(0, weak.Exit);
        Assert.Contains("User not added", weak.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, role.Exit);
        Assert.Contains("Unknown role Superuser", role.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_ConfigurationSwitchesRightAfterRole_ReachTheHostInsteadOfBecomingRoles()
    {
        // The database switches follow --role directly: they must choose the database, not be read as role names.
        var (exit, output, error) = await RunAsync(["users", "add", "--email", "lead@council.example", "--name", "Lead Analyst",
            "--agency", "Example Borough Council", "--agency-type", "LocalAuthority", "--role", "Analyst", .. Db, "--role", "AgencyManager,BoardMember",
            "--password", "granite meadow copper sparrow"]);

        Assert.True(exit == 0, error + output);
        Assert.Contains("Added lead@council.example (Analyst, Agency manager, Board member)", output, StringComparison.Ordinal);
        Assert.Equal(3, Scalar("SELECT count(*) FROM identity_user_roles"));
    }

    [Fact]
    public async Task UsersAdd_SecondRoleWithoutItsOwnSwitch_IsRefusedSayingHowToGiveIt()
    {
        var (exit, _, error) = await RunAsync(["users", "add", "--email", "a@b.example", "--name", "A", "--agency", "X", "--agency-type", "Police",
            "--role", "Analyst", "CaseOfficer", "--password", "granite meadow copper sparrow", .. Db]);

        Assert.Equal(2, exit);
        Assert.Contains("'CaseOfficer' follows --role without its own --role", error, StringComparison.Ordinal);
        Assert.False(File.Exists(DbPath), "a refused command must not touch the database");
    }

    [Fact]
    public async Task Migrate_SaysWhichDataFolderItUses()
    {
        var (exit, output, error) = await RunAsync(["migrate", .. Db]);

        Assert.True(exit == 0, error);
        Assert.Contains($"Data folder: {Path.GetFullPath(_folder)} (set Database:DataFolder", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoSeed_OnANewDatabase_SeedsThePartnershipOnce()
    {
        var (exit, output, error) = await RunAsync(["demo", "seed", "--Demo:Password=river lantern copper harbour", .. Db]);
        var again = await RunAsync(["demo", "seed", .. Db]);

        Assert.True(exit == 0, error + output);
        Assert.Contains("priya.shah@council.wyvernshire.example", output, StringComparison.Ordinal);
        // Nine demo agencies (with the IDVA service) and thirteen users (with the recovery and IDVA provider workers).
        Assert.Equal(9, Scalar("SELECT count(*) FROM agencies"));
        Assert.Equal(13, Scalar("SELECT count(*) FROM identity_users"));
        Assert.Equal(0, again.Exit);
        Assert.Contains("not seeded again", again.Out, StringComparison.Ordinal);
        Assert.Equal(13, Scalar("SELECT count(*) FROM identity_users"));
    }

    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            foreach (var sub in command.Subcommands)
            {
                var full = (path + " " + sub.Name).Trim();
                data.Add(full);
                Walk(sub, full);
            }
        }
        Walk(CommandLine.Build(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Help_ForEveryVerb_ExitsZeroAndListsItsOptions(string verb)
    {
        var command = verb.Split(' ').Aggregate((Command)CommandLine.Build(), (c, name) => c.Subcommands.Single(s => s.Name == name));

        var (exit, output, error) = await RunAsync([.. verb.Split(' '), "--help"]);

        Assert.True(exit == 0, error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            Assert.Contains(option.Name, output, StringComparison.Ordinal);
        }
        foreach (var sub in command.Subcommands)
        {
            Assert.Contains(sub.Name, output, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(DbPath), "--help must not touch the database");
    }

    [Fact]
    public async Task Help_AtTheRoot_ListsEveryVerb()
    {
        var (exit, output, _) = await RunAsync(["--help"]);

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "serve", "migrate", "users", "demo" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
