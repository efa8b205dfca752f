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
