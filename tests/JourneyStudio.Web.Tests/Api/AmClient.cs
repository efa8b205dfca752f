using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>A response of the end-user API: status, JSON body (empty object when none) and the raw message.</summary>
public sealed record AmResponse(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Message, string Text)
{
    public string? ErrorMessage => Body["message"]?.GetValue<string>();
}

/// <summary>An AM REST client over real HTTP, speaking like the ForgeRock SDK (headers, echoed steps, cookies).</summary>
public sealed class AmClient : IDisposable
{
    public const string AlphaPath = "json/realms/root/realms/alpha";

    private readonly HttpClient _http;

    public AmClient(StudioServer server) : this(server.BaseAddress)
    {
    }

    /// <param name="baseAddress">The studio (or a proxy in front of several).</param>
    /// <param name="outer">A handler every request passes through first (e.g. one that records responses); it gets the cookie handler as its inner one.</param>
    public AmClient(Uri baseAddress, DelegatingHandler? outer = null)
    {
        Cookies = new CookieContainer();
        HttpMessageHandler handler = new HttpClientHandler { CookieContainer = Cookies, UseCookies = true };
        if (outer is not null)
        {
            outer.InnerHandler = handler;
            handler = outer;
        }
        _http = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    public string? SessionCookie => Cookies.GetCookies(_http.BaseAddress!)["iPlanetDirectoryPro"]?.Value;

    public Task<AmResponse> StartAsync(string? journey, string realmPath = AlphaPath) =>
        PostAsync(AuthenticateUrl(journey, realmPath), "");

    public Task<AmResponse> SubmitAsync(JsonObject step, string? journey = null, string realmPath = AlphaPath) =>
        PostAsync(AuthenticateUrl(journey, realmPath), step.ToJsonString());

    public static string AuthenticateUrl(string? journey, string realmPath = AlphaPath) =>
        journey is null ? $"{realmPath}/authenticate" : $"{realmPath}/authenticate?authIndexType=service&authIndexValue={Uri.EscapeDataString(journey)}";

    public async Task<AmResponse> PostAsync(string url, string body, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("Accept-API-Version", "protocol=1.0,resource=2.1");
        request.Headers.Add("X-Requested-With", "forgerock-sdk");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        return await SendAsync(request);
    }

    public async Task<AmResponse> GetAsync(string url, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        return await SendAsync(request);
    }

    private async Task<AmResponse> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject body;
        try { body = JsonNode.Parse(text) as JsonObject ?? []; }
        catch (System.Text.Json.JsonException) { body = []; }
        return new AmResponse(response.StatusCode, body, response, text);
    }

    /// <summary>A copy of <paramref name="step"/> with the inputs filled in order (callbacks without inputs skipped).</summary>
    public static JsonObject Fill(JsonObject step, params object[] values)
    {
        var copy = (JsonObject)step.DeepClone();
        var next = 0;
        foreach (var callback in copy["callbacks"]!.AsArray())
            if (callback!["input"] is JsonArray inputs && next < values.Length)
                inputs[0]!["value"] = JsonValue.Create(values[next++]);
        return copy;
    }

    /// <summary>Signs on through the plain or page journey with the given password, answering every step.</summary>
    public async Task<AmResponse> SignOnAsync(string journey, string username, string password)
    {
        var step = await StartAsync(journey);
        while (step.Status == HttpStatusCode.OK && step.Body["authId"] is not null)
        {
            var types = step.Body["callbacks"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()).ToList();
            var values = types.Select(t => (object)(t == "PasswordCallback" ? password : username)).ToArray();
            step = await SubmitAsync(Fill(step.Body, values), journey);
        }
        return step;
    }

    public void Dispose() => _http.Dispose();
}
