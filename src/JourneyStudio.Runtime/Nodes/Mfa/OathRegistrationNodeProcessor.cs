using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// OATH Registration: shows an <c>otpauth://</c> QR code (scan message, QR script, HiddenValueCallback
/// <c>mfaDeviceRegistration</c>) and a ConfirmationCallback ["Next"]. The app does not answer the server, so the
/// next submit saves the device (secret protected), makes OATH not skippable, issues recovery codes and goes to
/// Success. With <c>postponeDeviceProfileStorage</c> the device stays in shared <c>oathDeviceProfile</c> instead and
/// no codes are issued. A user who already has an OATH device goes straight to Success.
/// </summary>
public sealed class OathRegistrationNodeProcessor(MfaRegistrar registrar, DeviceStore devices) : INodeProcessor<OathRegistrationConfig>
{
    public string TypeId => NodeTypeIds.OathRegistration;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, OathRegistrationConfig config)
    {
        var username = MfaNodeSupport.RequireUsername(context, "OATH Registration");
        var pending = context.Callbacks is null ? null : MfaRegistrar.PendingOathDevice(context, username);
        if (pending is null)
        {
            if (await devices.FindAsync(username, DeviceKind.Oath, context.CancellationToken) is not null)
                return NodeResult.Goto(OathRegistrationDescriptor.SuccessOutcome);
            var account = await registrar.AccountAsync(context, config.Registration, username);
            var parameters = registrar.StartOath(context, config.Registration, config.Oath, account);
            return MfaRegistrar.QrStep(context, config.Registration, RegistrationUris.BuildOath(parameters),
                Callback.Confirmation([OathRegistrationDescriptor.NextButtonLabel], defaultOption: 0));
        }

        if (config.PostponeDeviceProfileStorage)
            return NodeResult.Goto(OathRegistrationDescriptor.SuccessOutcome);
        context.SharedState.Remove(MfaStateKeys.OathDeviceProfile);
        await registrar.CompleteAsync(context, config.Registration, username, pending);
        return NodeResult.Goto(OathRegistrationDescriptor.SuccessOutcome);
    }
}
