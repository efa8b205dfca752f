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
public sealed class PushWaitNodeProcessor : INodeProcessor
{
    public const string ChallengeNumberId = "pushChallengeNumber";
    private const int ExitPressed = 0;
    private const int ExitNotPressed = 100;

    public string TypeId => NodeTypeIds.PushWait;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var seconds = context.Config.GetInt64("secondsToWait") ?? 5;
        var endTimeKey = context.Node.Id + ".end_time";
        var spamCountKey = context.Node.Id + ".spam_count";
        var now = context.Time.GetUtcNow().ToUnixTimeMilliseconds();

        NodeResult Complete(string outcome)
        {
            context.SharedState.Remove(endTimeKey);
            context.SharedState.Remove(spamCountKey);
            return NodeResult.Goto(outcome);
        }

        if (context.GetCallback(Callback.ConfirmationType)?.GetInputInt32() == ExitPressed)
            return ValueTask.FromResult(Complete(PushWaitDescriptor.ExitedOutcome));

        var endTime = context.SharedState.GetInt64(endTimeKey);
        if (endTime is null)
        {
            context.SharedState[endTimeKey] = now + seconds * 1000;
            context.SharedState[spamCountKey] = 0;
        }
        else if (now >= endTime)
        {
            return ValueTask.FromResult(Complete(PushWaitDescriptor.DoneOutcome));
        }
        else
        {
            context.SharedState[spamCountKey] = (context.SharedState.GetInt64(spamCountKey) ?? 0) + 1;
        }

        var number = MfaNodeSupport.GetSharedText(context, MfaStateKeys.PushNumberChallenge);
        var message = number is null
            ? context.Localize("waitingMessage", PushWaitDescriptor.DefaultWaitingMessage)
                .Replace("{{time}}", seconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : context.Localize("challengeMessage", PushWaitDescriptor.DefaultChallengeMessage)
                .Replace("{{challenge}}", number, StringComparison.Ordinal);
        var callbacks = new List<Callback> { Callback.PollingWait(seconds * 1000, message) };
        if (number is not null) callbacks.Add(Callback.HiddenValue(ChallengeNumberId, number));
        callbacks.Add(Callback.Confirmation(
            [context.Localize("exitMessage", PushWaitDescriptor.DefaultExitMessage)], defaultOption: ExitPressed, selectedIndex: ExitNotPressed));
        return ValueTask.FromResult(NodeResult.Send(callbacks));
    }
}
