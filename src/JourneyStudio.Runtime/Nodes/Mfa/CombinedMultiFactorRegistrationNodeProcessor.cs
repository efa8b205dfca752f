using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Combined MFA Registration: like Push Registration, but the <c>mfauth://</c> QR code also carries an OATH account
/// (and <c>policiesJson</c>); on success both devices are saved, both methods become not skippable and one set of
/// recovery codes serves both. Runs only for users with neither a push nor an OATH device; others go straight to Success.
/// </summary>
public sealed class CombinedMultiFactorRegistrationNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.CombinedMfaRegistration;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var username = MfaNodeSupport.RequireUsername(context, "Combined MFA Registration");
        if (!MfaRegistrationSupport.PushRegistrationStarted(context))
        {
            var devices = await context.Service<DeviceStore>().ListAsync(username, context.CancellationToken);
            if (devices.Any(d => d.Kind == DeviceKind.Oath || d is { Kind: DeviceKind.Push, MustRegisterAgain: false }))
                return NodeResult.Goto(CombinedMfaRegistrationDescriptor.SuccessOutcome);
            var account = await MfaRegistrationSupport.AccountAsync(context, username);
            var push = await MfaRegistrationSupport.StartPushAsync(context, account);
            var oath = MfaRegistrationSupport.StartOath(context, account);
            return QrStep(context, push, oath);
        }

        var pendingOath = MfaRegistrationSupport.PendingOathDevice(context, username);
        switch (await MfaRegistrationSupport.PollPushAsync(context, username))
        {
            case PushPoll.Waiting waiting when pendingOath is not null:
                var account = new RegistrationAccount(username, waiting.Parameters.Issuer, waiting.Parameters.AccountName);
                return QrStep(context, waiting.Parameters, MfaRegistrationSupport.OathParameters(context, account, pendingOath));
            case PushPoll.Registered registered when pendingOath is not null:
                Clear(context);
                await MfaRegistrationSupport.CompleteAsync(context, username, registered.Device, pendingOath);
                return NodeResult.Goto(CombinedMfaRegistrationDescriptor.SuccessOutcome);
            case PushPoll.TimedOut:
                Clear(context);
                return NodeResult.Goto(CombinedMfaRegistrationDescriptor.TimeoutOutcome);
            default:
                Clear(context);
                return NodeResult.Goto(CombinedMfaRegistrationDescriptor.FailureOutcome);
        }
    }

    private static NodeResult QrStep(NodeContext context, PushRegistrationParameters push, OathRegistrationParameters oath)
    {
        var policies = context.Config.GetString("policiesJson") is { Length: > 0 } json && !string.IsNullOrWhiteSpace(json) ? json : null;
        var uri = RegistrationUris.BuildCombined(new CombinedRegistrationParameters(push, oath, policies));
        return MfaRegistrationSupport.QrStep(context, uri, MfaRegistrationSupport.PollingCallback());
    }

    private static void Clear(NodeContext context)
    {
        MfaRegistrationSupport.ClearPushState(context);
        context.SharedState.Remove(MfaStateKeys.OathDeviceProfile);
    }
}
