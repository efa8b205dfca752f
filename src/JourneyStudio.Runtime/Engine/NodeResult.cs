using JourneyStudio.Runtime.Callbacks;

namespace JourneyStudio.Runtime.Engine;

/// <summary>What a node decided: send these callbacks to the client, or continue through an outcome.</summary>
public sealed class NodeResult
{
    private NodeResult(IReadOnlyList<Callback>? callbacks, string? outcome, DateTimeOffset? suspendedUntil = null)
    {
        Callbacks = callbacks;
        Outcome = outcome;
        SuspendedUntil = suspendedUntil;
    }

    /// <summary>
    /// Set when the node suspended the sign-on (AM's Action.suspend): it waits, at most until then, for a resume link
    /// (<c>suspendedId</c>) the node handed out; its callbacks cannot be answered with the authId meanwhile.
    /// </summary>
    public DateTimeOffset? SuspendedUntil { get; }

    /// <summary>The callbacks to send; null when the node goes to an outcome.</summary>
    public IReadOnlyList<Callback>? Callbacks { get; }

    /// <summary>The outcome id (e.g. <c>true</c>, <c>outcome</c>, <c>DONE</c>); null when the node sends callbacks.</summary>
    public string? Outcome { get; }

    public bool IsSend => Callbacks is not null;

    /// <summary>
    /// AM's <c>Action.withErrorMessage</c>: what the client is told (the 401's <c>message</c>) when the sign-on later reaches
    /// Failure, unless a later node sets another; null leaves the message as it is (AM's "Login failure" when none is set).
    /// </summary>
    public string? ErrorMessage { get; private init; }

    /// <summary>AM's <c>Action.withHeader</c>: the step's header when this node's callbacks are sent outside a Page.</summary>
    public string? Header { get; private init; }

    /// <summary>AM's <c>Action.withDescription</c>, as <see cref="Header"/>.</summary>
    public string? Description { get; private init; }

    /// <summary>AM's <c>Action.withStage</c>, as <see cref="Header"/>.</summary>
    public string? Stage { get; private init; }

    /// <summary>This result with AM's optional action extras (each null leaves it unset).</summary>
    public NodeResult With(string? errorMessage = null, string? header = null, string? description = null, string? stage = null) =>
        new(Callbacks, Outcome)
        {
            ErrorMessage = errorMessage ?? ErrorMessage,
            Header = header ?? Header,
            Description = description ?? Description,
            Stage = stage ?? Stage,
        };

    public static NodeResult Send(params IReadOnlyList<Callback> callbacks)
    {
        if (callbacks.Count == 0) throw new ArgumentException("A node that sends callbacks must send at least one.", nameof(callbacks));
        return new NodeResult(callbacks.ToArray(), null);
    }

    /// <summary>
    /// Suspends the sign-on until <paramref name="until"/>, showing <paramref name="callbacks"/> (AM: a
    /// SuspendedTextOutputCallback). The node has handed out the resume link itself; when it is opened, the node runs again with
    /// <see cref="NodeContext.ResumedFromSuspend"/> set.
    /// </summary>
    public static NodeResult Suspend(DateTimeOffset until, params IReadOnlyList<Callback> callbacks)
    {
        if (callbacks.Count == 0) throw new ArgumentException("A suspended node must show at least one callback.", nameof(callbacks));
        return new NodeResult(callbacks.ToArray(), null, until);
    }

    public static NodeResult Goto(string outcome)
    {
        ArgumentException.ThrowIfNullOrEmpty(outcome);
        return new NodeResult(null, outcome);
    }

    public override string ToString() => IsSend ? $"Send({string.Join(", ", Callbacks!)})" : $"Goto({Outcome})";
}
