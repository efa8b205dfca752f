using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

// `tokens [seconds]`: the plain Login journey's sign-ons and the OpenID Connect token endpoint (TokenBench), at the same
// concurrencies in one run, each token figure as a ratio to the sign-ons.
internal static class TokenBenchProgram

{
    private const string Password = "Bench-password-1";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 8;
        var concurrencies = new[] { 1, 16, 64 };

        await using var server = StudioServer.Start(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Error",
            // As in the load benchmark: every bench client comes from 127.0.0.1, which stands for many users' addresses.
            ["JourneyStudio:BruteForce:AddressMaxFailures"] = "1000000",
        });
        var identities = server.Services.GetRequiredService<IdentityStore>();
        for (var i = 0; i < 64; i++)
            await identities.CreateAsync(new NewIdentity($"bench{i}", Password, "Bench", $"User {i}"));

        Console.WriteLine($"JourneyStudio token benchmark · {Environment.ProcessorCount} cores · {seconds:0} s per measurement · {DateTime.UtcNow:u}");
        Console.WriteLine();
        Console.WriteLine("plain Login journey (start, then username+password on one Page step):");
        Console.WriteLine($"{"clients",8} {"sign-ons/s",11} {"start p50",10} {"start p99",10} {"submit p50",11} {"submit p99",11}");
        var signOnsPerSecond = new Dictionary<int, double>();
        foreach (var clients in concurrencies)
        {
            var run = await RunAsync(server, clients, seconds, SignOnAsync);
            signOnsPerSecond[clients] = run.PerSecond;
            Console.WriteLine($"{clients,8} {run.PerSecond,11:0.0} {run.P(0, 50),10} {run.P(0, 99),10} {run.P(1, 50),11} {run.P(1, 99),11}");
        }
        await TokenBench.RunAsync(server, seconds, concurrencies, signOnsPerSecond,
            async (http, client) => await SignOnTokenAsync(http, client, [new List<double>(), new List<double>()]));
        return 0;
    }

    private static async Task<Run> RunAsync(StudioServer server, int clients, double seconds, Func<HttpClient, int, List<double>[], Task<bool>> work)
    {
        var latencies = new[] { new List<double>(), new List<double>() };
        var completed = 0;
        var failures = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            using var http = server.CreateClient();
            var mine = new[] { new List<double>(), new List<double>() };
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                if (await work(http, client, mine)) Interlocked.Increment(ref completed);
                else Interlocked.Increment(ref failures);
            }
            lock (latencies) { latencies[0].AddRange(mine[0]); latencies[1].AddRange(mine[1]); }
        }));
        if (failures > 0) Console.WriteLine($"   ({failures} runs failed)");
        return new Run(completed / stop.Elapsed.TotalSeconds, latencies, stop.Elapsed.TotalSeconds);
    }

    private static async Task<bool> SignOnAsync(HttpClient http, int client, List<double>[] latencies) =>
        await SignOnTokenAsync(http, client, latencies) is not null;

    /// <summary>One sign-on through Login; its tokenId, or null when it failed.</summary>
    private static async Task<string?> SignOnTokenAsync(HttpClient http, int client, List<double>[] latencies)
    {
        const string url = "json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login";
        var watch = Stopwatch.StartNew();
        var step = await PostAsync(http, url, new JsonObject());
        latencies[0].Add(watch.Elapsed.TotalMilliseconds);
        if (step?["callbacks"] is not JsonArray callbacks) return null;
        foreach (var callback in callbacks)
        {
            var input = callback!["input"]![0]!;
            input["value"] = callback["type"]!.GetValue<string>() == "NameCallback" ? $"bench{client % 64}" : Password;
        }
        watch.Restart();
        var result = await PostAsync(http, url, step);
        latencies[1].Add(watch.Elapsed.TotalMilliseconds);
        return (string?)result?["tokenId"];
    }


    private static async Task<JsonObject?> PostAsync(HttpClient http, string url, JsonObject body)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        try { return await response.Content.ReadFromJsonAsync<JsonObject>(); }
        catch (JsonException) { return null; }
    }


}

/// <param name="PerSecond">Completed runs (a whole sign-on, or a start plus its polls) per second.</param>
/// <param name="Seconds">How long the measurement took.</param>
sealed record Run(double PerSecond, List<double>[] Latencies, double Seconds)
{
    /// <summary>Measured requests of step <paramref name="step"/> per second.</summary>
    public double StepsPerSecond(int step) => Latencies[step].Count / Seconds;

    public string P(int step, int percentile)
    {
        var values = Latencies[step];
        if (values.Count == 0) return "-";
        values.Sort();
        return $"{values[Math.Min(values.Count - 1, (int)Math.Ceiling(percentile / 100.0 * values.Count) - 1)]:0.0} ms";
    }
}
