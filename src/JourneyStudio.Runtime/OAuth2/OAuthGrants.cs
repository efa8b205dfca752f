using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace JourneyStudio.Runtime.OAuth2;

/// <summary>
/// The OpenID Connect provider's grants (OpenIddict's authorizations and tokens) of one user, ended where the
/// user's sessions end: an identity that is disabled, deleted, locked or gets a new password keeps no refresh
/// token, code or access token that still works, on any client.
/// </summary>
public static class OAuthGrants
{
    /// <summary>OpenIddict's status names (stored as text).</summary>
    private const string Valid = "valid";
    private const string Revoked = "revoked";

    /// <summary>Revokes every token and authorization whose subject is <paramref name="username"/> (any letter case).</summary>
    public static async Task<int> RevokeAllForSubjectAsync(JourneyStudioDbContext db, string username, CancellationToken cancellationToken)
    {
        var subject = username.ToLowerInvariant();
        var tokens = await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Subject != null && t.Subject.ToLower() == subject && t.Status != Revoked)
            .ExecuteUpdateAsync(t => t.SetProperty(r => r.Status, Revoked), cancellationToken);
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Subject != null && a.Subject.ToLower() == subject && a.Status == Valid)
            .ExecuteUpdateAsync(a => a.SetProperty(r => r.Status, Revoked), cancellationToken);
        return tokens;
    }
}
