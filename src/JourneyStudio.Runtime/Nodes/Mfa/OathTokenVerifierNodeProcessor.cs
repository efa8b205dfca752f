using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// OATH Token Verifier: a user without an OATH device goes to Not registered (with <c>mfaMethod</c>=oath). Otherwise
/// it sends a NameCallback ("Enter verification code") and a ConfirmationCallback ["Submit"] plus ["Use recovery
/// code"] when <c>isRecoveryCodeAllowed</c>. Pressing the second option → Recovery Code. A TOTP code is accepted
/// within <c>totpTimeSteps</c> steps either side of now, an HOTP code within <c>hotpWindowSize</c> counters ahead;
/// each code works once (the device's step/counter moves forward atomically). Success records <c>AuthenticatorOATH</c>.
/// The code parameters (algorithm, digits, period, hash) are the ones the device was registered with. Every code
/// check goes through the brute-force guard: a wrong or malformed code counts towards the user's lockout, and while
/// the user is locked (or the client's address throttled) every code, even a right one, goes to Failure unchecked.
/// </summary>
public sealed class OathTokenVerifierNodeProcessor(ICredentialGuard guard, DeviceStore devices, SecretProtector protector)
    : INodeProcessor<OathTokenVerifierConfig>
{
    private const int UseRecoveryCodeOption = 1;

    public string TypeId => NodeTypeIds.OathTokenVerifier;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, OathTokenVerifierConfig config)
    {
        var username = MfaNodeSupport.RequireUsername(context, "OATH Token Verifier");
        var device = await devices.FindAsync(username, DeviceKind.Oath, context.CancellationToken);
        if (device is null)
        {
            context.SharedState[MfaStateKeys.MfaMethod] = MfaMethodNames.Oath;
            return NodeResult.Goto(OathTokenVerifierDescriptor.NotRegisteredOutcome);
        }

        var codeCallback = context.GetCallback(Callback.NameType);
        if (codeCallback is null)
        {
            List<string> options = [OathTokenVerifierDescriptor.SubmitLabel];
            if (config.IsRecoveryCodeAllowed) options.Add(OathTokenVerifierDescriptor.UseRecoveryCodeLabel);
            return NodeResult.Send(Callback.Name(OathTokenVerifierDescriptor.Prompt).WithSecretInputs(), Callback.Confirmation(options, defaultOption: 0));
        }

        if (config.IsRecoveryCodeAllowed && context.GetCallback(Callback.ConfirmationType)?.GetInputInt32() == UseRecoveryCodeOption)
            return NodeResult.Goto(OathTokenVerifierDescriptor.RecoveryCodeOutcome);

        var code = codeCallback.GetInputString()?.Trim();
        var verdict = await guard.CheckAsync(
            new CredentialAttempt(CredentialAudience.EndUser, CredentialKind.OathCode, username, context.Request.RemoteIpAddress),
            _ => VerifyAsync(context, config, device, code),
            cancellationToken: context.CancellationToken);
        if (verdict != CredentialVerdict.Accepted) return NodeResult.Goto(OathTokenVerifierDescriptor.FailureOutcome);
        context.AddAuthType(MfaAuthTypes.Oath);
        return NodeResult.Goto(OathTokenVerifierDescriptor.SuccessOutcome);
    }

    /// <summary>Checks <paramref name="code"/> and uses it up (moves the device's counter or time step past it).</summary>
    private async Task<bool> VerifyAsync(NodeContext context, OathTokenVerifierConfig config, MfaDevice device, string? code)
    {
        if (code is not { Length: 6 or 8 }) return false;

        var secret = protector.Unprotect(device.ProtectedSecret);
        var settings = new OathCodeSettings
        {
            Algorithm = device.HashAlgorithm switch { "SHA256" => OathHashAlgorithm.Sha256, "SHA512" => OathHashAlgorithm.Sha512, _ => OathHashAlgorithm.Sha1 },
            Digits = device.Digits is 8 ? 8 : 6,
            PeriodSeconds = device.Period > 0 ? device.Period : config.TotpTimeInterval,
        };

        if (device.OathAlgorithm == "HOTP")
            return OathCodes.VerifyHotp(secret, code, device.Counter, config.HotpWindowSize, settings) is OathVerification.Accepted hotp
                   && await devices.AdvanceOathAsync(device, hotp.Value, device.LastAcceptedTimeStep, context.CancellationToken);
        return OathCodes.VerifyTotp(secret, code, context.Time.GetUtcNow(), config.TotpTimeSteps, device.LastAcceptedTimeStep, settings) is OathVerification.Accepted totp
               && await devices.AdvanceOathAsync(device, device.Counter, totp.Value, context.CancellationToken);
    }
}
