using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>
/// The authId a client echoes back: an opaque token naming a journey session and one step of it,
/// encrypted and authenticated with ASP.NET Core Data Protection (key ring in the data directory, so
/// authIds survive a restart). A client can neither read it nor make one up for another session or step.
/// </summary>
public sealed class AuthIdProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("JourneyStudio.AuthId.v1");

    public string Protect(string sessionId, int step) =>
        _protector.Protect(sessionId + ":" + step.ToString(CultureInfo.InvariantCulture));

    /// <summary>False for anything this server did not issue (altered, truncated, other key ring).</summary>
    public bool TryUnprotect(string authId, out string sessionId, out int step)
    {
        sessionId = "";
        step = 0;
        if (string.IsNullOrEmpty(authId) || authId.Length > 2000) return false;
        string payload;
        try
        {
            payload = _protector.Unprotect(authId);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = payload.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out step))
            return false;
        sessionId = payload[..colon];
        return true;
    }
}
