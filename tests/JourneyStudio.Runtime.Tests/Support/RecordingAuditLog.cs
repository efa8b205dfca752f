using System.Collections.Concurrent;
using JourneyStudio.Runtime.Audit;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>An audit log that keeps what it is given, for asserting on lockout and unlock entries.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditEvent> _events = new();

    public IReadOnlyList<AuditEvent> Events => _events.ToList();

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }
}
