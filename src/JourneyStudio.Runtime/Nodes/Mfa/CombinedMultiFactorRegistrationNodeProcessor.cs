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
public sealed class CombinedMultiFactorRegistrationNodeProcessor(MfaRegistrar registrar, DeviceStore devices)
    : INodeProcessor<CombinedMfaRegistrationConfig>
{
    public string TypeId => NodeTypeIds.CombinedMfaRegistration;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, CombinedMfaRegistrationConfig config)
    {
        var username = MfaNodeSupport.RequireUsername(context, "Combined MFA Registration");
        if (!MfaRegistrar.PushRegistrationStarted(context))
        {
            var existing = await devices.ListAsync(username, context.CancellationToken);
            if (existing.Any(d => d.Kind == DeviceKind.Oath || d is { Kind: DeviceKind.Push, MustRegisterAgain: false }))
                return NodeResult.Goto(CombinedMfaRegistrationDescriptor.SuccessOutcome);
            var account = await registrar.AccountAsync(context, config.Registration, username);
            var push = await registrar.StartPushAsync(context, config.Registration, config.Timeout, account);
            var oath = registrar.StartOath(context, config.Registration, config.Oath, account);
            return QrStep(context, config, push, oath);
        }

        var pendingOath = MfaRegistrar.PendingOathDevice(context, username);
        switch (await registrar.PollPushAsync(context, config.Registration, config.Timeout, username))
        {
            case PushPoll.Waiting waiting when pendingOath is not null:
                var account = new RegistrationAccount(username, waiting.Parameters.Issuer, waiting.Parameters.AccountName);
                return QrStep(context, config, waiting.Parameters, registrar.OathParameters(config.Registration, account, pendingOath));
            case PushPoll.Registered registered when pendingOath is not null:
                Clear(context);
                await registrar.CompleteAsync(context, config.Registration, username, registered.Device, pendingOath);
                return NodeResult.Goto(CombinedMfaRegistrationDescriptor.SuccessOutcome);
            case PushPoll.TimedOut:
                Clear(context);
                return NodeResult.Goto(CombinedMfaRegistrationDescriptor.TimeoutOutcome);
            default:
                Clear(context);
                return NodeResult.Goto(CombinedMfaRegistrationDescriptor.FailureOutcome);
        }
    }

    private static NodeResult QrStep(NodeContext context, CombinedMfaRegistrationConfig config, PushRegistrationParameters push, OathRegistrationParameters oath)
    {
        var policies = string.IsNullOrWhiteSpace(config.PoliciesJson) ? null : config.PoliciesJson;
        var uri = RegistrationUris.BuildCombined(new CombinedRegistrationParameters(push, oath, policies));
        return MfaRegistrar.QrStep(context, config.Registration, uri, MfaRegistrar.PollingCallback());
    }

    private static void Clear(NodeContext context)
    {
        MfaRegistrar.ClearPushState(context);
        context.SharedState.Remove(MfaStateKeys.OathDeviceProfile);
    }
}
