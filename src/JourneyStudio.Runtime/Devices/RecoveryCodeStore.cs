using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Devices;

/// <summary>Recovery codes, kept only as hashes; each is single-use and a new set replaces the old one.</summary>
public sealed class RecoveryCodeStore(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider time)
{
    /// <summary>Replaces the user's codes of these kinds with <paramref name="codeHashes"/> (Combined registration issues one set for both kinds).</summary>
    public async Task ReplaceAsync(string username, IReadOnlyCollection<DeviceKind> kinds, IReadOnlyCollection<string> codeHashes, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Serialised: two replacements at once must not leave both new sets.
        await using var transaction = await db.BeginSerializedTransactionAsync("recovery-codes", cancellationToken);
        await db.RecoveryCodes.Where(c => c.Username == username && kinds.Contains(c.Kind)).ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var kind in kinds)
            db.RecoveryCodes.AddRange(codeHashes.Select(h => new RecoveryCodeRecord { Username = username, Kind = kind, CodeHash = h, CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> CountAsync(string username, DeviceKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.RecoveryCodes.CountAsync(c => c.Username == username && c.Kind == kind, cancellationToken);
    }

    /// <summary>
    /// Consumes the code that <paramref name="matches"/> recognises (given each stored hash). True only for the
    /// request that deleted it: the same code used twice at once succeeds once. A code issued for several kinds
    /// is consumed for all of them.
    /// </summary>
    public async Task<bool> TryConsumeAsync(string username, DeviceKind kind, Func<string, bool> matches, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.RecoveryCodes.AsNoTracking().Where(c => c.Username == username && c.Kind == kind).ToListAsync(cancellationToken);
        var match = candidates.FirstOrDefault(c => matches(c.CodeHash));
        if (match is null) return false;
        var deleted = await db.RecoveryCodes.Where(c => c.Username == username && c.CodeHash == match.CodeHash).ExecuteDeleteAsync(cancellationToken);
        return deleted > 0;
    }
}
