using JourneyStudio.Runtime.Engine;
using Microsoft.Extensions.Configuration;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Where authenticator apps reach the studio's push endpoint: <c>{base}/json/realms/root[/realms/{realm}]/push/sns/message</c>,
/// with base the setting <c>JourneyStudio:PublicBaseUrl</c>, else the request's scheme and host.
/// </summary>
public sealed class PushEndpoints(string? publicBaseUrl)
{
    public const string PublicBaseUrlSetting = "JourneyStudio:PublicBaseUrl";

    /// <summary>The endpoints as the host's configuration sets them (none: every request's own address).</summary>
    public static PushEndpoints FromConfiguration(IConfiguration? configuration) => new(configuration?[PublicBaseUrlSetting]);

    /// <summary>The device endpoint for <c>_action=register|authenticate</c>.</summary>
    public string For(NodeContext context, string action)
    {
        var baseUrl = (string.IsNullOrWhiteSpace(publicBaseUrl) ? context.Request.BaseUrl : publicBaseUrl)?.TrimEnd('/');
        if (string.IsNullOrEmpty(baseUrl))
            throw new NodeProcessException(
                $"The studio's public address is unknown: set {PublicBaseUrlSetting} so that authenticator apps can reach the push endpoint.");
        var realmPath = string.IsNullOrEmpty(context.Realm) || context.Realm == "root" ? "" : "/realms/" + Uri.EscapeDataString(context.Realm);
        return $"{baseUrl}/json/realms/root{realmPath}/push/sns/message?_action={action}";
    }
}
