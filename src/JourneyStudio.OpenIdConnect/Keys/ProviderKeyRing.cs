using System.Security.Cryptography;
using JourneyStudio.Runtime.OAuth2;
using JourneyStudio.Runtime.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace JourneyStudio.OpenIdConnect.Keys;

/// <summary>The provider's keys as one instance currently sees them.</summary>
/// <param name="Signing">The one key that signs now.</param>
/// <param name="Published">Every signing key a client may meet: the current one, the next one (published before it
/// signs) and retired ones whose tokens may still be valid. All of them validate.</param>
/// <param name="Encryption">The symmetric key that encrypts codes and refresh tokens.</param>
public sealed record ProviderKeys(RsaSecurityKey Signing, IReadOnlyList<RsaSecurityKey> Published, SymmetricSecurityKey Encryption);

/// <summary>
/// The provider's signing and encryption keys, kept in the database (<see cref="OAuthSigningKeyRecord"/>) with their
/// private parts protected by the Data Protection key ring, so that every instance sharing the database and the key
/// ring signs and validates with the same keys. The first instance that finds a key missing or due makes it. A signing
/// key is published <see cref="OpenIdConnectOptions.SigningKeyPrePublication"/> before it signs, signs for
/// <see cref="OpenIdConnectOptions.SigningKeyLifetime"/>, and stays published until no token it signed can be valid.
/// OpenIddict's options are rebuilt from <see cref="Current"/> whenever the keys change (<see cref="ChangeToken"/>).
/// </summary>
public sealed class ProviderKeyRing(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    IDataProtectionProvider dataProtection,
    IOptions<OpenIdConnectOptions> options,
    TimeProvider time,
    ILogger<ProviderKeyRing> logger)
{
    private const string SigningAlgorithm = SecurityAlgorithms.RsaSha256;
    private const string EncryptionAlgorithm = SecurityAlgorithms.Aes256KW;
    private const int RsaKeyBits = 2048;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("JourneyStudio.OAuth2.ProviderKeys");
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private CancellationTokenSource _changed = new();
    private ProviderKeys? _current;
    private string _fingerprint = "";
    private DateTimeOffset _nextRefresh = DateTimeOffset.MinValue;

    /// <summary>The keys; only after <see cref="RefreshAsync"/> ran once (at start-up).</summary>
    public ProviderKeys Current => _current ?? throw new InvalidOperationException(
        "The OpenID Connect provider's keys are not loaded: ProviderKeyRing.RefreshAsync runs at start-up.");

    /// <summary>Fires when <see cref="Current"/> changed.</summary>
    public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

    /// <summary>Cheap unless a refresh is due (every <see cref="OpenIdConnectOptions.KeyRefreshInterval"/>, or a key's time came).</summary>
    public Task RefreshIfDueAsync(CancellationToken cancellationToken) =>
        time.GetUtcNow() < _nextRefresh ? Task.CompletedTask : RefreshAsync(cancellationToken);

    /// <summary>Reads the keys, makes the missing or due ones, and publishes a change when they differ from before.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var settings = options.Value;
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var records = await LoadAsync(db, now, cancellationToken);

            if (!records.Any(r => r.Use == OAuthKeyUse.Encryption))
                records.Add(await AddAsync(db, NewEncryptionKey(now), cancellationToken));
            var active = ActiveSigningKey(records, now);
            if (active is null)
            {
                records.Add(await AddAsync(db, NewSigningKey(now, activatesAt: now, settings), cancellationToken));
                // Two instances starting together may both have made one: reread, so all choose the same.
                records = await LoadAsync(db, now, cancellationToken);
                active = ActiveSigningKey(records, now)!;
            }
            else if (active.RetiresAt - now <= settings.SigningKeyPrePublication
                     && !records.Any(r => r.Use == OAuthKeyUse.Signing && r.ActivatesAt >= active.RetiresAt))
            {
                records.Add(await AddAsync(db, NewSigningKey(now, activatesAt: active.RetiresAt, settings), cancellationToken));
                logger.LogInformation("Made the next OpenID Connect signing key; it signs from {ActivatesAt:O}", active.RetiresAt);
            }

            var published = records.Where(r => r.Use == OAuthKeyUse.Signing).OrderBy(r => r.ActivatesAt).ThenBy(r => r.Id).ToList();
            var fingerprint = string.Join(",", published.Select(r => r.KeyId)) + "|" + active.KeyId;
            if (fingerprint != _fingerprint)
            {
                var signing = published.Select(ToRsaKey).ToList();
                var encryption = records.Where(r => r.Use == OAuthKeyUse.Encryption).OrderBy(r => r.Id).First();
                _current = new ProviderKeys(signing.Single(k => k.KeyId == active.KeyId), signing, ToSymmetricKey(encryption));
                _fingerprint = fingerprint;
                var previous = _changed;
                _changed = new CancellationTokenSource();
                await previous.CancelAsync();
                previous.Dispose();
            }

            // Again when the next key starts to sign or a published one expires, and in any case after the interval.
            var nextEvent = records.Where(r => r.Use == OAuthKeyUse.Signing)
                .SelectMany(r => new[] { r.ActivatesAt, r.RetiresAt - settings.SigningKeyPrePublication, r.ExpiresAt })
                .Where(t => t > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            _nextRefresh = nextEvent < now + settings.KeyRefreshInterval ? nextEvent : now + settings.KeyRefreshInterval;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Of the keys that sign now, the oldest: every instance picks the same one from the same rows.</summary>
    private static OAuthSigningKeyRecord? ActiveSigningKey(List<OAuthSigningKeyRecord> records, DateTimeOffset now) =>
        records.Where(r => r.Use == OAuthKeyUse.Signing && r.ActivatesAt <= now && now < r.RetiresAt)
            .OrderBy(r => r.ActivatesAt).ThenBy(r => r.Id).FirstOrDefault();

    private static async Task<List<OAuthSigningKeyRecord>> LoadAsync(JourneyStudioDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Expired keys go: nothing they signed can still be valid.
        await db.Set<OAuthSigningKeyRecord>().Where(r => r.Use == OAuthKeyUse.Signing && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        return await db.Set<OAuthSigningKeyRecord>().AsNoTracking().ToListAsync(cancellationToken);
    }

    private static async Task<OAuthSigningKeyRecord> AddAsync(JourneyStudioDbContext db, OAuthSigningKeyRecord record, CancellationToken cancellationToken)
    {
        db.Set<OAuthSigningKeyRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    private OAuthSigningKeyRecord NewSigningKey(DateTimeOffset now, DateTimeOffset activatesAt, OpenIdConnectOptions settings)
    {
        using var rsa = RSA.Create(RsaKeyBits);
        var retiresAt = activatesAt + settings.SigningKeyLifetime;
        return new OAuthSigningKeyRecord
        {
            KeyId = NewKeyId(),
            Use = OAuthKeyUse.Signing,
            Algorithm = SigningAlgorithm,
            ProtectedKey = Convert.ToBase64String(_protector.Protect(rsa.ExportPkcs8PrivateKey())),
            CreatedAt = now,
            ActivatesAt = activatesAt,
            RetiresAt = retiresAt,
            ExpiresAt = retiresAt + settings.MaxTokenLifetime,
        };
    }

    private OAuthSigningKeyRecord NewEncryptionKey(DateTimeOffset now) => new()
    {
        KeyId = NewKeyId(),
        Use = OAuthKeyUse.Encryption,
        Algorithm = EncryptionAlgorithm,
        ProtectedKey = Convert.ToBase64String(_protector.Protect(RandomNumberGenerator.GetBytes(32))),
        CreatedAt = now,
        ActivatesAt = now,
        RetiresAt = DateTimeOffset.MaxValue,
        ExpiresAt = DateTimeOffset.MaxValue,
    };

    private static string NewKeyId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    private RsaSecurityKey ToRsaKey(OAuthSigningKeyRecord record)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(record.ProtectedKey)), out _);
        return new RsaSecurityKey(rsa) { KeyId = record.KeyId };
    }

    private SymmetricSecurityKey ToSymmetricKey(OAuthSigningKeyRecord record) =>
        new(_protector.Unprotect(Convert.FromBase64String(record.ProtectedKey))) { KeyId = record.KeyId };
}
