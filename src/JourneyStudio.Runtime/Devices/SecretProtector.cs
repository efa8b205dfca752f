using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace JourneyStudio.Runtime.Devices;

/// <summary>Encrypts MFA shared secrets at rest with the studio's Data Protection key ring.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("JourneyStudio.Mfa.Secrets.v1");

    public string Protect(byte[] secret) => _protector.Protect(Convert.ToBase64String(secret));

    /// <summary>The secret bytes; throws <see cref="CryptographicException"/> when the key ring no longer has the key.</summary>
    public byte[] Unprotect(string protectedSecret) => Convert.FromBase64String(_protector.Unprotect(protectedSecret));
}
