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
public sealed class OathRegistrationNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.OathRegistration;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var username = MfaNodeSupport.RequireUsername(context, "OATH Registration");
        var pending = context.Callbacks is null ? null : MfaRegistrationSupport.PendingOathDevice(context, username);
        if (pending is null)
        {
            if (await context.Service<DeviceStore>().FindAsync(username, DeviceKind.Oath, context.CancellationToken) is not null)
                return NodeResult.Goto(OathRegistrationDescriptor.SuccessOutcome);
            var account = await MfaRegistrationSupport.AccountAsync(context, username);
            var parameters = MfaRegistrationSupport.StartOath(context, account);
            return MfaRegistrationSupport.QrStep(context, RegistrationUris.BuildOath(parameters),
                Callback.Confirmation([OathRegistrationDescriptor.NextButtonLabel], defaultOption: 0));
        }

        if (context.Config.GetBoolean("postponeDeviceProfileStorage") == true)
            return NodeResult.Goto(OathRegistrationDescriptor.SuccessOutcome);
        context.SharedState.Remove(MfaStateKeys.OathDeviceProfile);
        await MfaRegistrationSupport.CompleteAsync(context, username, pending);
        return NodeResult.Goto(OathRegistrationDescriptor.SuccessOutcome);
    }
}
