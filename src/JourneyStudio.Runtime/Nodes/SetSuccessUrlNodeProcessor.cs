using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Set Success URL: writes <c>successUrl</c> into shared state and continues; when the sign-on succeeds, the authenticate
/// response carries it as <c>successUrl</c> instead of the account page. A node without a URL fails the journey (AM requires one).
/// </summary>
public sealed class SetSuccessUrlNodeProcessor : INodeProcessor<SetSuccessUrlConfig>
{
    public string TypeId => NodeTypeIds.SetSuccessUrl;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, SetSuccessUrlConfig config)
    {
        if (string.IsNullOrWhiteSpace(config.SuccessUrl))
            throw new NodeProcessException("Success URL: no URL is configured.");
        context.SharedState[SharedStateKeys.SuccessUrl] = config.SuccessUrl;
        return ValueTask.FromResult(NodeResult.Goto(SetSuccessUrlDescriptor.Outcome));
    }
}
