using JourneyStudio.Journeys.Catalog;
using System.Globalization;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Polling Wait: sends a PollingWaitCallback (waitTime = secondsToWait × 1000 ms, as a string) and goes to
/// <c>DONE</c> once the time has passed. With <c>exitable</c> it adds an exit ConfirmationCallback (input
/// pre-set to 100 = not pressed; 0 = pressed → <c>EXITED</c>). With <c>spamDetectionEnabled</c>, a client that
/// resubmits before the time is up more than <c>spamDetectionTolerance</c> times goes to <c>SPAM</c>.
/// Keeps <c>{nodeId}.end_time</c> (epoch ms) and <c>{nodeId}.spam_count</c> in shared state and removes them
/// on every outcome, so the node can run again later in the same journey.
/// </summary>
public sealed class PollingWaitNodeProcessor : INodeProcessor
{
    private const int ExitPressed = 0;
    private const int ExitNotPressed = 100;

    public string TypeId => NodeTypeIds.PollingWait;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var config = context.Config;
        var seconds = config.GetInt64("secondsToWait") ?? 8;
        var exitable = config.GetBoolean("exitable") ?? false;
        var endTimeKey = context.Node.Id + ".end_time";
        var spamCountKey = context.Node.Id + ".spam_count";
        var now = context.Time.GetUtcNow().ToUnixTimeMilliseconds();

        NodeResult Complete(string outcome)
        {
            context.SharedState.Remove(endTimeKey);
            context.SharedState.Remove(spamCountKey);
            return NodeResult.Goto(outcome);
        }

        if (exitable && context.GetCallback(Callback.ConfirmationType)?.GetInputInt32() == ExitPressed)
            return ValueTask.FromResult(Complete("EXITED"));

        var endTime = context.SharedState.GetInt64(endTimeKey);
        if (endTime is null)
        {
            context.SharedState[endTimeKey] = now + seconds * 1000;
            context.SharedState[spamCountKey] = 0;
        }
        else
        {
            if (now >= endTime) return ValueTask.FromResult(Complete("DONE"));

            // The wait is not over, so this submission came early.
            var earlyResubmissions = (context.SharedState.GetInt64(spamCountKey) ?? 0) + 1;
            context.SharedState[spamCountKey] = earlyResubmissions;
            if ((config.GetBoolean("spamDetectionEnabled") ?? false) && earlyResubmissions > (config.GetInt64("spamDetectionTolerance") ?? 3))
                return ValueTask.FromResult(Complete("SPAM"));
        }

        var message = context.Localize("waitingMessage", "Waiting for response...")
            .Replace("{{time}}", seconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var callbacks = new List<Callback> { Callback.PollingWait(seconds * 1000, message) };
        if (exitable)
            callbacks.Add(Callback.Confirmation([context.Localize("exitMessage", "Cancel")], defaultOption: ExitPressed, selectedIndex: ExitNotPressed));
        return ValueTask.FromResult(NodeResult.Send(callbacks));
    }
}
