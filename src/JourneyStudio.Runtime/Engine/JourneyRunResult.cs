using JourneyStudio.Runtime.Callbacks;

namespace JourneyStudio.Runtime.Engine;

/// <summary>What one engine run produced; always carries the session state to store (or discard).</summary>
public abstract record JourneyRunResult
{
    public required JourneySessionState State { get; init; }

    /// <summary>What this request did, for the run debugger; stored with the step (<see cref="Sessions.JourneySessionStore"/>).</summary>
    public StepTrace? Trace { get; init; }
}

/// <summary>The journey needs input: send these callbacks (with the Page's header, description and stage).</summary>
public sealed record JourneyStep : JourneyRunResult
{
    public required IReadOnlyList<Callback> Callbacks { get; init; }

    public string? Header { get; init; }

    public string? Description { get; init; }

    public string? Stage { get; init; }

    /// <summary>Set when a node suspended the sign-on (<see cref="NodeResult.Suspend"/>).</summary>
    public DateTimeOffset? SuspendedUntil { get; init; }
}

/// <summary>The journey reached Success.</summary>
public sealed record JourneySuccess : JourneyRunResult
{
    /// <summary>Shared state <c>username</c>; null when no node set one.</summary>
    public string? Username { get; init; }

    public IReadOnlyList<string> AuthTypes { get; init; } = [];

    /// <summary>What nodes put for the session (AM's <c>putSessionProperty</c>).</summary>
    public IReadOnlyDictionary<string, string> SessionProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Shared state <c>successUrl</c> (e.g. from Set Success URL): where the client goes after signing on; null for the default.</summary>
    public string? SuccessUrl { get; init; }
}

/// <summary>The journey reached Failure, or could not continue; <see cref="Reason"/> says which and why.</summary>
public sealed record JourneyFailure : JourneyRunResult
{
    public required string Reason { get; init; }

    /// <summary>What the client is told (AM's <c>withErrorMessage</c> of a node in the failing request); null for AM's default.</summary>
    public string? ClientMessage { get; init; }
}
