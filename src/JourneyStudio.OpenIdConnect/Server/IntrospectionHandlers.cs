using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JourneyStudio.OpenIdConnect.Server;

/// <summary>
/// OpenIddict tells only a token's audiences (resource servers) what it grants. The studio's access tokens name no
/// audience, so the client the token was issued to, which checks it at introspection as AM's clients do, would learn
/// that it is active but not its scopes. That client got the scopes with the token anyway, so they are no secret to it.
/// </summary>
public static class IntrospectionHandlers
{
    public sealed class AttachScopesForThePresenter : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
                .UseSingletonHandler<AttachScopesForThePresenter>()
                .SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 1_000)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
        {
            var principal = context.GenericTokenPrincipal;
            if (principal is null || context.Scopes.Count > 0 || context.Request.ClientId is not { Length: > 0 } caller
                || !principal.HasTokenType(TokenTypeIdentifiers.AccessToken) || !principal.HasPresenter(caller)) return default;
            context.Scopes.UnionWith(principal.GetScopes());
            return default;
        }
    }
}
