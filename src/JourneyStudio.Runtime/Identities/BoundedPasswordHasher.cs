using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// PasswordHasher (PBKDF2) with at most one hash per core at a time. A slow hash is the point, but a
/// burst of sign-ons must queue here instead of occupying every thread-pool thread and starving the
/// rest of the server (device endpoints, the studio's circuits).
/// </summary>
public sealed class BoundedPasswordHasher : IDisposable
{
    private static readonly PasswordHasher<object> Hasher = new();

    private readonly SemaphoreSlim _slots;

    // Verified against when the username is unknown, so a failed sign-on costs the same time either way
    // and response times do not reveal which usernames exist.
    private readonly Lazy<string> _unknownUserHash = new(() => Hasher.HashPassword(null!, RandomNumberGenerator.GetHexString(32)));

    private long _verificationCount;

    public BoundedPasswordHasher() : this(Environment.ProcessorCount) { }

    /// <summary>
    /// Password checks run so far, those against the unknown-user hash included. Lets tests and benchmarks see
    /// whether a path hashes (an unknown admin username must; an API token check must not) without timing it.
    /// </summary>
    public long VerificationCount => Interlocked.Read(ref _verificationCount);

    public BoundedPasswordHasher(int concurrency) => _slots = new SemaphoreSlim(Math.Max(1, concurrency));

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try { return await Task.Run(() => Hasher.HashPassword(null!, password), cancellationToken); }
        finally { _slots.Release(); }
    }

    /// <summary>Checks <paramref name="password"/>; with a null <paramref name="hash"/> it does the same work and answers false.</summary>
    public async Task<bool> VerifyAsync(string? hash, string password, CancellationToken cancellationToken = default) =>
        await CheckAsync(hash, password, cancellationToken) != PasswordVerificationResult.Failed;

    /// <summary>
    /// Like <see cref="VerifyAsync"/>, but tells <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> apart,
    /// for callers that upgrade old hashes while the password is at hand. A null <paramref name="hash"/> answers Failed.
    /// </summary>
    public async Task<PasswordVerificationResult> CheckAsync(string? hash, string password, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() =>
            {
                var result = Hasher.VerifyHashedPassword(null!, hash ?? _unknownUserHash.Value, password);
                Interlocked.Increment(ref _verificationCount);
                return hash is null ? PasswordVerificationResult.Failed : result;
            }, cancellationToken);
        }
        finally { _slots.Release(); }
    }

    public void Dispose() => _slots.Dispose();
}
