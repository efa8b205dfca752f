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
public sealed class PollingWaitNodeProcessor : IOptimisticNodeProcessor
{

    public string TypeId => NodeTypeIds.PollingWait;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var config = context.Config;
        var seconds = config.GetInt64("secondsToWait") ?? 8;
        var exitable = config.GetBoolean("exitable") ?? false;
        var timer = new WaitTimer(context);

        if (exitable && timer.ExitRequested)
            return timer.Complete("EXITED");

        switch (timer.Advance(seconds, out var earlyResubmissions))
        {
            case WaitProgress.Elapsed:
                return timer.Complete("DONE");
            case WaitProgress.Early when (config.GetBoolean("spamDetectionEnabled") ?? false)
                                         && earlyResubmissions > (config.GetInt64("spamDetectionTolerance") ?? 3):
                return timer.Complete("SPAM");
        }

        var message = context.Localize("waitingMessage", "Waiting for response...")
            .Replace("{{time}}", seconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var callbacks = new List<Callback> { Callback.PollingWait(seconds * 1000, message) };
        if (exitable)
            callbacks.Add(WaitTimer.ExitCallback(context.Localize("exitMessage", "Cancel")));
        return ValueTask.FromResult(NodeResult.Send(callbacks));
    }
}
