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

    public required string Username { get; init; }

    public required string Realm { get; init; }

    /// <summary>JSON array of the authentication methods completed, e.g. <c>["AuthenticatorPush"]</c>.</summary>
    public required string AuthTypesJson { get; init; }

    public required string JourneyName { get; init; }

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
        session.Property(s => s.Realm).HasMaxLength(100);
        session.Property(s => s.JourneyName).HasMaxLength(JourneyNameRules.MaxLength);
        session.HasIndex(s => s.ExpiresAt);
    }
}
