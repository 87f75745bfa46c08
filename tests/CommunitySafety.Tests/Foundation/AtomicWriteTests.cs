using System.Data.Common;
using System.Security.Claims;
using CommunitySafety.Auditing;
using CommunitySafety.Data;
using CommunitySafety.Features.Agencies;
using CommunitySafety.Features.People;
using CommunitySafety.Security;
using CommunitySafety.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySafety.Tests.Foundation;

/// <summary>
/// ADR 0004: a new record and the audit entry that describes it are kept or lost together. The record's id comes from
/// the database, so the entry is made after the record's insert, in the same transaction; these tests make the audit
/// insert itself fail at the database and check that the record went with it.
/// </summary>
public abstract class AtomicWriteTests(Db db, PostgresFixture pg)
{
    [Fact]
    public async Task CreatePerson_AuditInsertFails_NeitherPersonNorAuditEntryIsKept()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var ct = TestContext.Current.CancellationToken;
        var (officer, agencyId) = await OfficerAsync(app);
        var before = await CountsAsync(app);

        await using (var failing = Open(app, RefuseAuditInserts()))
        {
            var people = new PersonService(failing, AuditFor(app, failing), TimeProvider.System);
            var input = new NewPerson("Audrey", "Fallowfield", new DateOnly(1948, 3, 2), null, "01632 960111", null, "17 Quillet Row", "Wyvern", "WY1 1AA");
            await Assert.ThrowsAnyAsync<Exception>(() => people.CreateAsync(officer, input, ct));
        }

        Assert.Equal(before, await CountsAsync(app));
        await using var check = Open(app);
        Assert.False(await check.Set<Person>().AnyAsync(p => p.Surname == "Fallowfield", ct));
        Assert.False(await check.Set<PersonAddress>().AnyAsync(a => a.Place!.Line1 == "17 Quillet Row", ct));
        Assert.Null(await AuditChain.FindFirstBrokenAsync(check, ct));
        Assert.NotEqual(0, agencyId);
    }

    [Fact]
    public async Task CreatePerson_Succeeds_AuditEntryNamesTheNewIdInTheSameSave()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var ct = TestContext.Current.CancellationToken;
        var (officer, _) = await OfficerAsync(app);

        await using var context = Open(app);
        var people = new PersonService(context, AuditFor(app, context), TimeProvider.System);
        var person = await people.CreateAsync(officer, new NewPerson("Audrey", "Fallowfield", null, null, null, null, null, null, null), ct);

        await using var check = Open(app);
        var entry = await check.AuditEvents.SingleAsync(e => e.Action == AuditActions.Create && e.RecordType == "person" && e.RecordId == person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        Assert.Contains("Audrey Fallowfield", entry.Details, StringComparison.Ordinal);
        Assert.Null(await AuditChain.FindFirstBrokenAsync(check, ct));
    }

    [Fact]
    public async Task CreateAgency_FirstSaveFails_StagedAuditIsKeptForTheRetryAndWrittenOnce()
    {
        await using var app = await AppFactory.CreateAsync(db, pg);
        var ct = TestContext.Current.CancellationToken;
        await using var context = Open(app);
        var audit = AuditFor(app, context);
        var existing = await context.Agencies.Select(a => a.Name).FirstAsync(ct);

        // The name is unique: the first save fails, the caller corrects the name and saves again.
        var agency = new Agency { Name = existing, Type = AgencyType.VoluntarySectorProvider, CreatedUtc = DateTime.UtcNow };
        context.Agencies.Add(agency);
        audit.AddOnceSaved(() => new AuditEntry(AuditActions.AgencyCreated, "agency", agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), agency.Name));
        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(ct));
        agency.Name = "Wyvernshire Street Pastors";
        await context.SaveChangesAsync(ct);

        await using var check = Open(app);
        var saved = await check.Agencies.SingleAsync(a => a.Name == "Wyvernshire Street Pastors", ct);
        var entry = await check.AuditEvents.SingleAsync(e => e.Action == AuditActions.AgencyCreated && e.RecordType == "agency" && e.RecordId == saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        Assert.Equal("Wyvernshire Street Pastors", entry.Details);
        Assert.Null(await AuditChain.FindFirstBrokenAsync(check, ct));
    }

    static async Task<(ClaimsPrincipal User, int AgencyId)> OfficerAsync(AppFactory app)
    {
        _ = app.Services; // starts the app, which migrates and seeds the database
        await using var context = Open(app);
        var user = await context.Users.AsNoTracking().SingleAsync(u => u.Email == DemoUsers.PoliceCaseOfficer);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.Email!),
            new Claim(AppClaims.AgencyId, user.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], "test"));
        return (principal, user.AgencyId);
    }

    static async Task<(int People, int Places, int Audit)> CountsAsync(AppFactory app)
    {
        await using var context = Open(app);
        return (await context.Set<Person>().CountAsync(), await context.Set<Place>().CountAsync(), await context.AuditEvents.CountAsync());
    }

    static AuditLog AuditFor(AppFactory app, AppDb context) =>
        new(context, new HttpContextAccessor(), TimeProvider.System, app.Services.GetRequiredService<BulkAccessMonitor>());

    /// <summary>A context of its own on the app's database, optionally with an interceptor.</summary>
    static AppDb Open(AppFactory app, params IInterceptor[] interceptors)
    {
        if (app.Provider == Db.Sqlite)
        {
            return new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(app.ConnectionString).AddInterceptors(interceptors).Options);
        }
        return new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(app.ConnectionString).AddInterceptors(interceptors).Options);
    }

    /// <summary>The shared interceptor, armed for the whole life of the context it is given to.</summary>
    static AuditWriteFailure RefuseAuditInserts()
    {
        var failure = new AuditWriteFailure();
        failure.Arm();
        return failure;
    }
}

public sealed class AtomicWriteTestsOnSqlite(PostgresFixture pg) : AtomicWriteTests(Db.Sqlite, pg);

public sealed class AtomicWriteTestsOnPostgres(PostgresFixture pg) : AtomicWriteTests(Db.Postgres, pg);
