using JourneyStudio.Runtime.Audit;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>Keeps every audit event in memory, standing in for the database-backed audit log.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    private readonly List<AuditEvent> _events = [];

    public IReadOnlyList<AuditEvent> Events { get { lock (_events) return [.. _events]; } }

    public IReadOnlyList<AuditEvent> Of(string action) => [.. Events.Where(e => e.Action == action)];

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        lock (_events) _events.Add(auditEvent);
        return Task.CompletedTask;
    }
}
