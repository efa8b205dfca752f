using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Nodes.Mfa;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.JourneyTests;

/// <summary>Finds the journeys a journey under test runs inside Inner Tree Evaluators (their live revisions).</summary>
public delegate ValueTask<ResolvedJourney?> OtherJourneyLookup(string name, CancellationToken cancellationToken);

/// <summary>
/// Runs a journey revision's scenarios (<see cref="JourneyTestFormat"/>) in its <see cref="JourneyTestSandbox"/>, one at a
/// time and each in an emptied sandbox: it creates the test user, answers every step as the scenario says (driving the
/// virtual device for device actions) and compares where the journey went with what the scenario expects.
/// </summary>
/// <remarks>
/// One sandbox per runner (a singleton in the host): building the engine's services and the database costs about a
/// second, emptying it a few milliseconds. The gate keeps scenarios of concurrent runs from seeing each other's data.
/// </remarks>
public sealed partial class JourneyTestRunner(NodeCatalog catalog, IConfiguration? configuration = null, IScriptSource? scripts = null)
    : IAsyncDisposable
{
    /// <summary>A journey that keeps asking beyond this many steps is looping; the scenario fails instead of running on.</summary>
    public const int MaxSteps = 100;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SandboxJourneyResolver _journeys = new();
    private JourneyTestSandbox? _sandbox;

    public async Task<JourneyTestRun> RunAsync(ResolvedJourney journey, OtherJourneyLookup? otherJourneys = null,
        CancellationToken cancellationToken = default)
    {
        JourneyTestSuite suite;
        try
        {
            suite = JourneyTestFormat.Read(journey.Journey);
        }
        catch (JourneyFormatException e)
        {
            return new JourneyTestRun
            {
                JourneyName = journey.Journey.Name, Revision = journey.Revision,
                Problems = e.Errors.Select(error => error.ToString()).ToList(),
            };
        }
        var results = new List<JourneyTestScenarioResult>();
        foreach (var scenario in suite.Scenarios)
            results.Add(await RunScenarioAsync(journey, scenario, otherJourneys, cancellationToken));
        return new JourneyTestRun { JourneyName = journey.Journey.Name, Revision = journey.Revision, Scenarios = results };
    }

    public async Task<JourneyTestScenarioResult> RunScenarioAsync(ResolvedJourney journey, JourneyTestScenario scenario,
        OtherJourneyLookup? otherJourneys = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _sandbox ??= await JourneyTestSandbox.StartAsync(_journeys, scripts, configuration, catalog, cancellationToken);
            await _sandbox.ResetAsync(cancellationToken);
            _journeys.Use(journey, otherJourneys);
            return await new ScenarioRun(_sandbox, journey, scenario, cancellationToken).RunAsync();
        }
        finally
        {
            _journeys.Use(null, null);
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_sandbox is not null) await _sandbox.DisposeAsync();
            _sandbox = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The journey under test at its revision, and the lookup of the journeys it runs inside.</summary>
    private sealed class SandboxJourneyResolver : IJourneyResolver
    {
        private ResolvedJourney? _underTest;
        private OtherJourneyLookup? _others;

        public void Use(ResolvedJourney? underTest, OtherJourneyLookup? others)
        {
            _underTest = underTest;
            _others = others;
        }

        public ValueTask<ResolvedJourney?> ResolveAsync(string name, int? revision, CancellationToken cancellationToken)
        {
            if (_underTest is { } underTest && string.Equals(name, underTest.Journey.Name, StringComparison.Ordinal))
                return ValueTask.FromResult<ResolvedJourney?>(revision is null || revision == underTest.Revision ? underTest : null);
            return _others is null ? ValueTask.FromResult<ResolvedJourney?>(null) : _others(name, cancellationToken);
        }
    }

    /// <summary>The scenario's authenticator: the secrets it learnt by registration (or had from the start) and the codes it was shown.</summary>
    private sealed class VirtualDevice
    {
        public Dictionary<string, byte[]> PushSecrets { get; } = new(StringComparer.Ordinal);

        public (byte[] Secret, OathCodeSettings Settings, OathKind Kind, long Counter)? Oath { get; set; }

        public Queue<string> RecoveryCodes { get; } = new();

        public HashSet<string> AnsweredPushes { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Divergence(string reason) : Exception(reason);

    private sealed partial class ScenarioRun(JourneyTestSandbox sandbox, ResolvedJourney journey, JourneyTestScenario scenario, CancellationToken cancellationToken)
    {
        private readonly VirtualDevice _device = new();
        private readonly JourneyRequestInfo _request = new()
        {
            BaseUrl = JourneyTestSandbox.BaseUrl,
            RemoteIpAddress = "192.0.2.1", // TEST-NET-1: never a real client
            UserAgent = "JourneyStudio journey test",
        };

        private IServiceProvider Services => sandbox.Services;

        public async Task<JourneyTestScenarioResult> RunAsync()
        {
            if (await CreateUserAsync() is { } refusal)
                return new JourneyTestScenarioResult { Name = scenario.Name, Passed = false, End = JourneyTestEnd.NotRun, Reason = refusal };

            await using var scope = Services.CreateAsyncScope();
            var engine = scope.ServiceProvider.GetRequiredService<JourneyEngine>();
            var result = await engine.StartAsync(journey, "alpha", _request, cancellationToken);
            var stepNumber = 0;
            while (true)
            {
                var path = Path(result);
                if (scenario.Expect.End == JourneyTestEndKind.Node && path.Any(p => p.NodeId == scenario.Expect.NodeId))
                    return Passed(result, path, stepNumber);

                if (result is JourneySuccess or JourneyFailure)
                    return Ended(result, path, stepNumber);

                var step = (JourneyStep)result;
                stepNumber++;
                if (stepNumber > MaxSteps)
                    return Diverged(result, path, stepNumber, $"The journey was still asking after {MaxSteps} steps; it seems to loop.");
                RememberRecoveryCodes(step);
                if (stepNumber > scenario.Steps.Count)
                    return Diverged(result, path, stepNumber,
                        $"The journey asks for more at step {stepNumber} ({Describe(step)}), but the scenario has only {scenario.Steps.Count} answer(s)"
                        + (scenario.Expect.End == JourneyTestEndKind.Node ? $" and the node {NodeName(scenario.Expect.NodeId!)} was not reached." : "."));

                IReadOnlyList<Callback> submitted;
                try
                {
                    submitted = await AnswerAsync(step, scenario.Steps[stepNumber - 1]);
                }
                catch (Divergence d)
                {
                    return Diverged(result, path, stepNumber, $"At step {stepNumber} ({Describe(step)}): {d.Message}");
                }
                // Through JSON, as a store keeps a sign-on between requests.
                var state = JourneySessionState.FromJson(step.State.ToJson());
                result = await engine.ContinueAsync(state, submitted, _request, cancellationToken);
            }
        }

        private async Task<string?> CreateUserAsync()
        {
            var user = scenario.User;
            var identities = Services.GetRequiredService<IdentityStore>();
            string Attribute(string name) => user.Attributes.TryGetValue(name, out var value) ? value : "";
            var created = await identities.CreateAsync(
                new NewIdentity(user.Username, user.Password, Attribute("givenName"), Attribute("sn"), Attribute("mail")), cancellationToken);
            if (created is not IdentityResult.Done)
                return $"The test user '{user.Username}' cannot be created: {Describe(created)}";

            var protector = Services.GetRequiredService<SecretProtector>();
            var devices = Services.GetRequiredService<DeviceStore>();
            var now = sandbox.Clock.GetUtcNow();
            foreach (var kind in user.Devices)
            {
                if (kind == JourneyTestDeviceKind.Push)
                {
                    var secret = PushChallenge.NewSecret();
                    var token = Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                    var mechanism = Guid.NewGuid().ToString();
                    _device.PushSecrets[mechanism] = secret;
                    await devices.AddAsync(new MfaDevice
                    {
                        Username = user.Username, Kind = DeviceKind.Push, Uuid = Guid.NewGuid().ToString(), DeviceName = "Sandbox phone",
                        Issuer = "JourneyStudio", ProtectedSecret = protector.Protect(secret), CreatedAt = now,
                        CommunicationId = SandboxPushTransport.CommunicationIdPrefix + token, CommunicationType = PushCommunicationTypes.Gcm,
                        DeviceType = "android", DeviceToken = token, MechanismUid = mechanism,
                    }, cancellationToken);
                    await identities.SetSkipAsync(user.Username, MfaMethod.Push, MfaSkipState.NotSkippable, cancellationToken);
                }
                else
                {
                    var secret = OathCodes.NewSecret();
                    _device.Oath = (secret, OathCodeSettings.Default, OathKind.Totp, 0);
                    await devices.AddAsync(new MfaDevice
                    {
                        Username = user.Username, Kind = DeviceKind.Oath, Uuid = Guid.NewGuid().ToString(), DeviceName = "Sandbox authenticator",
                        Issuer = "JourneyStudio", ProtectedSecret = protector.Protect(secret), CreatedAt = now,
                        OathAlgorithm = "TOTP", HashAlgorithm = "SHA1", Digits = 6, Period = 30,
                    }, cancellationToken);
                    await identities.SetSkipAsync(user.Username, MfaMethod.Oath, MfaSkipState.NotSkippable, cancellationToken);
                }
            }
            if (user.Devices.Count > 0)
            {
                var codes = Mfa.RecoveryCodes.Generate();
                await Services.GetRequiredService<RecoveryCodeStore>().ReplaceAsync(user.Username,
                    user.Devices.Select(d => d == JourneyTestDeviceKind.Push ? DeviceKind.Push : DeviceKind.Oath).ToList(),
                    Mfa.RecoveryCodes.HashAll(codes), cancellationToken);
                foreach (var code in codes) _device.RecoveryCodes.Enqueue(code);
            }
            return null;
        }

        private async Task<IReadOnlyList<Callback>> AnswerAsync(JourneyStep step, JourneyTestStep answer)
        {
            var body = JsonNode.Parse(StepSerializer.Serialize("sandbox", step.Callbacks, step.Header, step.Description, step.Stage))!;
            var callbacks = body["callbacks"]!.AsArray();
            var filled = new HashSet<int>();

            foreach (var value in answer.Values)
            {
                var index = FindCallback(step, value);
                SetInput(callbacks, index, JsonNode.Parse(value.Value.GetRawText()));
                filled.Add(index);
            }
            if (answer.Choice is { } choice)
            {
                var (index, option) = FindChoice(step, choice);
                SetInput(callbacks, index, JsonValue.Create(option));
                filled.Add(index);
            }
            if (answer.Device is { } action)
                await ActAsync(step, action, callbacks, filled);

            // A client waits out a polling step before it submits it again.
            foreach (var polling in step.Callbacks.Where(c => c.Type == Callback.PollingWaitType))
                if (long.TryParse(polling.GetOutputString("waitTime"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
                    sandbox.Clock.Advance(TimeSpan.FromMilliseconds(ms));

            var parsed = StepSerializer.Parse(body.ToJsonString(), step.State.PendingCallbacks);
            if (!parsed.Succeeded) throw new Divergence($"the answer is not one the step accepts: {parsed.Error?.Message}");
            return parsed.Callbacks!;
        }

        private async Task ActAsync(JourneyStep step, JourneyTestDeviceAction action, JsonArray callbacks, HashSet<int> filled)
        {
            switch (action)
            {
                case JourneyTestDeviceAction.ApprovePush:
                case JourneyTestDeviceAction.ApprovePushWrongNumber:
                case JourneyTestDeviceAction.DenyPush:
                    await AnswerPushAsync(step, action);
                    break;
                case JourneyTestDeviceAction.ExpirePush:
                {
                    var (delivery, _, _) = LatestPush();
                    var message = await Services.GetRequiredService<PushMessageStore>().FindAsync(delivery.MessageId, cancellationToken);
                    var expiresAt = message?.ExpiresAt ?? sandbox.Clock.GetUtcNow();
                    sandbox.Clock.Advance(expiresAt - sandbox.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
                    _device.AnsweredPushes.Add(delivery.MessageId);
                    break;
                }
                case JourneyTestDeviceAction.EnterOneTimeCode:
                {
                    if (_device.Oath is not { } oath)
                        throw new Divergence("the user has no OATH device (register one first, or give the test user \"devices\": [\"oath\"]).");
                    var code = oath.Kind == OathKind.Hotp
                        ? OathCodes.GenerateHotp(oath.Secret, oath.Counter, oath.Settings)
                        : OathCodes.GenerateTotp(oath.Secret, sandbox.Clock.GetUtcNow(), oath.Settings);
                    if (oath.Kind == OathKind.Hotp) _device.Oath = oath with { Counter = oath.Counter + 1 };
                    FillCodeField(step, callbacks, filled, code, "one-time code");
                    break;
                }
                case JourneyTestDeviceAction.UseRecoveryCode:
                    if (!_device.RecoveryCodes.TryDequeue(out var recovery))
                        throw new Divergence("the user has no unused recovery code (none was shown, and the test user has no devices).");
                    FillCodeField(step, callbacks, filled, recovery, "recovery code");
                    break;
                case JourneyTestDeviceAction.RegisterDevice:
                    await RegisterAsync(step);
                    break;
            }
        }

        private (PushDelivery Delivery, byte[] Secret, JsonObject Claims) LatestPush()
        {
            var delivery = sandbox.Push.Deliveries.LastOrDefault(d => !_device.AnsweredPushes.Contains(d.MessageId))
                ?? throw new Divergence("no push notification reached the user's device.");
            foreach (var secret in _device.PushSecrets.Values)
                if (Hs256Jwt.Verify(delivery.Jwt, secret) is JwtVerification.Valid valid)
                    return (delivery, secret, valid.Claims);
            throw new Divergence("the push went to a device the test user does not hold.");
        }

        private async Task AnswerPushAsync(JourneyStep step, JourneyTestDeviceAction action)
        {
            var (delivery, secret, claims) = LatestPush();
            var challenge = claims["c"]?.GetValue<string>() ?? throw new Divergence("the push carries no challenge.");
            var answer = new JsonObject { ["response"] = PushChallenge.ComputeResponse(secret, challenge) };
            var choices = claims["n"]?.GetValue<string>() is { Length: > 0 } numbers ? NumberChallenge.ParseChoicesClaim(numbers) : [];
            if (action == JourneyTestDeviceAction.DenyPush) answer["deny"] = true;
            else if (choices.Count > 0)
            {
                // The number the sign-on page shows the user.
                var shown = step.State.SharedState[MfaStateKeys.PushNumberChallenge]?.GetValue<string>();
                var picked = action == JourneyTestDeviceAction.ApprovePush
                    ? shown ?? throw new Divergence("the push asks for a number, but the sign-on page shows none.")
                    : choices.Select(n => n.ToString(CultureInfo.InvariantCulture)).First(n => n != shown);
                answer["challengeResponse"] = picked;
            }
            else if (action == JourneyTestDeviceAction.ApprovePushWrongNumber)
                throw new Divergence("the push asks for no number, so no wrong number can be picked (push type is not CHALLENGE).");

            _device.AnsweredPushes.Add(delivery.MessageId);
            var responder = Services.GetRequiredService<PushMessageResponder>();
            var result = await responder.AuthenticateAsync(delivery.MessageId, Hs256Jwt.Create(answer, secret), cancellationToken);
            if (result is PushResponseResult.Rejected rejected)
                throw new Divergence($"the studio refused the device's answer: {rejected.Message}");
        }

        private async Task RegisterAsync(JourneyStep step)
        {
            var uri = step.Callbacks
                .Where(c => c.Type == Callback.HiddenValueType && c.GetOutputString("id") == MfaRegistrar.RegistrationHiddenValueId)
                .Select(c => c.GetOutputString("value"))
                .FirstOrDefault(v => !string.IsNullOrEmpty(v))
                ?? throw new Divergence("the step shows no registration QR code.");
            if (!RegistrationUris.TryParse(uri, out var parsed, out var problem))
                throw new Divergence($"the QR code cannot be read by an authenticator: {problem}");
            switch (parsed)
            {
                case ParsedRegistrationUri.Push push:
                    await RegisterPushAsync(push.Parameters);
                    break;
                case ParsedRegistrationUri.Oath oath:
                    LearnOath(oath.Parameters);
                    break;
                case ParsedRegistrationUri.Combined combined:
                    LearnOath(combined.Parameters.Oath);
                    await RegisterPushAsync(combined.Parameters.Push);
                    break;
            }
        }

        private void LearnOath(OathRegistrationParameters oath) =>
            _device.Oath = (oath.Secret, new OathCodeSettings { Algorithm = oath.Algorithm, Digits = oath.Digits, PeriodSeconds = oath.PeriodSeconds },
                oath.Kind, oath.Counter);

        private async Task RegisterPushAsync(PushRegistrationParameters push)
        {
            var mechanism = Guid.NewGuid().ToString();
            _device.PushSecrets[mechanism] = push.SharedSecret;
            var jwt = Hs256Jwt.Create(new JsonObject
            {
                ["deviceId"] = Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                ["deviceName"] = "Sandbox phone",
                ["deviceType"] = "android",
                ["communicationType"] = PushCommunicationTypes.Gcm,
                ["mechanismUid"] = mechanism,
                ["response"] = PushChallenge.ComputeResponse(push.SharedSecret, push.Challenge),
            }, push.SharedSecret);
            var result = await Services.GetRequiredService<PushMessageResponder>().RegisterAsync(push.MessageId, jwt, cancellationToken);
            if (result is PushResponseResult.Rejected rejected)
                throw new Divergence($"the studio refused the device's registration: {rejected.Message}");
        }

        private void RememberRecoveryCodes(JourneyStep step)
        {
            foreach (var callback in step.Callbacks.Where(c => c.Type == Callback.TextOutputType))
                if (callback.GetOutputString("message") is { } message && message.Contains("ecovery", StringComparison.Ordinal))
                {
                    var codes = RecoveryCodePattern().Matches(message).Select(m => m.Groups[1].Value).Where(Mfa.RecoveryCodes.IsWellFormed).ToList();
                    if (codes.Count == 0) continue;
                    _device.RecoveryCodes.Clear();
                    foreach (var code in codes) _device.RecoveryCodes.Enqueue(code);
                }
        }

        // The JS SDK's way of reading the codes out of the display script.
        [GeneratedRegex("\\s[\\w\\W]\"([\\w]*)\\\\")]
        private static partial Regex RecoveryCodePattern();

        private static void FillCodeField(JourneyStep step, JsonArray callbacks, HashSet<int> filled, string code, string what)
        {
            for (var i = 0; i < step.Callbacks.Count; i++)
                if (step.Callbacks[i].Type is Callback.NameType or Callback.PasswordType && !filled.Contains(i))
                {
                    SetInput(callbacks, i, JsonValue.Create(code));
                    filled.Add(i);
                    return;
                }
            throw new Divergence($"the step has no field to type the {what} into.");
        }

        private static int FindCallback(JourneyStep step, JourneyTestValue value)
        {
            var candidates = step.Callbacks.Select((c, i) => (Callback: c, Index: i))
                .Where(c => string.Equals(c.Callback.Type, value.Callback, StringComparison.OrdinalIgnoreCase)
                            && (value.Prompt is null || string.Equals(c.Callback.GetOutputString("prompt"), value.Prompt, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (value.Index < candidates.Count) return candidates[value.Index].Index;
            var what = value.Prompt is null ? value.Callback : $"{value.Callback} \"{value.Prompt}\"";
            throw new Divergence(candidates.Count == 0
                ? $"the scenario answers {what}, which the step does not have."
                : $"the scenario answers {what} number {value.Index + 1}, but the step has {candidates.Count}.");
        }

        private static (int Index, int Option) FindChoice(JourneyStep step, string choice)
        {
            for (var i = 0; i < step.Callbacks.Count; i++)
            {
                var callback = step.Callbacks[i];
                var options = callback.Type switch
                {
                    Callback.ChoiceType => callback.GetOutput("choices"),
                    Callback.ConfirmationType => callback.GetOutput("options"),
                    _ => null,
                };
                if (options is not { ValueKind: JsonValueKind.Array } list) continue;
                var labels = list.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.String ? o.GetString() : o.ToString()).ToList();
                var found = labels.FindIndex(l => string.Equals(l, choice, StringComparison.OrdinalIgnoreCase));
                if (found < 0 && int.TryParse(choice, NumberStyles.None, CultureInfo.InvariantCulture, out var byIndex) && byIndex < labels.Count) found = byIndex;
                if (found >= 0) return (i, found);
            }
            throw new Divergence($"the scenario picks \"{choice}\", but no choice on the step offers it.");
        }

        private static void SetInput(JsonArray callbacks, int index, JsonNode? value)
        {
            var inputs = callbacks[index]!["input"]?.AsArray();
            if (inputs is null || inputs.Count == 0) throw new Divergence($"callback {index + 1} of the step takes no input.");
            inputs[0]!["value"] = value;
        }

        private static string Describe(IdentityResult result) => result switch
        {
            IdentityResult.Invalid invalid => invalid.Message,
            IdentityResult.UsernameTaken => "the username is taken",
            _ => result.ToString(),
        };

        private string Describe(JourneyStep step) =>
            $"node {NodeName(step.State.InnerJourneys.LastOrDefault()?.CurrentNodeId ?? step.State.CurrentNodeId)}: "
            + string.Join(", ", step.Callbacks.Select(c => c.Type));

        private string NodeName(string nodeId) => nodeId switch
        {
            StaticNodeIds.Success => "Success",
            StaticNodeIds.Failure => "Failure",
            _ => journey.Journey.FindNode(nodeId) is { } node
                ? $"'{(node.DisplayName.Length > 0 ? node.DisplayName : node.NodeType)}'"
                : $"'{nodeId}'",
        };

        private static List<JourneyTestPathEntry> Path(JourneyRunResult result) =>
            result.State.VisitedPath.Select(v => new JourneyTestPathEntry(v.JourneyName, v.NodeId, v.Outcome)).ToList();

        private JourneyTestScenarioResult Passed(JourneyRunResult result, List<JourneyTestPathEntry> path, int steps) => new()
        {
            Name = scenario.Name, Passed = true, End = EndOf(result), Path = path, Steps = steps,
        };

        private JourneyTestScenarioResult Diverged(JourneyRunResult result, List<JourneyTestPathEntry> path, int step, string reason) => new()
        {
            Name = scenario.Name, Passed = false, End = EndOf(result), Path = path, Steps = Math.Min(step, MaxSteps),
            DivergedAtStep = step, DivergedAtNodeId = result.State.CurrentNodeId, Reason = reason,
        };

        private JourneyTestScenarioResult Ended(JourneyRunResult result, List<JourneyTestPathEntry> path, int steps)
        {
            var succeeded = result is JourneySuccess;
            var expected = scenario.Expect.End;
            var last = path.LastOrDefault();
            var how = last is null ? "" : $" after {NodeName(last.NodeId)} took '{last.Outcome}'";
            string? reason = null;
            if (expected == JourneyTestEndKind.Node)
                reason = $"The journey ended in {(succeeded ? "Success" : "Failure")}{how} without reaching the node {NodeName(scenario.Expect.NodeId!)}.";
            else if (succeeded != (expected == JourneyTestEndKind.Success))
                reason = $"Expected {(expected == JourneyTestEndKind.Success ? "Success" : "Failure")}, but the journey ended in {(succeeded ? "Success" : "Failure")}{how}"
                         + (result is JourneyFailure failure && !IsPlainFailure(failure) ? $" ({failure.Reason})." : ".");
            else if (steps < scenario.Steps.Count)
                reason = $"The journey ended in {(succeeded ? "Success" : "Failure")}{how} after {steps} step(s), but the scenario has {scenario.Steps.Count} answer(s).";
            if (reason is null) return Passed(result, path, steps);
            return new JourneyTestScenarioResult
            {
                Name = scenario.Name, Passed = false, End = EndOf(result), Path = path, Steps = steps,
                DivergedAtStep = Math.Max(steps, 1), DivergedAtNodeId = last?.NodeId ?? result.State.CurrentNodeId, Reason = reason,
            };
        }

        private static bool IsPlainFailure(JourneyFailure failure) => failure.State.CurrentNodeId == StaticNodeIds.Failure;

        private static JourneyTestEnd EndOf(JourneyRunResult result) => result switch
        {
            JourneySuccess => JourneyTestEnd.Success,
            JourneyFailure => JourneyTestEnd.Failure,
            _ => JourneyTestEnd.Step,
        };
    }
}
