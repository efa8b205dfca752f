using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace JourneyStudio.Runtime.Engine;

/// <summary>
/// AM's secure state: the transient state (a password a Platform Password node collected) kept, encrypted with the
/// studio's Data Protection key ring, while a sign-on is suspended, so that the nodes after the resume link read it as AM's
/// do ("any input provided during the journey is saved when the tree is suspended"). Plain transient values never reach
/// the stored session.
/// </summary>
public sealed class SecureStateProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("JourneyStudio.Journeys.SecureState.v1");

    public string Protect(JsonObject transient) => _protector.Protect(transient.ToJsonString());

    /// <summary>The transient state, or null when the key ring no longer has the key or the text is not ours.</summary>
    public JsonObject? Unprotect(string secured)
    {
        try
        {
            return JsonNode.Parse(_protector.Unprotect(secured)) as JsonObject;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
