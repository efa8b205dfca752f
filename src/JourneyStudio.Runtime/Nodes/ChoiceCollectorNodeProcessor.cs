using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Choice Collector: a ChoiceCallback with the prompt, the choices and the default choice's index; the picked index goes to
/// the outcome named after that choice. An index outside the choices asks again, as AM does.
/// </summary>
public sealed class ChoiceCollectorNodeProcessor : INodeProcessor<ChoiceCollectorConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.ChoiceCollector;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, ChoiceCollectorConfig config)
    {
        if (config.Choices.Count == 0) throw new NodeProcessException("Choice Collector: no choices are configured.");
        if (context.GetCallback(Callback.ChoiceType)?.GetInputInt32() is { } picked && picked >= 0 && picked < config.Choices.Count)
            return ValueTask.FromResult(NodeResult.Goto(config.Choices[picked]));
        return ValueTask.FromResult(NodeResult.Send(Callback.Choice(config.Prompt, config.Choices, config.DefaultChoiceIndex)));
    }
}
