using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Testing;
using JourneyStudio.Web.Api;
using Xunit.Abstractions;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Web.Tests.BadInput.Fuzz;

/// <summary>
/// Posts damaged bodies (<see cref="BodyMutator"/>) to every endpoint of the end-user, device, hosted-page,
/// virtual-authenticator and admin API families, as the app lists them, and requires that none is answered
/// with a 5xx and every refusal is JSON in the family's error shape. Deterministic: each body comes from a seed
/// derived from the endpoint, the seed body, the round and the kind of damage, printed with any failure.
/// </summary>
public sealed class EndpointFuzzTests(BadInputServerFixture fixture, ITestOutputHelper output) : IClassFixture<BadInputServerFixture>
{
    // The end-user and device endpoints answer in milliseconds and parse the most untrusted input: many rounds.
    // Each admin request verifies the admin's password (PBKDF2, by design slow): one round of every kind there.
    private const int EndUserRounds = 6;
    private const int AdminRounds = 1;

    /// <summary>Endpoints that read no body get the kinds of damage that matter to a server that skips it.</summary>
    private static readonly Mutation[] BodylessMutations =
        [Mutation.LoneSurrogateInValue, Mutation.DuplicateKey, Mutation.InvalidUtf8, Mutation.Truncation, Mutation.DeepNesting, Mutation.VeryLongString];

    [Fact]
    public void EveryApiEndpoint_HasFuzzSeeds()
    {
        var endpoints = ApiEndpoint.All(fixture.Server.Services).Select(e => e.Key).ToList();

        Assert.Empty(endpoints.Except(FuzzTargets.Seeds.Keys));
        Assert.Empty(FuzzTargets.Seeds.Keys.Except(endpoints)); // no stale entry for an endpoint that is gone
        Assert.Contains("POST /json/realms/root/realms/{realm}/push/sns/message", endpoints);
        Assert.Contains("GET /virtual-authenticator/api/inbox/{deviceToken}", endpoints);
    }

    [Fact]
    public async Task DamagedBodies_ToEveryApiEndpoint_AreNever5xx_AndRefusalsAreInTheFamilysShape()
    {
        using var live = await LiveSeeds.CreateAsync(fixture);
        using var anonymous = fixture.Anonymous();
        using var admin = fixture.Admin();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        var clock = Stopwatch.StartNew();

        foreach (var endpoint in ApiEndpoint.All(fixture.Server.Services))
        {
            var method = endpoint.Method == "*" ? HttpMethod.Post : new HttpMethod(endpoint.Method);
            var readsBody = endpoint.Method is "POST" or "PUT";
            var rounds = !readsBody ? 1 : endpoint.Family.Shape == ErrorShape.Admin ? AdminRounds : EndUserRounds;
            var mutations = readsBody ? Enum.GetValues<Mutation>() : BodylessMutations;
            var seeds = FuzzTargets.Seeds[endpoint.Key];
            for (var s = 0; s < seeds.Length; s++)
                for (var round = 0; round < rounds; round++)
                    foreach (var mutation in mutations)
                    {
                        var seed = StableSeed($"{endpoint.Key}|{s}|{round}|{mutation}");
                        var body = new BodyMutator(seed).Mutate(await live.MaterializeAsync(seeds[s].Body), mutation);
                        var client = endpoint.Family.Shape == ErrorShape.Admin ? admin : anonymous;
                        var reply = await RawReply.SendAsync(client, method, FuzzTargets.PathOf(endpoint) + seeds[s].Query, body);
                        sent++;
                        statuses[reply.Status] = statuses.GetValueOrDefault(reply.Status) + 1;
                        if (Problem(reply, endpoint.Family) is { } problem)
                            failures.Add($"{endpoint.Key}{seeds[s].Query} {mutation} (seed {seed}, {body.Length} bytes): {problem}");
                    }
        }

        var fiveHundreds = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        output.WriteLine($"{sent} fuzzed bodies to {FuzzTargets.Seeds.Count} endpoints in {clock.Elapsed.TotalSeconds:F0} s: {fiveHundreds} × 5xx.");
        output.WriteLine("Statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers were wrong:\n" + string.Join("\n", failures.Take(25)));
        Assert.True(sent >= 1500, $"only {sent} bodies were sent");
    }

    /// <summary>What is wrong with an answer, or null.</summary>
    private static string? Problem(RawReply reply, EndpointFamily family)
    {
        if (reply.Status >= 500) return $"a {reply.Status}: {reply}";
        if (reply.Status < 400) return null;
        if (reply.Text.Contains("   at ", StringComparison.Ordinal) || reply.Text.Contains("Exception", StringComparison.Ordinal))
            return $"details leaked: {reply}";
        if (family.Shape == ErrorShape.OAuth)
            // OAuth's {error, error_description}, or the provider's error page for a browser request it cannot send back.
            return reply.MediaType == "text/html" && reply.Status == 400 && reply.Text.Contains("oauth-error", StringComparison.Ordinal)
                   || reply.MediaType == "application/json" && reply.Json is JsonObject oauth && oauth["error"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? null
                : $"not OAuth's error shape: {reply}";
        if (reply.MediaType != "application/json" || reply.Json is not JsonObject body) return $"a {reply.Status} that is not a JSON object: {reply}";
        if ((int?)body["code"] != reply.Status || body["reason"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
            || body["message"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
            return $"not the {family.Name}'s error shape: {reply}";
        if (family.Shape == ErrorShape.Admin && body["errors"] is { } errors
            && (errors is not JsonArray list || list.Any(e => e?["path"] is null || e["message"] is null)))
            return $"admin errors are not [{{path, message}}]: {reply}";
        if (reply.Text.Contains("   at ", StringComparison.Ordinal) || reply.Text.Contains("Exception", StringComparison.Ordinal))
            return $"details leaked: {reply}";
        return null;
    }

    /// <summary>FNV-1a, so that a seed is the same in every run (string.GetHashCode is not).</summary>
    private static int StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }

    /// <summary>Seeds that need server state: a step of a started sign-on, pending push messages, a registered device.</summary>
    private sealed class LiveSeeds(BadInputServerFixture fixture, PushTestDevice phone, HttpClient http) : IDisposable
    {
        public void Dispose() => http.Dispose();

        public static async Task<LiveSeeds> CreateAsync(BadInputServerFixture fixture)
        {
            var phone = PushTestDevice.WithNewSecret();
            var client = fixture.Anonymous();
            var seeds = new LiveSeeds(fixture, phone, client);
            // A registered device for the refresh seed.
            var registered = await RawReply.PostAsync(client, "json/realms/root/realms/alpha/push/sns/message?_action=register", await seeds.RegisterAsync());
            Assert.Equal(200, registered.Status);
            return seeds;
        }

        public async Task<string> MaterializeAsync(string body) => body switch
        {
            FuzzTargets.LiveStep => await StepAsync(),
            FuzzTargets.LiveRegister => await RegisterAsync(),
            FuzzTargets.LiveAuthenticate => await AuthenticateAsync(),
            FuzzTargets.LiveRefresh => new JsonObject
            {
                ["mechanismUid"] = phone.MechanismUid,
                ["username"] = "alice",
                ["jwt"] = phone.RefreshJwt(phone.DeviceToken),
            }.ToJsonString(),
            _ => body,
        };

        private async Task<string> StepAsync()
        {
            var started = await RawReply.PostAsync(http,
                $"json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue={Uri.EscapeDataString(SignOnJourneys.Plain)}", "");
            Assert.Equal(200, started.Status);
            var step = (JsonObject)started.Json!;
            step["callbacks"]![0]!["input"]![0]!["value"] = SignOnJourneys.Username;
            return step.ToJsonString();
        }

        private async Task<string> RegisterAsync()
        {
            var (id, challenge) = await PushTestMessages.CreateAsync(fixture.Server.Services, StoredKind.Register, phone.Secret);
            return new JsonObject { ["messageId"] = id, ["jwt"] = phone.RegistrationJwt(challenge) }.ToJsonString();
        }

        private async Task<string> AuthenticateAsync()
        {
            var (id, challenge) = await PushTestMessages.CreateAsync(fixture.Server.Services, StoredKind.Authenticate, phone.Secret);
            return new JsonObject { ["messageId"] = id, ["jwt"] = phone.AuthenticationJwt(challenge, number: "42") }.ToJsonString();
        }
    }
}
