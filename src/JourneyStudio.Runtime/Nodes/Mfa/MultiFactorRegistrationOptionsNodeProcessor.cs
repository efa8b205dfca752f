using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// MFA Registration Options: a TextOutputCallback (the explanation) and a ConfirmationCallback whose options are
/// "Register Device", "Get the App" (only with <c>getApp</c>), "Skip this step" and "Opt-out" (only when not
/// <c>mandatory</c>). The chosen index selects the outcome in that same order, so the mapping shifts without getApp.
/// </summary>
public sealed class MultiFactorRegistrationOptionsNodeProcessor : INodeProcessor<MfaRegistrationOptionsConfig>
{
    public string TypeId => NodeTypeIds.MfaRegistrationOptions;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, MfaRegistrationOptionsConfig config)
    {
        MfaNodeSupport.RequireUsername(context, "MFA Registration Options");
        if (context.GetSharedString(MfaStateKeys.MfaMethod) is null)
            throw new NodeProcessException(
                "MFA Registration Options: no mfaMethod in shared state; put it after the Not Registered outcome of a Push Sender or OATH Token Verifier.");

        var choices = new List<(string Label, string Outcome)>
        {
            (context.Localize(config.RegisterDeviceLabel), MfaRegistrationOptionsDescriptor.RegisterOutcome),
        };
        if (config.GetApp)
            choices.Add((context.Localize(config.GetAppLabel), MfaRegistrationOptionsDescriptor.GetAppOutcome));
        if (!config.Mandatory)
        {
            choices.Add((context.Localize(config.SkipStepLabel), MfaRegistrationOptionsDescriptor.SkipOutcome));
            choices.Add((context.Localize(config.OptOutLabel), MfaRegistrationOptionsDescriptor.OptOutOutcome));
        }

        if (context.GetCallback(Callback.ConfirmationType)?.GetInputInt32() is { } index && index >= 0 && index < choices.Count)
            return ValueTask.FromResult(NodeResult.Goto(choices[index].Outcome));

        return ValueTask.FromResult(NodeResult.Send(
            Callback.TextOutput(context.Localize(config.Message)),
            Callback.Confirmation(choices.Select(c => c.Label).ToList(), defaultOption: 0)));
    }
}
