using System.Security.Cryptography;
using CommunitySafety.Data;
using CommunitySafety.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySafety.Features.Accounts;

/// <summary>
/// Server-side session store for the Identity cookie (dotnet/aspnetcore#7737: without it a copied
/// cookie outlives sign-out). Enforces the idle and absolute time-outs on the server, so sliding
/// expiry cannot extend a session beyond its absolute lifetime.
/// </summary>
public sealed class DbTicketStore(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock, IOptions<SecurityOptions> options) : ITicketStore
{
    // LastSeen is written at most once a minute so reading pages does not turn into a write each time.
    static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = Guid.Parse(ticket.Principal.UserId()?.ToString() ?? throw new InvalidOperationException("Ticket has no user id."));
        var context = http.HttpContext;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.UserSessions.Add(new UserSession
        {
            Id = Hash(key),
            UserId = userId,
            CreatedUtc = now,
            LastSeenUtc = now,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(context?.Request.Headers.UserAgent.ToString(), 300),
            Ticket = TicketSerializer.Default.Serialize(ticket),
        });
        await db.SaveChangesAsync();

        // Concurrent-session policy: the new session always survives; the oldest others beyond the limit end.
        var newId = Hash(key);
        var live = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedUtc == null && s.Id != newId)
            .OrderByDescending(s => s.CreatedUtc).Skip(options.Value.MaxSessionsPerUser - 1).ToListAsync();
        foreach (var old in live)
        {
            old.RevokedUtc = now;
            old.RevokedReason = "session limit";
        }
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var session = await db.UserSessions.FindAsync(Hash(key));
        if (session is { RevokedUtc: null })
        {
            session.Ticket = TicketSerializer.Default.Serialize(ticket);
            await db.SaveChangesAsync();
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var session = await db.UserSessions.FindAsync(Hash(key));
        if (session is null || session.RevokedUtc is not null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        string? expired = null;
        if (now - session.LastSeenUtc > TimeSpan.FromMinutes(o.IdleTimeoutMinutes)) { expired = "idle time-out"; }
        else if (now - session.CreatedUtc > TimeSpan.FromHours(o.AbsoluteTimeoutHours)) { expired = "absolute time-out"; }
        if (expired is not null)
        {
            session.RevokedUtc = now;
            session.RevokedReason = expired;
            await db.SaveChangesAsync();
            return null;
        }
        if (now - session.LastSeenUtc > TouchInterval)
        {
            session.LastSeenUtc = now;
            await db.SaveChangesAsync();
        }
        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var session = await db.UserSessions.FindAsync(Hash(key));
        if (session is { RevokedUtc: null })
        {
            session.RevokedUtc = clock.GetUtcNow().UtcDateTime;
            session.RevokedReason = "signed out";
            await db.SaveChangesAsync();
        }
    }

    static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key)));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>Ends sessions when an administrator disables a user or changes what they may do (SEC-SESS-03).</summary>
public sealed class SessionRevoker(AppDb db, TimeProvider clock)
{
    public async Task<int> RevokeAllAsync(Guid userId, string reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedUtc == null).ToListAsync(ct);
        foreach (var s in sessions)
        {
            s.RevokedUtc = now;
            s.RevokedReason = reason;
        }
        await db.SaveChangesAsync(ct);
        return sessions.Count;
    }
}
