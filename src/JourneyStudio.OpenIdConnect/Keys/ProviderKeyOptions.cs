using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace JourneyStudio.OpenIdConnect.Keys;

/// <summary>
/// Gives OpenIddict the keys of <see cref="ProviderKeyRing"/>: exactly one signing credential (the key that signs now,
/// so OpenIddict never has to choose), the encryption key, and, after OpenIddict's own post-configuration, every
/// published key as a key that validates. Rebuilt whenever the ring changes.
/// </summary>
internal sealed class ProviderKeyOptions(ProviderKeyRing ring) :
    IConfigureOptions<OpenIddictServerOptions>,
    IPostConfigureOptions<OpenIddictServerOptions>,
    IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string Name => Options.DefaultName;

    public void Configure(OpenIddictServerOptions options)
    {
        var keys = ring.Current;
        options.SigningCredentials.Add(new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    public void PostConfigure(string? name, OpenIddictServerOptions options) =>
        // OpenIddict has just set these to its signing credentials; tokens signed by the previous (or, on another
        // instance, already the next) key must validate too.
        options.TokenValidationParameters.IssuerSigningKeys = ring.Current.Published;

    public IChangeToken GetChangeToken() => ring.ChangeToken;
}
