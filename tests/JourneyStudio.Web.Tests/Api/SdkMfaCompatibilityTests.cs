using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Push;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>
/// The ForgeRock JavaScript SDK 4.9.1 (tests/sdk-client/mfa.mjs, run by Node) walks the shipped MFA registration
/// journeys against the real server and reports what its MFA helpers see (am-protocol 1.6): FRQRCode on the QR step,
/// FRRecoveryCodes on the recovery-code step. The device registers over the public push endpoint meanwhile.
/// </summary>
public sealed class SdkMfaCompatibilityTests(ApiServerFixture fixture, ITestOutputHelper output) : IClassFixture<ApiServerFixture>
{
    private const string ScanMessage = "Scan the QR code image below with the ForgeRock Authenticator app to register your device with your login.";
    private const string Password = "Sdk-mfa-password-1";

    // Callback types per step, as the SDK names them.
    private const string SignInStep = "NameCallback,PasswordCallback";
    private const string GetAppStep = "TextOutputCallback,ConfirmationCallback";
    private const string QrStep = "TextOutputCallback,TextOutputCallback,HiddenValueCallback,PollingWaitCallback";
    private const string RecoveryCodesStep = "TextOutputCallback";

    [Fact]
    public async Task Sdk_LoginWithPushMfa_FRQRCodeReadsPushUri_FRRecoveryCodesReadsTheTenIssuedCodes()
    {
        var username = await NewUserAsync("sdkpush");

        var (qr, result) = await RunSdkAsync("Login with Push MFA", username);

        Assert.True(qr["isQRCodeStep"]!.GetValue<bool>());
        var data = qr["qrCodeData"]!;
        Assert.Equal("push", data["use"]!.GetValue<string>());
        Assert.Equal(ScanMessage, data["message"]!.GetValue<string>());
        var uri = data["uri"]!.GetValue<string>();
        Assert.StartsWith($"pushauth://push/Ping:{username}?", uri);
        Assert.Equal(uri, qr["hiddenValue"]!["value"]!.GetValue<string>());
        Assert.Equal(fixture.Server.BaseAddress + "json/realms/root/realms/alpha/push/sns/message?_action=register",
            Assert.IsType<ParsedRegistrationUri.Push>(RegistrationUris.Parse(uri)).Parameters.RegistrationEndpoint);

        Assert.Equal("Step", result["type"]!.GetValue<string>());
        Assert.Equal("Test phone", result["recoveryCodes"]!["deviceName"]!.GetValue<string>());
        await AssertCodesAreTheIssuedOnesAsync(username, Codes(result), DeviceKind.Push);

        // After the codes the journey sends a number-challenge push and waits (Push Wait, am-protocol 1.6).
        Assert.Equal([SignInStep, GetAppStep, QrStep, RecoveryCodesStep, "PollingWaitCallback,HiddenValueCallback,ConfirmationCallback"],
            StepCallbacks(result));
        Assert.Equal(["pushChallengeNumber"], Steps(result)[^1]["hiddenValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        AssertOnlyTheExpectedStepsAreRecognised(result, qrStepRecognised: true);
    }

    [Fact]
    public async Task Sdk_CombinedMfa_FRQRCodeDoesNotKnowMfauth_ButTheUriIsInTheHiddenValue_AndFRRecoveryCodesReadsTheCodes()
    {
        var username = await NewUserAsync("sdkcombined");

        var (qr, result) = await RunSdkAsync("CombinedMFA", username);

        // SDK 4.9.1 only looks for "otpauth://" or "pushauth://" in a HiddenValueCallback, so AM's Combined MFA QR step
        // (mfauth://) is not a QR step to it, and getQRCodeData falls back to use "push" with an empty URI. Clients
        // read the URI from the HiddenValueCallback "mfaDeviceRegistration" instead, as AM sends it.
        Assert.False(qr["isQRCodeStep"]!.GetValue<bool>());
        var data = qr["qrCodeData"]!;
        Assert.Equal("push", data["use"]!.GetValue<string>());
        Assert.Equal("", data["uri"]!.GetValue<string>());
        Assert.Equal(ScanMessage, data["message"]!.GetValue<string>());
        Assert.Equal("mfaDeviceRegistration", qr["hiddenValue"]!["id"]!.GetValue<string>());
        var uri = qr["hiddenValue"]!["value"]!.GetValue<string>();
        Assert.StartsWith($"mfauth://totp/ForgeRock:{username}?", uri);
        var combined = Assert.IsType<ParsedRegistrationUri.Combined>(RegistrationUris.Parse(uri)).Parameters;
        Assert.Equal(6, combined.Oath.Digits);

        Assert.Equal("Step", result["type"]!.GetValue<string>());
        // One set of codes for both devices; the device name is the push device's.
        Assert.Equal("Test phone", result["recoveryCodes"]!["deviceName"]!.GetValue<string>());
        await AssertCodesAreTheIssuedOnesAsync(username, Codes(result), DeviceKind.Push);
        Assert.Equal(0, await fixture.Server.Services.GetRequiredService<RecoveryCodeStore>().CountAsync(username, DeviceKind.Oath));

        Assert.Equal([SignInStep, QrStep, RecoveryCodesStep, "PollingWaitCallback,ConfirmationCallback"], StepCallbacks(result));
        AssertOnlyTheExpectedStepsAreRecognised(result, qrStepRecognised: false);
    }

    /// <summary>Each code the SDK scraped is one the server issued (consuming it), and together they are all of them.</summary>
    private async Task AssertCodesAreTheIssuedOnesAsync(string username, IReadOnlyList<string> codes, DeviceKind kind)
    {
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[0-9A-Za-z]{10}$", code));
        var store = fixture.Server.Services.GetRequiredService<RecoveryCodeStore>();
        Assert.Equal(10, await store.CountAsync(username, kind));
        foreach (var code in codes)
            Assert.True(await store.TryConsumeAsync(username, kind, hash => RecoveryCodes.TryConsume([hash], code) is not null), $"code {code} was not issued");
        Assert.Equal(0, await store.CountAsync(username, kind));
    }

    private static void AssertOnlyTheExpectedStepsAreRecognised(JsonObject result, bool qrStepRecognised)
    {
        foreach (var step in Steps(result))
        {
            var callbacks = string.Join(",", step["callbacks"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal(qrStepRecognised && callbacks == QrStep, step["isQRCodeStep"]!.GetValue<bool>());
            Assert.Equal(callbacks == RecoveryCodesStep, step["isRecoveryCodesStep"]!.GetValue<bool>());
            Assert.Equal("None", step["webAuthnStepType"]!.GetValue<string>());
        }
    }

    private static IReadOnlyList<JsonNode> Steps(JsonObject result) => result["steps"]!.AsArray().Select(s => s!).ToList();

    private static IReadOnlyList<string> StepCallbacks(JsonObject result) =>
        Steps(result).Select(s => string.Join(",", s["callbacks"]!.AsArray().Select(c => c!.GetValue<string>()))).ToList();

    private static IReadOnlyList<string> Codes(JsonObject result) =>
        result["recoveryCodes"]!["codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

    private async Task<string> NewUserAsync(string prefix)
    {
        var username = prefix + Guid.NewGuid().ToString("N")[..8];
        var created = await fixture.Server.Services.GetRequiredService<IdentityStore>().CreateAsync(new NewIdentity(username, Password));
        Assert.IsType<IdentityResult.Done>(created);
        return username;
    }

    /// <summary>
    /// Runs mfa.mjs on a shipped journey; when it reports the QR step, registers a device from the URI in the
    /// step's HiddenValueCallback through the public push endpoint (what the app does after scanning), then lets it go on.
    /// </summary>
    private async Task<(JsonObject Qr, JsonObject Result)> RunSdkAsync(string tree, string username)
    {
        var input = new JsonObject
        {
            ["baseUrl"] = fixture.Server.BaseAddress.ToString(),
            ["realm"] = "alpha",
            ["tree"] = tree,
            ["username"] = username,
            ["password"] = Password,
        };
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = SdkClientFolder.Find(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("mfa.mjs");
        start.ArgumentList.Add(input.ToJsonString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var lines = new List<string>();
        JsonObject? qr = null;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                output.WriteLine(line);
                if (!line.StartsWith('{')) continue;
                var message = JsonNode.Parse(line)!.AsObject();
                switch (message["event"]?.GetValue<string>())
                {
                    case "qr":
                        qr = message;
                        await RegisterDeviceAsync(message["hiddenValue"]!["value"]!.GetValue<string>());
                        await process.StandardInput.WriteLineAsync("registered");
                        await process.StandardInput.FlushAsync();
                        break;
                    case "result":
                        Assert.True(message["type"]!.GetValue<string>() != "Error", $"The SDK client failed: {message["message"]}");
                        return (qr ?? throw new InvalidOperationException($"The SDK client never reached the QR step: {line}"), message);
                }
            }
            throw new InvalidOperationException($"The SDK client ended without a result. stdout: {string.Join('\n', lines)} stderr: {await stderr}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private async Task RegisterDeviceAsync(string uri)
    {
        var push = RegistrationUris.Parse(uri) switch
        {
            ParsedRegistrationUri.Push p => p.Parameters,
            ParsedRegistrationUri.Combined c => c.Parameters.Push,
            var other => throw new InvalidOperationException($"Not a push registration URI: {other}"),
        };
        var phone = new PushTestDevice(push.SharedSecret);
        using var http = fixture.Server.CreateClient();
        var reply = await new DeviceHttpClient(http).PostRawAsync(push.RegistrationEndpoint,
            JsonSerializer.Serialize(new { messageId = push.MessageId, jwt = phone.RegistrationJwt(Convert.ToBase64String(push.Challenge)) }));
        Assert.True(reply.Status == 200, $"Registration answered {reply.Status}: {reply.Body?.ToJsonString()}");
    }
}
