using System.Globalization;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
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
public sealed class PollingWaitNodeProcessor : INodeProcessor<PollingWaitConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.PollingWait;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, PollingWaitConfig config)
    {
        var seconds = config.SecondsToWait;
        var timer = new WaitTimer(context);

        if (config.Exitable && timer.ExitRequested)
            return timer.Complete(PollingWaitDescriptor.ExitedOutcome);

        switch (timer.Advance(seconds, out var earlyResubmissions))
        {
            case WaitProgress.Elapsed:
                return timer.Complete(PollingWaitDescriptor.DoneOutcome);
            case WaitProgress.Early when config.SpamDetectionEnabled && earlyResubmissions > config.SpamDetectionTolerance:
                return timer.Complete(PollingWaitDescriptor.SpamOutcome);
        }

        var message = context.Localize(config.WaitingMessage)
            .Replace("{{time}}", seconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var callbacks = new List<Callback> { Callback.PollingWait(seconds * 1000L, message) };
        if (config.Exitable)
            callbacks.Add(WaitTimer.ExitCallback(context.Localize(config.ExitMessage)));
        return ValueTask.FromResult(NodeResult.Send(callbacks));
    }
}
