using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Get Authenticator App: a script TextOutputCallback that writes the message with the store links into the page,
/// and a ConfirmationCallback ["Continue"]; the submit continues to the single outcome.
/// </summary>
public sealed class GetAuthenticatorAppNodeProcessor : INodeProcessor<GetAuthenticatorAppConfig>
{
    public string TypeId => NodeTypeIds.GetAuthenticatorApp;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, GetAuthenticatorAppConfig config)
    {
        if (context.GetCallback(Callback.ConfirmationType) is not null)
            return ValueTask.FromResult(NodeResult.Goto(GetAuthenticatorAppDescriptor.Outcome));

        var links = new AuthenticatorAppLinks
        {
            Message = context.Localize(config.Message),
            AppleLink = config.AppleLinkOrDefault,
            GoogleLink = config.GoogleLinkOrDefault,
            AppleLabel = GetAuthenticatorAppDescriptor.AppleStoreLabel,
            GoogleLabel = GetAuthenticatorAppDescriptor.GooglePlayLabel,
        };
        string script;
        try
        {
            script = MfaScripts.GetAuthenticatorAppScript(links);
        }
        catch (ArgumentException e)
        {
            throw new NodeProcessException("Get Authenticator App: " + e.Message, e);
        }
        return ValueTask.FromResult(NodeResult.Send(
            Callback.TextOutput(script, TextOutputMessageType.Script),
            Callback.Confirmation([context.Localize(config.ContinueLabel)], defaultOption: 0)));
    }
}
