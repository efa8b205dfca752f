using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;
using JourneyStudio.Web.Tests.EndToEnd;

namespace JourneyStudio.Web.Tests.Deployment;

/// <summary>
/// Two studio processes on one PostgreSQL database behind nginx (<see cref="ProxiedStudios"/>), for one test class.
/// The instances run on the real clock (they are separate processes), so the push journey waits one second, not
/// five: at start the shipped "Login with Push MFA" is saved with Push Wait at its minimum through the admin API.
/// </summary>
public sealed class ProxiedDeployment : IAsyncLifetime
{
    public const string PushJourney = "Login with Push MFA";
    public const string Password = EndToEndServer.Password;

    public ProxiedStudios Studios { get; private set; } = null!;

    public StudioInstance A => Studios.A;

    public StudioInstance B => Studios.B;

    public async Task InitializeAsync()
    {
        // Without nginx the tests are skipped outside CI (ReverseProxyFact), so nothing is started; in CI they fail with this.
        if (NginxProxy.Unavailable is { } missing)
        {
            if (NginxProxy.InCi) throw new InvalidOperationException(missing);
            return;
        }
        Studios = await ProxiedStudios.StartAsync();
        await SaveJourneyAsync(PushJourney, export =>
        {
            foreach (var (_, node) in export["nodes"]!.AsObject())
                if ((string?)node!["_type"]!["_id"] == "PushWaitNode") node["secondsToWait"] = 1;
        });
    }

    public async Task DisposeAsync()
    {
        if (Studios is not null) await Studios.DisposeAsync();
    }

    /// <summary>A sign-on through the proxy, with its own cookie jar, recording which instance answered each step.</summary>
    public (SignOn SignOn, ServedByLog Served) SignOnThroughProxy(string journey)
    {
        var served = new ServedByLog();
        return (new SignOn(new AmClient(Studios.BaseAddress, served.Recording(Studios)), journey), served);
    }

    /// <summary>An authenticator app that reaches the studios only through the proxy (the address in the QR code), recording where each request landed.</summary>
    public (AuthenticatorApp App, ServedByLog Served) AppThroughProxy()
    {
        var served = new ServedByLog();
        return (new AuthenticatorApp(Studios.BaseAddress, served.Recording(Studios)), served);
    }

    /// <summary>Creates a user with <see cref="Password"/> through the proxy's admin API.</summary>
    public async Task<string> CreateUserAsync(string prefix)
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        using var http = Studios.CreateClient();
        using var request = ProxiedStudios.AdminRequest(HttpMethod.Post, "identities", new JsonObject
        {
            ["username"] = username, ["password"] = Password, ["givenName"] = "Test", ["sn"] = prefix, ["mail"] = username + "@example.com",
        }.ToJsonString());
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return username;
    }

    /// <summary>
    /// Reads a journey's export through the proxy, changes it and saves it (PUT with If-Match), aimed at
    /// <paramref name="putOn"/> when given; returns the instance that saved it.
    /// </summary>
    public async Task<StudioInstance> SaveJourneyAsync(string name, Action<JsonObject> change, StudioInstance? putOn = null)
    {
        using var http = Studios.CreateClient();
        var path = "journeys/" + Uri.EscapeDataString(name);
        using var read = await http.SendAsync(ProxiedStudios.AdminRequest(HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var export = JsonNode.Parse(await read.Content.ReadAsStringAsync())!.AsObject();
        change(export);
        using var put = ProxiedStudios.AdminRequest(HttpMethod.Put, path, export.ToJsonString());
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        if (putOn is not null) await Studios.AimAtAsync(putOn);
        using var saved = await http.SendAsync(put);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return Studios.ServedBy(saved);
    }

    /// <summary>
    /// Resubmits a waiting step (PollingWaitCallback) until the journey moves on, as an SDK does after each waitTime;
    /// the instances run on the real clock, so this waits on the journey's condition, at most 30 s.
    /// </summary>
    public static async Task PollUntilPastWaitAsync(SignOn signOn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (signOn.IsStep && signOn.CallbackTypes.Contains("PollingWaitCallback"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The journey is still waiting after 30 s: " + signOn.Current.Text);
            await Task.Delay(200);
            await signOn.PollAsync();
        }
    }

    /// <summary>
    /// Signs on through "Login with Push MFA" up to the push: credentials, "get the app", QR code (the app registers),
    /// recovery codes. Returns with the push sent and the sign-on on its Push Wait step. <paramref name="aim"/> is
    /// called before each sign-on step and device request with what comes next, to direct it to an instance.
    /// </summary>
    public async Task<int> SignOnUntilPushAsync(SignOn signOn, AuthenticatorApp app, string user, Func<string, Task>? aim = null)
    {
        aim ??= _ => Task.CompletedTask;
        await aim("start");
        await signOn.StartAsync();
        await aim("credentials");
        await signOn.EnterCredentialsAsync(user, Password);
        await aim("qr");
        await signOn.PressAsync("Continue");
        var uri = signOn.ScanQrCode();
        await aim("register");
        Assert.Equal(200, await app.ScanAndRegisterAsync(uri));
        await aim("registered");
        await signOn.PollAsync();
        signOn.RecoveryCodes();
        await aim("push");
        await signOn.SubmitAsync();
        return int.Parse(signOn.HiddenValue("pushChallengeNumber")!);
    }
}
