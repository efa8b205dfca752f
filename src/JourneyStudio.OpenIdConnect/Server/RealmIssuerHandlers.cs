using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JourneyStudio.OpenIdConnect.Server;

/// <summary>
/// One provider, one issuer per realm. OpenIddict's endpoint URIs are relative names (<c>authorize</c>,
/// <c>access_token</c>, …) that it resolves against the request's base URI, and its issuer is that base URI when none
/// is configured. These handlers make the base URI the realm's issuer path, so that the same endpoint names answer
/// under <c>/oauth2/realms/root/realms/alpha</c> and <c>…/root</c>, each issuing and accepting only its own tokens, and
/// so that no other path of the studio (a bare <c>/authorize</c>) is ever an OpenIddict endpoint.
/// </summary>
public static class RealmIssuerHandlers
{
    internal const string RealmProperty = ".journeystudio.realm";

    /// <summary>The realm of the request being handled, or null outside the realm paths.</summary>
    public static string? Realm(this OpenIddictServerTransaction transaction) =>
        transaction.Properties.TryGetValue(RealmProperty, out var realm) ? realm as string : null;

    /// <summary>After OpenIddict resolved the base URI from the host, moves it to the realm's issuer path.</summary>
    public sealed class UseRealmIssuer : IOpenIddictServerHandler<ProcessRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
                .UseSingletonHandler<UseRealmIssuer>()
                .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1_000)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ProcessRequestContext context)
        {
            var request = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("Not an ASP.NET Core request.");
            if (OpenIdConnectPaths.RealmOf(request.Path) is not { } realm || context.BaseUri is null) return default;
            context.Transaction.Properties[RealmProperty] = realm;
            context.BaseUri = new Uri(context.BaseUri.GetLeftPart(UriPartial.Authority)
                                      + request.PathBase.ToUriComponent() + OpenIdConnectPaths.RealmPath(realm), UriKind.Absolute);
            return default;
        }
    }

    /// <summary>Outside a realm path nothing is an OpenIddict endpoint, whatever its last segment.</summary>
    public sealed class RequireRealmPath : IOpenIddictServerHandler<ProcessRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
                .UseSingletonHandler<RequireRealmPath>()
                .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ProcessRequestContext context)
        {
            if (context.Transaction.Realm() is null) context.EndpointType = OpenIddictServerEndpointType.Unknown;
            return default;
        }
    }
}
