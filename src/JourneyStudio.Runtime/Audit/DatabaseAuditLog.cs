using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Audit;

/// <summary>
/// The audit log in the studio's database. Entries are kept (nothing purges them); an entry that cannot be
/// stored is logged as an error and the action it describes still succeeds.
/// </summary>
public sealed class DatabaseAuditLog(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    TimeProvider time,
    ILogger<DatabaseAuditLog> logger) : IAuditLog
{
    /// <remarks>
    /// The caller's token is not passed on: the action has already happened, and a client that disconnects
    /// right after it must not be able to keep it out of the log.
    /// </remarks>
    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            db.Set<AuditEntry>().Add(new AuditEntry
            {
                At = time.GetUtcNow(),
                Action = Cut(auditEvent.Action, AuditEntry.MaxActionLength)!,
                Actor = Cut(auditEvent.Actor, AuditEntry.MaxActorLength)!,
                Target = Cut(auditEvent.Target, AuditEntry.MaxTargetLength),
                Succeeded = auditEvent.Succeeded,
                Channel = Cut(auditEvent.Channel, AuditEntry.MaxChannelLength),
                RemoteAddress = Cut(auditEvent.RemoteAddress, AuditEntry.MaxRemoteAddressLength),
                RevisionBefore = auditEvent.RevisionBefore,
                RevisionAfter = auditEvent.RevisionAfter,
                Detail = Cut(auditEvent.Detail, AuditEntry.MaxDetailLength),
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // Action, actor and target only: the detail is for the log's readers, not for the server log.
            logger.LogError(e, "The audit entry {Action} by {Actor} on {Target} could not be stored", auditEvent.Action, auditEvent.Actor, auditEvent.Target);
        }
    }

    /// <summary>The entries <paramref name="query"/> selects, newest first.</summary>
    /// <exception cref="ArgumentException">The query is not valid (see <see cref="AuditQuery.Validate"/>).</exception>
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Validate() is [var first, ..])
            throw new ArgumentException($"{first.Filter}: {first.Message}", nameof(query));

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (query.Action is { } action)
        {
            if (action.EndsWith(".*", StringComparison.Ordinal))
            {
                var family = action[..^1];
                entries = entries.Where(e => e.Action.StartsWith(family));
            }
            else entries = entries.Where(e => e.Action == action);
        }
        // The columns compare without regard to case (NOCASE), as names do everywhere in the studio.
        if (query.Actor is { } actor) entries = entries.Where(e => e.Actor == actor);
        if (query.Target is { } target) entries = entries.Where(e => e.Target == target);
        if (query.From is { } from) entries = entries.Where(e => e.At >= from);
        if (query.To is { } to) entries = entries.Where(e => e.At < to);
        if (query.Succeeded is { } succeeded) entries = entries.Where(e => e.Succeeded == succeeded);

        var total = await entries.CountAsync(cancellationToken);
        var page = await entries
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(query.Offset).Take(query.Limit)
            .ToListAsync(cancellationToken);
        return new AuditPage(page.Select(ToRecord).ToList(), total);
    }

    private static AuditRecord ToRecord(AuditEntry e) => new(e.Id, e.At, new AuditEvent
    {
        Action = e.Action,
        Actor = e.Actor,
        Target = e.Target,
        Succeeded = e.Succeeded,
        Channel = e.Channel,
        RemoteAddress = e.RemoteAddress,
        RevisionBefore = e.RevisionBefore,
        RevisionAfter = e.RevisionAfter,
        Detail = e.Detail,
    });

    private static string? Cut(string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength) return value;
        var keep = maxLength - 1;
        if (char.IsHighSurrogate(value[keep - 1])) keep--; // never half a character
        return value[..keep] + "…";
    }
}
