using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Devices;

/// <summary>Users' registered push and OATH devices.</summary>
public sealed class DeviceStore(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<MfaDevice>> ListAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.MfaDevices.AsNoTracking().Where(d => d.Username == username).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The user's first device of a kind (AM uses the first device profile), or null.</summary>
    public async Task<MfaDevice?> FindAsync(string username, DeviceKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.MfaDevices.AsNoTracking().Where(d => d.Username == username && d.Kind == kind)
            .OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<MfaDevice?> FindByUuidAsync(string uuid, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.MfaDevices.AsNoTracking().FirstOrDefaultAsync(d => d.Uuid == uuid, cancellationToken);
    }

    public async Task<MfaDevice?> FindByMechanismUidAsync(string mechanismUid, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.MfaDevices.AsNoTracking().FirstOrDefaultAsync(d => d.MechanismUid == mechanismUid, cancellationToken);
    }

    /// <summary>Adds a device; a user keeps one device per kind, so an older one of the same kind is replaced.</summary>
    public async Task<MfaDevice> AddAsync(MfaDevice device, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Serialised: two registrations at once must not both find no device of the kind and both add one.
        await using var transaction = await db.BeginSerializedTransactionAsync("devices", cancellationToken);
        await db.MfaDevices.Where(d => d.Username == device.Username && d.Kind == device.Kind).ExecuteDeleteAsync(cancellationToken);
        db.MfaDevices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return device;
    }

    public async Task TouchAsync(int deviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.MfaDevices.Where(d => d.Id == deviceId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastAccessDate, now), cancellationToken);
    }

    public async Task MarkMustRegisterAgainAsync(int deviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.MfaDevices.Where(d => d.Id == deviceId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.MustRegisterAgain, true), cancellationToken);
    }

    /// <summary>The app's token refresh (<c>_action=refresh</c>): new token and communication details.</summary>
    public async Task<bool> UpdateCommunicationAsync(int deviceId, string deviceToken, string communicationType, string? deviceType,
        string? deviceName, string communicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.MfaDevices.Where(d => d.Id == deviceId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.DeviceToken, deviceToken)
            .SetProperty(d => d.CommunicationType, communicationType)
            .SetProperty(d => d.DeviceType, d => deviceType ?? d.DeviceType)
            .SetProperty(d => d.DeviceName, d => deviceName ?? d.DeviceName)
            .SetProperty(d => d.CommunicationId, communicationId)
            .SetProperty(d => d.MustRegisterAgain, false), cancellationToken);
        return updated > 0;
    }

    /// <summary>
    /// Moves an OATH device's counter or last accepted time step forward, only if nobody else moved it since
    /// <paramref name="expected"/> was read: the same code accepted twice at once is refused once.
    /// </summary>
    public async Task<bool> AdvanceOathAsync(MfaDevice expected, long newCounter, long newLastAcceptedTimeStep, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var updated = await db.MfaDevices
            .Where(d => d.Id == expected.Id && d.Counter == expected.Counter && d.LastAcceptedTimeStep == expected.LastAcceptedTimeStep)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Counter, newCounter)
                .SetProperty(d => d.LastAcceptedTimeStep, newLastAcceptedTimeStep)
                .SetProperty(d => d.LastAccessDate, now), cancellationToken);
        return updated == 1;
    }

    /// <summary>
    /// Removes every device, recovery code and push message of the user in one transaction (admin "reset MFA
    /// devices"): a lost phone can then neither answer a push sent before the reset nor be asked again. Returns the
    /// devices removed.
    /// </summary>
    public async Task<int> DeleteAllAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await DeleteAllAsync(db, username, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>
    /// <see cref="DeleteAllAsync(string, CancellationToken)"/> inside the caller's context and transaction; also what
    /// deleting the identity removes of its MFA state (OATH counters live on the device rows).
    /// </summary>
    internal static async Task<int> DeleteAllAsync(JourneyStudioDbContext db, string username, CancellationToken cancellationToken)
    {
        // Push messages keep the username as the sign-on typed it, in a column without NOCASE.
        var messages = db.PushMessages.Where(m => EF.Functions.Collate(m.Username, JourneyStudioDbContext.CaseInsensitiveCollation) == username);
        // A push waiting in a virtual device's inbox is one of the user's push messages.
        var messageIds = messages.Select(m => m.MessageId);
        await db.VirtualInbox.Where(m => messageIds.Contains(m.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await messages.ExecuteDeleteAsync(cancellationToken);
        await db.RecoveryCodes.Where(c => c.Username == username).ExecuteDeleteAsync(cancellationToken);
        return await db.MfaDevices.Where(d => d.Username == username).ExecuteDeleteAsync(cancellationToken);
    }
}
