using JourneyStudio.Runtime.Audit;

namespace JourneyStudio.Web.Api;

/// <summary>Who an admin API request acts as, for the operations that record it in the audit log.</summary>
internal static class AdminApiActor
{
    /// <summary>The authenticated caller (an admin's username, or whatever name an API token's principal carries) and its address.</summary>
    public static AuditActor Of(HttpContext http) =>
        AuditActor.Api(http.User.Identity?.Name is { Length: > 0 } name ? name : "admin API", ClientAddress(http));

    /// <summary>The request's client address; an IPv4 client on a dual-stack socket shows as IPv4.</summary>
    public static string? ClientAddress(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;
}
