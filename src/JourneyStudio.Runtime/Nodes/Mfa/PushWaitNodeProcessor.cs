using System.Globalization;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Push Wait: while the user answers the notification, sends (am-protocol 1.6) a PollingWaitCallback of
/// <c>secondsToWait</c>, for the number challenge a HiddenValueCallback <c>pushChallengeNumber</c> with the number to
/// tap, and an exit ConfirmationCallback pre-set to 100 (not pressed). Input 0 on it → EXITED; once the wait is
/// over → DONE. Keeps <c>{nodeId}.end_time</c> / <c>{nodeId}.spam_count</c> and removes them on either outcome.
/// </summary>
public sealed class PushWaitNodeProcessor : INodeProcessor<PushWaitConfig>, IOptimisticNodeProcessor
{
    public const string ChallengeNumberId = "pushChallengeNumber";

    public string TypeId => NodeTypeIds.PushWait;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, PushWaitConfig config)
    {
        var seconds = config.SecondsToWait;
        var timer = new WaitTimer(context);

        if (timer.ExitRequested)
            return timer.Complete(PushWaitDescriptor.ExitedOutcome);
        if (timer.Advance(seconds, out _) == WaitProgress.Elapsed)
            return timer.Complete(PushWaitDescriptor.DoneOutcome);

        var number = MfaNodeSupport.GetSharedText(context, MfaStateKeys.PushNumberChallenge);
        var message = number is null
            ? context.Localize(config.WaitingMessage)
                .Replace("{{time}}", seconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : context.Localize(config.ChallengeMessage)
                .Replace("{{challenge}}", number, StringComparison.Ordinal);
        var callbacks = new List<Callback> { Callback.PollingWait(seconds * 1000L, message) };
        if (number is not null) callbacks.Add(Callback.HiddenValue(ChallengeNumberId, number));
        callbacks.Add(WaitTimer.ExitCallback(context.Localize(config.ExitMessage)));
        return ValueTask.FromResult(NodeResult.Send(callbacks));
    }
}
