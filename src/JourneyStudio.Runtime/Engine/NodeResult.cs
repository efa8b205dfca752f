using JourneyStudio.Runtime.Callbacks;

namespace JourneyStudio.Runtime.Engine;

/// <summary>What a node decided: send these callbacks to the client, or continue through an outcome.</summary>
public sealed class NodeResult
{
    private NodeResult(IReadOnlyList<Callback>? callbacks, string? outcome)
    {
        Callbacks = callbacks;
        Outcome = outcome;
    }

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

    public static NodeResult Goto(string outcome)
    {
        ArgumentException.ThrowIfNullOrEmpty(outcome);
        return new NodeResult(null, outcome);
    }

    public override string ToString() => IsSend ? $"Send({string.Join(", ", Callbacks!)})" : $"Goto({Outcome})";
}
