using System.Net;
using System.Text.RegularExpressions;
using CommunitySafety.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySafety.Tests.Infrastructure;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real app in-process on a database of its own: a temporary SQLite file or a fresh
/// database on the throwaway PostgreSQL server. The demo partnership is seeded with a known password.
/// </summary>
public sealed partial class AppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "test harbour lantern meadow";

    readonly Db _db;
    readonly string _connectionString;
    readonly string _dataFolder;
    readonly Dictionary<string, string?> _settings;
    readonly Action<IServiceCollection>? _services;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Everything the app logged at Error or above ("category: message"), for tests of what an operator sees.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ErrorLogs { get; } = new();

    /// <summary>The client address every request appears to come from (TestServer gives none; a real connection always has one).</summary>
    public const string ClientAddress = "203.0.113.10";

    AppFactory(Db db, string connectionString, string dataFolder, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _services = services;
        _db = db;
        _connectionString = connectionString;
        _dataFolder = dataFolder;
        _settings = settings;
    }

    /// <summary>
    /// A second app instance on this one's database, as a second server would be: its own data folder, clock,
    /// in-process gates and caches, sharing only the database.
    /// </summary>
    public AppFactory AnotherInstance() =>
        new(_db, _connectionString, Directory.CreateTempSubdirectory("csp-test-").FullName,
            new Dictionary<string, string?>(_settings, StringComparer.OrdinalIgnoreCase), _services);

    public Db Provider => _db;
    public string ConnectionString => _connectionString;

    /// <summary>
    /// Creates an app on a new database. For PostgreSQL the test is skipped (or fails under CI) when no server can be had.
    /// <paramref name="services"/> adds to the app's services after its own (e.g. a test-only strand).
    /// </summary>
    public static async Task<AppFactory> CreateAsync(Db db, PostgresFixture? pg = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var folder = Directory.CreateTempSubdirectory("csp-test-").FullName;
        string cs;
        if (db == Db.Sqlite)
        {
            cs = $"Data Source={Path.Combine(folder, "test.db")}";
        }
        else
        {
            var server = (pg ?? throw new ArgumentNullException(nameof(pg), "PostgreSQL tests need the PostgresFixture")).GetServerOrSkip();
            cs = await server.CreateUniqueDatabaseAsync("csp", TestContext.Current.CancellationToken);
        }
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        return new AppFactory(db, cs, folder, all, services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _db.ToString());
        builder.UseSetting("Database:DataFolder", _dataFolder);
        builder.UseSetting(_db == Db.Sqlite ? "ConnectionStrings:Sqlite" : "ConnectionStrings:Postgres", _connectionString);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        // Tests load their own wards and records; the generated Wyvernshire crime data is opted in where tested.
        builder.UseSetting("Demo:PlacesData", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ClientAddressFilter());
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new ErrorLogCapture(ErrorLogs));
            _services?.Invoke(services);
        });
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed, https so Secure cookies are sent.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
    });

    /// <summary>Signs in through the real sign-in form and returns the signed-in client.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = DemoPassword)
    {
        var client = NewClient();
        var response = await PostFormAsync(client, "/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}: {Regex.Match(body, "govuk-error-summary__list.*?</ul>", RegexOptions.Singleline).Value}");
        }
        return client;
    }

    /// <summary>GETs the form page to pick up its antiforgery token, then POSTs the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPageUrl = null)
    {
        var token = await AntiforgeryTokenAsync(client, formPageUrl ?? url);
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {pageUrl} ({(int)page.StatusCode}).");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public AppDb CreateDbContext(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDb>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

sealed class ErrorLogCapture(System.Collections.Concurrent.ConcurrentQueue<string> errors) : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

    public void Dispose()
    {
    }

    sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> errors) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Error;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}

sealed class ClientAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Parse(AppFactory.ClientAddress);
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>The demo partnership's users, by role, for tests.</summary>
public static class DemoUsers
{
    public const string Administrator = "priya.shah@council.wyvernshire.example";
    public const string Analyst = "tom.green@council.wyvernshire.example";
    public const string PoliceCaseOfficer = "dan.okafor@police.wyvernshire.example";
    public const string CouncilCaseOfficer = "ellie.hughes@ashcombe.wyvernshire.example";
    public const string PoliceManager = "rachel.moore@police.wyvernshire.example";
    public const string BoardMember = "james.lee@council.wyvernshire.example";
    public const string ProviderWorker = "amina.begum@saferhomes.wyvernshire.example";
    public const string ProbationCaseOfficer = "mark.evans@probation.wyvernshire.example";
    public const string FireCaseOfficer = "kate.wilson@fire.wyvernshire.example";
    public const string HealthCaseOfficer = "nina.roberts@icb.wyvernshire.example";
}
