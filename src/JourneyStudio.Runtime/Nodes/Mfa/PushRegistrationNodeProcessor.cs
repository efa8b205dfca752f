using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Push Registration: shows a <c>pushauth://</c> QR code (scan message, QR script, HiddenValueCallback
/// <c>mfaDeviceRegistration</c>, PollingWaitCallback 2000 ms) and polls until the app registers through the push
/// endpoint. Then it saves the device, makes push not skippable, issues recovery codes (transient
/// <c>recoveryCodes</c>, <c>recoveryCodeDeviceName</c>) and goes to Success. No answer within <c>timeout</c> s of
/// polling → Time Out; a refused or incomplete registration → Failure. A user who already has a usable push device
/// goes straight to Success.
/// </summary>
public sealed class PushRegistrationNodeProcessor(MfaRegistrar registrar, DeviceStore devices) : INodeProcessor<PushRegistrationConfig>
{
    public string TypeId => NodeTypeIds.PushRegistration;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, PushRegistrationConfig config)
    {
        var username = MfaNodeSupport.RequireUsername(context, "Push Registration");
        if (!MfaRegistrar.PushRegistrationStarted(context))
        {
            var existing = await devices.FindAsync(username, DeviceKind.Push, context.CancellationToken);
            if (existing is { MustRegisterAgain: false }) return NodeResult.Goto(PushRegistrationDescriptor.SuccessOutcome);
            var account = await registrar.AccountAsync(context, config.Registration, username);
            var parameters = await registrar.StartPushAsync(context, config.Registration, config.Timeout, account);
            return MfaRegistrar.QrStep(context, config.Registration, RegistrationUris.BuildPush(parameters), MfaRegistrar.PollingCallback());
        }

        switch (await registrar.PollPushAsync(context, config.Registration, config.Timeout, username))
        {
            case PushPoll.Waiting waiting:
                return MfaRegistrar.QrStep(context, config.Registration, RegistrationUris.BuildPush(waiting.Parameters), MfaRegistrar.PollingCallback());
            case PushPoll.Registered registered:
                MfaRegistrar.ClearPushState(context);
                await registrar.CompleteAsync(context, config.Registration, username, registered.Device);
                return NodeResult.Goto(PushRegistrationDescriptor.SuccessOutcome);
            case PushPoll.TimedOut:
                MfaRegistrar.ClearPushState(context);
                return NodeResult.Goto(PushRegistrationDescriptor.TimeoutOutcome);
            default:
                MfaRegistrar.ClearPushState(context);
                return NodeResult.Goto(PushRegistrationDescriptor.FailureOutcome);
        }
    }
}
