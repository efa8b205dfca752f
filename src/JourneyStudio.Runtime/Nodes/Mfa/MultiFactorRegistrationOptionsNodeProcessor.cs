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
public sealed class MultiFactorRegistrationOptionsNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.MfaRegistrationOptions;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        MfaNodeSupport.RequireUsername(context, "MFA Registration Options");
        if (context.GetSharedString(MfaStateKeys.MfaMethod) is null)
            throw new NodeProcessException(
                "MFA Registration Options: no mfaMethod in shared state; put it after the Not Registered outcome of a Push Sender or OATH Token Verifier.");

        var choices = new List<(string Label, string Outcome)>
        {
            (context.Localize("registerDeviceLabel", MfaRegistrationOptionsDescriptor.DefaultRegisterDeviceLabel), MfaRegistrationOptionsDescriptor.RegisterOutcome),
        };
        if (context.Config.GetBoolean("getApp") ?? true)
            choices.Add((context.Localize("getAppLabel", MfaRegistrationOptionsDescriptor.DefaultGetAppLabel), MfaRegistrationOptionsDescriptor.GetAppOutcome));
        if (!(context.Config.GetBoolean("mandatory") ?? false))
        {
            choices.Add((context.Localize("skipStepLabel", MfaRegistrationOptionsDescriptor.DefaultSkipStepLabel), MfaRegistrationOptionsDescriptor.SkipOutcome));
            choices.Add((context.Localize("optOutLabel", MfaRegistrationOptionsDescriptor.DefaultOptOutLabel), MfaRegistrationOptionsDescriptor.OptOutOutcome));
        }

        if (context.GetCallback(Callback.ConfirmationType)?.GetInputInt32() is { } index && index >= 0 && index < choices.Count)
            return ValueTask.FromResult(NodeResult.Goto(choices[index].Outcome));

        return ValueTask.FromResult(NodeResult.Send(
            Callback.TextOutput(context.Localize("message", MfaRegistrationOptionsDescriptor.DefaultMessage)),
            Callback.Confirmation(choices.Select(c => c.Label).ToList(), defaultOption: 0)));
    }
}
