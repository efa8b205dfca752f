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
public sealed class PushRegistrationNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.PushRegistration;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var username = MfaNodeSupport.RequireUsername(context, "Push Registration");
        if (!MfaRegistrationSupport.PushRegistrationStarted(context))
        {
            var existing = await context.Service<DeviceStore>().FindAsync(username, DeviceKind.Push, context.CancellationToken);
            if (existing is { MustRegisterAgain: false }) return NodeResult.Goto(PushRegistrationDescriptor.SuccessOutcome);
            var account = await MfaRegistrationSupport.AccountAsync(context, username);
            var parameters = await MfaRegistrationSupport.StartPushAsync(context, account);
            return MfaRegistrationSupport.QrStep(context, RegistrationUris.BuildPush(parameters), MfaRegistrationSupport.PollingCallback());
        }

        switch (await MfaRegistrationSupport.PollPushAsync(context, username))
        {
            case PushPoll.Waiting waiting:
                return MfaRegistrationSupport.QrStep(context, RegistrationUris.BuildPush(waiting.Parameters), MfaRegistrationSupport.PollingCallback());
            case PushPoll.Registered registered:
                MfaRegistrationSupport.ClearPushState(context);
                await MfaRegistrationSupport.CompleteAsync(context, username, registered.Device);
                return NodeResult.Goto(PushRegistrationDescriptor.SuccessOutcome);
            case PushPoll.TimedOut:
                MfaRegistrationSupport.ClearPushState(context);
                return NodeResult.Goto(PushRegistrationDescriptor.TimeoutOutcome);
            default:
                MfaRegistrationSupport.ClearPushState(context);
                return NodeResult.Goto(PushRegistrationDescriptor.FailureOutcome);
        }
    }
}
