using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.OpenIdConnect.Clients;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

// The OpenID Connect provider's token endpoint under load, next to the authenticate step's sign-ons: client
// credentials (a confidential client: secret check, a signed JWT, a token row), and the authorization code flow of a
// public client on an existing SSO session (authorize, then the code exchange with PKCE).
internal static class TokenBench
{
    private const string Realm = "oauth2/realms/root/realms/alpha";
    private const string Secret = "bench-client-secret-0123456789";
    private const string Redirect = "http://127.0.0.1:9/callback";

    public static async Task RunAsync(StudioServer server, ResourceMonitor monitor, double seconds, int[] concurrencies,
        IReadOnlyDictionary<int, double> signOnsPerSecond, Func<HttpClient, int, Task<string?>> signOn)
    {
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<OAuthClientAdminService>();
            var actor = new AuditActor("bench", AuditChannels.CommandLine);
            await admin.CreateAsync(new OAuthClientRequest("bench-backend", Secret, [], null, ["profile"], null, "Bench back end"), actor);
            await admin.CreateAsync(new OAuthClientRequest("bench-spa", null, [Redirect], null, ["openid", "profile"], ["Login"], "Bench SPA",
                DefaultJourney: "Login", FirstParty: true), actor);
        }

        Console.WriteLine();
        Console.WriteLine("token endpoint, client_credentials (confidential client: secret check, signed JWT access token):");
        Console.WriteLine($"{"clients",8} {"tokens/s",11} {"÷ sign-on/s",12} {"p50",10} {"p99",10}");
        foreach (var clients in concurrencies)
        {
            var run = await MeasureAsync(server, monitor, clients, seconds, (_, _) => Task.FromResult<string?>(""), ClientCredentialsAsync);
            Console.WriteLine($"{clients,8} {run.PerSecond,11:0.0} {run.PerSecond / signOnsPerSecond[clients],12:0.00} {LoadBench.Ms(run.P(50)),10} {LoadBench.Ms(run.P(99)),10}");
        }

        Console.WriteLine();
        Console.WriteLine("authorization code + PKCE on an SSO session (public client: authorize, then the code exchange; ID + access token):");
        Console.WriteLine($"{"clients",8} {"codes/s",11} {"÷ sign-on/s",12} {"authz p50",10} {"authz p99",10} {"token p50",10} {"token p99",10}");
        foreach (var clients in concurrencies)
        {
            var run = await MeasureAsync(server, monitor, clients, seconds, signOn, CodeExchangeAsync);
            Console.WriteLine($"{clients,8} {run.PerSecond,11:0.0} {run.PerSecond / signOnsPerSecond[clients],12:0.00} {LoadBench.Ms(run.P(50, 0)),10} {LoadBench.Ms(run.P(99, 0)),10} {LoadBench.Ms(run.P(50, 1)),10} {LoadBench.Ms(run.P(99, 1)),10}");
        }
    }

    /// <param name="prepare">
    /// Once per client before the clock runs (a sign-on whose session the client keeps), each client as its own user: parallel
    /// checks of one user's password beyond the lockout budget are refused like a lock.
    /// </param>
    private static async Task<LoadRun> MeasureAsync(StudioServer server, ResourceMonitor monitor, int clients, double seconds,
        Func<HttpClient, int, Task<string?>> prepare, Func<HttpClient, Record, Task<bool>> work)
    {
        var run = await LoadRunner.MeasureAsync(server, monitor, clients, seconds, (http, _, record, _) => work(http, record), countRuns: true,
            connect: async client =>
            {
                var cookies = new CookieContainer();
                var http = LoadRunner.WithLongTimeout(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress });
                if (await prepare(http, client) is { Length: > 0 } tokenId) cookies.Add(server.BaseAddress, new Cookie("iPlanetDirectoryPro", tokenId, "/"));
                return http;
            });
        if (run.Failures > 0) Console.WriteLine($"   ({run.Failures} runs failed)");
        return run;
    }

    private static async Task<bool> ClientCredentialsAsync(HttpClient http, Record record)
    {
        var watch = Stopwatch.StartNew();
        var tokens = await PostFormAsync(http, $"{Realm}/access_token",
            ("grant_type", "client_credentials"), ("client_id", "bench-backend"), ("client_secret", Secret));
        record(watch.Elapsed.TotalMilliseconds, 0);
        return tokens?["access_token"] is not null;
    }

    private static async Task<bool> CodeExchangeAsync(HttpClient http, Record record)
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var watch = Stopwatch.StartNew();
        using var authorize = await http.GetAsync($"{Realm}/authorize?response_type=code&client_id=bench-spa&redirect_uri={Uri.EscapeDataString(Redirect)}" +
                                                  $"&scope=openid%20profile&state=s&code_challenge={challenge}&code_challenge_method=S256");
        record(watch.Elapsed.TotalMilliseconds, 0);
        if (authorize.StatusCode != HttpStatusCode.Redirect || authorize.Headers.Location is not { IsAbsoluteUri: true } location
            || !QueryHelpers.ParseQuery(location.Query).TryGetValue("code", out var code)) return false;
        watch.Restart();
        var tokens = await PostFormAsync(http, $"{Realm}/access_token", ("grant_type", "authorization_code"), ("client_id", "bench-spa"),
            ("code", code.ToString()), ("redirect_uri", Redirect), ("code_verifier", verifier));
        record(watch.Elapsed.TotalMilliseconds, 1);
        return tokens?["id_token"] is not null;
    }

    private static async Task<JsonObject?> PostFormAsync(HttpClient http, string path, params (string Name, string Value)[] form)
    {
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text) as JsonObject : null;
    }
}
