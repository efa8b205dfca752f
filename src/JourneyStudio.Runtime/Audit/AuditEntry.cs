namespace JourneyStudio.Runtime.Audit;

/// <summary>One stored <see cref="AuditEvent"/>, with the time it was recorded. Rows are only ever added.</summary>
public sealed class AuditEntry
{
    public const int MaxActionLength = 64;
    public const int MaxActorLength = 200;
    public const int MaxTargetLength = 300;
    public const int MaxChannelLength = 16;
    public const int MaxRemoteAddressLength = 64;
    public const int MaxDetailLength = 1000;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string Action { get; set; } = "";

    public string Actor { get; set; } = "";

    public string? Target { get; set; }

    public bool Succeeded { get; set; }

    public string? Channel { get; set; }

    public string? RemoteAddress { get; set; }

    public int? RevisionBefore { get; set; }

    public int? RevisionAfter { get; set; }

    public string? Detail { get; set; }
}
