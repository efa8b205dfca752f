using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Message Node: sends a TextOutputCallback (INFORMATION) with the message and a ConfirmationCallback with the options
/// [positive, negative] and default option 1, as AM does. The answer 0 (AM's ConfirmationCallback.YES) goes to
/// <c>true</c>, any other to <c>false</c>. With <c>stateField</c> the chosen index is kept in that shared-state entry.
/// </summary>
public sealed class MessageNodeProcessor : INodeProcessor<MessageNodeConfig>
{
    private const int PositiveOption = 0;
    private const int NegativeOption = 1;

    public string TypeId => NodeTypeIds.Message;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, MessageNodeConfig config)
    {
        if (context.GetCallback(Callback.ConfirmationType)?.GetInputInt32() is not { } chosen)
            return ValueTask.FromResult(NodeResult.Send(
                Callback.TextOutput(context.Localize(config.Message)),
                Callback.Confirmation([context.Localize(config.MessageYes), context.Localize(config.MessageNo)], defaultOption: NegativeOption)));

        if (!string.IsNullOrEmpty(config.StateField))
            context.SharedState[config.StateField] = chosen;
        return ValueTask.FromResult(NodeResult.Goto(MessageNodeDescriptor.Decide(chosen == PositiveOption)));
    }
}
