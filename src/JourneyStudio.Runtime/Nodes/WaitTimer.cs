using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// The wait Polling Wait and Push Wait keep in shared state: <c>{nodeId}.end_time</c> (epoch ms) and
/// <c>{nodeId}.spam_count</c> (submissions that came before the end). Every outcome removes both, so the node can
/// run again later in the same journey. Both nodes offer the same exit button.
/// </summary>
internal sealed class WaitTimer(NodeContext context)
{
    // AM's exit ConfirmationCallback: option 0 is the button; the input is pre-set to 100 (not pressed).
    private const int ExitPressed = 0;
    private const int ExitNotPressed = 100;

    /// <summary>The exit ConfirmationCallback with the one button <paramref name="label"/>.</summary>
    public static Callback ExitCallback(string label) =>
        Callback.Confirmation([label], defaultOption: ExitPressed, selectedIndex: ExitNotPressed);

    /// <summary>True when the user pressed the exit button of <see cref="ExitCallback"/>.</summary>
    public bool ExitRequested => context.GetCallback(Callback.ConfirmationType)?.GetInputInt32() == ExitPressed;

    private readonly string _endTimeKey = context.Node.Id + ".end_time";
    private readonly string _spamCountKey = context.Node.Id + ".spam_count";

    /// <summary>
    /// Starts the wait of <paramref name="seconds"/> on the first pass (<see cref="WaitProgress.Started"/>); later
    /// reports <see cref="WaitProgress.Elapsed"/>, or counts the submission as early (<see cref="WaitProgress.Early"/>).
    /// </summary>
    public WaitProgress Advance(long seconds, out long earlyResubmissions)
    {
        var now = context.Time.GetUtcNow().ToUnixTimeMilliseconds();
        earlyResubmissions = 0;
        var endTime = context.SharedState.GetInt64(_endTimeKey);
        if (endTime is null)
        {
            context.SharedState[_endTimeKey] = now + seconds * 1000;
            context.SharedState[_spamCountKey] = 0;
            return WaitProgress.Started;
        }
        if (now >= endTime) return WaitProgress.Elapsed;

        earlyResubmissions = (context.SharedState.GetInt64(_spamCountKey) ?? 0) + 1;
        context.SharedState[_spamCountKey] = earlyResubmissions;
        return WaitProgress.Early;
    }

    /// <summary>Clears the wait and takes <paramref name="outcome"/>.</summary>
    public ValueTask<NodeResult> Complete(string outcome)
    {
        context.SharedState.Remove(_endTimeKey);
        context.SharedState.Remove(_spamCountKey);
        return ValueTask.FromResult(NodeResult.Goto(outcome));
    }
}

internal enum WaitProgress
{
    Started,
    Early,
    Elapsed,
}
