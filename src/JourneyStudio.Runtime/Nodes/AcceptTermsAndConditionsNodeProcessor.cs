using System.Globalization;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.SelfService;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Accept Terms and Conditions: a TermsAndConditionsCallback with the active terms (version, text, creation date). Accepted, it
/// writes shared <c>objectAttributes.termsAccepted</c> = <c>{"acceptDate","termsVersion"}</c> and continues; not accepted, it asks
/// again (the node has a single outcome: acceptance). No active terms fails the journey.
/// </summary>
public sealed class AcceptTermsAndConditionsNodeProcessor(ISelfServiceContent content) : INodeProcessor<NoConfig>, IOptimisticNodeProcessor
{
    public const string TermsAcceptedKey = "termsAccepted";

    public string TypeId => NodeTypeIds.AcceptTermsAndConditions;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, NoConfig config)
    {
        var terms = await content.GetActiveTermsAsync(context.CancellationToken)
            ?? throw new NodeProcessException("Accept Terms and Conditions: no terms and conditions are active.");
        var callback = context.GetCallback(Callback.TermsAndConditionsType);
        if (callback?.GetInput("") is not { ValueKind: System.Text.Json.JsonValueKind.True })
            return NodeResult.Send(Callback.TermsAndConditions(terms.Version, terms.Terms, terms.CreatedAt));

        // The version shown is the one accepted, even when an admin published another between the two requests.
        var version = callback.GetOutputString("version") ?? terms.Version;
        context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[TermsAcceptedKey] = new JsonObject
        {
            ["acceptDate"] = context.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["termsVersion"] = version,
        };
        return NodeResult.Goto(AcceptTermsAndConditionsDescriptor.Outcome);
    }
}
