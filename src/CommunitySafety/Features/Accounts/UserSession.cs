using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySafety.Features.Accounts;

/// <summary>
/// A signed-in session held on the server. The browser's cookie carries only a random key; the
/// row is looked up by the key's SHA-256, so sign-out, disabling a user or an administrator's
/// revocation end the session at once (cookie replay after sign-out fails: SEC-SESS-02).
/// </summary>
public sealed class UserSession
{
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedReason { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public byte[] Ticket { get; set; } = [];
}

sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("user_sessions");
        b.Property(s => s.Id).HasMaxLength(64);
        b.Property(s => s.IpAddress).HasMaxLength(64);
        b.Property(s => s.UserAgent).HasMaxLength(300);
        b.Property(s => s.RevokedReason).HasMaxLength(100);
        b.HasIndex(s => s.UserId);
    }
}
