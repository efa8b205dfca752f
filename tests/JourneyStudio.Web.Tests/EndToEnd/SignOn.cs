using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JourneyStudio.Web.Tests.Api;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// One browser-like sign-on through a journey over HTTP, driven step by step by callback type the way the
/// ForgeRock JS SDK does it: start with an empty body, then post back each step with its inputs filled.
/// Each instance has its own cookie jar, so a new instance is a new browser.
/// </summary>
public sealed partial class SignOn : IDisposable
{
    private readonly AmClient _client;

    public SignOn(EndToEndServer host, string? journey) : this(new AmClient(host.Server), journey)
    {
    }

    /// <summary>A sign-on through <paramref name="client"/> (e.g. one of a proxy in front of several studios); disposing ends it.</summary>
    public SignOn(AmClient client, string? journey)
    {
        _client = client;
        Journey = journey;
    }

    /// <summary>The journey named in the URL; null runs the realm default.</summary>
    public string? Journey { get; }

    /// <summary>The last response: a step (200 with authId), a success (200 with tokenId) or a failure (401).</summary>
    public AmResponse Current { get; private set; } = null!;

    public JsonObject Body => Current.Body;

    public bool IsStep => Current.Status == HttpStatusCode.OK && Body["authId"] is not null;

    public IReadOnlyList<string> CallbackTypes =>
        IsStep ? Body["callbacks"]!.AsArray().Select(c => (string)c!["type"]!).ToList() : [];

    public string? SessionCookie => _client.SessionCookie;

    /// <summary>This browser's cookies (e.g. to give it the session of another sign-on).</summary>
    public CookieContainer Cookies => _client.Cookies;

    public async Task<SignOn> StartAsync()
    {
        Current = await _client.StartAsync(Journey);
        return this;
    }

    /// <summary>Resumes a suspended sign-on as the emailed link does (<c>POST .../authenticate?suspendedId=ID</c>).</summary>
    public async Task<SignOn> ResumeAsync(string suspendedId)
    {
        Current = await _client.PostAsync($"{AmClient.AlphaPath}/authenticate?suspendedId={Uri.EscapeDataString(suspendedId)}", "");
        return this;
    }

    /// <summary>Posts the current step back with the given inputs (by callback type, first of that type unless an index is given).</summary>
    public async Task<SignOn> SubmitAsync(params (string Type, object Value)[] inputs)
    {
        var step = (JsonObject)Body.DeepClone();
        foreach (var (type, value) in inputs) FirstInput(step, type)["value"] = JsonValue.Create(value);
        Current = await _client.SubmitAsync(step, Journey);
        return this;
    }

    /// <summary>
    /// Posts the current step back with inputs filled by position: <c>(callback index, input index, value)</c>, for steps with
    /// several callbacks of one type (a registration page).
    /// </summary>
    public async Task<SignOn> SubmitInputsAsync(params (int Callback, int Input, object Value)[] inputs)
    {
        var step = (JsonObject)Body.DeepClone();
        foreach (var (callback, input, value) in inputs)
            step["callbacks"]![callback]!["input"]![input]!["value"] = JsonValue.Create(value);
        Current = await _client.SubmitAsync(step, Journey);
        return this;
    }

    /// <summary>What an SDK does on a PollingWaitCallback once its waitTime is over: post the step back unchanged.</summary>
    public Task<SignOn> PollAsync()
    {
        Assert.Contains("PollingWaitCallback", CallbackTypes);
        return SubmitAsync();
    }

    /// <summary>Answers the username/password page.</summary>
    public Task<SignOn> EnterCredentialsAsync(string username, string password)
    {
        Assert.Equal(["NameCallback", "PasswordCallback"], CallbackTypes);
        return SubmitAsync(("NameCallback", username), ("PasswordCallback", password));
    }

    /// <summary>Presses the ConfirmationCallback option with this label (checking that it is offered).</summary>
    public Task<SignOn> PressAsync(string label)
    {
        var options = Options();
        var index = options.IndexOf(label);
        Assert.True(index >= 0, $"No option '{label}' among [{string.Join(", ", options)}].");
        return SubmitAsync(("ConfirmationCallback", index));
    }

    public List<string> Options() =>
        Output("ConfirmationCallback", "options")!.AsArray().Select(o => (string)o!).ToList();

    public JsonObject Callback(string type, int occurrence = 0)
    {
        var matches = Body["callbacks"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["type"] == type).ToList();
        Assert.True(matches.Count > occurrence, $"The step has no {type} #{occurrence}; it has [{string.Join(", ", CallbackTypes)}].");
        return matches[occurrence];
    }

    public JsonNode? Output(string type, string name, int occurrence = 0) =>
        Callback(type, occurrence)["output"]!.AsArray().FirstOrDefault(o => (string?)o!["name"] == name)?["value"];

    public string? OutputText(string type, string name, int occurrence = 0) => Output(type, name, occurrence)?.ToString();

    /// <summary>The value of the HiddenValueCallback with this id (e.g. <c>mfaDeviceRegistration</c>, <c>pushChallengeNumber</c>).</summary>
    public string? HiddenValue(string id) => Body["callbacks"]!.AsArray()
        .Where(c => (string?)c!["type"] == "HiddenValueCallback")
        .Select(c => c!["output"]!.AsArray())
        .Where(o => o.Any(x => (string?)x!["name"] == "id" && (string?)x["value"] == id))
        .Select(o => (string?)o.First(x => (string?)x!["name"] == "value")!["value"])
        .FirstOrDefault();

    /// <summary>The registration URI of a QR step, read as the SDK's FRQRCode does (hidden value <c>mfaDeviceRegistration</c>).</summary>
    public string ScanQrCode()
    {
        Assert.Equal(["TextOutputCallback", "TextOutputCallback", "HiddenValueCallback", "PollingWaitCallback"], CallbackTypes);
        Assert.Equal("4", OutputText("TextOutputCallback", "messageType", 1));
        Assert.Contains("QRCodeReader.createCode", OutputText("TextOutputCallback", "message", 1));
        return HiddenValue("mfaDeviceRegistration") ?? throw new InvalidOperationException("The QR step has no mfaDeviceRegistration value.");
    }

    /// <summary>The codes of a Recovery Code Display step, scraped like the SDK's FRRecoveryCodes (each <c>"CODE\n" +</c> line).</summary>
    public IReadOnlyList<string> RecoveryCodes()
    {
        var script = OutputText("TextOutputCallback", "message")!;
        Assert.Contains("Recovery Codes", script);
        return RecoveryCodeLine().Matches(script).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>The DeviceProfileCallback answer of the JS SDK: identifier, metadata and (when asked) location.</summary>
    public Task<SignOn> SendDeviceProfileAsync()
    {
        var profile = new JsonObject
        {
            ["identifier"] = "e2e-browser-" + Guid.NewGuid().ToString("N")[..8],
            ["metadata"] = new JsonObject { ["platform"] = new JsonObject { ["deviceName"] = "E2E browser" } },
        };
        if (Output("DeviceProfileCallback", "location")?.GetValue<bool>() == true)
            profile["location"] = new JsonObject { ["latitude"] = 52.37, ["longitude"] = 4.89 };
        return SubmitAsync(("DeviceProfileCallback", profile.ToJsonString()));
    }

    public void AssertSignedOn()
    {
        Assert.True(Current.Status == HttpStatusCode.OK && Body["tokenId"] is not null,
            $"Expected a signed-on 200 with tokenId, got {(int)Current.Status}: {Current.Text}");
        Assert.Equal("/alpha", (string?)Body["realm"]);
        Assert.Equal((string?)Body["tokenId"], SessionCookie);
    }

    public void AssertLoginFailure()
    {
        Assert.True(Current.Status == HttpStatusCode.Unauthorized, $"Expected 401, got {(int)Current.Status}: {Current.Text}");
        Assert.Equal(401, (int?)Body["code"]);
        Assert.Equal("Unauthorized", (string?)Body["reason"]);
        Assert.Null(Body["authId"]);
        Assert.Null(Body["tokenId"]);
        Assert.Null(SessionCookie);
    }

    /// <summary>getSessionInfo with this browser's cookie, as the hosted account page asks it.</summary>
    public Task<AmResponse> GetSessionInfoAsync() => _client.PostAsync($"{AmClient.AlphaPath}/sessions?_action=getSessionInfo", "");

    /// <summary>The profile of <paramref name="username"/> with this browser's cookie, as the hosted account page reads it.</summary>
    public Task<AmResponse> GetProfileAsync(string username) => _client.GetAsync($"{AmClient.AlphaPath}/users/{Uri.EscapeDataString(username)}");

    /// <summary>The signed-on user as the session cookie tells it: getSessionInfo's username, then the profile it may read.</summary>
    public async Task<string> SessionUsernameAsync()
    {
        var info = await GetSessionInfoAsync();
        Assert.Equal(HttpStatusCode.OK, info.Status);
        var username = (string)info.Body["username"]!;
        var profile = await GetProfileAsync(username);
        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Equal(username, (string?)profile.Body["username"]);
        return username;
    }

    private static JsonObject FirstInput(JsonObject step, string type)
    {
        var callback = step["callbacks"]!.AsArray().FirstOrDefault(c => (string?)c!["type"] == type)
                       ?? throw new InvalidOperationException($"The step has no {type}.");
        return callback["input"]?.AsArray().FirstOrDefault()?.AsObject()
               ?? throw new InvalidOperationException($"The {type} has no input.");
    }

    [GeneratedRegex("\"(\\w+)\\\\n\"")]
    private static partial Regex RecoveryCodeLine();

    public void Dispose() => _client.Dispose();
}
