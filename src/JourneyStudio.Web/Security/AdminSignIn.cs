using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.ApiTokens;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Web.Security;

/// <summary>Where an admin signs in from; decides what the audit log records.</summary>
public enum AdminSignInChannel
{
    /// <summary>The studio's sign-in form: every success and failure is recorded.</summary>
    StudioForm,

    /// <summary>HTTP Basic or a token on the admin API: failures are recorded, successes are not (a client signs in on every request).</summary>
    Api,
}

/// <summary>
/// The one place that checks admin credentials, for the sign-in form and the admin API alike, so that every
/// check is audited the same way and a guard on guessing (lockout, throttle) has a single call site.
/// Only admin accounts are consulted: an end user's username and password are as wrong here as any others.
/// </summary>
public sealed class AdminSignIn(AdminPasswordCheck passwords, AdminApiTokenStore tokens, IAuditLog audit)
{
    /// <summary>The admin, or null for an unknown username or a wrong password (the same work and answer either way).</summary>
    public async Task<AdminSummary?> CheckPasswordAsync(string username, string password, AdminSignInChannel channel, HttpContext http)
    {
        // One password hash for an unknown username, a locked admin or a throttled address too, so neither the time
        // taken nor the answer tells them apart from a wrong password.
        var admin = await passwords.VerifyAsync(username, password, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        if (admin is null || channel == AdminSignInChannel.StudioForm)
            await RecordAsync(http, channel, actor: admin?.Username ?? username, succeeded: admin is not null,
                admin is null ? "Unknown username or wrong password." : null);
        return admin;
    }

    /// <summary>Checks an admin API token; a refusal is recorded with its reason (never the token).</summary>
    public async Task<AdminApiTokenCheck> CheckTokenAsync(string token, HttpContext http)
    {
        var check = await tokens.AuthenticateAsync(token, http.RequestAborted);
        if (check is AdminApiTokenCheck.Rejected rejected)
            await RecordAsync(http, AdminSignInChannel.Api,
                actor: rejected.TokenName is { } name ? TokenActor(name) : "unknown token", succeeded: false,
                rejected.Reason switch
                {
                    AdminApiTokenRejection.Revoked => "The API token is revoked.",
                    AdminApiTokenRejection.Expired => "The API token has expired.",
                    AdminApiTokenRejection.Malformed => "The bearer token is not shaped like an API token of this studio.",
                    _ => "Unknown API token.",
                });
        return check;
    }

    /// <summary>How a token appears as the actor in the audit log and in "saved by".</summary>
    public static string TokenActor(string tokenName) => $"token:{tokenName}";

    private Task RecordAsync(HttpContext http, AdminSignInChannel channel, string actor, bool succeeded, string? detail) =>
        audit.RecordAsync(new AuditEvent
        {
            Action = AuditActions.AdminSignIn,
            // Whatever was typed as a username is kept, but bounded: it comes from an unauthenticated client.
            Actor = actor.Length > AdminAccountStore.MaxUsernameLength ? actor[..AdminAccountStore.MaxUsernameLength] + "…" : actor,
            Succeeded = succeeded,
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            Channel = channel == AdminSignInChannel.StudioForm ? "studio" : "api",
            Detail = detail,
        }, http.RequestAborted);
}
