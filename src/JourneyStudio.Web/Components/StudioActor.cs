using JourneyStudio.Runtime.Audit;
using Microsoft.AspNetCore.Components.Authorization;

namespace JourneyStudio.Web.Components;

/// <summary>
/// The admin working in this studio circuit, as the audit log names them: the signed-in admin and the client
/// address of the request that opened the studio. Scoped, so each browser tab (circuit) has its own.
/// </summary>
/// <remarks>
/// An interactive circuit has no HttpContext; <see cref="Routes"/> receives the address as a root-component
/// parameter from the statically rendered App (the parameter travels protected, so the browser cannot change it).
/// </remarks>
public sealed class StudioActor(AuthenticationStateProvider authentication)
{
    private string? _clientAddress;

    /// <summary>Set once per circuit by <see cref="Routes"/>; later calls do not change it.</summary>
    public void SetClientAddress(string? clientAddress) => _clientAddress ??= clientAddress;

    public async Task<AuditActor> GetAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var name = user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } signedIn } ? signedIn : "studio";
        return AuditActor.Studio(name, _clientAddress);
    }
}
