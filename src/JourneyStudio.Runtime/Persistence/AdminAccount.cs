namespace JourneyStudio.Runtime.Persistence;

/// <summary>An administrator of the studio (designer, admin REST API).</summary>
public sealed class AdminAccount
{
    public int Id { get; init; }

    /// <summary>Unique without regard to ASCII case (NOCASE collation).</summary>
    public required string Username { get; init; }

    /// <summary>ASP.NET Core Identity's PasswordHasher format; never the password itself.</summary>
    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
