using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using StoredMessageKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// What Push, OATH and Combined registration share (AM's MultiFactorRegistrationUtilities): the QR step, the
/// push registration exchange with the device, saving devices and issuing recovery codes. Each method takes the
/// part of the node's config record it needs (<see cref="MfaRegistrationSettings"/>, <see cref="OathRegistrationSettings"/>).
/// </summary>
public sealed class MfaRegistrar(
    IdentityStore identities,
    DeviceStore devices,
    PushMessageStore messages,
    RecoveryCodeStore recoveryCodes,
    SecretProtector protector,
    PushEndpoints endpoints)
{
    public const string RegistrationHiddenValueId = "mfaDeviceRegistration";

    /// <summary>AM's REGISTER_DEVICE_POLL_INTERVAL: the client re-submits every 2 s while the app registers.</summary>
    public const int PollIntervalMilliseconds = 2000;

    public const string DefaultPushDeviceName = "Push Device";
    public const string DefaultOathDeviceName = "OATH Device";

    /// <summary>
    /// The QR step (am-protocol 1.6): scan message, QR script, the URI for SDKs, then the node's own last callback.
    /// The URI carries the shared secret, so the stored session keeps those two callbacks blanked; each poll rebuilds them.
    /// </summary>
    public static NodeResult QrStep(NodeContext context, MfaRegistrationSettings settings, string uri, Callback last) => NodeResult.Send(
        Callback.TextOutput(context.Localize(settings.ScanQrCodeMessage)),
        Callback.TextOutput(MfaScripts.QrCodeScript(uri), TextOutputMessageType.Script).WithSecretOutputs(),
        Callback.HiddenValue(RegistrationHiddenValueId, uri).WithSecretOutputs(),
        last);

    public static Callback PollingCallback() => Callback.PollingWait(PollIntervalMilliseconds, "");

    internal async Task<RegistrationAccount> AccountAsync(NodeContext context, MfaRegistrationSettings settings, string username)
    {
        var identity = await identities.GetAsync(username, context.CancellationToken);
        var issuer = settings.Issuer.Length > 0 ? settings.Issuer : MfaRegistrationSettings.DefaultIssuer;
        return new RegistrationAccount(username, issuer, MfaNodeSupport.AccountName(settings.AccountName, username, identity));
    }

    // ---- Push registration exchange

    /// <summary>Starts a push registration: a new secret, challenge and REGISTER message the device must answer within <paramref name="timeoutSeconds"/>.</summary>
    internal async Task<PushRegistrationParameters> StartPushAsync(
        NodeContext context, MfaRegistrationSettings settings, int timeoutSeconds, RegistrationAccount account)
    {
        var now = context.Time.GetUtcNow();
        var secret = PushChallenge.NewSecret();
        var challenge = PushChallenge.NewChallenge();
        var messageId = PushMessageIds.NewRegister(now).ToString();
        var uuid = Guid.NewGuid().ToString();
        await messages.AddAsync(new PushMessageRecord
        {
            MessageId = messageId,
            Kind = StoredMessageKind.Register,
            Username = account.Username,
            Realm = context.Realm,
            SignOnId = context.Request.SignOnId,
            ProtectedSecret = protector.Protect(secret),
            Challenge = challenge,
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(timeoutSeconds),
            State = PushMessageState.Pending,
        }, context.CancellationToken);

        context.SharedState[MfaStateKeys.PushMessageId] = messageId;
        context.SharedState[MfaStateKeys.PushChallenge] = challenge;
        context.SharedState[MfaStateKeys.PushRegistrationTimeout] = 0;
        MfaNodeSupport.WriteEncodedObject(context, MfaStateKeys.PushDeviceProfile, new JsonObject
        {
            ["uuid"] = uuid,
            ["issuer"] = account.Issuer,
            ["accountName"] = account.AccountName,
        });
        return PushParameters(context, settings, account, messageId, secret, challenge, uuid);
    }

    /// <summary>True when this node has a push registration under way (its REGISTER message id is in shared state).</summary>
    public static bool PushRegistrationStarted(NodeContext context) =>
        context.GetSharedString(MfaStateKeys.PushMessageId)?.StartsWith("REGISTER:", StringComparison.Ordinal) == true
        && MfaNodeSupport.ReadEncodedObject(context, MfaStateKeys.PushDeviceProfile) is not null;

    /// <summary>
    /// One poll of a running push registration: the device's registration once it answered, otherwise whether to keep
    /// waiting (and the parameters to show the same QR code again) or give up after <paramref name="timeoutSeconds"/> of polling.
    /// </summary>
    internal async Task<PushPoll> PollPushAsync(NodeContext context, MfaRegistrationSettings settings, int timeoutSeconds, string username)
    {
        var messageId = context.GetSharedString(MfaStateKeys.PushMessageId)!;
        var profile = MfaNodeSupport.ReadEncodedObject(context, MfaStateKeys.PushDeviceProfile)!;
        var message = await messages.GetLiveAsync(messageId, context.CancellationToken);
        var elapsed = (context.SharedState.GetInt64(MfaStateKeys.PushRegistrationTimeout) ?? 0) + PollIntervalMilliseconds;

        if (message is null) return new PushPoll.TimedOut();
        switch (message.State)
        {
            case PushMessageState.Accepted:
                await messages.DeleteAsync(messageId, context.CancellationToken);
                return ParseRegistration(message, profile.GetString("uuid") ?? Guid.NewGuid().ToString(), profile.GetString("issuer") ?? "");
            case PushMessageState.Denied:
                await messages.DeleteAsync(messageId, context.CancellationToken);
                return new PushPoll.Failed("the device refused the registration");
        }
        if (elapsed >= timeoutSeconds * 1000L)
        {
            await messages.DeleteAsync(messageId, context.CancellationToken);
            return new PushPoll.TimedOut();
        }

        context.SharedState[MfaStateKeys.PushRegistrationTimeout] = elapsed;
        var secret = protector.Unprotect(message.ProtectedSecret);
        var account = new RegistrationAccount(username, profile.GetString("issuer") ?? "", profile.GetString("accountName") ?? username);
        return new PushPoll.Waiting(PushParameters(context, settings, account, messageId, secret, message.Challenge, profile.GetString("uuid")!));
    }

    public static void ClearPushState(NodeContext context)
    {
        context.SharedState.Remove(MfaStateKeys.PushMessageId);
        context.SharedState.Remove(MfaStateKeys.PushChallenge);
        context.SharedState.Remove(MfaStateKeys.PushRegistrationTimeout);
        context.SharedState.Remove(MfaStateKeys.PushDeviceProfile);
    }

    private PushRegistrationParameters PushParameters(NodeContext context, MfaRegistrationSettings settings,
        RegistrationAccount account, string messageId, byte[] secret, string challenge, string uuid) => new()
    {
        Issuer = account.Issuer,
        AccountName = account.AccountName,
        LoadBalancerCookie = MfaNodeSupport.LoadBalancerCookie,
        MessageId = messageId,
        SharedSecret = secret,
        Challenge = Convert.FromBase64String(challenge),
        RegistrationEndpoint = endpoints.For(context, "register"),
        AuthenticationEndpoint = endpoints.For(context, "authenticate"),
        UserId = account.Username,
        DeviceProfileId = uuid,
        BackgroundColour = BackgroundColour(settings),
        ImageUrl = ImageUrl(settings),
    };

    private static PushPoll ParseRegistration(PushMessageRecord message, string uuid, string issuer)
    {
        var registration = MfaNodeSupport.TryParseObject(message.RegistrationJson);
        if (registration?.GetString("mechanismUid") is not { Length: > 0 } mechanismUid
            || registration.GetString("communicationId") is not { Length: > 0 } communicationId)
            return new PushPoll.Failed("the device's registration lacks its mechanism id or communication id");
        return new PushPoll.Registered(new MfaDevice
        {
            Username = message.Username,
            Kind = DeviceKind.Push,
            Uuid = uuid,
            DeviceName = registration.GetString("deviceName") is { Length: > 0 } name ? name : DefaultPushDeviceName,
            Issuer = issuer,
            ProtectedSecret = message.ProtectedSecret,
            CreatedAt = message.AnsweredAt ?? message.CreatedAt,
            CommunicationId = communicationId,
            CommunicationType = registration.GetString("communicationType"),
            DeviceType = registration.GetString("deviceType"),
            DeviceToken = registration.GetString("deviceId"),
            MechanismUid = mechanismUid,
        });
    }

    // ---- OATH

    /// <summary>A new OATH device (secret protected) per the node's OATH settings, kept in shared state until it is saved.</summary>
    internal OathRegistrationParameters StartOath(NodeContext context, MfaRegistrationSettings settings, OathRegistrationSettings oath, RegistrationAccount account)
    {
        var secret = OathCodes.NewSecret(oath.MinSharedSecretLength);
        var uuid = Guid.NewGuid().ToString();
        var hotp = oath.Algorithm == OathAlgorithm.Hotp;
        var hash = oath.TotpHashAlgorithm switch
        {
            TotpHashAlgorithm.HmacSha256 => OathHashAlgorithm.Sha256,
            TotpHashAlgorithm.HmacSha512 => OathHashAlgorithm.Sha512,
            _ => OathHashAlgorithm.Sha1,
        };
        MfaNodeSupport.WriteEncodedObject(context, MfaStateKeys.OathDeviceProfile, new JsonObject
        {
            ["uuid"] = uuid,
            ["issuer"] = account.Issuer,
            ["protectedSecret"] = protector.Protect(secret),
            ["algorithm"] = hotp ? "HOTP" : "TOTP",
            ["hashAlgorithm"] = hash.ToString().ToUpperInvariant(),
            ["digits"] = oath.Digits,
            ["period"] = oath.TotpTimeInterval,
        });
        return new OathRegistrationParameters
        {
            Issuer = account.Issuer,
            AccountName = account.AccountName,
            Kind = hotp ? OathKind.Hotp : OathKind.Totp,
            Secret = secret,
            Digits = oath.Digits,
            PeriodSeconds = oath.TotpTimeInterval,
            Counter = 0,
            Algorithm = hash,
            BackgroundColour = BackgroundColour(settings),
            ImageUrl = ImageUrl(settings),
            UserId = account.Username,
            DeviceId = uuid,
        };
    }

    /// <summary>The OATH device the node put into shared state, or null when there is none (or it is damaged).</summary>
    public static MfaDevice? PendingOathDevice(NodeContext context, string username)
    {
        var profile = MfaNodeSupport.ReadEncodedObject(context, MfaStateKeys.OathDeviceProfile);
        if (profile?.GetString("uuid") is not { } uuid || profile.GetString("protectedSecret") is not { } protectedSecret) return null;
        return new MfaDevice
        {
            Username = username,
            Kind = DeviceKind.Oath,
            Uuid = uuid,
            DeviceName = DefaultOathDeviceName,
            Issuer = profile.GetString("issuer") ?? "",
            ProtectedSecret = protectedSecret,
            CreatedAt = context.Time.GetUtcNow(),
            OathAlgorithm = profile.GetString("algorithm") ?? "TOTP",
            HashAlgorithm = profile.GetString("hashAlgorithm") ?? "SHA1",
            Digits = (int)(profile.GetInt64("digits") ?? 6),
            Period = (int)(profile.GetInt64("period") ?? 30),
            Counter = 0,
            LastAcceptedTimeStep = -1,
        };
    }

    /// <summary>
    /// The OATH settings in the shape a Combined registration URI needs (the device is rebuilt from shared state, so
    /// the QR code stays the same on every poll).
    /// </summary>
    internal OathRegistrationParameters OathParameters(MfaRegistrationSettings settings, RegistrationAccount account, MfaDevice device) => new()
    {
        Issuer = account.Issuer,
        AccountName = account.AccountName,
        Kind = device.OathAlgorithm == "HOTP" ? OathKind.Hotp : OathKind.Totp,
        Secret = protector.Unprotect(device.ProtectedSecret),
        Digits = device.Digits,
        PeriodSeconds = device.Period,
        Counter = device.Counter,
        Algorithm = device.HashAlgorithm switch { "SHA256" => OathHashAlgorithm.Sha256, "SHA512" => OathHashAlgorithm.Sha512, _ => OathHashAlgorithm.Sha1 },
        BackgroundColour = BackgroundColour(settings),
        ImageUrl = ImageUrl(settings),
        UserId = account.Username,
        DeviceId = device.Uuid,
    };

    // ---- Completion

    /// <summary>
    /// Saves the registered devices, makes their methods not skippable and, with <c>generateRecoveryCodes</c>, issues one
    /// new set of codes for all of them (stored hashed) and passes the plain codes on in transient state.
    /// </summary>
    internal async Task CompleteAsync(NodeContext context, MfaRegistrationSettings settings, string username, params MfaDevice[] registered)
    {
        foreach (var device in registered)
        {
            await devices.AddAsync(device, context.CancellationToken);
            await identities.SetSkipAsync(username, device.Kind == DeviceKind.Push ? MfaMethod.Push : MfaMethod.Oath,
                MfaSkipState.NotSkippable, context.CancellationToken);
        }
        if (settings.GenerateRecoveryCodes)
        {
            var codes = RecoveryCodes.Generate();
            await recoveryCodes.ReplaceAsync(
                username, registered.Select(d => d.Kind).Distinct().ToList(), RecoveryCodes.HashAll(codes), context.CancellationToken);
            MfaNodeSupport.PassRecoveryCodes(context, codes, registered[0].DeviceName);
        }
    }

    private static string? BackgroundColour(MfaRegistrationSettings settings) =>
        settings.BackgroundColour.Length > 0 ? settings.BackgroundColour : RegistrationUris.DefaultBackgroundColour;

    private static string? ImageUrl(MfaRegistrationSettings settings) => settings.ImageUrl.Length > 0 ? settings.ImageUrl : null;
}

internal sealed record RegistrationAccount(string Username, string Issuer, string AccountName);

internal abstract record PushPoll
{
    private PushPoll()
    {
    }

    public sealed record Registered(MfaDevice Device) : PushPoll;
    public sealed record Waiting(PushRegistrationParameters Parameters) : PushPoll;
    public sealed record TimedOut : PushPoll;
    public sealed record Failed(string Reason) : PushPoll;
}
