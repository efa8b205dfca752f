using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>
/// An end user's session after a successful sign-on. Only the SHA-256 of the tokenId is stored, so a copy
/// of the database does not hand out live sessions.
/// </summary>
public sealed class UserSessionRecord
{
    public int Id { get; init; }

    /// <summary>Lower-case hex SHA-256 of the tokenId.</summary>
    public required string TokenHash { get; init; }

    /// <summary>
    /// The identity's immutable id (ids are never reused: AUTOINCREMENT). A user deleted and created again under the
    /// same name has a new id, so a session that outlived the old one cannot pass for the new user. No foreign key:
    /// SQLite could only add one by rebuilding the table, and the lookup's join already refuses an orphan.
    /// </summary>
    public int IdentityId { get; init; }

    /// <summary>The identity's username as stored (for display and for ending a user's sessions by name).</summary>
    public required string Username { get; init; }

    public required string Realm { get; init; }

    /// <summary>JSON array of the authentication methods completed, e.g. <c>["AuthenticatorPush"]</c>.</summary>
    public required string AuthTypesJson { get; init; }

    public required string JourneyName { get; init; }

    /// <summary>JSON object of the session's properties (AM's <c>putSessionProperty</c>); null for none (sessions made before them).</summary>
    public string? PropertiesJson { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastAccessAt { get; set; }

    public DateTimeOffset ExpiresAt { get; init; }
}

internal sealed class UserSessionRecordConfiguration : IEntityTypeConfiguration<UserSessionRecord>
{
    public void Configure(EntityTypeBuilder<UserSessionRecord> session)
    {
        session.ToTable("UserSessions");
        session.Property(s => s.TokenHash).HasMaxLength(64);
        session.HasIndex(s => s.TokenHash).IsUnique();
        session.Property(s => s.Username).HasMaxLength(IdentityRules.MaxUsernameLength)
            .UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        session.HasIndex(s => s.Username);
        session.Property(s => s.Realm).HasMaxLength(100);
        session.Property(s => s.JourneyName).HasMaxLength(JourneyNameRules.MaxLength);
        session.HasIndex(s => s.ExpiresAt);
    }
}
