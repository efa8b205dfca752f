using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

// How fast an attacker on one address can guess, over loopback against a fresh studio with its default settings.
// Talks to the studio only over HTTP (the setup writes users and an OATH device into its stores), so the same file
// measures a build without the brute-force protector: the figures before and after. Each measurement is one client
// guessing as fast as it is answered; "checked" means the server really compared the guess (a right one would pass).
internal static class GuessingBench
{
    private const string Password = "Bench-password-1";
    private const string Realm = "json/realms/root/realms/alpha";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 10;
        // Moved on between the measurements, so that one measurement's address window or lockouts do not spill into the next.
        var clock = new OffsetClock();
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var identities = server.Services.GetRequiredService<IdentityStore>();
        using var http = server.CreateClient();
        http.Timeout = TimeSpan.FromMinutes(2);
        Console.WriteLine($"Guessing over loopback · {Environment.ProcessorCount} cores · {seconds:0} s per run · {DateTime.UtcNow:u}");

        // 1. Spraying: one wrong password each for many usernames from one address; when is a right password refused?
        await identities.CreateAsync(new NewIdentity("bystander", Password));
        var throttledAfter = 0;
        for (var i = 1; i <= 300 && throttledAfter == 0; i++)
        {
            await LoginAsync(http, $"sprayed-{i}", "Wrong-password");
            if (i % 5 == 0 && await LoginAsync(http, "bystander", Password) != HttpStatusCode.OK) throttledAfter = i;
        }
        Console.WriteLine($"Spraying one address:     {(throttledAfter > 0 ? $"refused after {throttledAfter} failures over {throttledAfter} usernames" : "never refused (300 tried)")}");
        clock.Advance(TimeSpan.FromHours(1));

        // 2. Wrong passwords for one user through the Login journey, then the right one.
        await identities.CreateAsync(new NewIdentity("victim", Password));
        var (answered, elapsed) = await GuessForAsync(seconds, async i => await LoginAsync(http, "victim", $"Wrong-{i}") != HttpStatusCode.OK);
        var rightAfter = await LoginAsync(http, "victim", Password) == HttpStatusCode.OK;
        Console.WriteLine($"Login, wrong passwords:   {answered / elapsed,7:0.0} answered/s ({answered} in {elapsed:0.0} s); "
                          + $"the right password after them: {(rightAfter ? "signs on (every guess was checked)" : "refused (locked)")}");

        clock.Advance(TimeSpan.FromHours(1));

        // 3. After how many consecutive failures the lockout engages, as the admin API reports it.
        await identities.CreateAsync(new NewIdentity("counted", Password));
        var lockedAfter = 0;
        for (var k = 1; k <= 30 && lockedAfter == 0; k++)
        {
            await LoginAsync(http, "counted", "Wrong-password");
            if (await IsLockedAsync(http, "counted")) lockedAfter = k;
        }
        Console.WriteLine($"Lockout engages after:    {(lockedAfter > 0 ? $"{lockedAfter} failures" : "never (30 tried)")}");

        clock.Advance(TimeSpan.FromHours(1));

        // 4. One-time codes: a journey of OATH Token Verifier with a Retry Limit of 3 kept on the user, guessed sign-on after sign-on.
        await identities.CreateAsync(new NewIdentity("oath-victim", Password));
        var secret = OathCodes.NewSecret();
        await server.Services.GetRequiredService<DeviceStore>().AddAsync(new MfaDevice
        {
            Username = "oath-victim", Kind = DeviceKind.Oath, Uuid = Guid.NewGuid().ToString(), DeviceName = "Bench",
            ProtectedSecret = server.Services.GetRequiredService<SecretProtector>().Protect(secret),
            OathAlgorithm = "TOTP", HashAlgorithm = "SHA1", Digits = 6, Period = 30,
        });
        await CreateOathJourneyAsync(server.Services.GetRequiredService<JourneyStore>());
        var oath = new OathGuesser(http);
        (answered, elapsed) = await GuessForAsync(seconds, i => oath.GuessAsync($"{(i * 7919) % 1_000_000:D6}"));
        var rightCode = await new OathGuesser(http).GuessAsync(OathCodes.GenerateTotp(secret, clock.GetUtcNow())) is false;
        Console.WriteLine($"OATH, wrong codes:        {answered / elapsed,7:0.0} answered/s ({answered} in {elapsed:0.0} s, {oath.SignOns} sign-ons); "
                          + $"the right code after them: {(rightCode ? "signs on (every guess was checked)" : "refused (locked)")}");

        return 0;
    }

    /// <summary>Calls <paramref name="guess"/> one at a time for <paramref name="seconds"/>; counts the guesses answered.</summary>
    private static async Task<(int Answered, double Seconds)> GuessForAsync(double seconds, Func<int, Task<bool>> guess)
    {
        var stop = Stopwatch.StartNew();
        var answered = 0;
        while (stop.Elapsed.TotalSeconds < seconds)
        {
            await guess(answered);
            answered++;
        }
        return (answered, stop.Elapsed.TotalSeconds);
    }

    private static async Task<HttpStatusCode> LoginAsync(HttpClient http, string username, string password)
    {
        var page = await PostAsync(http, Authenticate("Login"), null);
        var step = Fill(page.Body!, username, password);
        return (await PostAsync(http, Authenticate("Login"), step)).Status;
    }

    private static async Task<bool> IsLockedAsync(HttpClient http, string username)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"admin/api/identities/{username}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        using var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())?["locked"]?.GetValue<bool>() == true;
    }

    private static string Authenticate(string journey) => $"{Realm}/authenticate?authIndexType=service&authIndexValue={Uri.EscapeDataString(journey)}";

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(HttpClient http, string url, JsonObject? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body?.ToJsonString() ?? "", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Accept-API-Version", "protocol=1.0,resource=2.1");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null);
    }

    /// <summary>The step with its callbacks' first inputs filled in order.</summary>
    private static JsonObject Fill(JsonObject step, params object[] values)
    {
        var copy = (JsonObject)step.DeepClone();
        var next = 0;
        foreach (var callback in copy["callbacks"]!.AsArray())
            if (callback!["input"] is JsonArray inputs && next < values.Length)
                inputs[0]!["value"] = JsonValue.Create(values[next++]);
        return copy;
    }

    /// <summary>Keeps a sign-on at the code prompt and submits one code per call; starts a new sign-on when one ends.</summary>
    private sealed class OathGuesser(HttpClient http)
    {
        private JsonObject? _prompt;

        public int SignOns { get; private set; }

        /// <returns>False when the code signed on.</returns>
        public async Task<bool> GuessAsync(string code)
        {
            if (_prompt is null)
            {
                SignOns++;
                var first = await PostAsync(http, Authenticate("BenchOath"), null);
                _prompt = (await PostAsync(http, Authenticate("BenchOath"), Fill(first.Body!, "oath-victim"))).Body;
                if (_prompt?["authId"] is null) { _prompt = null; return true; }
            }
            var answer = Fill(_prompt, code, 0);
            var result = await PostAsync(http, Authenticate("BenchOath"), answer);
            _prompt = result.Status == HttpStatusCode.OK && result.Body?["authId"] is not null ? result.Body : null;
            return !(result.Status == HttpStatusCode.OK && result.Body?["tokenId"] is not null);
        }
    }

    private static async Task CreateOathJourneyAsync(JourneyStore store)
    {
        JourneyNode Node(string id, string type, Dictionary<string, string> connections, Dictionary<string, object?>? config = null) => new()
        {
            Id = id, NodeType = type, DisplayName = type, X = 100, Y = 100,
            Config = NodeConfig.FromObject(config ?? new Dictionary<string, object?>()),
            Connections = connections,
        };
        var user = Node("user", "UsernameCollectorNode", new() { ["outcome"] = "verify" });
        var verify = Node("verify", "OathTokenVerifierNode", new()
        {
            ["successOutcome"] = StaticNodeIds.Success, ["failureOutcome"] = "retry", ["notRegisteredOutcome"] = StaticNodeIds.Failure,
        });
        var retry = Node("retry", "RetryLimitDecisionNode", new() { ["Retry"] = "verify", ["Reject"] = StaticNodeIds.Failure },
            new() { ["retryLimit"] = 3, ["incrementUserAttributeOnFailure"] = true });
        await store.CreateAsync(new Journey { Name = "BenchOath", EntryNodeId = user.Id, Nodes = [user, verify, retry] }, "bench");
    }

    private sealed class OffsetClock : TimeProvider
    {
        private long _offsetTicks;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
