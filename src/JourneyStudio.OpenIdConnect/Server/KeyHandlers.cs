using System.Security.Cryptography;
using JourneyStudio.OpenIdConnect.Keys;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JourneyStudio.OpenIdConnect.Server;

/// <summary>Keeps <see cref="ProviderKeyRing"/> current and publishes all of its keys.</summary>
public static class KeyHandlers
{
    /// <summary>Every provider request checks, cheaply, whether a key is due (made, activated, expired) first.</summary>
    public sealed class RefreshKeysWhenDue(ProviderKeyRing ring) : IOpenIddictServerHandler<ProcessRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
                .UseSingletonHandler<RefreshKeysWhenDue>()
                .SetOrder(RealmIssuerHandlers.RequireRealmPath.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessRequestContext context)
        {
            if (context.EndpointType == OpenIddictServerEndpointType.Unknown) return;
            await ring.RefreshIfDueAsync(context.CancellationToken);
        }
    }

    /// <summary>
    /// OpenIddict publishes its signing credentials, which are only the key that signs now; the JWKS also lists the
    /// next key (so that caches know it before it signs) and retired ones whose tokens are still valid.
    /// </summary>
    public sealed class PublishAllKeys(ProviderKeyRing ring) : IOpenIddictServerHandler<HandleJsonWebKeySetRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<HandleJsonWebKeySetRequestContext>()
                .UseSingletonHandler<PublishAllKeys>()
                .SetOrder(OpenIddictServerHandlers.Discovery.AttachSigningKeys.Descriptor.Order + 1_000)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(HandleJsonWebKeySetRequestContext context)
        {
            foreach (var key in ring.Current.Published)
            {
                if (context.Keys.Any(k => k.Kid == key.KeyId)) continue;
                var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
                context.Keys.Add(new JsonWebKey
                {
                    Kty = JsonWebAlgorithmsKeyTypes.RSA,
                    Use = JsonWebKeyUseNames.Sig,
                    Alg = SecurityAlgorithms.RsaSha256,
                    Kid = key.KeyId,
                    E = Base64UrlEncoder.Encode(parameters.Exponent),
                    N = Base64UrlEncoder.Encode(parameters.Modulus),
                });
            }
            return default;
        }
    }
}
