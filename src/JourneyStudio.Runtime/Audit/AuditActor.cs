namespace JourneyStudio.Runtime.Audit;

/// <summary>The values of <see cref="AuditEvent.Channel"/>.</summary>
public static class AuditChannels
{
    public const string Studio = "studio";
    public const string Api = "api";
    public const string CommandLine = "cli";
    public const string Runtime = "runtime";

    public static IReadOnlyList<string> All { get; } = [Studio, Api, CommandLine, Runtime];
}

/// <summary>
/// Who performs an admin operation and through which front end: the studio, the admin API or the command line
/// each make one and pass it to the operation, which records what it did in the audit log.
/// </summary>
/// <param name="Name">The admin's username, <c>token:NAME</c>, <c>os:NAME</c> or <c>system</c> (see <see cref="AuditEvent.Actor"/>).</param>
/// <param name="Channel">One of <see cref="AuditChannels"/>.</param>
/// <param name="RemoteAddress">The client address of the request, when there is one.</param>
public sealed record AuditActor(string Name, string Channel, string? RemoteAddress = null)
{
    public static AuditActor System { get; } = new("system", AuditChannels.Runtime);

    /// <summary>An admin signed in to the studio, at the address the browser connected from.</summary>
    public static AuditActor Studio(string name, string? remoteAddress) => new(name, AuditChannels.Studio, remoteAddress);

    /// <summary>A caller of the admin API (an admin, or an API token).</summary>
    public static AuditActor Api(string name, string? remoteAddress) => new(name, AuditChannels.Api, remoteAddress);

    /// <summary>The command line, run by the operating-system account <paramref name="userName"/>.</summary>
    public static AuditActor CommandLine(string userName) => new($"os:{userName}", AuditChannels.CommandLine);

    /// <summary>What a journey revision's history shows as its author (unchanged from before the audit log).</summary>
    public string SavedBy => Channel switch
    {
        AuditChannels.Api => $"{Name} (admin API)",
        AuditChannels.CommandLine => "command line",
        _ => Name,
    };

    /// <summary>An event by this actor; the caller adds revisions, detail and the result.</summary>
    public AuditEvent Event(string action, string? target) => new()
    {
        Action = action,
        Actor = Name,
        Target = target,
        Channel = Channel,
        RemoteAddress = RemoteAddress,
    };
}
