using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>One revision of one journey that a preview link may start, until <paramref name="ExpiresAt"/>.</summary>
public sealed record PreviewGrant(string JourneyName, int Revision, DateTimeOffset ExpiresAt);

/// <summary>Why a preview link does not start a sign-on.</summary>
public enum PreviewRejection
{
    /// <summary>Not issued by this server, altered or truncated.</summary>
    Invalid,

    /// <summary>Genuine, but older than <see cref="PreviewLinks.Lifetime"/>.</summary>
    Expired,

    /// <summary>Genuine, but for another journey than the one the request names.</summary>
    OtherJourney,
}

/// <summary>
/// Signed, time-limited preview links: the only way to run a revision that is not live (a draft). The token is
/// protected with ASP.NET Core Data Protection, so a client can neither read it nor forge one for another journey or
/// revision; it carries its own expiry, checked against the server's clock, and is short-lived because anyone who
/// holds the link can run the draft until then.
/// </summary>
public sealed class PreviewLinks(IDataProtectionProvider provider, TimeProvider time)
{
    /// <summary>How long a preview link can start sign-ons. A sign-on started in time goes on after it (pinned to its revision).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly IDataProtector _protector = provider.CreateProtector("JourneyStudio.PreviewLink.v1");

    public string Create(string journeyName, int revision)
    {
        ArgumentException.ThrowIfNullOrEmpty(journeyName);
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return _protector.Protect(string.Join('\n', revision.ToString(CultureInfo.InvariantCulture), expires.ToString(CultureInfo.InvariantCulture), journeyName));
    }

    /// <summary>The grant of <paramref name="token"/> for <paramref name="journeyName"/> (any letter case), or why there is none.</summary>
    public bool TryRead(string token, string? journeyName, out PreviewGrant? grant, out PreviewRejection rejection)
    {
        grant = null;
        rejection = PreviewRejection.Invalid;
        if (string.IsNullOrEmpty(token) || token.Length > 4000) return false;
        string payload;
        try { payload = _protector.Unprotect(token); }
        catch (CryptographicException) { return false; }
        catch (FormatException) { return false; }
        var parts = payload.Split('\n', 3);
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            return false;
        var found = new PreviewGrant(parts[2], revision, DateTimeOffset.FromUnixTimeSeconds(expires));
        if (journeyName is not null && !string.Equals(found.JourneyName, journeyName, StringComparison.OrdinalIgnoreCase))
        {
            rejection = PreviewRejection.OtherJourney;
            return false;
        }
        if (time.GetUtcNow() >= found.ExpiresAt)
        {
            rejection = PreviewRejection.Expired;
            return false;
        }
        grant = found;
        return true;
    }
}
